import ArchiveStore
import Foundation
import Hummingbird
import JobArchiveTestSupport
import Logging
import ModelArtsAPI
import ModelArtsClient
import ServiceLifecycle
import Snapshot
import Testing

/// A small upstream that misbehaves on purpose: malformed JSON, wrong types, invalid UTF-8 in log
/// content, a `base_line` that is inclusive (the cursor line comes back first), failing catalogs.
enum HostileUpstream {
    static let project = "hostile"
    /// The log served for job 2 version 20: invalid UTF-8, CRLF, no final newline.
    static let log: [[UInt8]] = (0..<1_203).map { i in
        var line = Array("line \(i) loss=0.\(i % 97)".utf8)
        if i % 50 == 0 { line += [0xFF, 0xFE, 0x20, 0xC3] }
        if i % 7 == 0 { line += [0x0D] }
        if i < 1_202 { line.append(0x0A) }
        return line
    }
    static func cursor(_ i: Int) -> String { String(1_700_000_000_000_000_000 + UInt64(i) * 1_000) }

    static func json(_ text: String) -> Response {
        raw(Array(text.utf8))
    }

    static func raw(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        let v1 = "/v1/\(project)"
        router.get("\(v1)/training-jobs") { _, _ in
            json(#"{"is_success":true,"job_total_count":2,"job_count_limit":10,"quotas":12,"jobs":[{"job_id":1,"job_name":"broken","version_id":10,"status":10},{"job_id":2,"job_name":"odd","version_id":20,"status":"10","huge":1e400}]}"#)
        }
        // Job 1: its version list is cut off mid-body, every time.
        router.get("\(v1)/training-jobs/1/versions") { _, _ in
            json(#"{"is_success":true,"job_id":1,"versions":[{"version_id":10,"status":10,"#)
        }
        // Job 2: wrong types everywhere, nulls, a huge number.
        router.get("\(v1)/training-jobs/2/versions") { _, _ in
            json(#"{"is_success":true,"job_id":2,"versions":[{"version_id":20,"status":10,"duration":null,"core":{"x":1},"cpu":[1],"gpu":"maybe","parameter":"not-an-array","model_metric_list":"{broken","system_metric_list":7,"create_time":"yesterday","worker_server_num":1e400}]}"#)
        }
        router.get("\(v1)/training-jobs/2/versions/20") { _, _ in
            json(#"{"is_success":true,"job_id":2,"version_id":20,"status":10}"#)
        }
        router.get("\(v1)/training-jobs/2/versions/20/log/file-names") { _, _ in
            json(#"{"is_success":true,"log_file_list":["odd.0"]}"#)
        }
        router.get("\(v1)/training-jobs/2/versions/20/aom-log") { request, _ in
            let q = request.uri.queryParameters
            let lines = Int(q.get("lines") ?? "50") ?? 50
            let order = q.get("order") ?? "desc"
            let base = q.get("base_line") ?? ""
            let range: Range<Int>
            if base.isEmpty {
                range = order == "asc" ? 0..<min(lines, log.count) : max(0, log.count - lines)..<log.count
            } else {
                guard let b = UInt64(base) else { return raw(Array(#"{"is_success":false,"error_code":"ModelArts.0101","error_msg":"bad base_line"}"#.utf8), status: .badRequest) }
                let index = Int((b - 1_700_000_000_000_000_000) / 1_000)
                // Inclusive: the cursor line comes back first.
                range = order == "desc" ? index..<min(log.count, index + lines) : max(0, index - lines + 1)..<(index + 1)
            }
            var content: [UInt8] = []
            for i in range { content += log[i] }
            let body = V1LogPage.renderBody(startLine: cursor(range.lowerBound), endLine: cursor(max(range.lowerBound, range.upperBound - 1)), lines: range.count, content: content)
            return raw(body)
        }
        router.get("\(v1)/training-job-configs") { _, _ in raw(Array("internal error".utf8), status: .internalServerError) }
        router.get("\(v1)/job/resource-specs") { _, _ in json("not json at all") }
        router.get("\(v1)/job/ai-engines") { _, _ in json(#"{"is_success":true,"engines":[]}"#) }
        router.get("\(v1)/built-in-algorithms") { _, _ in json(#"{"is_success":false,"error_code":"ModelArts.0105","error_message":"Error string"}"#) }
        router.get("\(v1)/visualization-jobs") { _, _ in json(#"{"is_success":true,"jobs":[]}"#) }
        return router
    }

    /// Runs the upstream on 127.0.0.1 while `body` runs.
    static func withServer<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        try await LoopbackUpstream.run(router(), body)
    }
}

@Suite("A hostile upstream: malformed JSON, wrong types, invalid UTF-8, inclusive cursors")
struct HostileUpstreamTests {
    @Test("gaps are recorded, nothing crashes, odd data is kept raw, and the inclusive cursor is de-duplicated")
    func hostile() async throws {
        let dir = try TemporaryDirectory()
        let output = dir.path("hostile.sqlite")
        var fast = SnapshotHarness.fastClient
        fast.maxRetries = 1
        let configuration = fast
        let report = try await HostileUpstream.withServer { url in
            try await SnapshotHarness.snapshot(url: url, project: HostileUpstream.project, into: output, configuration: configuration)
        }
        #expect(!report.complete)
        let kinds = Set(report.gaps.map { "\($0.kind) \($0.key)" })
        #expect(kinds.contains("versions 1"), "\(report.gaps)")
        #expect(kinds.contains("list configs/custom"), "\(report.gaps)")
        #expect(kinds.contains("list resource-specs"), "\(report.gaps)")
        #expect(report.gaps.contains { $0.errorCode == "ModelArts.0105" }, "the API's error code is kept")
        let archive = try Archive.open(at: output)
        #expect(try archive.captures.list().last?.status == "partial")
        // Wrong types: stored as sent, typed columns only where they make sense.
        let odd = try #require(try archive.entities.entity(kind: .version, key: "2/20")?.raw)
        #expect(String(decoding: odd, as: UTF8.self).contains(#""core":{"x":1}"#))
        #expect(String(decoding: try #require(try archive.entities.entity(kind: .job, key: "2")?.raw), as: UTF8.self).contains("1e400"))
        // The log: byte-exact despite invalid UTF-8, CR and the repeated cursor line.
        let file = try #require(try archive.logs.file(jobID: 2, versionID: 20, fileName: "odd.0"))
        #expect(try archive.logs.content(fileID: file.id) == HostileUpstream.log.flatMap { $0 })
        #expect(file.lineCount == HostileUpstream.log.count)
        let verify = try archive.verify()
        #expect(verify.ok, "\(verify.failures)")
        // Running again keeps everything already stored.
        let digest = try archive.contentDigest()
        _ = try await HostileUpstream.withServer { url in
            try await SnapshotHarness.snapshot(url: url, project: HostileUpstream.project, into: output, configuration: configuration)
        }
        #expect(try Archive.open(at: output).contentDigest() == digest)
    }
}
