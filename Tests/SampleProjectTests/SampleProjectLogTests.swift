import Foundation
import Testing
@testable import SampleProject

@Suite("SampleProject logs and determinism")
struct SampleProjectLogTests {
    /// Compares two projects byte for byte.
    static func identical(_ a: GeneratedProject, _ b: GeneratedProject) -> Bool {
        guard TestSupport.allBodies(a).map(\.1) == TestSupport.allBodies(b).map(\.1) else { return false }
        let logsA = TestSupport.allLogs(a), logsB = TestSupport.allLogs(b)
        guard logsA.count == logsB.count else { return false }
        for (x, y) in zip(logsA, logsB) where x.fileName != y.fileName || x.content != y.content
            || x.cursorBase != y.cursorBase || x.lineCount != y.lineCount {
            return false
        }
        return a.configs.map(\.name) == b.configs.map(\.name)
    }

    @Test("same options give byte-identical output; another seed differs")
    func determinism() {
        var options = SampleProjectOptions()
        options.logBytes = 1_000_000
        let first = SampleProjectGenerator.generate(options)
        let second = SampleProjectGenerator.generate(options)
        #expect(Self.identical(first, second))
        options.seed = 2
        let other = SampleProjectGenerator.generate(options)
        #expect(!Self.identical(first, other))
        #expect(first.jobListBody != other.jobListBody)
    }

    @Test("real log lines are mixed in deterministically")
    func realLogs() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/corpus/real-logs").standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: directory) else {
            print("note: real-logs corpus not found at \(directory); skipping")
            return
        }
        var options = SampleProjectOptions()
        options.logBytes = 1_000_000
        options.realLogsDirectory = directory
        let a = SampleProjectGenerator.generate(options)
        let b = SampleProjectGenerator.generate(options)
        #expect(Self.identical(a, b))
        options.realLogsDirectory = nil
        let plain = SampleProjectGenerator.generate(options)
        #expect(TestSupport.allLogs(a).map(\.content) != TestSupport.allLogs(plain).map(\.content))
        #expect(a.jobListBody == plain.jobListBody)
    }

    @Test("cursors have 19 digits and strictly increase")
    func cursors() {
        for log in TestSupport.allLogs(TestSupport.defaultProject) {
            #expect(String(log.cursorBase).count == 19)
            var previous: UInt64 = 0
            let lines = log.lineCount
            var indexes = Set(0..<min(lines + 2, 300))
            if lines > 300 { indexes.formUnion([lines / 2, lines / 2 + 1, lines - 1, lines]) }
            for index in indexes.sorted() {
                let cursor = log.cursor(line: index)
                #expect(cursor.count == 19 && cursor.allSatisfy(\.isNumber))
                let value = UInt64(cursor) ?? 0
                #expect(value > previous, "cursor \(index) of \(log.fileName) does not increase")
                #expect(value >= log.cursorBase)
                previous = value
            }
        }
    }

    @Test("log byte budget is honoured within 30 percent", arguments: [1_000_000, 20_000_000])
    func budget(bytes: Int) {
        var options = SampleProjectOptions()
        options.logBytes = bytes
        let total = TestSupport.logBytes(SampleProjectGenerator.generate(options))
        #expect(Double(total) >= Double(bytes) * 0.7 && Double(total) <= Double(bytes) * 1.3, "got \(total) for \(bytes)")
    }

    @Test("one log file per worker; line counts match content")
    func workers() throws {
        var multi = 0
        for job in TestSupport.defaultProject.jobs {
            for version in job.versions {
                let detail = try TestSupport.object(version.detailBody)
                let names = try TestSupport.object(version.logFileNamesBody)["log_file_list"] as? [String]
                #expect(names == version.logs.map(\.fileName))
                if version.logs.isEmpty { continue }
                let workers = try #require(detail["worker_server_num"] as? Int)
                #expect(version.logs.count == workers || job.jobID == 10)
                if workers > 1 { multi += 1 }
                for (index, log) in version.logs.enumerated() where job.jobID != 10 {
                    #expect(log.fileName.hasSuffix("." + String(index)) && log.fileName.hasPrefix("job-"))
                    #expect(log.lineCount == GeneratedLog.countLines(log.content))
                }
            }
        }
        #expect(multi >= 2)
    }

    @Test("special log features: CRLF, invalid UTF-8, empty, single line, no final newline, long line, NCCL, tqdm")
    func specialFeatures() {
        let project = TestSupport.defaultProject
        let logs = TestSupport.allLogs(project)
        #expect(logs.contains { TestSupport.contains($0.content, [0x0D, 0x0A]) }, "no CRLF")
        #expect(logs.contains { String(validating: $0.content, as: UTF8.self) == nil }, "no invalid UTF-8")
        #expect(logs.contains { TestSupport.contains($0.content, [0xFF, 0xFE]) })
        #expect(logs.contains { $0.content.isEmpty }, "no empty log")
        #expect(logs.contains { $0.lineCount == 1 && !$0.content.isEmpty }, "no single-line log")
        #expect(logs.contains { !$0.content.isEmpty && $0.content.last != 0x0A }, "every log ends with a newline")
        #expect(logs.contains { log in log.content.split(separator: 0x0A).contains { $0.count > 2_000 } }, "no long line")
        #expect(logs.contains { TestSupport.contains($0.content, Array("NCCL INFO".utf8)) })
        #expect(logs.contains { TestSupport.contains($0.content, Array("[ModelArts Service Log]".utf8)) })
        #expect(logs.contains { TestSupport.contains($0.content, Array("\rPreprocessing: ".utf8)) }, "no tqdm bar")
        #expect(logs.contains { TestSupport.contains($0.content, Array("Epoch ".utf8)) })
    }

    @Test("failed versions end in a traceback; one ends in CUDA OOM; running ones have no end")
    func endings() throws {
        var oom = 0
        var failed = 0
        for job in TestSupport.defaultProject.jobs {
            for version in job.versions where version.status == 11 {
                for log in version.logs {
                    failed += 1
                    let text = String(decoding: log.content, as: UTF8.self)
                    #expect(text.contains("Traceback (most recent call last):"))
                    let lastLine = text.split(separator: "\n").last.map(String.init) ?? ""
                    #expect(lastLine.contains("Error") || lastLine.contains("Exception") || lastLine.contains("error"),
                            "last line: \(lastLine)")
                    if lastLine.hasPrefix("torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate") { oom += 1 }
                }
            }
        }
        #expect(failed > 0 && oom > 0)
    }
}
