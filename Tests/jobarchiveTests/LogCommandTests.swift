import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("log")
struct LogCommandTests {
    @Test("log streams the archived bytes exactly, whole or in part")
    func exactBytes() async throws {
        let contents = try Fixtures.logContents(Fixtures.sample)
        let seed = try #require(contents["10/10/log1.log"])
        let all = await CLI.run(["log", Fixtures.sample, "10", "10"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout == seed)
        #expect(try await CLI.run(["log", Fixtures.sample, "10/10"]).stdout == seed)
        #expect(try await CLI.run(["log", Fixtures.sample, "testModelArtsJob"]).stdout == seed)
        let lines = splitLines(seed)
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--head", "2"]).stdout == Array(lines[0..<2].joined()))
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--tail", "3"]).stdout == Array(lines[(lines.count - 3)...].joined()))
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--lines", "3:4"]).stdout == Array(lines[2..<4].joined()))
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--lines", "5"]).stdout == lines[4])
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--lines", "8:"]).stdout == Array(lines[7...].joined()))
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--lines", ":2"]).stdout == Array(lines[0..<2].joined()))
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--lines", "8:1000"]).stdout == Array(lines[7...].joined()))
        #expect(try await CLI.run(["log", Fixtures.sample, "10", "10", "--tail", "0"]).stdout == [])
    }

    @Test("every log of the sample comes back byte-exact, whichever worker")
    func everyWorker() async throws {
        let archive = try Archive.open(at: Fixtures.sample)
        for file in try archive.logs.files() where file.byteCount > 0 {
            let r = await CLI.run(["log", Fixtures.sample, "\(file.jobID)/\(file.versionID)", "--file", file.fileName])
            #expect(r.status == 0, "\(file.fileName): \(r.stderr)")
            #expect(r.stdout == (try archive.logs.content(fileID: file.id)), "\(file.jobID)/\(file.versionID)/\(file.fileName)")
        }
        let worker2 = await CLI.run(["log", Fixtures.sample, "571581", "1112489", "--worker", "2"])
        let file2 = try #require(try archive.logs.file(jobID: 571581, versionID: 1112489, fileName: "job-bert-finetune-cls.2"))
        #expect(worker2.stdout == (try archive.logs.content(fileID: file2.id)))
        let list = try await CLI.run(["log", Fixtures.sample, "571581", "1112489", "--list", "--json"]).array()
        #expect(list.map { $0["file_name"] as? String } == (0..<4).map { "job-bert-finetune-cls.\($0)" })
    }

    @Test("bad input: unknown file or worker, bad --lines, past the end, no logs")
    func badInput() async throws {
        let file = await CLI.run(["log", Fixtures.sample, "10", "10", "--file", "nope.log"])
        #expect(file.status == 1)
        #expect(file.stderr == "jobarchive: no log file 'nope.log' in job 10 version 10; files: log1.log\n")
        let worker = await CLI.run(["log", Fixtures.sample, "571581", "1112679", "--worker", "7"])
        #expect(worker.status == 1)
        #expect(worker.stderr.contains("no worker 7 in job 571581 version 1112679; workers: 0, 1"))
        for bad in ["0:3", "5:3", "a:b", "1:2:3", ":", "-1", "3:-5"] {
            let r = await CLI.run(["log", Fixtures.sample, "10", "10", "--lines=\(bad)"])
            #expect(r.status == 64, "--lines \(bad)")
            #expect(r.stderr.contains("bad --lines"), "--lines \(bad): \(r.stderr)")
        }
        let both = await CLI.run(["log", Fixtures.sample, "10", "10", "--head", "1", "--tail", "1"])
        #expect(both.status == 64)
        let past = await CLI.run(["log", Fixtures.sample, "10", "10", "--lines", "100:120"])
        #expect(past.status == 1)
        #expect(past.stderr.contains("line 100 is past the end of log1.log (9 lines)"))
        let none = await CLI.run(["log", Fixtures.sample, "567927", "1111447"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("has no archived log files"))
        let version = await CLI.run(["log", Fixtures.sample, "10", "12"])
        #expect(version.status == 1)
        #expect(version.stderr.contains("no version 12 in job 10; versions: 10 (V0004)"))
    }

    @Test("log --tail on a log of 300 000 lines reads only the last chunks, and streams")
    func largeLogTail() async throws {
        let t = try TestArchive()
        var content: [UInt8] = []
        let lineCount = 300_000
        content.reserveCapacity(lineCount * 64)
        for i in 0..<lineCount {
            content += Array("2024-05-01 12:00:00,\(i % 1000) INFO step \(i) loss=\(Double(i % 977) / 1000) lr=0.001\n".utf8)
        }
        try t.archive.logs.write(jobID: 7, versionID: 1, fileName: "job-big.0", content: content, capture: t.capture)
        let smallContent = Array(content[0..<(1 << 20)])
        try t.archive.logs.write(jobID: 7, versionID: 2, fileName: "job-big.0", content: smallContent, capture: t.capture)
        for v in 1...2 {
            try t.archive.entities.put(
                kind: .version, key: "7/\(v)", raw: Array("{\"version_id\":\(v),\"version_name\":\"V000\(v)\",\"status\":10}".utf8), capture: t.capture)
        }
        try t.archive.captures.finish(t.capture, complete: true)
        try t.archive.close()
        let lines = splitLines(content)

        let tail = await CLI.run(["log", t.path, "7", "1", "--tail", "5"])
        #expect(tail.status == 0, "\(tail.stderr)")
        #expect(tail.stdout == Array(lines[(lineCount - 5)...].joined()))
        // The tail reads (inflates) only the chunks holding those lines: the store hands over one piece per
        // chunk it inflated, so count the pieces for the whole log and for the range a tail asks for.
        let reader = try Archive.open(at: t.path)
        let file = try #require(try reader.logs.files(jobID: 7, versionID: 1).first)
        var allChunks = 0
        try reader.logs.stream(fileID: file.id) { _ in allChunks += 1 }
        var tailChunks = 0
        var tailBytes: [UInt8] = []
        try reader.logs.stream(fileID: file.id, lines: (lineCount - 5)..<lineCount) { tailChunks += 1; tailBytes += $0 }
        #expect(allChunks > 100, "\(allChunks) chunks")
        #expect((1...2).contains(tailChunks), "a 5-line tail inflated \(tailChunks) of \(allChunks) chunks")
        #expect(tailBytes == tail.stdout)
        let middle = await CLI.run(["log", t.path, "7", "1", "--lines", "150001:150003"])
        #expect(middle.stdout == Array(lines[150_000..<150_003].joined()))

        // Streaming: read a little of the output, then look at the writer's peak memory while it waits on the
        // pipe. A writer that held the whole log would already have grown by its size; compare with a small log.
        let small = try LogCommandTests.peakWhileBlocked(["log", t.path, "7", "2"])
        let large = try LogCommandTests.peakWhileBlocked(["log", t.path, "7", "1"])
        #expect(large.output == content)
        #expect(small.output == smallContent)
        if let smallKB = small.peakKB, let largeKB = large.peakKB {
            #expect((largeKB - smallKB) * 1024 < content.count / 2, "peak RSS \(largeKB) kB for a \(content.count)-byte log vs \(smallKB) kB for a small one")
        }
    }

    /// Runs the CLI with a pipe, reads 256 kB, reads the process's VmHWM while it blocks, then drains the rest.
    static func peakWhileBlocked(_ args: [String]) throws -> (peakKB: Int?, output: [UInt8]) {
        let exe = try #require(CLI.executable)
        let process = Process()
        process.executableURL = exe
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        var data = Data()
        while data.count < 256 * 1024, let chunk = try reader.read(upToCount: 64 * 1024), !chunk.isEmpty { data += chunk }
        Thread.sleep(forTimeInterval: 0.3)
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty { data += chunk }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        let kb = line.flatMap { Int($0.split(separator: " ").filter { !$0.isEmpty }.dropFirst().first ?? "") }
        return (kb, [UInt8](data))
    }
}
