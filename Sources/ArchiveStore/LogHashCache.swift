import Crypto
import Foundation

/// Running SHA-256 states of recently written logs, keyed by file and byte count.
///
/// A state is used only when its byte count equals the stored log's, so a stale entry is never wrong,
/// merely unused. Bounded: the oldest entries are dropped.
final class LogHashCache: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [Int64: [(byteCount: Int, state: SHA256)]] = [:]
    private var order: [Int64] = []
    private let limit = 256

    /// The running hash of the first `byteCount` bytes of a log, if remembered.
    func state(fileID: Int64, byteCount: Int) -> SHA256? {
        lock.withLock {
            states[fileID]?.first { $0.byteCount == byteCount }?.state
        }
    }

    /// Remembers running hashes after a committed write: at its end, and where its last chunk starts
    /// (an append that re-opens that chunk resumes from there).
    func remember(fileID: Int64, states entries: [(byteCount: Int, state: SHA256)]) {
        lock.withLock {
            if states[fileID] == nil {
                order.append(fileID)
                if order.count > limit {
                    states[order.removeFirst()] = nil
                }
            }
            states[fileID] = entries
        }
    }

    /// Forgets a log (after it is replaced).
    func forget(fileID: Int64) {
        lock.withLock { states[fileID] = nil }
    }
}
