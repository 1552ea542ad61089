/// Timeouts, retries and pacing of the client.
public struct ClientConfiguration: Sendable, Equatable {
    /// Seconds one request may take, body included.
    public var requestTimeout: Double = 60
    /// Retries after the first attempt, for 429, 5xx, broken connections, timeouts and unreadable bodies.
    public var maxRetries: Int = 6
    /// The first backoff, doubled per retry (with jitter), in seconds.
    public var backoffBase: Double = 0.2
    /// The longest backoff, in seconds (Retry-After is honoured up to `maxRetryAfter`).
    public var backoffCap: Double = 10
    /// The longest Retry-After honoured, in seconds.
    public var maxRetryAfter: Double = 60
    /// Requests per second at most (nil: unpaced).
    public var maxRequestsPerSecond: Double? = nil
    /// The largest response body accepted, in bytes.
    public var maxBodyBytes: Int = 256 << 20

    /// The defaults.
    public init() {}
}
