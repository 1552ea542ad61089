import ArchiveStore
import Foundation
import Hummingbird
import JobArchiveTestSupport
import ModelArtsAPI
import ModelArtsClient
import Replay
import Snapshot
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Counts requests by kind, across the upstream's tasks.
final class LinkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    /// Adds one to `key` and returns the new count.
    func next(_ key: String) -> Int { lock.withLock { counts[key, default: 0] += 1; return counts[key] ?? 0 } }
    func total(_ prefix: String) -> Int { lock.withLock { counts.filter { $0.key.hasPrefix(prefix) }.map(\.value).reduce(0, +) } }
}

/// The OBS-link fallback of v2 task logs, on loopback: the replay serves the project, but in front of it a
/// link server fails every log page (404 or, after retries, 500), hands out `logs/url` links to itself, and
/// answers each link as OBS does — 403 "Request has expired" while `expiredLinks` have not yet been used up.
@Suite("v2 task logs through the OBS link when the pages fail, with expiry")
struct V2LogLinkTests {
    static let count = 12
    static let signature = "Signature=sig-SECRET-0001"

    /// Runs the link server in front of the replay at `replay` while `body` runs with its URL.
    static func withLinkServer<T: Sendable>(
        replay: String, expiredLinks: Int, counter: LinkCounter, interceptLinks: Bool = true,
        content: @escaping @Sendable (Int, String) -> [UInt8] = { V2Fixture.taskLog(index: $0, task: $1) },
        _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        let client = ModelArtsClient(endpoint: try ModelArtsEndpoint(url: replay, projectID: V2Fixture.projectID), credentials: .none, configuration: SnapshotHarness.fastClient)
        do {
            let result = try await LoopbackUpstream.run(linkRouter(forwardingTo: client, expiredLinks: expiredLinks, counter: counter, interceptLinks: interceptLinks, content: content), body)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// A router forwarding to the replay through `client`, except log pages, links and link files.
    static func linkRouter(
        forwardingTo client: ModelArtsClient, expiredLinks: Int, counter: LinkCounter, interceptLinks: Bool,
        content: @escaping @Sendable (Int, String) -> [UInt8]
    ) -> Router<BasicRequestContext> {
        let jobs = V2Fixture.jobs(count)
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let segments = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            // /obs/JOB/TASK: the link's file.
            if interceptLinks, segments.first == "obs", segments.count == 3 {
                let n = counter.next("file/\(segments[1])/\(segments[2])")
                if n <= expiredLinks {
                    let xml = #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"#
                    return Response(status: .forbidden, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
                }
                guard let index = jobs.firstIndex(where: { $0.id == segments[1] }) else { return Response(status: .notFound) }
                let bytes = content(index, segments[2])
                return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
            guard segments.count > 2, segments[0] == "v2" else { return Response(status: .notFound) }
            let rest = Array(segments.dropFirst(2))
            // training-jobs/JOB/logs/TASK: the log pages fail.
            if rest.count == 4, rest[0] == "training-jobs", rest[2] == "logs" {
                _ = counter.next("pages")
                let failing = jobs.firstIndex(where: { $0.id == rest[1] }).map { $0 % 2 == 0 } ?? true
                return LoopbackUpstream.json(
                    #"{"error_code":"ModelArts.2793","error_msg":"log service unavailable"}"#, status: failing ? .internalServerError : .notFound)
            }
            // training-jobs/JOB/tasks/TASK/logs/url: a link to this server, valid "5 minutes".
            if interceptLinks, rest.count == 6, rest[0] == "training-jobs", rest[2] == "tasks", rest[4] == "logs", rest[5] == "url" {
                _ = counter.next("url/\(rest[1])/\(rest[3])")
                #expect(request.headers[.contentType] == "application/octet-stream")
                let link = "http://\(request.head.authority ?? "")/obs/\(rest[1])/\(rest[3])?AccessKeyId=AK&Expires=300&\(signature)"
                return LoopbackUpstream.json(#"{"obs_url":"\#(link)"}"#)
            }
            let body = try await request.body.collect(upTo: 1 << 20)
            let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            let answer = try await client.send(
                .v2, method: request.method.rawValue, path: rest, query: query, body: Array(body.readableBytesView), retries: .never)
            return Response(status: .init(code: answer.status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        router.on("**", method: .get, use: handler)
        router.on("**", method: .post, use: handler)
        return router
    }

    @Test("every task log whole and byte-exact through its link, a new link asked for when one had expired; no gap; the signature kept out")
    func fallback() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: Self.count)
        let target = dir.path("by-link.sqlite")
        let counter = LinkCounter()
        let report = try await SnapshotHarness.serve(source) { replay in
            try await Self.withLinkServer(replay: replay, expiredLinks: 1, counter: counter) { url in
                try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
            }
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.logFiles == Self.count * 2)
        #expect(report.logFilesByLink == Self.count * 2)
        // Two links per log: the first had expired when fetched.
        #expect(counter.total("url/") == Self.count * 4)
        #expect(counter.total("file/") == Self.count * 4)
        let archive = try Archive.open(at: target)
        for (i, job) in V2Fixture.jobs(Self.count).enumerated() {
            let files = try archive.logs.files(v2JobID: job.id)
            #expect(files.map(\.fileName) == ["worker-0", "worker-1"])
            for file in files {
                #expect(try archive.logs.content(fileID: file.id) == V2Fixture.taskLog(index: i, task: file.fileName), "\(job.id)/\(file.fileName)")
                #expect(file.complete == !(i % 5 == 2), "a running job's log is not complete")
            }
        }
        #expect(try archive.verify().ok)
        try archive.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(bytes.range(of: Data("sig-SECRET".utf8)) == nil, "the link's signature is not archived")
    }

    @Test("links that have always expired: a gap per log naming both failures, nothing archived lost, no signature in the message")
    func alwaysExpired() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 2)
        let target = dir.path("expired.sqlite")
        let counter = LinkCounter()
        let report = try await SnapshotHarness.serve(source) { replay in
            try await Self.withLinkServer(replay: replay, expiredLinks: 100, counter: counter) { url in
                try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
            }
        }
        let logGaps = report.gaps.filter { $0.kind == "log" }
        #expect(logGaps.count == 4, "\(report.gaps)")
        #expect(report.gaps.count == logGaps.count, "only the logs are missing: \(report.gaps)")
        for gap in logGaps {
            #expect(gap.message.contains("the log's pages failed"), "\(gap.message)")
            #expect(gap.message.contains("HTTP 403 from the link from each of \(Snapshotter.maxLogLinks) fresh links"), "\(gap.message)")
            #expect(!gap.message.contains("sig-SECRET"))
        }
        #expect(counter.total("url/") == 4 * Snapshotter.maxLogLinks)
        #expect(report.logFilesByLink == 0)
    }

    @Test("a running job's log captured before is continued from its link; a file that does not continue the archived lines is a gap and changes nothing")
    func continuesArchivedLines() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: Self.count)
        let target = dir.path("continued.sqlite")
        let first = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
        }
        #expect(first.complete, "\(first.gaps)")
        let jobs = V2Fixture.jobs(Self.count)
        // Jobs 2 and 7 are running: their logs are fetched again. At the link, job 2's grew; job 7's is another file.
        let grown = V2Fixture.taskLog(index: 2, task: "worker-0") + Array("line after the first capture\n".utf8)
        var changed = V2Fixture.taskLog(index: 7, task: "worker-0") + Array("more\n".utf8)
        changed[0] ^= 0x20
        let other = changed
        let shorter = Array(V2Fixture.taskLog(index: 2, task: "worker-1").dropLast(3))
        let counter = LinkCounter()
        let second = try await SnapshotHarness.serve(source) { replay in
            try await Self.withLinkServer(replay: replay, expiredLinks: 0, counter: counter, content: { index, task in
                if index == 2, task == "worker-0" { return grown }
                if index == 7, task == "worker-0" { return other }
                if index == 2, task == "worker-1" { return shorter }
                return V2Fixture.taskLog(index: index, task: task)
            }) { url in
                try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
            }
        }
        #expect(second.logFilesUpToDate == (Self.count - 2) * 2)
        #expect(second.logFilesByLink == 2)
        #expect(Set(second.gaps.map(\.key)) == [EntityKey.v2Log(jobID: jobs[7].id, taskID: "worker-0"), EntityKey.v2Log(jobID: jobs[2].id, taskID: "worker-1")], "\(second.gaps)")
        #expect(second.gaps.first { $0.key.hasPrefix(jobs[7].id) }?.message.contains("does not continue the archived lines") == true)
        #expect(second.gaps.first { $0.key.hasPrefix(jobs[2].id) }?.message.contains("fewer than the") == true)
        let archive = try Archive.open(at: target)
        func content(_ i: Int, _ task: String) throws -> [UInt8] {
            let file = try #require(try archive.logs.file(.v2(jobID: jobs[i].id, taskID: task, run: 1)))
            return try archive.logs.content(fileID: file.id)
        }
        #expect(try content(2, "worker-0") == grown)
        #expect(try content(7, "worker-0") == V2Fixture.taskLog(index: 7, task: "worker-0"))
        #expect(try content(7, "worker-1") == V2Fixture.taskLog(index: 7, task: "worker-1"))
        #expect(try content(2, "worker-1") == V2Fixture.taskLog(index: 2, task: "worker-1"), "a shorter file changes nothing")
        // The first capture's view of the continued log is kept.
        let file = try #require(try archive.logs.file(.v2(jobID: jobs[2].id, taskID: "worker-0", run: 1)))
        #expect(try archive.logs.asOf(file, capture: 1)?.byteCount == V2Fixture.taskLog(index: 2, task: "worker-0").count)
    }

    @Test("the replay serves logs/url links to the log as captured (and expires them), logs/preview, and a snapshot falls back to them")
    func replayLinks() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 4)
        let job = V2Fixture.jobs(4)[0]
        let expected = V2Fixture.taskLog(index: 0, task: "worker-0")
        // Direct: a link, its bytes, the preview, an unknown token.
        let (link, file, preview, unknown) = try await SnapshotHarness.serve(source) { url in
            func get(_ path: String) async throws -> (Int, [UInt8]) {
                let (data, response) = try await URLSession.shared.data(from: URL(string: path.hasPrefix("http") ? path : "\(url)/v2/\(V2Fixture.projectID)/\(path)")!)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
            }
            let answer = try await get("training-jobs/\(job.id)/tasks/worker-0/logs/url")
            let link = try #require(try RawJSON.parse(answer.1)["obs_url"]?.string)
            return (link, try await get(link), try await get("training-jobs/\(job.id)/tasks/worker-0/logs/preview"), try await get("\(url)/obs-links/0123"))
        }
        #expect(link.contains("/obs-links/"), "\(link)")
        #expect(file.0 == 200)
        #expect(file.1 == expected)
        #expect(preview.0 == 200)
        let json = try RawJSON.parse(preview.1)
        #expect(json["full_size"]?.int64 == Int64(expected.count))
        #expect(json["current_size"]?.int64 == Int64(expected.count))
        #expect(unknown.0 == 403)
        #expect(String(decoding: unknown.1, as: UTF8.self).contains("SignatureDoesNotMatch"))

        // A snapshot whose log pages fail takes every log through the replay's own links.
        let target = dir.path("via-replay-links.sqlite")
        let counter = LinkCounter()
        let report = try await SnapshotHarness.serve(source) { replay in
            try await Self.withLinkServer(replay: replay, expiredLinks: 0, counter: counter, interceptLinks: false) { url in
                try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: target, options: V2CrawlTests.v2Only)
            }
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.logFilesByLink == 8)
        let archive = try Archive.open(at: target)
        for (i, job) in V2Fixture.jobs(4).enumerated() {
            for file in try archive.logs.files(v2JobID: job.id) {
                #expect(try archive.logs.content(fileID: file.id) == V2Fixture.taskLog(index: i, task: file.fileName))
            }
        }
        // Links that expire at once: the crawl asks three times per log, then records the gap.
        let expired = dir.path("expired-links.sqlite")
        let second = try await SnapshotHarness.serve(source, configure: { $0.logLinkLifetime = 0 }) { replay in
            try await Self.withLinkServer(replay: replay, expiredLinks: 0, counter: LinkCounter(), interceptLinks: false) { url in
                try await SnapshotHarness.snapshot(url: url, project: V2Fixture.projectID, into: expired, options: V2CrawlTests.v2Only)
            }
        }
        #expect(second.gaps.filter { $0.kind == "log" }.count == 8, "\(second.gaps)")
        #expect(second.gaps.allSatisfy { $0.message.contains("HTTP 403 from the link") })
    }
}
