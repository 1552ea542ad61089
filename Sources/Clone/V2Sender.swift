import AsyncHTTPClient
import Foundation
import ModelArtsAPI
import ModelArtsClient
import NIOCore
import NIOHTTP1

/// Sends one request to a `/v2/{project_id}/…` path, signed like ModelArtsClient signs v1 calls, without retries.
///
/// ModelArtsClient only addresses `/v1/`; a create must not be retried (a retry can create twice).
public struct V2Sender: Sendable {
    /// Where requests go.
    public var endpoint: ModelArtsEndpoint
    /// How to authenticate (IAM token or AK/SK; the password flow is not supported here).
    public var credentials: ClientCredentials
    /// Seconds the request may take.
    public var timeout: Double

    /// Creates a sender.
    public init(endpoint: ModelArtsEndpoint, credentials: ClientCredentials, timeout: Double = 60) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.timeout = timeout
    }

    /// Sends `method` to `/v2/{project_id}/{path}` with a JSON body; returns the response, whatever its status.
    public func send(method: String, path: [String], body: [UInt8]) async throws -> SubmitResponse {
        let rawPath = endpoint.pathPrefix + "/v2/" + endpoint.projectID + "/" + path.joined(separator: "/")
        let encodedPath = "/v2/" + AKSKSigner.encode(endpoint.projectID) + "/" + path.map(AKSKSigner.encode).joined(separator: "/")
        let url = endpoint.baseURL + encodedPath
        try endpoint.requireSafeTransport(url)
        var headers: [(String, String)] = [("Host", endpoint.hostHeader), ("Accept", "application/json")]
        if !body.isEmpty { headers.append(("Content-Type", "application/json;charset=UTF-8")) }
        headers.append(("User-Agent", "jobarchive/0.1"))
        switch credentials {
        case .none:
            break
        case .token(let token):
            headers.append(("X-Auth-Token", token))
        case .accessKey(let ak, let sk):
            let request = SigningRequest(method: method, path: rawPath, headers: headers, body: body)
            var signed = ["host", "x-sdk-date"]
            if !body.isEmpty { signed.append("content-type") }
            headers = AKSKSigner(accessKey: ak, secretKey: sk).signed(request, signedHeaders: signed.sorted()).headers
        case .password:
            throw CloneError(.invalidOption, "--target v2 submission needs an IAM token or AK/SK; the IAM password flow is supported for v1 only")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers where name.lowercased() != "host" {
            request.headers.add(name: name, value: value)
        }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let buffer = try await response.body.collect(upTo: 16 << 20)
            let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
            try await http.shutdown()
            return SubmitResponse(status: Int(response.status.code), body: bytes)
        } catch {
            // try?: cleanup on the way out; the send error is what the user needs.
            try? await http.shutdown()
            if let error = error as? CloneError { throw error }
            throw CloneError(.request, "\(method) \(rawPath): \(error)")
        }
    }
}
