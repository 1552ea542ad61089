/// The response of `GET /v1/{project_id}/training-jobs/{job_id}/versions`.
public struct V1VersionList: Sendable, Equatable, Decodable {
    /// `is_success`.
    public var isSuccess: Bool?
    /// `job_id`.
    public var jobID: Int64?
    /// `job_name`.
    public var jobName: String?
    /// `job_desc`.
    public var jobDesc: String?
    /// `version_count`.
    public var versionCount: Int64?
    /// `versions[]`, full details each.
    public var versions: [V1Version]

    /// Decodes leniently; throws when `json` is not an object or a version lacks `version_id`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }
}
