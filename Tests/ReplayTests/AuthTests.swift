import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import ModelArtsAPI
import NIOCore
import Replay
import Testing

/// The known-answer vectors of `shared/testdata/aksk-sha256-vectors.json`.
struct SigningVectors {
    struct Vector {
        var method: String
        var host: String
        var path: String
        var query: [(String, String)]
        var headers: [(String, String)]
        var body: [UInt8]
        var authorization: String

        var sdkDate: String { headers.first(where: { $0.0 == "X-Sdk-Date" })?.1 ?? "" }
    }

    var ak: String
    var sk: String
    var vectors: [Vector]

    static func load() throws -> SigningVectors {
        let url = SharedFolder.url?.appendingPathComponent("testdata/aksk-sha256-vectors.json")
            ?? URL(fileURLWithPath: "/work/shared/testdata/aksk-sha256-vectors.json")
        let root = try RawJSON.parse(Array(try Data(contentsOf: url)))
        func pairs(_ value: JSONValue?) -> [(String, String)] {
            if let object = value?.object { return object.map { ($0.key, $0.value.string ?? "") } }
            return (value?.array ?? []).compactMap { pair in
                guard let items = pair.array, items.count == 2, let k = items[0].string, let v = items[1].string else { return nil }
                return (k, v)
            }
        }
        let vectors = try (root["vectors"]?.array ?? []).map { v in
            Vector(
                method: try #require(v["method"]?.string), host: try #require(v["host"]?.string),
                path: try #require(v["path"]?.string), query: pairs(v["query"]), headers: pairs(v["headers_in"]),
                body: Array(try #require(v["body"]?.string).utf8),
                authorization: try #require(v["expected_authorization"]?.string))
        }
        return SigningVectors(ak: try #require(root["ak"]?.string), sk: try #require(root["sk"]?.string), vectors: vectors)
    }
}

@Suite("Auth: tokens, AK/SK signatures, safe binding")
struct AuthTests {
    static let v1 = ReplayTest.v1

    /// The request target of a vector: each path segment and the query percent-encoded as the SDK sends them.
    static func target(path: String, query: [(String, String)]) -> String {
        let encodedPath = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { AKSKSigner.encode(String($0)) }.joined(separator: "/")
        let q = AKSKSigner.canonicalQueryString(query)
        return q.isEmpty ? encodedPath : encodedPath + "?" + q
    }

    static func fields(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs {
            if let key = HTTPField.Name(name) { fields.append(HTTPField(name: key, value: value)) }
        }
        return fields
    }

    static func execute(
        _ client: some TestClientProtocol, method: String, target: String, headers: [(String, String)], body: [UInt8]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: target, method: HTTPRequest.Method(method) ?? .get, headers: fields(headers),
            body: body.isEmpty ? nil : ByteBuffer(bytes: body))
    }

    @Test("every signing vector is accepted, and each with one byte changed is refused with 401")
    func vectors() async throws {
        let file = try SigningVectors.load()
        #expect(file.vectors.count >= 5)
        for (index, vector) in file.vectors.enumerated() {
            let date = try #require(AKSKSigner.parseSDKDate(vector.sdkDate))
            var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
            config.credentials = [file.ak: file.sk]
            config.now = { date.addingTimeInterval(60) }
            let headers = vector.headers + [("Host", vector.host), ("Authorization", vector.authorization)]
            let target = Self.target(path: vector.path, query: vector.query)
            try await ReplayTest.withApp(config) { client async throws in
                let accepted = try await Self.execute(client, method: vector.method, target: target, headers: headers, body: vector.body)
                #expect(accepted.status != .unauthorized, "vector \(index): \(String(decoding: accepted.bytes, as: UTF8.self))")
                #expect(accepted.status == .forbidden, "vector \(index) passes auth, then meets the project or read-only rule")

                var mutations: [(String, String, [(String, String)], [UInt8])] = []
                var signature = vector.authorization
                let last = signature.removeLast()
                signature.append(last == "0" ? "1" : "0")
                mutations.append(("signature", target, vector.headers + [("Host", vector.host), ("Authorization", signature)], vector.body))
                mutations.append(("path", Self.target(path: vector.path.replacingOccurrences(of: "/v1/", with: "/v2/"), query: vector.query), headers, vector.body))
                mutations.append(("host", target, vector.headers + [("Host", vector.host + "x"), ("Authorization", vector.authorization)], vector.body))
                var date = vector.sdkDate
                let second = date.removeLast()
                let digit = date.removeLast()
                date += (digit == "0" ? "1" : "0") + String(second)
                mutations.append(("date", target, vector.headers.map { $0.0 == "X-Sdk-Date" ? ($0.0, date) : $0 } + [("Host", vector.host), ("Authorization", vector.authorization)], vector.body))
                if !vector.body.isEmpty {
                    var body = vector.body
                    body[body.count / 2] ^= 0x01
                    mutations.append(("body", target, headers, body))
                }
                if let first = vector.query.first {
                    let changed = [(first.0, first.1 + "0")] + vector.query.dropFirst()
                    mutations.append(("query", Self.target(path: vector.path, query: changed), headers, vector.body))
                }
                for (what, mutatedTarget, mutatedHeaders, body) in mutations {
                    let refused = try await Self.execute(client, method: vector.method, target: mutatedTarget, headers: mutatedHeaders, body: body)
                    #expect(refused.status == .unauthorized, "vector \(index), \(what) changed")
                    let json = try refused.json()
                    #expect(json["error_code"]?.string == "APIGW.0301", "vector \(index), \(what)")
                    #expect(json["error_msg"]?.string?.contains("Incorrect IAM authentication information") == true)
                    #expect(json["request_id"]?.string?.isEmpty == false)
                }
            }
        }
    }

    @Test("AK/SK: date skew over 15 minutes, missing signed header, unknown AK, no credentials → 401")
    func signatureFailures() async throws {
        let file = try SigningVectors.load()
        let vector = file.vectors[0]
        let date = try #require(AKSKSigner.parseSDKDate(vector.sdkDate))
        var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        config.credentials = [file.ak: file.sk]
        config.now = { date.addingTimeInterval(16 * 60) }
        let target = Self.target(path: vector.path, query: vector.query)
        try await ReplayTest.withApp(config) { client async throws in
            let skewed = try await Self.execute(
                client, method: "GET", target: target,
                headers: vector.headers + [("Host", vector.host), ("Authorization", vector.authorization)], body: [])
            #expect(skewed.status == .unauthorized)
            #expect(try skewed.json()["error_code"]?.string == "APIGW.0303")
            let noHost = try await Self.execute(
                client, method: "GET", target: target, headers: vector.headers + [("Authorization", vector.authorization)], body: [])
            #expect(noHost.status == .unauthorized)
            let none = try await client.get("\(Self.v1)/training-jobs")
            #expect(none.status == .unauthorized)
            #expect(try none.json()["error_code"]?.string == "APIGW.0301")
            let otherKey = vector.authorization.replacingOccurrences(of: file.ak, with: "AKNOTKNOWN")
            let unknown = try await Self.execute(
                client, method: "GET", target: target, headers: vector.headers + [("Host", vector.host), ("Authorization", otherKey)], body: [])
            #expect(unknown.status == .unauthorized)
            let token = try await client.get("\(Self.v1)/training-jobs", headers: [.init("X-Auth-Token")!: "t"])
            #expect(token.status == .unauthorized, "tokens are not accepted when only AK/SK is configured")
            #expect(try await client.get("/health").status == .ok, "/health needs no credentials")
        }
    }

    @Test("a request signed by the shared signer is accepted live")
    func signedLive() async throws {
        var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        config.credentials = ["AKLIVE": "secret-live"]
        config.host = "127.0.0.1"
        try await ReplayTest.withApp(config, .live) { client async throws in
            let signer = AKSKSigner(accessKey: "AKLIVE", secretKey: "secret-live")
            let request = signer.signed(
                SigningRequest(
                    method: "GET", path: "\(Self.v1)/training-jobs/10/versions", query: [("page", "0")],
                    headers: [("Host", "localhost")]))
            let headers = request.headers.filter { $0.0 != "Host" }
            let ok = try await Self.execute(client, method: "GET", target: AKSKSigner.requestURI(request), headers: headers, body: [])
            #expect(ok.status == .ok)
            #expect(ok.bytes == Array(SeedFixtures.versionList.utf8))
        }
    }

    @Test("tokens: --token values and token files; missing or wrong token → 401")
    func tokens() async throws {
        let directory = try TemporaryDirectory()
        let tokenFile = directory.path("tokens.txt")
        try "# tokens\n\n  file-token  \n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        config.tokens = ["cli-token"] + (try CredentialFiles.tokens(at: tokenFile))
        #expect(config.tokens == ["cli-token", "file-token"])
        let header = try #require(HTTPField.Name("X-Auth-Token"))
        try await ReplayTest.withApp(config) { client async throws in
            let missing = try await client.get("\(Self.v1)/training-jobs")
            #expect(missing.status == .unauthorized)
            let json = try missing.json()
            #expect(json["error_code"]?.string == "APIGW.0301")
            #expect(json["error_msg"]?.string?.contains("x-auth-token not found") == true)
            let wrong = try await client.get("\(Self.v1)/training-jobs", headers: [header: "cli-tokeN"])
            #expect(wrong.status == .unauthorized)
            for token in ["cli-token", "file-token"] {
                #expect(try await client.get("\(Self.v1)/training-jobs", headers: [header: token]).status == .ok)
            }
            let post = try await client.execute(uri: "\(Self.v1)/training-jobs", method: .post, headers: [header: "cli-token"], body: ByteBuffer(string: "{}"))
            #expect(post.status == .forbidden)
            #expect(try post.json()["error_code"]?.string == "ModelArts.0108")
        }
    }

    @Test("credentials files: 'AK SK' lines and Huawei's credentials.csv")
    func credentialFiles() throws {
        let directory = try TemporaryDirectory()
        let plain = directory.path("aksk.txt")
        try "# comment\nAK1 SK1\nAK2,SK2\n".write(toFile: plain, atomically: true, encoding: .utf8)
        #expect(try CredentialFiles.credentials(at: plain) == ["AK1": "SK1", "AK2": "SK2"])
        let csv = directory.path("credentials.csv")
        try "User Name,Access Key Id,Secret Access Key\r\n\"alice\",\"AK3\",\"SK3\"\r\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try CredentialFiles.credentials(at: csv) == ["AK3": "SK3"])
        let empty = directory.path("empty.txt")
        try "\n".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(throws: ReplayError.self) { try CredentialFiles.credentials(at: empty) }
        #expect(throws: ReplayError.self) { try CredentialFiles.tokens(at: directory.path("missing")) }
    }

    @Test("binding a non-loopback address without auth is refused, with the reason")
    func safeBinding() throws {
        for host in ["0.0.0.0", "::", "192.168.1.10", "example.com"] {
            var config = try ReplayTest.configuration(ReplayFixtures.sample.path)
            config.host = host
            #expect(!ReplayConfiguration.isLoopback(host))
            do {
                _ = try buildApplication(config, logger: ReplayTest.logger)
                Issue.record("\(host) without auth was accepted")
            } catch {
                #expect(error.code == .unsafeBind)
                #expect(error.message.contains("without authentication"))
            }
            config.tokens = ["t"]
            #expect(throws: Never.self) { try config.validate() }
        }
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] {
            #expect(ReplayConfiguration.isLoopback(host), "\(host)")
        }
    }
}
