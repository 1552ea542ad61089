import Hummingbird
import Logging

/// Turns every error into a JSON answer: ``ReplayAPIError`` as itself, the router's 404 as an unknown
/// path, and anything else (an archive failure) as a logged 500 — never an empty body.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ReplayAPIError {
            return error.response(requestID: context.id)
        } catch let error as HTTPError where error.status == .notFound {
            return ReplayAPIError.unknownPath(method: request.method.rawValue, path: request.uri.path).response(requestID: context.id)
        } catch let error as HTTPError where error.status == .methodNotAllowed {
            return ReplayAPIError.readOnly(method: request.method.rawValue, path: request.uri.path).response(requestID: context.id)
        } catch let fault as InjectedFault {
            throw fault
        } catch let failure as ReplayStoreFailure {
            context.logger.error("archive read failed", metadata: ["error": "\(failure.message)", "path": "\(request.uri.path)"])
            return ReplayAPIError(status: .internalServerError, errorCode: "ModelArts.0010", message: "Internal error: the archive could not be read")
                .response(requestID: context.id)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return ReplayAPIError(status: .internalServerError, errorCode: "ModelArts.0010", message: "Internal error")
                .response(requestID: context.id)
        }
    }
}
