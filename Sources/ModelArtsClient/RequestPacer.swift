import Foundation

/// Spaces requests out to at most N per second.
actor RequestPacer {
    private let interval: Double
    private var next: Double = 0

    init(requestsPerSecond: Double) {
        interval = 1 / max(requestsPerSecond, 0.001)
    }

    /// Waits until the next request may start; throws `.cancelled` at once when the task is cancelled.
    func acquire() async throws(ModelArtsClientError) {
        let now = ProcessInfo.processInfo.systemUptime
        let start = max(now, next)
        next = start + interval
        let wait = start - now
        if wait > 0 { try await ModelArtsClient.sleep(seconds: wait) }
    }
}
