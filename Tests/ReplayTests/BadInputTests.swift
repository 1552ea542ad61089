import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import ModelArtsAPI
import NIOCore
import Replay
import Testing

@Suite("Bad input: every class gets its 4xx and a JSON error, never a 500")
struct BadInputTests {
    static let v1 = ReplayTest.v1
    static let log = "\(v1)/training-jobs/10/versions/10/aom-log?log_file=log1.log"

    /// (request target, status, error code, a word the message must name)
    static let cases: [(String, Int, String, String)] = [
        ("\(v1)/training-jobs?per_page=0", 400, "ModelArts.0101", "per_page"),
        ("\(v1)/training-jobs?per_page=1001", 400, "ModelArts.0101", "per_page"),
        ("\(v1)/training-jobs?per_page=ten", 400, "ModelArts.0101", "per_page"),
        ("\(v1)/training-jobs?page=-1", 400, "ModelArts.0101", "page"),
        ("\(v1)/training-jobs?page=0", 400, "ModelArts.0101", "page"),
        ("\(v1)/training-jobs?page=65536", 400, "ModelArts.0101", "page"),
        ("\(v1)/training-jobs?page=1.5", 400, "ModelArts.0101", "page"),
        ("\(v1)/training-jobs?order=up", 400, "ModelArts.0101", "order"),
        ("\(v1)/training-jobs?sortBy=color", 400, "ModelArts.0101", "sortBy"),
        ("\(v1)/training-jobs?sort_by=color", 400, "ModelArts.0101", "sort_by"),
        ("\(v1)/training-jobs?status=99", 400, "ModelArts.0101", "status"),
        ("\(v1)/training-jobs?status=abc", 400, "ModelArts.0101", "status"),
        ("\(v1)/training-jobs?search_content=\(String(repeating: "x", count: 65))", 400, "ModelArts.0101", "search_content"),
        ("\(v1)/training-jobs/10/versions?page=-1", 400, "ModelArts.0101", "page"),
        ("\(v1)/training-jobs/10/versions?page=1&per_page=0", 400, "ModelArts.0101", "per_page"),
        ("\(v1)/training-jobs/abc/versions", 400, "ModelArts.0101", "job_id"),
        ("\(v1)/training-jobs/10/versions/x1", 400, "ModelArts.0101", "version_id"),
        ("\(v1)/training-jobs/99999999999999999999/versions", 400, "ModelArts.0101", "job_id"),
        ("\(log)&lines=501", 400, "ModelArts.0101", "lines"),
        ("\(log)&lines=-1", 400, "ModelArts.0101", "lines"),
        ("\(log)&lines=many", 400, "ModelArts.0101", "lines"),
        ("\(log)&order=sideways", 400, "ModelArts.0101", "order"),
        ("\(log)&base_line=abc", 400, "ModelArts.0101", "base_line"),
        ("\(log)&base_line=123456789012345678901234", 400, "ModelArts.0101", "base_line"),
        ("\(log)&base_line=-5", 400, "ModelArts.0101", "base_line"),
        ("\(v1)/training-jobs/10/versions/10/aom-log", 400, "ModelArts.0101", "log_file"),
        ("\(v1)/training-job-configs?config_type=weird", 400, "ModelArts.0101", "config_type"),
        ("\(v1)/training-job-configs?config_type=sample&sortBy=create_time", 400, "ModelArts.0101", "create_time"),
        ("\(v1)/built-in-algorithms?per_page=101", 400, "ModelArts.0101", "per_page"),
        ("\(v1)/job/resource-specs?job_type=play", 400, "ModelArts.0101", "job_type"),
        ("\(v1)/job/resource-specs?engine_id=x", 400, "ModelArts.0101", "engine_id"),
        ("\(v1)/training-jobs/424242/versions", 404, "ModelArts.0015", "424242"),
        ("\(v1)/training-jobs/424242/versions/1", 404, "ModelArts.0015", "424242"),
        ("\(v1)/training-jobs/10/versions/424242", 404, "ModelArts.0015", "424242"),
        ("\(v1)/training-jobs/10/versions/424242/log/file-names", 404, "ModelArts.0015", "424242"),
        ("\(v1)/training-jobs/10/versions/10/aom-log?log_file=nope.0", 404, "ModelArts.0015", "nope.0"),
        ("\(v1)/training-jobs/424242/versions/10/aom-log?log_file=log1.log", 404, "ModelArts.0015", "424242"),
        ("\(v1)/training-job-configs/no-such-config", 404, "ModelArts.0015", "no-such-config"),
        ("\(v1)/training-job-configs/config123?config_type=sample", 404, "ModelArts.0015", "config123"),
        ("\(v1)/visualization-jobs/nope", 404, "ModelArts.0015", "nope"),
        ("/v1/another-project/training-jobs", 403, "ModelArts.0210", "another-project"),
        ("/v1/another-project/training-jobs/10/versions", 403, "ModelArts.0210", "another-project"),
        ("\(v1)/no-such-api", 404, "APIGW.0101", "no-such-api"),
        ("/", 404, "APIGW.0101", "GET /"),
        ("/v2/x/training-jobs", 404, "APIGW.0101", "v2"),
    ]

    @Test("bad paging, cursors, ids, unknown resources, other projects, unknown paths")
    func classes() async throws {
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            for (uri, status, code, word) in Self.cases {
                let response = try await client.get(uri)
                #expect(Int(response.status.code) == status, "\(uri)")
                let json = try response.json()
                #expect(json["is_success"]?.bool == false, "\(uri)")
                #expect(json["error_code"]?.string == code, "\(uri)")
                let message = json["error_message"]?.string ?? ""
                #expect(message == json["error_msg"]?.string, "\(uri): both message keys")
                #expect(message.contains(word), "\(uri): '\(message)' should name \(word)")
            }
        }
    }

    @Test("POST, PUT, DELETE and PATCH anywhere are refused: the archive is read-only")
    func writes() async throws {
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            let targets = [
                "\(Self.v1)/training-jobs", "\(Self.v1)/training-jobs/10", "\(Self.v1)/training-jobs/10/versions",
                "\(Self.v1)/training-jobs/10/versions/10", "\(Self.v1)/training-jobs/10/versions/10/stop",
                "\(Self.v1)/training-job-configs/config123", "\(Self.v1)/visualization-jobs", "/v1/other/x",
            ]
            for target in targets {
                for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                    let response = try await client.execute(uri: target, method: method, body: ByteBuffer(string: #"{"job_desc":"x"}"#))
                    #expect(response.status == .forbidden, "\(method) \(target)")
                    let json = try response.json()
                    #expect(json["error_code"]?.string == "ModelArts.0108")
                    #expect(json["error_message"]?.string?.contains("read-only") == true)
                }
            }
        }
    }

    /// Replays a fuzz run: `JOBARCHIVE_FUZZ_SEED=N swift test --filter BadInputTests`.
    static let seedVariable = "JOBARCHIVE_FUZZ_SEED"

    @Test("random garbage in query values never gives a 5xx (seeded; the seed is printed on failure)")
    func fuzzedQueries() async throws {
        let seed = try SeededGenerator.seed(fromEnvironment: Self.seedVariable)
        let replay = "replay with \(Self.seedVariable)=\(seed)"
        let alphabet = Array("0123456789-+.,%&=;?/abcXYZ_~ éü\u{0}\u{7F}".unicodeScalars)
        let parameters = ["per_page", "page", "sortBy", "order", "status", "search_content", "base_line", "lines", "log_file", "config_type"]
        let paths = [
            "\(Self.v1)/training-jobs", "\(Self.v1)/training-jobs/10/versions", "\(Self.log)", "\(Self.v1)/training-job-configs",
            "\(Self.v1)/built-in-algorithms", "\(Self.v1)/visualization-jobs",
        ]
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            var generator = SeededGenerator(seed: seed)
            for _ in 0..<300 {
                var value = ""
                for _ in 0..<Int.random(in: 0...8, using: &generator) {
                    value.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
                }
                let name = parameters.randomElement(using: &generator) ?? "page"
                let path = paths.randomElement(using: &generator) ?? paths[0]
                let separator = path.contains("?") ? "&" : "?"
                let uri = path + separator + name + "=" + AKSKSigner.encode(value)
                let response: TestResponse
                do {
                    response = try await client.get(uri)
                } catch {
                    Issue.record("\(uri): \(error) (\(replay))")
                    continue
                }
                #expect(response.status.code < 500, "\(uri) (\(replay))")
                #expect((try? response.json()) != nil, "\(uri) (\(replay))")
            }
        }
    }
}
