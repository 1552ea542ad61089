/// Which v2 jobs to list.
public struct V2JobFilter: Sendable, Equatable {
    /// Phases, compared case-insensitively (`failed` matches `Failed`); any of.
    public var phases: [String] = []
    /// Substring of the job name (case-insensitive).
    public var name: String?
    /// `create_time` at or after (epoch ms).
    public var since: Int64?
    /// `create_time` before (epoch ms).
    public var until: Int64?
    /// Substring of the engine name or version, or the engine id (case-insensitive).
    public var engine: String?
    /// Substring of the pool id (case-insensitive).
    public var pool: String?
    /// Substring of the flavor id or name (case-insensitive).
    public var flavor: String?
    /// Which jobs by upstream state.
    public var deleted: JobFilter.DeletedFilter = .live

    /// An empty filter (live jobs).
    public init() {}
}
