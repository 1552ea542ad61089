import Foundation

/// A token bucket for `--max-rps`: up to N requests in any one-second burst, refilled at N per second.
final class RateLimiter: Sendable {
    /// Requests per second.
    let limit: Int
    private let state: LockedBox<(tokens: Double, last: TimeInterval)>
    private let clock: @Sendable () -> TimeInterval

    init(limit: Int, clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        self.limit = limit
        self.clock = clock
        self.state = LockedBox((Double(limit), clock()))
    }

    /// Takes a token; returns nil when allowed, else the whole seconds to wait (at least 1).
    func acquire() -> Int? {
        let now = clock()
        return state.withLock { s -> Int? in
            let rate = Double(limit)
            s.tokens = min(rate, s.tokens + (now - s.last) * rate)
            s.last = now
            if s.tokens >= 1 {
                s.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - s.tokens) / rate).rounded(.up)))
        }
    }
}
