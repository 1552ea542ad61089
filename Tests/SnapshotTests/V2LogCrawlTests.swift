import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Replay
import Snapshot
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// v2 task logs through the real parts: the fixture's logs served by the replay under every way a service may
/// read `base_line` and `order`, captured by snapshot, and served back byte for byte.
@Suite("v2 task logs: every cursor reading, byte for byte")
struct V2LogCrawlTests {
    static let count = 12  // jobs 0 and 10 have a 1234-line log (three pages of 500)

    /// Requests that cover every way into a log: both ends in both orders, and from cursors both ways.
    static func probes(_ fetch: (String, String, String) async throws -> (Int, [UInt8])) async throws -> [[UInt8]] {
        var bodies: [[UInt8]] = []
        for job in V2Fixture.jobs(count).prefix(11) {
            for task in ["worker-0", "worker-1"] {
                let path = "training-jobs/\(job.id)/logs/\(task)"
                for (base, order) in [("", "asc"), ("", "desc")] {
                    let (status, body) = try await fetch(path, base, order)
                    #expect(status == 200, "\(path) \(base) \(order)")
                    bodies.append(body)
                    // try?: a page without cursors (an empty log) has nowhere to go on from.
                    if let json = try? RawJSON.parse(body), let end = json["end_line"]?.string, !end.isEmpty,
                        let start = json["start_line"]?.string
                    {
                        for (cursor, next) in [(end, "asc"), (end, "desc"), (start, "asc"), (start, "desc")] {
                            bodies.append(try await fetch(path, cursor, next).1)
                        }
                    }
                }
            }
        }
        return bodies
    }

    static func get(_ url: String, _ path: String, base: String, order: String) async throws -> (Int, [UInt8]) {
        var components = URLComponents(string: "\(url)/v2/\(V2Fixture.projectID)/\(path)")!
        components.queryItems = [URLQueryItem(name: "base_line", value: base), URLQueryItem(name: "lines", value: "200"), URLQueryItem(name: "order", value: order)]
        let (data, response) = try await URLSession.shared.data(from: components.url!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }

    @Test("every task log whole and byte-exact, whichever order reads forward, whatever an empty base_line gives, repeated cursor line or not", arguments: LogReading.all)
    func everyReading(reading: LogReading) async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: Self.count)
        let target = dir.path("v2-logs.sqlite")
        let (report, upstream) = try await SnapshotHarness.serve(source, configure: { $0.v2LogReading = reading }) { url in
            let report = try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
            return (report, try await Self.probes { try await Self.get(url, $0, base: $1, order: $2) })
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.logFiles == Self.count * 2)
        let archive = try Archive.open(at: target)
        for (i, job) in V2Fixture.jobs(Self.count).enumerated() {
            let files = try archive.logs.files(v2JobID: job.id)
            #expect(files.map(\.fileName) == ["worker-0", "worker-1"], "\(job.id)")
            for file in files {
                let expected = V2Fixture.taskLog(index: i, task: file.fileName)
                #expect(try archive.logs.content(fileID: file.id) == expected, "log of \(job.id)/\(file.fileName) under \(reading)")
                #expect(file.run == 1)
                #expect(file.complete == !(i % 5 == 2), "a running job's log is not complete")
            }
        }
        // What was learnt of the reading is archived, and replay answers under it as the service did.
        #expect(try archive.metadata()["v2_log_reading"] == reading.description)
        #expect(try archive.verify().ok)
        let replayed = try await SnapshotHarness.serve(target) { url in
            try await Self.probes { try await Self.get(url, $0, base: $1, order: $2) }
        }
        #expect(replayed.count == upstream.count)
        for (n, (a, b)) in zip(replayed, upstream).enumerated() where a != b {
            Issue.record("probe \(n) differs: \(String(decoding: a.prefix(160), as: UTF8.self)) vs \(String(decoding: b.prefix(160), as: UTF8.self))")
            break
        }
    }

    @Test("a second run fetches no finished log again; a grown log is continued; --at reads each log as that capture left it")
    func incremental() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: Self.count)
        let target = dir.path("v2-logs.sqlite")
        let first = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
        }
        #expect(first.complete, "\(first.gaps)")
        // The running job (index 2) logs more lines upstream.
        let running = V2Fixture.jobs(Self.count)[2]
        let grown = V2Fixture.taskLog(index: 2, task: "worker-0") + Array((0..<700).map { "later line \($0)\n" }.joined().utf8)
        do {
            let upstream = try Archive.open(at: source, mode: .readWrite)
            let capture = try upstream.captures.begin(source: "test")
            try upstream.logs.write(.v2(jobID: running.id, taskID: "worker-0", run: 1), content: grown, capture: capture, complete: false)
            try upstream.captures.finish(capture, complete: true)
        }
        let (second, sent) = try await SnapshotHarness.serve(source) { url in
            var sent = 0
            let report = try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only) { requests, _ in sent = requests }
            return (report, sent)
        }
        #expect(second.complete, "\(second.gaps)")
        #expect(second.logFilesUpToDate == (Self.count - 2) * 2, "only the running jobs' (2 and 7) logs are fetched again")
        #expect(sent < 200, "\(sent) requests")
        let archive = try Archive.open(at: target)
        let file = try #require(try archive.logs.file(.v2(jobID: running.id, taskID: "worker-0", run: 1)))
        #expect(try archive.logs.content(fileID: file.id) == grown)
        // As of the first capture, the log is as it was then; replay at 1 serves it so.
        let then = try #require(try archive.logs.asOf(file, capture: 1))
        #expect(then.byteCount == V2Fixture.taskLog(index: 2, task: "worker-0").count)
        let tail = try await SnapshotHarness.serve(target, configure: { $0.capture = 1 }) { url in
            try await Self.get(url, "training-jobs/\(running.id)/logs/worker-0", base: "", order: "desc").1
        }
        let json = try RawJSON.parse(tail)
        #expect(json["lines"]?.int64 == Int64(then.lineCount))
        #expect(tail.firstRange(of: Array("later line".utf8)) == nil)
    }

    @Test("serve --at N cuts a last line that was unfinished at N and continued since, in composed pages")
    func unfinishedLineAsOfCapture() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 6)
        let job = V2Fixture.jobs(6)[5]
        let original = V2Fixture.taskLog(index: 5, task: "worker-1")
        #expect(original.last != 0x0A)
        do {
            let archive = try Archive.open(at: source, mode: .readWrite)
            let capture = try archive.captures.begin(source: "test")
            let file = try #require(try archive.logs.file(.v2(jobID: job.id, taskID: "worker-1", run: 1)))
            _ = try archive.logs.append(fileID: file.id, data: Array(" continued later\n".utf8), capture: capture, complete: true)
            try archive.captures.finish(capture, complete: true)
        }
        func content(at capture: Int64?) async throws -> String? {
            let body = try await SnapshotHarness.serve(source, configure: { $0.capture = capture }) { url in
                try await Self.get(url, "training-jobs/\(job.id)/logs/worker-1", base: "", order: "desc").1
            }
            return try RawJSON.parse(body)["content"]?.string
        }
        #expect(try await content(at: 1) == String(decoding: original, as: UTF8.self))
        #expect(try await content(at: nil) == String(decoding: original + Array(" continued later\n".utf8), as: UTF8.self))
    }
}
