/// A whole synthetic ModelArts v1 project, as raw API response bodies plus log files.
public struct GeneratedProject: Sendable {
    /// The project ID used in every path.
    public var projectID: String
    /// Body of `GET /v1/{p}/training-jobs?per_page=1000`: every job, each row with its latest version.
    public var jobListBody: [UInt8]
    /// Every job, ascending `job_id`.
    public var jobs: [GeneratedJob]
    /// Body of `GET /v1/{p}/training-job-configs?config_type=custom` (all configs in one page).
    public var customConfigListBody: [UInt8]
    /// Body of `GET /v1/{p}/training-job-configs?config_type=sample` (all configs in one page).
    public var sampleConfigListBody: [UInt8]
    /// Every configuration's detail body, custom ones first.
    public var configs: [GeneratedConfig]
    /// Body of `GET /v1/{p}/job/resource-specs`.
    public var resourceSpecsBody: [UInt8]
    /// Body of `GET /v1/{p}/job/ai-engines`.
    public var aiEnginesBody: [UInt8]
    /// Body of `GET /v1/{p}/built-in-algorithms` (all models in one page).
    public var builtInAlgorithmsBody: [UInt8]
    /// Body of `GET /v1/{p}/visualization-jobs`.
    public var visualizationJobsBody: [UInt8]
    /// The v2 training jobs (none unless asked for).
    public var v2Jobs: [GeneratedV2Job] = []
}
