/// What a log file belongs to: a v1 version's named file, or a v2 job's task in one scheduling run.
public enum LogOwner: Sendable, Hashable {
    /// A v1 log: `log/file-names` entry `fileName` of version `versionID` of job `jobID`.
    case v1(jobID: Int64, versionID: Int64, fileName: String)
    /// A v2 task log: task `taskID` (`worker-0`, …) of job `jobID` (a UUID), in scheduling run `run`
    /// (the task's `schedule_count`; 0 when the service did not say).
    case v2(jobID: String, taskID: String, run: Int)

    /// The values of `log_files`' key columns (job_id, version_id, v2_job_id, file_name, run).
    var columns: (jobID: Int64, versionID: Int64, v2JobID: String, fileName: String, run: Int) {
        switch self {
        case .v1(let job, let version, let name): (job, version, "", name, 0)
        case .v2(let job, let task, let run): (0, 0, job, task, run)
        }
    }

    /// How messages name the log: `job 10 version 12 log1.log`, `v2 job 3f…/worker-0 (run 1)`.
    public var description: String {
        switch self {
        case .v1(let job, let version, let name): "job \(job) version \(version) \(name)"
        case .v2(let job, let task, let run): "v2 job \(job)/\(task)" + (run > 0 ? " (run \(run))" : "")
        }
    }
}
