/// The response of `GET /v1/{project_id}/training-jobs/{job_id}/versions`.
public struct V1VersionList: Sendable, Equatable {
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
    public init(json: JSONValue) throws(ModelDecodingError) {
        let f = try FieldReader(json, model: "V1VersionList")
        isSuccess = f.bool("is_success")
        jobID = f.int64("job_id")
        jobName = f.string("job_name")
        jobDesc = f.string("job_desc")
        versionCount = f.int64("version_count")
        versions = try f.list("versions") { (v) throws(ModelDecodingError) in try V1Version(json: v) }
    }
}
