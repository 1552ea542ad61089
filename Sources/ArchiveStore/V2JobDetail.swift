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
