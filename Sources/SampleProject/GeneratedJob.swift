/// One training job: its versions list body and every version.
public struct GeneratedJob: Sendable {
    /// The job's numeric ID.
    public var jobID: Int64
    /// The job's name.
    public var jobName: String
    /// Body of `GET .../training-jobs/{job_id}/versions?page=0`: all versions, newest first.
    public var versionsBody: [UInt8]
    /// The versions, oldest first (ascending `version_id`).
    public var versions: [GeneratedVersion]
}
