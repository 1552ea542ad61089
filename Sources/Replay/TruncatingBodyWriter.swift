import Hummingbird
import NIOCore

/// Passes on the first `remaining` bytes of a body, then fails so the connection is dropped mid-body.
struct TruncatingBodyWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    var remaining: Int

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard remaining > 0 else { throw InjectedFault.truncated }
        if buffer.readableBytes <= remaining {
            remaining -= buffer.readableBytes
            try await parent.write(buffer)
            return
        }
        if let head = buffer.getSlice(at: buffer.readerIndex, length: remaining) {
            try await parent.write(head)
        }
        remaining = 0
        throw InjectedFault.truncated
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        throw InjectedFault.truncated
    }
}
