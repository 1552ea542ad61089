import Foundation

/// Where a log crawl notes that its page endpoint failed, instead of recording a gap, when another way to
/// the log remains (a v2 task log's OBS link): the first failure wins.
final class LogFetchFailure: @unchecked Sendable {
    /// The HTTP status and message of the failure.
    struct Failure: Sendable {
        var status: Int?
        var code: String?
        var message: String
    }

    private let lock = NSLock()
    private var first: Failure?

    /// The first failure noted, or nil.
    var failure: Failure? { lock.withLock { first } }

    /// Notes a failure (kept only when none was noted before).
    func note(status: Int?, code: String?, message: String) {
        lock.withLock { if first == nil { first = Failure(status: status, code: code, message: message) } }
    }
}
