/// One generated v2 training job: its bodies as the v2 API would answer them, and each task's log per
/// scheduling run.
public struct GeneratedV2Job: Sendable {
    /// The job's UUID.
    public var id: String
    /// Its element of `training-job-searches`.
    public var item: [UInt8]
    /// `GET …/training-jobs/{id}`.
    public var detail: [UInt8]
    /// `GET …/tasks`.
    public var tasks: [UInt8]
    /// `GET …/stages` (running records).
    public var stages: [UInt8]
    /// Every event, oldest first (as `…/events` lists them).
    public var events: [[UInt8]]
    /// `GET …/metrics/{task}` per task (`-1` where there is no data).
    public var metrics: [(task: String, body: [UInt8])]
    /// Each task's log in each scheduling run (run 1 … its `schedule_count`).
    public var logs: [(task: String, run: Int, content: [UInt8])]
    /// Whether the job has finished (its logs are complete).
    public var terminal: Bool
}
