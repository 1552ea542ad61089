public import Hummingbird
import NIOCore

/// Builds JSON responses from bytes that are already encoded (stored entity bytes or hand-built pages).
public enum JSONResponse {
    /// The `Content-Type` of every API answer.
    public static let contentType = "application/json;charset=UTF-8"

    /// A response whose body is exactly `bytes`.
    public static func make(status: HTTPResponse.Status = .ok, bytes: [UInt8]) -> Response {
        make(status: status, buffer: ByteBuffer(bytes: bytes))
    }

    /// A response whose body is exactly `buffer`.
    public static func make(status: HTTPResponse.Status = .ok, buffer: ByteBuffer) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: buffer))
    }
}
