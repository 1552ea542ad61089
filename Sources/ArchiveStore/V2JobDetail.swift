/// Everything `show` tells about a v2 training job.
public struct V2JobDetail: Sendable, Equatable, Codable {
    /// The one-row summary.
    public var job: V2JobSummary
    /// `metadata.description`.
    public var description: String?
    /// `algorithm.code_dir`.
    public var codeDir: String?
    /// `algorithm.boot_file`.
    public var bootFile: String?
    /// `algorithm.command`.
    public var command: String?
    /// `spec.resource.flavor_name`.
    public var flavorName: String?
    /// `algorithm.parameters[]`: name and value as text (compact JSON for a non-string value).
    public var parameters: [V2Parameter]
    /// `status.tasks`: the task ids.
    public var tasks: [String]
    /// The job's captured events, oldest first.
    public var events: [V2Event]
    /// Each task's utilisation series (`metrics/{task_id}`), by task then series as captured.
    public var metrics: [V2TaskMetrics]
    /// The task logs (by task and scheduling run), as of the capture read.
    public var logs: [LogFileInfo]
    /// Which body the fields come from: `v2_job_detail` (the details) or `v2_job` (the search item).
    public var source: String
    /// Every stored revision of the search item and the details body, oldest first.
    public var revisions: [RevisionInfo]
}

/// One parameter of a v2 job's algorithm.
public struct V2Parameter: Sendable, Equatable, Codable {
    /// `name`.
    public var name: String
    /// `value` as text; nil when absent or null.
    public var value: String?
    /// `constraint.sensitive`.
    public var sensitive: Bool
}

/// One event of a v2 job.
public struct V2Event: Sendable, Equatable, Codable {
    /// `time`, as the service wrote it (ISO 8601 with its offset).
    public var time: String?
    /// `level`: Info, Warning, Error.
    public var level: String?
    /// `source`: K8S, Job, Task.
    public var source: String?
    /// `message`.
    public var message: String?
}

/// A task's utilisation series, as `metrics/{task_id}` returned them.
public struct V2TaskMetrics: Sendable, Equatable, Codable {
    /// The task (`worker-0`).
    public var task: String
    /// The series.
    public var series: [V2MetricSeries]
}

/// One utilisation series: per-minute averages, `nil` where the service sent `-1` (no data).
public struct V2MetricSeries: Sendable, Equatable, Codable {
    /// `metric`: cpuUsage, memUsage, gpuUtil, gpuMemUsage, npuUtil, npuMemUsage.
    public var metric: String
    /// `value[]`; nil for `-1` (no data) or a value that is not a number.
    public var values: [Double?]
}
