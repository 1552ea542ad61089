import GRDB
import ModelArtsAPI

/// A job as of a capture: its job-list row plus what the archive holds around it.
public struct JobSummary: Sendable, Equatable, Codable, ArchiveRecord {
    /// `job_id`.
    public var jobID: Int64
    /// `job_name`.
    public var jobName: String?
    /// `job_desc`.
    public var jobDesc: String?
    /// `status` of the job row (the latest version's status), 0–21.
    public var status: Int?
    /// The status's short name (`completed`, `failed`, …), nil for an unknown code.
    public var statusName: String?
    /// `version_id` of the job row: the latest version.
    public var latestVersionID: Int64?
    /// `version_count` as the API reported it.
    public var versionCount: Int64?
    /// Versions the archive holds for this job as of the capture.
    public var archivedVersions: Int
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `duration`, milliseconds.
    public var duration: Int64?
    /// The latest archived version's engine (`engine_name engine_version`).
    public var engine: String?
    /// Whether the job was gone upstream at the capture (marked deleted).
    public var deleted: Bool
    /// The capture that first stored the job.
    public var firstCapture: Int64
    /// The capture that stored the revision shown.
    public var revisionCapture: Int64
}

/// A version as of a capture, in one row.
public struct VersionSummary: Sendable, Equatable, Codable, ArchiveRecord {
    /// `job_id`.
    public var jobID: Int64
    /// `version_id`.
    public var versionID: Int64
    /// `version_name`, e.g. `V0003`.
    public var versionName: String?
    /// `pre_version_id`: the version this one was created from.
    public var preVersionID: Int64?
    /// `status`, 0–21.
    public var status: Int?
    /// The status's short name.
    public var statusName: String?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?
    /// `engine_id`.
    public var engineID: Int64?
    /// `spec_id`.
    public var specID: Int64?
    /// `spec_code`, or `flavor_code` when the response had no `spec_code`.
    public var specCode: String?
    /// `worker_server_num`.
    public var workers: Int64?
    /// `gpu_num`.
    public var gpuNum: Int64?
    /// `gpu_type`.
    public var gpuType: String?
    /// `pool_id`.
    public var poolID: String?
    /// `pool_name`.
    public var poolName: String?
    /// `pool_type`.
    public var poolType: String?
    /// `dataset_name`.
    public var datasetName: String?
    /// `data_url`.
    public var dataURL: String?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `start_time`, epoch milliseconds.
    public var startTime: Int64?
    /// `duration`, milliseconds.
    public var duration: Int64?
    /// Whether the version was gone upstream at the capture.
    public var deleted: Bool
    /// Log files archived for the version.
    public var logFiles: Int
    /// The capture that stored the revision shown.
    public var revisionCapture: Int64
}

/// A version named in a lineage chain.
public struct VersionRef: Sendable, Equatable, Codable {
    /// `version_id`.
    public var versionID: Int64
    /// `version_name`.
    public var versionName: String?
    /// `status`.
    public var status: Int?
    /// `pre_version_id`.
    public var preVersionID: Int64?
}

/// One stored revision, without its bytes.
public struct RevisionInfo: Sendable, Equatable, Codable {
    /// The revision's row id.
    public var id: Int64
    /// The entity kind.
    public var kind: String
    /// The entity key.
    public var key: String
    /// The capture that stored it.
    public var captureID: Int64
    /// When that capture started.
    public var capturedAt: String
    /// Whether it marks the entity gone upstream.
    public var deleted: Bool
    /// SHA-256 of the raw JSON (nil for a deletion marker).
    public var sha256: String?
    /// Size of the raw JSON.
    public var bytes: Int
}

/// Filters on versions; jobs match when any of their versions does.
public struct VersionFilter: Sendable, Equatable {
    /// Status codes (any of).
    public var statuses: [Int] = []
    /// Substring of `engine_name` or `engine_version`, or an `engine_id` (case-insensitive).
    public var engine: String?
    /// `label=value` pairs that must all be present (value compared as text, as captured).
    public var parameters: [(label: String, value: String?)] = []
    /// Substring of a dataset id, name, version or data URL (top-level or in `data_source`).
    public var dataset: String?
    /// Substring of `pool_id` or `pool_name`.
    public var pool: String?
    /// `create_time` at or after (epoch ms).
    public var since: Int64?
    /// `create_time` before (epoch ms).
    public var until: Int64?

    /// An empty filter.
    public init() {}

    /// Whether no condition is set.
    public var isEmpty: Bool {
        statuses.isEmpty && engine == nil && parameters.isEmpty && dataset == nil && pool == nil && since == nil
            && until == nil
    }

    /// Equality of every condition.
    public static func == (lhs: VersionFilter, rhs: VersionFilter) -> Bool {
        lhs.statuses == rhs.statuses && lhs.engine == rhs.engine && lhs.dataset == rhs.dataset && lhs.pool == rhs.pool
            && lhs.since == rhs.since && lhs.until == rhs.until && lhs.parameters.count == rhs.parameters.count
            && zip(lhs.parameters, rhs.parameters).allSatisfy { $0.label == $1.label && $0.value == $1.value }
    }
}

/// Which jobs to list.
public struct JobFilter: Sendable, Equatable {
    /// Only this job.
    public var jobID: Int64?
    /// Job statuses (the job row's status; any of).
    public var statuses: [Int] = []
    /// Substring of the job name (case-insensitive).
    public var name: String?
    /// Job `create_time` at or after (epoch ms).
    public var since: Int64?
    /// Job `create_time` before (epoch ms).
    public var until: Int64?
    /// Jobs with at least one version matching this.
    public var versions = VersionFilter()
    /// Which jobs by upstream state.
    public var deleted: DeletedFilter = .live

    /// Live jobs, deleted ones, or both.
    public enum DeletedFilter: String, Sendable, Equatable, CaseIterable {
        /// Only jobs present upstream at the capture.
        case live
        /// Only jobs marked deleted upstream.
        case deleted
        /// Both.
        case all
    }

    /// An empty filter (live jobs).
    public init() {}
}

/// Sort keys of the job list.
public enum JobSort: String, Sendable, Equatable, CaseIterable, Codable {
    /// `job_id`.
    case id
    /// `job_name`.
    case name
    /// `create_time`.
    case created
    /// `status`.
    case status
    /// `duration`.
    case duration
    /// `version_count`.
    case versions
}

extension JobStatus {
    /// The short name of a status code, nil when absent or unknown.
    static func shortName(_ code: Int?) -> String? {
        code.flatMap { JobStatus(code: $0)?.shortName }
    }
}
