import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Logs one line per request through swift-log (method, target, status, body size, duration) and
/// stamps `X-Request-Id` on the answer.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let target = Self.loggable(request.uri.description)
        context.logger.debug("\(request.method.rawValue) \(target) received")
        do {
            var response = try await next(request, context)
            if let name = HTTPField.Name.xRequestID { response.headers[name] = context.id }
            let elapsed = ContinuousClock.now - start
            context.logger.info(
                "\(request.method.rawValue) \(target) \(response.status.code)",
                metadata: [
                    "bytes": "\(response.body.contentLength.map(String.init) ?? "-")",
                    "ms": "\(Self.milliseconds(elapsed))",
                ])
            return response
        } catch {
            let elapsed = ContinuousClock.now - start
            context.logger.info(
                "\(request.method.rawValue) \(target) aborted",
                metadata: ["error": "\(error)", "ms": "\(Self.milliseconds(elapsed))"])
            throw error
        }
    }

    /// The request target as logged: a download link's token (its only authority) replaced by `…`.
    static func loggable(_ target: String) -> String {
        target.hasPrefix(ReplayRoutes.logLinkPrefix) ? ReplayRoutes.logLinkPrefix + "…" : target
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`, where the Huawei SDKs look for the request id.
    static let xRequestID = Self("X-Request-Id")
}
