/// The decided shape of a synthetic project before any bytes are written.
struct ProjectPlan: Sendable {
    /// One planned job.
    struct Job: Sendable {
        var index: Int
        var jobID: Int64
        var name: String
        var desc: String
        /// The description with non-ASCII characters written as `\uXXXX` escapes in JSON, if so.
        var escapeDescription: Bool
        var kind: EngineKind
        var customImage: Bool
        var createTime: Int64
        /// Whether version objects carry the newer API's extra keys.
        var extendedKeys: Bool
        /// How the first version shows `pre_version_id`: 0 = absent, 1 = 0, 2 = null.
        var firstPreStyle: Int
        var bucket: String
        var versions: [Version]
    }

    /// One planned version.
    struct Version: Sendable {
        var index: Int
        var versionID: Int64
        var status: Int
        var outOfMemory: Bool
        var engine: Catalog.Engine
        var spec: Catalog.Spec
        var pool: Catalog.Pool
        var workers: Int
        var createTime: Int64
        var startTime: Int64?
        var duration: Int64
        var coreAsNumber: Bool
        var systemMetricsAsString: Bool
        /// 0 = obs data_source, 1 = dataset data_source, 2 = bare data_url.
        var dataMode: Int
        var withSecrets: Bool
        var logWeight: Int
        var features: LogRequest.Features
        var seed: UInt64
    }

    var jobs: [Job]
    /// "Now" for the snapshot: running versions' durations run up to it.
    var snapshotTime: Int64
}

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
