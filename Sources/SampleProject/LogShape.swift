/// How a status's logs look.
enum LogShape: Sendable {
    /// No log files at all.
    case none
    /// Log files that exist but are empty.
    case empty
    /// One line per file.
    case singleLine
    /// A full training log ending as given.
    case full(LogRequest.Ending)

    /// The shape for a status code.
    static func forStatus(_ status: Int, outOfMemory: Bool) -> LogShape {
        switch status {
        case 0, 1, 2, 4, 5, 7: return .none
        case 3: return .empty
        case 13: return .singleLine
        case 8, 9, 15: return .full(.running)
        case 11: return .full(outOfMemory ? .outOfMemory : .failed)
        case 12: return .full(.killed)
        case 14: return .full(.lost)
        case 16, 17: return .full(.modelSubmitFailed)
        default: return .full(.completed)
        }
    }

    /// Whether the status leaves the version without a start time.
    static func neverStarted(_ status: Int) -> Bool {
        switch status {
        case 0, 1, 2, 3, 4, 5, 7: return true
        default: return false
        }
    }

    /// Whether the version is still active (no end yet).
    static func isActive(_ status: Int) -> Bool {
        switch status {
        case 1, 2, 4, 7, 8, 9, 15: return true
        default: return false
        }
    }
}
