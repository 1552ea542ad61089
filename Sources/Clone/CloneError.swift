/// A one-line error from building, checking or submitting a clone request.
public struct CloneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The one-line message, safe to print (never contains a credential).
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
