/// The kinds of captured API objects, as stored in `revisions.kind`.
public enum EntityKind: String, Sendable, CaseIterable, Codable {
    /// A row of the job list (`GET training-jobs`); key `JOB_ID`.
    case job
    /// An element of a job's version list (`GET …/versions`); key `JOB_ID/VERSION_ID`.
    case version
    /// The body of `GET …/versions/{version_id}`; key `JOB_ID/VERSION_ID`.
    case versionDetail = "version_detail"
    /// The body of `GET …/log/file-names`; key `JOB_ID/VERSION_ID`.
    case logFileList = "log_file_list"
    /// An element of a config list; key `TYPE/NAME` (`custom/config123`).
    case configSummary = "config_summary"
    /// The body of `GET training-job-configs/{name}`; key `TYPE/NAME`.
    case config
    /// An element of `GET job/resource-specs`; key `SPEC_ID`.
    case resourceSpec = "resource_spec"
    /// An element of `GET job/ai-engines`; key `ENGINE_ID`.
    case aiEngine = "ai_engine"
    /// An element of `GET built-in-algorithms`; key `MODEL_ID`.
    case algorithm
    /// An element of `GET visualization-jobs`; key `JOB_ID`.
    case visualizationJob = "visualization_job"
    /// An item of a v2 job search page (`POST training-job-searches`); key the job's UUID.
    case v2Job = "v2_job"
    /// The body of v2 `GET training-jobs/{training_job_id}`; key the job's UUID.
    case v2JobDetail = "v2_job_detail"
    /// The body of v2 `GET training-jobs/{id}/tasks`; key the job's UUID.
    case v2Tasks = "v2_tasks"
    /// The body of v2 `GET training-jobs/{id}/stages`; key the job's UUID.
    case v2Stages = "v2_stages"
    /// An element of `events` in v2 `GET training-jobs/{id}/events` (oldest first); key `UUID/POSITION`
    /// (the event's 0-based position, six digits or more: `…/000042`).
    case v2Event = "v2_event"
    /// The body of v2 `GET training-jobs/{id}/metrics/{task_id}`; key `UUID/TASK`.
    case v2Metrics = "v2_metrics"
    /// An element of `flavors` in v2 `GET training-job-flavors`; key `flavor_id`.
    case v2Flavor = "v2_flavor"
    /// An element of `items` in v2 `GET training-job-engines`; key `engine_id`.
    case v2Engine = "v2_engine"
    /// An element of `items` in v2 `GET algorithms`; key `metadata.id`.
    case v2Algorithm = "v2_algorithm"
    /// An element of `items` in v2 `GET pools`; key `metadata.name`.
    case v2Pool = "v2_pool"
    /// A list response's envelope (everything but its items); key names the list (see FORMAT.md).
    case list
}

/// What storing an entity did.
package enum PutOutcome: String, Sendable, Equatable {
    /// The key was new (or had been marked deleted): a revision was added.
    case inserted
    /// The bytes differed from the current revision: a revision was added.
    case changed
    /// The bytes equal the current revision: nothing was written.
    case unchanged
}

/// One stored revision of an entity.
public struct EntityRevision: Sendable, Equatable {
    /// The revision's row id.
    public var id: Int64
    /// The entity kind.
    public var kind: EntityKind
    /// The entity key.
    public var key: String
    /// The capture that wrote this revision.
    public var captureID: Int64
    /// Whether this revision marks the entity as gone upstream.
    public var deleted: Bool
    /// The exact JSON bytes the API returned (nil for a deletion marker).
    public var raw: [UInt8]?
    /// Lowercase hex SHA-256 of `raw`.
    public var sha256: String?
}
