import Dispatch

/// Runs archive writes one at a time on a thread of its own, off Swift's cooperative pool.
///
/// The archive's SQLite calls block; running them here keeps the network tasks moving.
final class SerialWriter: Sendable {
    private let queue = DispatchQueue(label: "jobarchive.snapshot.writer")

    /// Runs `body` on the writer thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
