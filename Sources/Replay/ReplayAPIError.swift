public import Hummingbird
import ModelArtsAPI

/// An error answered to the client as JSON: the v1 envelope, or the API Gateway shape for auth and throttling.
///
/// Every client mistake maps to one of these with a 4xx status; only injected faults use 5xx.
public struct ReplayAPIError: Error, Sendable, Equatable {
    /// Which body shape the error is written in.
    public enum Style: Sendable, Equatable {
        /// `{"is_success":false,"error_code":…,"error_message":…,"error_msg":…}` (ModelArts v1).
        case v1
        /// `{"error_msg":…,"error_code":…,"request_id":…}` (API Gateway).
        case gateway
        /// `{"error_code":…,"error_msg":…}` (ModelArts v2).
        case v2
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// `error_code`, e.g. `ModelArts.0101`.
    public var errorCode: String
    /// The human-readable message.
    public var message: String
    /// The body shape.
    public var style: Style
    /// Seconds for a `Retry-After` header, when set.
    public var retryAfter: Int?

    /// Creates an error.
    public init(status: HTTPResponse.Status, errorCode: String, message: String, style: Style = .v1, retryAfter: Int? = nil) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.style = style
        self.retryAfter = retryAfter
    }

    // MARK: - The classes of errors the server answers

    /// 400 `ModelArts.0101`: a query or path parameter is malformed or out of range.
    public static func badParameter(_ name: String, _ detail: String) -> ReplayAPIError {
        ReplayAPIError(status: .badRequest, errorCode: "ModelArts.0101", message: "Invalid Argument: \(name) \(detail)")
    }

    /// 404 `ModelArts.0015`: a job, version, log file, config or visualization job the archive does not hold.
    public static func notFound(_ what: String) -> ReplayAPIError {
        ReplayAPIError(status: .notFound, errorCode: "ModelArts.0015", message: "Resource does not exist: \(what)")
    }

    /// 403 `ModelArts.0210`: the URL names another project than the archive's.
    public static func wrongProject(_ given: String) -> ReplayAPIError {
        ReplayAPIError(
            status: .forbidden, errorCode: "ModelArts.0210",
            message: "Project id in URL does not match: '\(given)' is not the project this archive holds")
    }

    /// 403 `ModelArts.0108`: a write method; the archive is served read-only.
    public static func readOnly(method: String, path: String) -> ReplayAPIError {
        ReplayAPIError(
            status: .forbidden, errorCode: "ModelArts.0108",
            message: "Not authorized to perform (\(method) \(path)): this server replays a read-only archive")
    }

    /// 404 `APIGW.0101`: no such API path.
    public static func unknownPath(method: String, path: String) -> ReplayAPIError {
        ReplayAPIError(
            status: .notFound, errorCode: "APIGW.0101",
            message: "The API does not exist or has not been published in the environment: \(method) \(path)")
    }

    /// 401 in the gateway shape: missing or wrong credentials.
    public static func unauthorized(code: String, message: String) -> ReplayAPIError {
        ReplayAPIError(status: .unauthorized, errorCode: code, message: message, style: .gateway)
    }

    /// 429 `APIG.0308` with `Retry-After`: over `--max-rps`.
    public static func throttled(limit: Int, retryAfter: Int) -> ReplayAPIError {
        ReplayAPIError(
            status: .tooManyRequests, errorCode: "APIG.0308",
            message: "The throttling threshold has been reached: policy user over ratelimit,limit:\(limit),time:1 second",
            style: .gateway, retryAfter: retryAfter)
    }

    /// 413 in the gateway shape: a request body over the 12 MB AK/SK limit.
    public static func bodyTooLarge(limit: Int) -> ReplayAPIError {
        ReplayAPIError(
            status: .contentTooLarge, errorCode: "APIGW.0413",
            message: "Request body is larger than \(limit) bytes", style: .gateway)
    }

    /// This error in the v2 shape.
    public var inV2: ReplayAPIError {
        var copy = self
        if copy.style == .v1 { copy.style = .v2 }
        return copy
    }

    // MARK: - Rendering

    /// The JSON body, built by hand.
    public func body(requestID: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.utf8.count * 2 + 96)
        switch style {
        case .v1:
            out += Array(#"{"is_success":false,"error_code":"#.utf8)
            out += JSONStringLiteral.encode(Array(errorCode.utf8))
            out += Array(#","error_message":"#.utf8)
            out += JSONStringLiteral.encode(Array(message.utf8))
            out += Array(#","error_msg":"#.utf8)
            out += JSONStringLiteral.encode(Array(message.utf8))
        case .v2:
            out += Array(#"{"error_code":"#.utf8)
            out += JSONStringLiteral.encode(Array(errorCode.utf8))
            out += Array(#","error_msg":"#.utf8)
            out += JSONStringLiteral.encode(Array(message.utf8))
        case .gateway:
            out += Array(#"{"error_msg":"#.utf8)
            out += JSONStringLiteral.encode(Array(message.utf8))
            out += Array(#","error_code":"#.utf8)
            out += JSONStringLiteral.encode(Array(errorCode.utf8))
            out += Array(#","request_id":"#.utf8)
            out += JSONStringLiteral.encode(Array(requestID.utf8))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The full response.
    public func response(requestID: String) -> Response {
        var response = JSONResponse.make(status: status, bytes: body(requestID: requestID))
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
