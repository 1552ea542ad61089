/// One visualization (TensorBoard/MindInsight) job, from the list or the details response.
public struct V1VisualizationJob: Sendable, Equatable, Decodable {
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
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
