/// A connection-level fault in progress: it must reach Hummingbird, which then drops the connection.
enum InjectedFault: Error, Sendable {
    /// The connection was reset before an answer.
    case reset
    /// The body was cut short.
    case truncated
}
