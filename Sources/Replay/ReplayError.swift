/// Why the replay server could not start (bad options, an unusable archive, an unsafe bind).
public struct ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure kinds.
    public enum Code: Sendable, Equatable {
        /// An option value is invalid.
        case invalidOption
        /// The archive cannot be opened or served.
        case archive
        /// A non-loopback address was requested without authentication.
        case unsafeBind
        /// A token or credentials file cannot be read or parsed.
        case credentials
        /// The server could not start (the address is taken, the embedded server never listened).
        case startFailed
    }

    /// The failure kind.
    public var code: Code
    /// One line for the user.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
