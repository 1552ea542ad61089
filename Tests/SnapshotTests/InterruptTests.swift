import ArchiveStore
import Foundation
import Hummingbird
import JobArchiveTestSupport
import Replay
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `jobarchive` process started in the background, its stderr kept in a file.
final class BackgroundRun {
    let process = Process()
    let stderrPath: String

    init(_ arguments: [String], in dir: TemporaryDirectory) throws {
        stderrPath = dir.path("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = CommandRunner.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Sends `signal` and waits (at most `limit` seconds, then SIGKILL) for the exit; returns the seconds it took.
    func interrupt(_ signal: Int32, limit: Double = 30) async throws -> Double {
        kill(process.processIdentifier, signal)
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < limit {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let took = Date().timeIntervalSince(start)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return took
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}

@Suite("SIGINT and SIGTERM stop a snapshot cleanly: partial capture, exit 130/143, resume to the same digest")
struct InterruptTests {
    @Test("interrupted twice mid-crawl (SIGINT, then SIGTERM), the archive verifies each time and the resumed run reaches the uninterrupted digest")
    func interruptAndResume() async throws {
        let binary = CommandRunner.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "the jobarchive binary is built by `swift build`")
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 8, logBytes: 2_000_000)
        let project = try SnapshotHarness.projectID(source)
        let expected = try Archive.open(at: source).contentDigest()
        let output = dir.path("interrupted.sqlite")
        try await SnapshotHarness.serve(source) { url in
            // Paced to 20 requests a second, so the crawl is still running when the signal comes.
            let args = ["snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-redact", "--quiet", "--max-rps", "20"]
            var storedLines = 0
            for (round, signal) in [(1, SIGINT), (2, SIGTERM)] {
                let run = try BackgroundRun(args, in: dir)
                // Signal once this run has stored new log lines (however busy the machine is).
                let deadline = Date().addingTimeInterval(120)
                while run.process.isRunning, Date() < deadline {
                    // try?: the archive may not exist yet, or be mid-creation; poll again.
                    let lines = FileManager.default.fileExists(atPath: output) ? ((try? Archive.open(at: output).statistics().logLines) ?? 0) : 0
                    if lines > storedLines { break }
                    try await Task.sleep(nanoseconds: 20_000_000)
                }
                #expect(run.process.isRunning, "round \(round): the crawl was still running when signalled")
                let took = try await run.interrupt(signal)
                #expect(run.process.terminationReason == .exit, "round \(round): exited, not killed by the signal")
                #expect(run.process.terminationStatus == 128 + signal, "round \(round): \(run.stderr)")
                #expect(run.stderr.contains("jobarchive: interrupted; run the same command again to resume"), "round \(round): \(run.stderr)")
                #expect(took < 10, "round \(round): stopped \(took) s after the signal")
                let archive = try Archive.open(at: output)
                let verify = try archive.verify()
                #expect(verify.ok, "round \(round): \(verify.failures)")
                let last = try #require(try archive.captures.list().last)
                #expect(last.status == "partial", "round \(round)")
                #expect(last.counts.contains(#""interrupted":1"#), "round \(round): \(last.counts)")
                storedLines = try archive.statistics().logLines
            }
            let final = try await CommandRunner.runAsync(["snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-redact", "--quiet"])
            #expect(final.status == 0, "\(final.stderr)")
        }
        let resumed = try Archive.open(at: output)
        #expect(try resumed.contentDigest() == expected)
        #expect(try resumed.verify().ok)
        #expect(try resumed.captures.list().count == 3)
    }

    @Test("a request hanging upstream does not hold the stop back: SIGINT ends the run long before the answer would come")
    func interruptDuringSlowRequest() async throws {
        let dir = try TemporaryDirectory()
        let output = dir.path("slow.sqlite")
        let arrived = RequestCounter()
        let router = Router()
        router.get("/v1/p1/training-jobs") { _, _ -> Response in
            await arrived.add()
            // try?: the server's own shutdown may cancel the wait; the answer is never read anyway.
            try? await Task.sleep(nanoseconds: 8_000_000_000)
            return LoopbackUpstream.json(#"{"is_success":true,"job_total_count":0,"jobs":[]}"#)
        }
        try await LoopbackUpstream.run(router) { url in
            let run = try BackgroundRun(["snapshot", "--endpoint", url, "--project-id", "p1", "-o", output, "--quiet"], in: dir)
            let deadline = Date().addingTimeInterval(120)
            while await arrived.count == 0, run.process.isRunning, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
            let took = try await run.interrupt(SIGINT)
            #expect(run.process.terminationReason == .exit, "exited, not killed by the signal")
            #expect(run.process.terminationStatus == 130, "\(run.stderr)")
            #expect(took < 5, "stopped \(took) s after SIGINT; the upstream answers after 8 s")
            #expect(run.stderr.contains("interrupted; run the same command again to resume"), "\(run.stderr)")
            // Nothing was listed, so the first run leaves no archive behind (as a failed first run does).
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }
}
