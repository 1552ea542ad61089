import AsyncHTTPClient
import Foundation
import ModelArtsAPI
import NIOCore
import NIOHTTP1

/// Fetches a project-scoped IAM token with a password (`POST /v3/auth/tokens`) and renews it before it expires.
actor IAMTokenProvider {
    private let iamURL: String
    private let user: String
    private let password: String
    private let domain: String
    private let projectID: String
    private let projectName: String?
    private let http: HTTPClient
    private let endpoint: ModelArtsEndpoint
    private var cached: (token: String, expires: Date)?

    init(iamURL: String, user: String, password: String, domain: String, projectID: String, projectName: String?, http: HTTPClient, endpoint: ModelArtsEndpoint) {
        self.iamURL = iamURL
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.domain = domain
        self.projectID = projectID
        self.projectName = projectName
        self.http = http
    }

    /// Forgets the cached token (after a 401).
    func invalidate() {
        cached = nil
    }

    /// A token valid for at least five more minutes.
    func token() async throws(ModelArtsClientError) -> String {
        if let cached, cached.expires.timeIntervalSinceNow > 300 { return cached.token }
        let scope = projectName.map { #"{"project":{"name":\#(Self.quote($0))}}"# } ?? #"{"project":{"id":\#(Self.quote(projectID))}}"#
        let body = #"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":\#(Self.quote(user)),"password":\#(Self.quote(password)),"domain":{"name":\#(Self.quote(domain))}}}},"scope":\#(scope)}}"#
        let url = iamURL + "/v3/auth/tokens?nocatalog=true"
        try endpoint.requireSafeTransport(url)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json;charset=utf8")
        request.body = .bytes(ByteBuffer(string: body))
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(30))
        } catch {
            if Task.isCancelled { throw ModelArtsClientError(.cancelled, "cancelled") }
            throw ModelArtsClientError(.transport, "IAM token request failed: \(ModelArtsClient.describe(error))")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: 4 << 20)
        } catch {
            throw ModelArtsClientError(.transport, "IAM token answer could not be read: \(ModelArtsClient.describe(error))")
        }
        guard response.status.code == 201 || response.status.code == 200, let token = response.headers.first(name: "X-Subject-Token") else {
            throw ModelArtsClientError(.authentication, "IAM refused the password login (HTTP \(response.status.code))", httpStatus: Int(response.status.code))
        }
        var expires = Date().addingTimeInterval(23 * 3600)
        // try?: an answer without a readable expires_at keeps the token for 23 h (IAM's documented
        // lifetime is 24 h); a token revoked or expired earlier gets a 401, which fetches a new one.
        if let json = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any],
            let tokenObject = json["token"] as? [String: Any], let text = tokenObject["expires_at"] as? String
        {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) { expires = date }
        }
        cached = (token, expires)
        return token
    }

    private static func quote(_ s: String) -> String {
        String(decoding: JSONStringLiteral.encode(Array(s.utf8)), as: UTF8.self)
    }
}
