/// A v2 training engine (`training-job-engines`) as captured, with how many archived v2 jobs used it.
public struct V2EngineRow: Sendable, Equatable, Codable {
    /// `engine_id`.
    public var engineID: String
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?
    /// `v1_compatible`.
    public var v1Compatible: Bool?
    /// `run_user`.
    public var runUser: String?
    /// Archived v2 jobs (live) whose engine has this name and version.
    public var jobs: Int
    /// Whether the engine was gone from the capture's list.
    public var deleted: Bool
}
