/// One visualization (TensorBoard/MindInsight) job, from the list or the details response.
public struct V1VisualizationJob: Sendable, Equatable {
    /// `job_id` (required; numbers kept by spelling).
    public var jobID: String
    /// `job_name`.
    public var jobName: String?
    /// `status`.
    public var status: Int?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `duration`, milliseconds.
    public var duration: Int64?
    /// `job_desc`.
    public var jobDesc: String?
    /// `service_url`.
    public var serviceURL: String?
    /// `train_url`.
    public var trainURL: String?
    /// `resource_id`.
    public var resourceID: String?

    /// Decodes leniently; throws when `json` is not an object or `job_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1VisualizationJob")
        jobID = try f.requiredString("job_id")
        jobName = f.string("job_name")
        status = f.int("status")
        createTime = f.int64("create_time")
        duration = f.int64("duration")
        jobDesc = f.string("job_desc")
        serviceURL = f.string("service_url")
        trainURL = f.string("train_url")
        resourceID = f.string("resource_id")
    }
}
