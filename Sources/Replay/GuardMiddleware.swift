import Foundation
import Hummingbird
import ModelArtsAPI
import NIOCore

/// The checks in front of the API, in the order a gateway applies them: credentials, the
/// `--max-rps` throttle, then the read-only rule. `/health` is exempt from all three; a download link
/// (`/obs-links/TOKEN`) from the credentials.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let authenticator: ReplayAuthenticator
    let limiter: RateLimiter?
    let now: @Sendable () -> Date

    /// The largest body a signed request may carry (API Gateway's AK/SK limit).
    static var maxBody: Int { 12 * 1024 * 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == ReplayRoutes.healthPath, request.method == .get || request.method == .head {
            return try await next(request, context)
        }
        // Download links carry their own authority (the token, as an OBS link's signature): no API credentials,
        // but the throttle still applies.
        let isLink = path.hasPrefix(ReplayRoutes.logLinkPrefix) && (request.method == .get || request.method == .head)
        var request = request
        if authenticator.isEnabled, !isLink {
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Self.maxBody)
            } catch {
                throw ReplayAPIError.bodyTooLarge(limit: Self.maxBody)
            }
            request.body = RequestBody(buffer: buffer)
            var headers: [(String, String)] = []
            for field in request.headers { headers.append((field.name.rawName, field.value)) }
            if let authority = request.head.authority, !headers.contains(where: { $0.0.lowercased() == "host" }) {
                headers.append(("Host", authority))
            }
            let signing = SigningRequest(
                method: request.method.rawValue, path: path, query: QueryParameters(rawQuery: request.uri.query).pairs,
                headers: headers, body: Array(buffer.readableBytesView))
            if case .failure(let error) = authenticator.check(signing, now: now()) { throw error }
        }
        if let limiter, let wait = limiter.acquire() {
            throw ReplayAPIError.throttled(limit: limiter.limit, retryAfter: wait)
        }
        if request.method != .get, request.method != .head, !(request.method == .post && GuardMiddleware.isReadingPost(path)) {
            throw ReplayAPIError.readOnly(method: request.method.rawValue, path: path)
        }
        return try await next(request, context)
    }

    /// Whether a POST only reads: the v2 job search (`/v2/{project_id}/training-job-searches`).
    static func isReadingPost(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return segments.count == 3 && segments[0] == "v2" && segments[2] == Substring(V2Endpoint.jobSearches.template)
    }
}
