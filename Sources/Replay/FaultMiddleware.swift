import Hummingbird
import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Injects the faults of a ``FaultPlan`` into `/v1` answers (never into `/health`).
struct FaultMiddleware: RouterMiddleware {
    typealias Context = ReplayRequestContext
    let injector: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path != ReplayRoutes.healthPath, let fault = injector.next() else {
            return try await next(request, context)
        }
        context.logger.debug("injecting fault", metadata: ["fault": "\(fault.rawValue)"])
        switch fault {
        case .serverError:
            throw ReplayAPIError(
                status: .internalServerError, errorCode: "ModelArts.0010",
                message: "Internal error (fault injected by jobarchive serve)")
        case .unavailable:
            throw ReplayAPIError(
                status: .serviceUnavailable, errorCode: "ModelArts.6101",
                message: "The system is busy now (fault injected by jobarchive serve)", retryAfter: 1)
        case .throttled:
            throw ReplayAPIError(
                status: .tooManyRequests, errorCode: "APIG.0308",
                message: "The throttling threshold has been reached (fault injected by jobarchive serve)",
                style: .gateway, retryAfter: 1)
        case .reset:
            let channel = context.channel
            if let provider = channel as? any SocketOptionProvider {
                // try?: an injected reset; a socket that cannot take SO_LINGER still gets closed below.
                try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            // try?: the channel may already be closing; the request ends with InjectedFault.reset either way.
            try? await channel.close().get()
            throw InjectedFault.reset
        case .truncate:
            var response = try await next(request, context)
            let original = response.body
            guard let length = original.contentLength, length > 0 else {
                throw InjectedFault.truncated
            }
            response.body = ResponseBody(contentLength: length) { writer in
                try await original.write(TruncatingBodyWriter(parent: writer, remaining: length / 2))
            }
            return response
        case .slow:
            try await Task.sleep(for: .milliseconds(injector.plan.slowDelayMilliseconds))
            return try await next(request, context)
        }
    }
}
