import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Replay
import Snapshot
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Crash safety: SIGKILL at random moments, then resume")
struct ResumeTests {
    @Test("the snapshot binary killed 10 times: the archive verifies after each, and resuming ends with the uninterrupted digest")
    func killAndResume() async throws {
        let binary = CommandRunner.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "the jobarchive binary is built by `swift build`")
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 10, logBytes: 3_000_000)
        let project = try SnapshotHarness.projectID(source)
        let expected = try Archive.open(at: source).contentDigest()
        let output = dir.path("killed.sqlite")
        let outcome = try await SnapshotHarness.serve(source) { url -> [String] in
            var notes: [String] = []
            var seed: UInt64 = 20261130
            for round in 0..<10 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let delay = 0.15 + Double(seed >> 40 % 1000) / 1000.0 * 1.2  // 0.15 … 1.35 s
                let process = Process()
                process.executableURL = binary
                process.arguments = ["snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-redact", "--quiet", "--concurrency", "4"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                let wasRunning = process.isRunning
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                notes.append("round \(round): killed after \(String(format: "%.2f", delay)) s (\(wasRunning ? "running" : "already done"))")
                if FileManager.default.fileExists(atPath: output) {
                    let report = try Archive.open(at: output).verify()
                    #expect(report.ok, "round \(round): \(report.failures)")
                }
            }
            // The run that is not interrupted.
            let final = try await CommandRunner.runAsync(["snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-redact", "--quiet"])
            #expect(final.status == 0, "\(final.stderr)")
            return notes
        }
        let resumed = try Archive.open(at: output)
        #expect(try resumed.contentDigest() == expected, "\(outcome.joined(separator: "; "))")
        #expect(try resumed.verify().ok)
        #expect(try resumed.captures.list().count >= 2)
    }
}

@Suite("Crash safety of the v2 crawl: SIGKILL at random moments, then resume")
struct V2ResumeTests {
    @Test("a v2 snapshot killed 8 times: the archive verifies after each, and resuming ends with an uninterrupted run's digest")
    func killAndResumeV2() async throws {
        let binary = CommandRunner.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "the jobarchive binary is built by `swift build`")
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 60)
        let output = dir.path("killed-v2.sqlite")
        let clean = dir.path("clean-v2.sqlite")
        let arguments: @Sendable (String, String) -> [String] = { url, out in
            ["snapshot", "--endpoint", url, "--project-id", V2Fixture.projectID, "-o", out, "--api", "v2", "--no-redact", "--quiet", "--concurrency", "4"]
        }
        let notes = try await SnapshotHarness.serve(source) { url -> [String] in
            let uninterrupted = try await CommandRunner.runAsync(arguments(url, clean))
            #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
            var notes: [String] = []
            var seed: UInt64 = 20261203
            for round in 0..<8 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let delay = 0.05 + Double(seed >> 40 % 1000) / 1000.0 * 0.6  // 0.05 … 0.65 s
                let process = Process()
                process.executableURL = binary
                process.arguments = arguments(url, output)
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                let wasRunning = process.isRunning
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                notes.append("round \(round): killed after \(String(format: "%.2f", delay)) s (\(wasRunning ? "running" : "already done"))")
                if FileManager.default.fileExists(atPath: output) {
                    let report = try Archive.open(at: output).verify()
                    #expect(report.ok, "round \(round): \(report.failures)")
                }
            }
            let final = try await CommandRunner.runAsync(arguments(url, output))
            #expect(final.status == 0, "\(final.stderr)")
            return notes
        }
        #expect(notes.filter { $0.hasSuffix("(running)") }.count >= 4, "most rounds kill a running crawl: \(notes)")
        let resumed = try Archive.open(at: output)
        #expect(try resumed.contentDigest() == Archive.open(at: clean).contentDigest(), "\(notes.joined(separator: "; "))")
        #expect(try resumed.verify().ok)
        for (i, job) in V2Fixture.jobs(60).enumerated() {
            for file in try resumed.logs.files(v2JobID: job.id) {
                #expect(try resumed.logs.content(fileID: file.id) == V2Fixture.taskLog(index: i, task: file.fileName), "\(job.id)/\(file.fileName)")
            }
        }
    }
}

@Suite("An upstream that changes between runs")
struct ChangingUpstreamTests {
    /// Adds capture 2 to a sample archive: one job gone, one version added, one running log grown.
    static func evolve(_ path: String) throws -> (removedJob: String, addedVersion: String, grownFile: String) {
        let archive = try Archive.open(at: path, mode: .readWrite)
        let capture = try archive.captures.begin(source: "evolve")
        // A job disappears.
        let jobList = try #require(try archive.lists.render("training-jobs"))
        let ranges = try #require(try RawJSON.arrayElements(jobList, key: "jobs"))
        let last = try #require(ranges.last)
        let before = ranges[ranges.count - 2]
        var shorter = Array(jobList[..<before.upperBound])
        shorter += jobList[last.upperBound...]
        let removed = try #require(try RawJSON.parse(Array(jobList[last])).self["job_id"]?.int64)
        let keys = try archive.lists.put(listKey: "training-jobs", body: shorter, itemsKey: "jobs", itemKind: .job, capture: capture) {
            $0["job_id"]?.int64.map(String.init)
        }
        try archive.entities.markMissing(kind: .job, present: Set(keys), capture: capture)
        // A version is added to the first synthetic job (a copy of its newest version, renumbered).
        let jobID = try #require(keys.first { $0 != "10" })
        let versions = try #require(try archive.lists.render("versions/\(jobID)"))
        let vRanges = try #require(try RawJSON.arrayElements(versions, key: "versions"))
        let newest = Array(versions[vRanges[0]])
        let newestID = try #require(try RawJSON.parse(newest)["version_id"]?.int64)
        let newID = newestID + 1000
        let copy = Array(String(decoding: newest, as: UTF8.self)
            .replacingOccurrences(of: "\"version_id\":\(newestID)", with: "\"version_id\":\(newID)")
            .replacingOccurrences(of: "\"version_id\": \(newestID)", with: "\"version_id\": \(newID)").utf8)
        #expect(copy != newest)
        var grownList = Array(versions[..<vRanges[0].lowerBound]) + copy + Array(",".utf8)
        grownList += versions[vRanges[0].lowerBound...]
        try archive.lists.put(listKey: "versions/\(jobID)", body: grownList, itemsKey: "versions", itemKind: .version, capture: capture) {
            $0["version_id"]?.int64.map { "\(jobID)/\($0)" }
        }
        let detail = try #require(try archive.entities.entity(kind: .versionDetail, key: "\(jobID)/\(newestID)")?.raw)
        let newDetail = Array(String(decoding: detail, as: UTF8.self)
            .replacingOccurrences(of: "\"version_id\":\(newestID)", with: "\"version_id\":\(newID)")
            .replacingOccurrences(of: "\"version_id\": \(newestID)", with: "\"version_id\": \(newID)").utf8)
        try archive.entities.put(kind: .versionDetail, key: "\(jobID)/\(newID)", raw: newDetail, capture: capture)
        try archive.entities.put(kind: .logFileList, key: "\(jobID)/\(newID)", raw: Array(#"{"is_success":true,"log_file_list":["new.0"]}"#.utf8), capture: capture)
        try archive.logs.write(jobID: Int64(jobID) ?? 0, versionID: newID, fileName: "new.0", content: Array("a new version's log\nsecond line\n".utf8), capture: capture)
        // A running version's log grows; its unfinished last line is finished first. As a real second crawl
        // would, capture 2 records the page that ended in that line again, now with the finished line.
        var grown = ""
        for file in try archive.logs.files() where !file.complete && file.lineCount > 10 {
            var more = try archive.logs.content(fileID: file.id)
            if more.last != 0x0A { more += Array(" (finished later)\n".utf8) }
            for i in 0..<700 { more += Array("step \(i) after the first capture loss=0.\(i)\n".utf8) }
            let info = try archive.logs.write(jobID: file.jobID, versionID: file.versionID, fileName: file.fileName, content: more, capture: capture, complete: false)
            if !file.endsWithNewline, let last = try archive.pages.list(fileID: file.id).max(by: { $0.firstLine + $0.lineCount < $1.firstLine + $1.lineCount }),
                let start = last.startLine, let end = last.endLine.flatMap(UInt64.init)
            {
                let count = min(last.linesRequested ?? 500, info.lineCount - last.firstLine)
                let lines = try archive.logs.readLines(fileID: file.id, range: last.firstLine..<(last.firstLine + count))
                let newEnd = String(end + UInt64(count - last.lineCount) * 1_000_000)
                let body = V1LogPage.renderBody(startLine: start, endLine: newEnd, lines: count, content: PageStore.content(lines, style: last.style))
                try archive.pages.record(
                    fileID: file.id, capture: capture, request: PageRequest(baseLine: last.baseLine, order: last.order, lines: last.linesRequested),
                    body: body, firstLine: last.firstLine, lineCount: count, style: last.style)
            }
            grown = "\(file.jobID)/\(file.versionID)/\(file.fileName)"
            break
        }
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return (String(removed), "\(jobID)/\(newID)", grown)
    }

    @Test("a log grows, a version is added, a job disappears: the archive follows, nothing is lost")
    func evolving() async throws {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 6, logBytes: 400_000)
        // The state before the changes, as its own file: logs are current-state in an archive.
        let before = dir.path("before.sqlite")
        try FileManager.default.copyItem(atPath: source, toPath: before)
        let changes = try ChangingUpstreamTests.evolve(source)
        #expect(!changes.grownFile.isEmpty, "the sample has a running version with a log")
        let project = try SnapshotHarness.projectID(source)
        let output = dir.path("followed.sqlite")
        let first = try await SnapshotHarness.serve(before) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: output)
        }
        let second = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: output)
        }
        let original = try Archive.open(at: source)
        #expect(first.digest == (try Archive.open(at: before).contentDigest()))
        #expect(second.digest == (try original.contentDigest()), "\(second.gaps)")
        let copy = try Archive.open(at: output)
        #expect(try copy.entities.entity(kind: .job, key: changes.removedJob)?.deleted == true)
        #expect(try copy.entities.entity(kind: .job, key: changes.removedJob, asOf: 1)?.deleted == false, "kept in history")
        #expect(try copy.entities.entity(kind: .version, key: changes.addedVersion) != nil)
        let parts = changes.grownFile.split(separator: "/", maxSplits: 2).map(String.init)
        let grown = try #require(try copy.logs.file(jobID: Int64(parts[0]) ?? 0, versionID: Int64(parts[1]) ?? 0, fileName: parts[2]))
        #expect(grown.firstCaptureID == 1)
        #expect(second.logLines >= 700, "\(second)")
        let report = try copy.verify()
        #expect(report.ok, "\(report.failures)")
    }
}
