import ArchiveStore
import Foundation
import Hummingbird
import JobArchiveTestSupport
import ModelArtsAPI
import Snapshot
import Testing

/// An upstream with one job and catalog lists answered in the ways an endpoint says "no such API".
enum SparseUpstream {
    static let project = "sparse"

    static func router(specs: Response, engines: Response) -> Router<BasicRequestContext> {
        let router = Router()
        let v1 = "/v1/\(project)"
        router.get("\(v1)/training-jobs") { _, _ in
            LoopbackUpstream.json(#"{"is_success":true,"job_total_count":1,"jobs":[{"job_id":7,"job_name":"only","version_id":70,"status":10}]}"#)
        }
        router.get("\(v1)/training-jobs/7/versions") { _, _ in
            LoopbackUpstream.json(#"{"is_success":true,"job_id":7,"versions":[{"version_id":70,"status":10}]}"#)
        }
        // The detail lacks its version_id: stored byte for byte, but it cannot derive typed rows.
        router.get("\(v1)/training-jobs/7/versions/70") { _, _ in
            LoopbackUpstream.json(#"{"is_success":true,"job_id":7,"version_id":"seventy","status":10}"#)
        }
        router.get("\(v1)/training-jobs/7/versions/70/log/file-names") { _, _ in
            LoopbackUpstream.json(#"{"is_success":true,"log_file_list":[]}"#)
        }
        // The API gateway has no such route at all.
        router.get("\(v1)/training-job-configs") { _, _ in
            LoopbackUpstream.json(#"{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment"}"#, status: .notFound)
        }
        // ModelArts answers "resource does not exist" for the whole list.
        router.get("\(v1)/visualization-jobs") { _, _ in
            LoopbackUpstream.json(#"{"is_success":false,"error_code":"ModelArts.0015","error_msg":"Resource does not exist"}"#, status: .notFound)
        }
        router.get("\(v1)/built-in-algorithms") { _, _ in
            LoopbackUpstream.json(#"{"is_success":true,"models":[]}"#)
        }
        router.get("\(v1)/job/resource-specs") { _, _ in specs }
        router.get("\(v1)/job/ai-engines") { _, _ in engines }
        return router
    }
}

@Suite("Catalog lists the endpoint does not offer: noted, not a gap")
struct CatalogNotOfferedTests {
    static let ok = LoopbackUpstream.json(#"{"is_success":true,"specs":[]}"#)

    /// The upstream is v1 only and answers unknown paths with a bare 404 (no gateway error body).
    static var v1Only: SnapshotOptions {
        var options = SnapshotHarness.noRedaction
        options.apis = [.v1]
        return options
    }

    @Test("404 with APIGW.0101 or ModelArts.0015 is 'not offered' and the capture stays complete")
    func notOfferedIsComplete() async throws {
        let dir = try TemporaryDirectory()
        let output = dir.path("sparse.sqlite")
        let engines = LoopbackUpstream.json(#"{"is_success":true,"engines":[]}"#)
        let report = try await LoopbackUpstream.run(SparseUpstream.router(specs: Self.ok, engines: engines)) { url in
            try await SnapshotHarness.snapshot(url: url, project: SparseUpstream.project, into: output, options: CatalogNotOfferedTests.v1Only)
        }
        #expect(report.gaps.isEmpty, "\(report.gaps)")
        #expect(report.complete)
        #expect(Set(report.notOffered) == ["configs/custom", "configs/sample", "visualization-jobs"])
        // An object without typed rows is a warning in the report, not a gap and not silence.
        #expect(report.warnings.count == 1 && report.warnings.first?.contains("7/70") == true, "\(report.warnings)")
        let archive = try Archive.open(at: output)
        #expect(try archive.captures.list().last?.status == "complete")
        #expect(try archive.verify().ok)
    }

    @Test("any other 404, or another failure of a catalog, is still a gap", arguments: [
        (#"{"is_success":false,"error_code":"ModelArts.0101","error_msg":"Invalid Argument"}"#, 404),
        ("", 404),
        (#"<html>not found</html>"#, 404),
        (#"{"error_code":"APIGW.0101","error_msg":"no such API"}"#, 400),
        (#"{"is_success":false,"error_code":"ModelArts.0015","error_msg":"Resource does not exist"}"#, 403),
    ])
    func otherFailuresAreGaps(body: String, status: Int) async throws {
        let dir = try TemporaryDirectory()
        let output = dir.path("sparse.sqlite")
        let specs = LoopbackUpstream.json(body, status: HTTPResponse.Status(code: status))
        let engines = LoopbackUpstream.json(#"{"is_success":true,"engines":[]}"#)
        let report = try await LoopbackUpstream.run(SparseUpstream.router(specs: specs, engines: engines)) { url in
            try await SnapshotHarness.snapshot(url: url, project: SparseUpstream.project, into: output, options: CatalogNotOfferedTests.v1Only)
        }
        #expect(!report.complete)
        #expect(report.gaps.map { "\($0.kind) \($0.key)" } == ["list resource-specs"], "\(report.gaps)")
        #expect(!report.notOffered.contains("resource-specs"))
        #expect(try Archive.open(at: output).captures.list().last?.status == "partial")
    }
}
