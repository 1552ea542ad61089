/// The response of `GET /v1/{project_id}/visualization-jobs`.
public struct V1VisualizationJobList: Sendable, Equatable, Decodable {
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
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
