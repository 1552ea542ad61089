/// The response of `GET /v1/{project_id}/visualization-jobs`.
public struct V1VisualizationJobList: Sendable, Equatable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `job_total_count`.
    public var jobTotalCount: Int64?
    /// `job_count_limit`.
    public var jobCountLimit: Int64?
    /// `quotas`.
    public var quotas: Int64?
    /// `jobs[]`.
    public var jobs: [V1VisualizationJob]

    /// Decodes leniently; throws when `json` is not an object or a job lacks `job_id`.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1VisualizationJobList")
        isSuccess = f.bool("is_success")
        jobTotalCount = f.int64("job_total_count")
        jobCountLimit = f.int64("job_count_limit")
        quotas = f.int64("quotas")
        jobs = try f.list("jobs") { (v) throws(ModelDecodingError) in try V1VisualizationJob(json: v) }
    }
}
