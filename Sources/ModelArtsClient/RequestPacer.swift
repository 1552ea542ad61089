import Foundation

/// Spaces requests out to at most N per second.
actor RequestPacer {
    private let interval: Double
    private var next: Double = 0

    init(requestsPerSecond: Double) {
        interval = 1 / max(requestsPerSecond, 0.001)
    }

    /// Waits until the next request may start.
    func acquire() async {
        let now = ProcessInfo.processInfo.systemUptime
        let start = max(now, next)
        next = start + interval
        let wait = start - now
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
    }
}
