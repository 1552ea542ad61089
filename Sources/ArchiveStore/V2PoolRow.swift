/// A v2 resource pool (`pools`) as captured, with how many archived v2 jobs ran in it.
public struct V2PoolRow: Sendable, Equatable, Codable {
    /// `metadata.name`: the pool id jobs name in `spec.resource.pool_id`.
    public var name: String
    /// The display name (`metadata.labels["os.modelarts/name"]`).
    public var displayName: String?
    /// `spec.type` (`Dedicate`, …).
    public var type: String?
    /// `spec.scope`, comma-separated (`Train,Infer`).
    public var scope: String?
    /// `status.phase` (`Running`, `Abnormal`, …).
    public var phase: String?
    /// Archived v2 jobs (live) whose `spec.resource.pool_id` is this pool.
    public var jobs: Int
    /// Whether the pool was gone from the capture's list.
    public var deleted: Bool
}
