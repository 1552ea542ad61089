/// The response of `GET /v1/{project_id}/training-jobs`.
public struct V1JobList: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `job_total_count`: jobs created.
    public var jobTotalCount: Int64?
    /// `job_count_limit`: how many more can be created.
    public var jobCountLimit: Int64?
    /// `quotas`: maximum number of training jobs.
    public var quotas: Int64?
    /// `jobs`.
    public var jobs: [V1JobListEntry]

    /// Decodes leniently; throws when `json` is not an object or an entry lacks `job_id`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
