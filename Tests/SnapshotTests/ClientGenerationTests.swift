import Foundation
import HTTPTypes
import Hummingbird
import JobArchiveTestSupport
import ModelArtsAPI
import ModelArtsClient
import Testing

/// Counts the requests a loopback upstream received, with the path and whether the AK/SK signature verified.
actor ReceivedRequests {
    private(set) var paths: [String] = []
    private(set) var verified: [Bool] = []
    func add(_ path: String, verified ok: Bool) {
        paths.append(path)
        verified.append(ok)
    }
}

/// One client speaks both API generations; submissions go out once and come back whatever their status.
@Suite("One client: v1 and v2 paths, signed alike; retries on for reads, off for submissions")
struct ClientGenerationTests {
    static let ak = "AKTEST0000000001"
    static let sk = "sk-test-secret-0001"

    /// An upstream answering every request with `status` (and a JSON body), recording what it received.
    static func upstream(status: HTTPResponse.Status, _ received: ReceivedRequests) -> Router<BasicRequestContext> {
        let router = Router()
        let verifier = AKSKVerifier(credentials: [ak: sk])
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(body.readableBytesView)
            let headers = request.headers.map { ($0.name.rawName, $0.value) } + [("Host", request.head.authority ?? "")]
            let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            let signing = SigningRequest(method: request.method.rawValue, path: request.uri.path, query: query, headers: headers, body: bytes)
            let ok: Bool
            if case .success = verifier.verify(signing, now: Date()) { ok = true } else { ok = false }
            await received.add(request.uri.path, verified: ok)
            return LoopbackUpstream.json(#"{"error_code":"ModelArts.9999","error_msg":"boom"}"#, status: status)
        }
        router.on("**", method: .post, use: handler)
        router.on("**", method: .get, use: handler)
        return router
    }

    @Test("a POST with retries off is sent once, signed, and its 500 answer comes back with its body", arguments: APIGeneration.allCases)
    func submissionOnce(generation: APIGeneration) async throws {
        let received = ReceivedRequests()
        let body = Array(#"{"kind":"job"}"#.utf8)
        let response = try await LoopbackUpstream.run(Self.upstream(status: .internalServerError, received)) { url in
            let client = ModelArtsClient(
                endpoint: try ModelArtsEndpoint(url: url, projectID: "proj"), credentials: .accessKey(ak: Self.ak, sk: Self.sk),
                configuration: SnapshotHarness.fastClient)
            let response = try await client.send(generation, method: "POST", path: V2Endpoint.jobs.segments, body: body, retries: .never)
            #expect(client.requestCount == 1 && client.retryCount == 0)
            try await client.shutdown()
            return response
        }
        #expect(response.status == 500)
        #expect(String(decoding: response.body, as: UTF8.self).contains("ModelArts.9999"))
        #expect(await received.paths == ["/\(generation.rawValue)/proj/training-jobs"])
        #expect(await received.verified == [true])
    }

    @Test("a read with retries on tries again on 5xx and gives up with the status")
    func readRetries() async throws {
        let received = ReceivedRequests()
        var configuration = SnapshotHarness.fastClient
        configuration.maxRetries = 2
        let outcome = try await LoopbackUpstream.run(Self.upstream(status: .serviceUnavailable, received)) { [configuration] url -> ModelArtsClientError? in
            let client = ModelArtsClient(
                endpoint: try ModelArtsEndpoint(url: url, projectID: "proj"), credentials: .accessKey(ak: Self.ak, sk: Self.sk),
                configuration: configuration)
            var failure: ModelArtsClientError? = nil
            do throws(ModelArtsClientError) {
                _ = try await client.get(V1Endpoint.version(jobID: 10, versionID: 12))
            } catch {
                failure = error
            }
            try await client.shutdown()
            return failure
        }
        #expect(outcome?.code == .retriesExhausted && outcome?.httpStatus == 503)
        #expect(await received.paths == Array(repeating: "/v1/proj/training-jobs/10/versions/12", count: 3))
        #expect(await received.verified == [true, true, true])
    }
}
