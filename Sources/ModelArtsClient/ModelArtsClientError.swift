/// An error from the ModelArts client; its message never contains a credential.
public struct ModelArtsClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: String, Sendable, Equatable {
        /// A bad endpoint, project id or option.
        case invalidArgument
        /// Authentication was refused (401/403), or no token could be obtained.
        case authentication
        /// The connection failed or broke, after every retry.
        case transport
        /// The request timed out, after every retry.
        case timeout
        /// The server kept answering 429 or 5xx, after every retry.
        case retriesExhausted
        /// The body could not be read as JSON, after every retry.
        case invalidBody
        /// The calling task was cancelled (Ctrl-C, SIGTERM): nothing more is sent.
        case cancelled
    }

    /// The kind of failure.
    public var code: Code
    /// A one-line message.
    public var message: String
    /// The last HTTP status seen, if any.
    public var httpStatus: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    /// The message.
    public var description: String { message }
}
