import AsyncHTTPClient
import Foundation
import Logging
import ModelArtsAPI
import NIOCore
import NIOHTTP1

/// A client of the ModelArts REST API (v1 and v2): authentication, retries with backoff, pacing and counters.
///
/// The only type that speaks HTTP to ModelArts: the snapshot crawl reads through it, clone and
/// restore-config submit through it with ``RetryPolicy/never``.
///
/// Non-2xx answers other than 429 and 5xx are returned, not thrown: what they mean is the caller's
/// decision (a snapshot records them as gaps). Credentials never appear in errors or logs.
public final class ModelArtsClient: Sendable {
    /// Where requests go.
    public let endpoint: ModelArtsEndpoint
    private let credentials: ClientCredentials
    let configuration: ClientConfiguration
    let http: HTTPClient
    let pacer: RequestPacer?
    private let tokens: IAMTokenProvider?
    let counters = Counters()
    let logger: Logger

    /// Creates a client; call ``shutdown()`` when done.
    public init(endpoint: ModelArtsEndpoint, credentials: ClientCredentials, configuration: ClientConfiguration = ClientConfiguration(), logger: Logger = Logger(label: "jobarchive.client")) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.configuration = configuration
        var httpConfig = HTTPClient.Configuration()
        httpConfig.timeout = .init(connect: .seconds(10), read: .seconds(Int64(max(configuration.requestTimeout, 1))))
        httpConfig.redirectConfiguration = .disallow
        httpConfig.decompression = .disabled
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfig)
        self.pacer = configuration.maxRequestsPerSecond.map { RequestPacer(requestsPerSecond: $0) }
        if case .password(let user, let password, let domain, let projectName) = credentials {
            self.tokens = IAMTokenProvider(
                iamURL: endpoint.iamURL ?? endpoint.baseURL, user: user, password: password, domain: domain,
                projectID: endpoint.projectID, projectName: projectName, http: http, endpoint: endpoint)
        } else {
            self.tokens = nil
        }
        self.logger = logger
    }

    /// Shuts the HTTP client down.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Requests sent (attempts included).
    public var requestCount: Int { counters.requests }
    /// Retries made.
    public var retryCount: Int { counters.retries }

    /// `GET` a catalogued v1 endpoint with query parameters, with retries.
    ///
    /// - Throws: ``ModelArtsClientError`` (see ``send(_:method:path:query:body:retries:)``).
    public func get(_ endpoint: V1Endpoint, query: [(String, String)] = []) async throws(ModelArtsClientError) -> APIResponse {
        try await send(.v1, method: "GET", path: endpoint.segments, query: query, body: [])
    }

    /// `GET /v1/{project_id}/{path}` with query parameters; `path` has no leading slash, its segments unencoded.
    ///
    /// - Throws: ``ModelArtsClientError`` (see ``send(_:method:path:query:body:retries:)``).
    public func get(_ path: [String], query: [(String, String)] = []) async throws(ModelArtsClientError) -> APIResponse {
        try await send(.v1, method: "GET", path: path, query: query, body: [])
    }

    /// Sends a request under `/{generation}/{project_id}/`; `body` is JSON when not empty.
    ///
    /// - Parameters:
    ///   - generation: `/v1/` or `/v2/`.
    ///   - path: the segments after the project id, not yet percent-encoded.
    ///   - retries: ``RetryPolicy/configured`` for reads; ``RetryPolicy/never`` sends once and returns any answer.
    ///   - headers: more request headers (name, value), sent after the client's own (not signed).
    /// - Throws: ``ModelArtsClientError``: `.invalidArgument` before any connection to a plain-http
    ///   non-loopback host; `.authentication` for refused IAM logins; `.cancelled`; with retries, `.retriesExhausted`
    ///   or `.invalidBody` once the retries are spent; `.transport`/`.timeout` when no answer came.
    public func send(
        _ generation: APIGeneration = .v1, method: String, path: [String], query: [(String, String)] = [], body: [UInt8],
        retries: RetryPolicy = .configured, headers: [(String, String)] = []
    ) async throws(ModelArtsClientError) -> APIResponse {
        let version = "/" + generation.rawValue + "/"
        let rawPath = endpoint.pathPrefix + version + endpoint.projectID + "/" + path.joined(separator: "/")
        let encodedPath = (endpoint.pathPrefix + version + AKSKSigner.encode(endpoint.projectID) + "/" + path.map(AKSKSigner.encode).joined(separator: "/"))
        let maxRetries = retries == .never ? 0 : configuration.maxRetries
        let queryString = AKSKSigner.canonicalQueryString(query)
        let url = endpoint.baseURL.dropLast(endpoint.pathPrefix.count) + encodedPath + (queryString.isEmpty ? "" : "?" + queryString)
        try endpoint.requireSafeTransport(String(url))
        var attempt = 0
        var lastError = ModelArtsClientError(.transport, "no attempt made")
        var reauthenticated = false
        while true {
            try ModelArtsClient.checkCancellation()
            if let pacer { try await pacer.acquire() }
            counters.addRequest()
            do {
                let response = try await attemptOnce(method: method, url: String(url), rawPath: rawPath, query: query, body: body, extraHeaders: headers)
                let retryable = response.status == 429 || (500...599).contains(response.status)
                if response.status == 401, tokens != nil, !reauthenticated {
                    // A token can be revoked early (password or permission change): fetch a new one once.
                    await tokens?.invalidate()
                    reauthenticated = true
                    continue
                }
                if retries == .never { return response }
                if !retryable {
                    if (200...299).contains(response.status), !response.body.isEmpty, !ModelArtsClient.isCompleteJSON(response.body) {
                        lastError = ModelArtsClientError(.invalidBody, "\(method) \(rawPath): body is not complete JSON (\(response.body.count) bytes)", httpStatus: response.status)
                    } else {
                        return response
                    }
                } else {
                    lastError = ModelArtsClientError(
                        .retriesExhausted, "\(method) \(rawPath): HTTP \(response.status) after \(attempt + 1) attempts", httpStatus: response.status)
                }
                guard attempt < maxRetries else { throw lastError }
                var delay = backoff(attempt)
                if response.status == 429 || response.status == 503, let after = response.header("Retry-After").flatMap(Double.init) {
                    delay = min(max(after, 0), configuration.maxRetryAfter)
                }
                attempt += 1
                counters.addRetry()
                logger.debug("retrying", metadata: ["path": "\(rawPath)", "status": "\(response.status)", "delay": "\(delay)"])
                try await ModelArtsClient.sleep(seconds: delay)
            } catch let error as ModelArtsClientError {
                if error.code == .authentication || error.code == .invalidArgument || error.code == .cancelled { throw error }
                if Task.isCancelled { throw ModelArtsClientError(.cancelled, "\(method) \(rawPath): cancelled") }
                lastError = error
                guard attempt < maxRetries else {
                    throw ModelArtsClientError(error.code, "\(error.message) (after \(attempt + 1) attempts)", httpStatus: error.httpStatus)
                }
                attempt += 1
                counters.addRetry()
                try await ModelArtsClient.sleep(seconds: backoff(attempt - 1))
            } catch {
                throw ModelArtsClientError(.transport, "\(method) \(rawPath): \(error)")
            }
        }
    }

    /// Throws `.cancelled` when the calling task is cancelled.
    static func checkCancellation() throws(ModelArtsClientError) {
        if Task.isCancelled { throw ModelArtsClientError(.cancelled, "cancelled") }
    }

    /// Sleeps for a backoff; cancellation ends the wait at once and throws `.cancelled`.
    static func sleep(seconds: Double) async throws(ModelArtsClientError) {
        guard seconds > 0 else { return try checkCancellation() }
        do {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        } catch {
            throw ModelArtsClientError(.cancelled, "cancelled")
        }
    }

    func backoff(_ attempt: Int) -> Double {
        let raw = min(configuration.backoffCap, configuration.backoffBase * pow(2, Double(attempt)))
        return raw * Double.random(in: 0.5...1.0)
    }

    private func attemptOnce(
        method: String, url: String, rawPath: String, query: [(String, String)], body: [UInt8], extraHeaders: [(String, String)]
    ) async throws(ModelArtsClientError) -> APIResponse {
        var headers: [(String, String)] = [("Host", endpoint.hostHeader), ("Accept", "application/json")]
        if !body.isEmpty { headers.append(("Content-Type", "application/json;charset=UTF-8")) }
        headers.append(("User-Agent", "jobarchive/0.1"))
        switch credentials {
        case .none:
            break
        case .token(let token):
            headers.append(("X-Auth-Token", token))
        case .password:
            guard let tokens else { break }
            headers.append(("X-Auth-Token", try await tokens.token()))
        case .accessKey(let ak, let sk):
            let signer = AKSKSigner(accessKey: ak, secretKey: sk)
            let request = SigningRequest(method: method, path: rawPath, query: query, headers: headers, body: body)
            var signedNames = ["host", "x-sdk-date"]
            if !body.isEmpty { signedNames.append("content-type") }
            headers = signer.signed(request, signedHeaders: signedNames.sorted()).headers
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers + extraHeaders where name.lowercased() != "host" {
            request.headers.add(name: name, value: value)
        }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(configuration.requestTimeout * 1000)))
            let buffer = try await response.body.collect(upTo: configuration.maxBodyBytes)
            let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
            return APIResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
        } catch _ where Task.isCancelled {
            throw ModelArtsClientError(.cancelled, "\(method) \(rawPath): cancelled")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw ModelArtsClientError(.timeout, "\(method) \(rawPath): timed out")
        } catch {
            throw ModelArtsClientError(.transport, "\(method) \(rawPath): \(ModelArtsClient.describe(error))")
        }
    }

    /// Whether a body is one complete JSON document (objects are checked without building a tree).
    ///
    /// try?: a yes/no check; the body is kept either way and a "no" is retried, then reported.
    static func isCompleteJSON(_ body: [UInt8]) -> Bool {
        if let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == 0x7B {
            return (try? RawJSON.objectMembers(body)) != nil
        }
        return (try? RawJSON.parse(body)) != nil
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// Request and retry counters, safe across tasks.
final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var _requests = 0
    private var _retries = 0

    var requests: Int { lock.withLock { _requests } }
    var retries: Int { lock.withLock { _retries } }
    func addRequest() { lock.withLock { _requests += 1 } }
    func addRetry() { lock.withLock { _retries += 1 } }
}
