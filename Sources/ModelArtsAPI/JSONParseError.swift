/// A syntax error found while parsing or slicing a JSON document.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset (from the start of the input) where the problem was detected.
    public var offset: Int
    /// What was wrong, e.g. `expected ':' after object key`.
    public var message: String

    /// Creates an error at `offset` with `message`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `malformed JSON at byte 123: expected ':' after object key`.
    public var description: String { "malformed JSON at byte \(offset): \(message)" }
}
