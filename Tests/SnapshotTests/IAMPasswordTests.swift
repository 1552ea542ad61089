import Foundation
import HTTPTypes
import Hummingbird
import JobArchiveTestSupport
import ModelArtsAPI
import ModelArtsClient
import Replay
import Testing

/// A loopback stand-in for IAM's `POST /v3/auth/tokens`: hands out the next token of a list, with a
/// chosen lifetime, and remembers each login body.
actor IAMStandIn {
    private var tokens: [String]
    private let lifetime: TimeInterval
    private(set) var logins: [String] = []

    init(tokens: [String], lifetime: TimeInterval) {
        self.tokens = tokens
        self.lifetime = lifetime
    }

    func login(body: String) -> (token: String, expires: String) {
        logins.append(body)
        let token = tokens.count > 1 ? tokens.removeFirst() : tokens[0]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return (token, formatter.string(from: Date().addingTimeInterval(lifetime)))
    }

    nonisolated func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/v3/auth/tokens") { request, context in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let (token, expires) = await self.login(body: String(buffer: buffer))
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Subject-Token")!] = token
            headers[.contentType] = "application/json"
            return Response(
                status: .created, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: #"{"token":{"expires_at":"\#(expires)","methods":["password"]}}"#)))
        }
        return router
    }
}

@Suite("IAM password login: tokens fetched, renewed before expiry, fetched again after a 401")
struct IAMPasswordTests {
    static let credentials = ClientCredentials.password(user: "alice", password: "pa55-w0rd-s3cret", domain: "acme", projectName: nil)

    /// Runs two v1 requests through a client logging in at the stand-in, against a replay server accepting `accepted`.
    static func twoRequests(iam: IAMStandIn, accepted: [String]) async throws -> [Int] {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 2, logBytes: 20_000)
        let project = try SnapshotHarness.projectID(source)
        return try await LoopbackUpstream.run(iam.router()) { iamURL in
            try await SnapshotHarness.serve(source, configure: { $0.tokens = accepted }) { url in
                let endpoint = try ModelArtsEndpoint(url: url, projectID: project, iamURL: iamURL)
                let client = ModelArtsClient(endpoint: endpoint, credentials: credentials, configuration: SnapshotHarness.fastClient)
                var statuses: [Int] = []
                do {
                    for _ in 0..<2 { statuses.append(try await client.get(["training-jobs"]).status) }
                } catch {
                    try await client.shutdown()
                    throw error
                }
                try await client.shutdown()
                return statuses
            }
        }
    }

    @Test("a token valid for an hour is fetched once and reused; the login names user, domain and project")
    func reuse() async throws {
        let iam = IAMStandIn(tokens: ["tok-A"], lifetime: 3600)
        let statuses = try await Self.twoRequests(iam: iam, accepted: ["tok-A"])
        #expect(statuses == [200, 200])
        let logins = await iam.logins
        #expect(logins.count == 1)
        let body = try #require(logins.first)
        #expect(body.contains(#""name":"alice""#) && body.contains(#""name":"acme""#) && body.contains(#""methods":["password"]"#))
        #expect(body.contains(#""project":{"id":"#))
    }

    @Test("a token within five minutes of expiry is renewed before the next request")
    func renewal() async throws {
        let iam = IAMStandIn(tokens: ["tok-A", "tok-B", "tok-C"], lifetime: 120)
        let statuses = try await Self.twoRequests(iam: iam, accepted: ["tok-A", "tok-B", "tok-C"])
        #expect(statuses == [200, 200])
        #expect(await iam.logins.count == 2, "each request found the cached token about to expire and logged in again")
    }

    @Test("a token refused with 401 is fetched again once, and the request succeeds with the new one")
    func refetchAfter401() async throws {
        let iam = IAMStandIn(tokens: ["tok-revoked", "tok-fresh"], lifetime: 3600)
        let statuses = try await Self.twoRequests(iam: iam, accepted: ["tok-fresh"])
        #expect(statuses == [200, 200])
        #expect(await iam.logins.count == 2, "one login, a 401, one more login, then the cached fresh token")
    }

    @Test("a token refused again after the new login gives the 401 back instead of looping")
    func refusedTwice() async throws {
        let iam = IAMStandIn(tokens: ["tok-x", "tok-y"], lifetime: 3600)
        let statuses = try await Self.twoRequests(iam: iam, accepted: ["something-else"])
        #expect(statuses.allSatisfy { $0 == 401 })
        #expect(await iam.logins.count == 3, "first request: login, 401, login, 401; second request: login again after its 401")
    }

    @Test("a plain-http IAM endpoint off loopback is refused before anything is sent")
    func insecureIAM() throws {
        #expect(throws: ModelArtsClientError.self) {
            _ = try ModelArtsEndpoint(url: "https://modelarts.example.com", projectID: "p1", iamURL: "http://127.evil.example")
        }
    }
}
