/// Whether a request is retried.
public enum RetryPolicy: Sendable, Hashable {
    /// Retries as the client's ``ClientConfiguration`` says (429, 5xx, broken connections, timeouts,
    /// incomplete bodies); reads use this.
    case configured
    /// One attempt, and every answer returned whatever its status: a create is not idempotent (a retry
    /// can create twice), and the caller records what came back.
    case never
}
