/// One version of a training job: its detail body, log file list and logs.
public struct GeneratedVersion: Sendable {
    /// The version's numeric ID.
    public var versionID: Int64
    /// Body of `GET .../versions/{version_id}`: the version object plus is_success, job_id, job_name, job_desc, spec_code.
    public var detailBody: [UInt8]
    /// Body of `GET .../versions/{version_id}/log/file-names`.
    public var logFileNamesBody: [UInt8]
    /// The log files, in `log_file_list` order (one per worker).
    public var logs: [GeneratedLog]
    /// The version's status code (§1.2).
    public var status: Int
}
