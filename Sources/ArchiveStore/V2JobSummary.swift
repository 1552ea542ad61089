import GRDB

/// A v2 training job as of a capture, in one row: its `v2_jobs` columns (from the newer of its search item
/// and its details body) plus what the archive holds around it.
public struct V2JobSummary: Sendable, Equatable, Codable, ArchiveRecord {
    /// `metadata.id`: the job's UUID.
    public var jobID: String
    /// `metadata.name`.
    public var name: String?
    /// `kind` (`job`, …).
    public var kind: String?
    /// `status.phase`: Creating, Pending, Running, Failed, Completed, Terminating, Terminated, Abnormal.
    public var phase: String?
    /// `status.secondary_phase`.
    public var secondaryPhase: String?
    /// `metadata.create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `status.start_time`, epoch milliseconds.
    public var startTime: Int64?
    /// `status.duration`, milliseconds.
    public var duration: Int64?
    /// `metadata.user_name`.
    public var userName: String?
    /// `algorithm.engine.engine_name`.
    public var engineName: String?
    /// `algorithm.engine.engine_version`.
    public var engineVersion: String?
    /// `algorithm.engine.image_url`.
    public var imageURL: String?
    /// `spec.resource.flavor_id`.
    public var flavorID: String?
    /// `spec.resource.node_count`.
    public var nodeCount: Int64?
    /// `spec.resource.pool_id`.
    public var poolID: String?
    /// How many tasks `status.tasks` names.
    public var taskCount: Int64?
    /// Whether the job was gone upstream at the capture.
    public var deleted: Bool
    /// The capture that first stored the job.
    public var firstCapture: Int64
    /// The capture that stored the revision shown.
    public var revisionCapture: Int64
}
