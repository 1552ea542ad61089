/// Why a clone, a reproduce or a config restore could not be built or sent.
public struct CloneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure kinds.
    public enum Code: Sendable, Equatable {
        /// An option (an override, a name, a missing value the user must give) is wrong: a usage error.
        case invalidOption
        /// The archive does not hold, or cannot decode, what was asked for.
        case archive
        /// Sending the request failed, or the API refused it.
        case request
    }

    /// The failure kind.
    public var code: Code
    /// The one-line message, safe to print (never contains a credential).
    public var message: String

    /// Creates an error of a kind.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
