import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the first SIGINT or SIGTERM into cancellation of one piece of work, so that it can stop
/// cleanly (commit what it has, mark its capture partial) instead of dying mid-write.
///
/// A second signal ends the process at once with the usual status (128 + signal): the archive is
/// crash-safe, so nothing is damaged, only the clean finish is skipped.
final class InterruptTrap: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?

    /// The signal that interrupted the work, if any.
    var signal: Int32? { lock.withLock { received } }

    /// The exit status for the received signal: 130 for SIGINT, 143 for SIGTERM.
    var exitStatus: Int32? { signal.map { 128 + $0 } }

    /// Runs `body` in a task that the first SIGINT/SIGTERM cancels; returns its result or rethrows its error.
    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let signals: [Int32] = [SIGINT, SIGTERM]
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let first: Bool = lock.withLock {
                    guard received == nil else { return false }
                    received = number
                    return true
                }
                if first {
                    task.cancel()
                } else {
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
        defer {
            for source in sources { source.cancel() }
            for number in signals { Foundation.signal(number, SIG_DFL) }
        }
        return try await task.value
    }
}
