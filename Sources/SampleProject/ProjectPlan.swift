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
