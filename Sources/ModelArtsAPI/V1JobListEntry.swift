/// One row of `GET /v1/{project_id}/training-jobs`: a job plus its latest version.
public struct V1JobListEntry: Sendable, Equatable, Decodable {
    /// `job_id` (required).
    public var jobID: Int64
    /// `job_name`.
    public var jobName: String?
    /// `version_id` of the latest version.
    public var versionID: Int64?
    /// `status` (see `JobStatus`).
    public var status: Int?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `duration`, milliseconds.
    public var duration: Int64?
    /// `job_desc`.
    public var jobDesc: String?
    /// `version_count`.
    public var versionCount: Int64?

    /// Decodes leniently; throws when `json` is not an object or `job_id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
