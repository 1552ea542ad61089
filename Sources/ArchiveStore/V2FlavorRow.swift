/// A v2 training flavor (`training-job-flavors`) as captured, with how many archived v2 jobs used it.
public struct V2FlavorRow: Sendable, Equatable, Codable {
    /// `flavor_id`.
    public var flavorID: String
    /// `flavor_name`.
    public var flavorName: String?
    /// `flavor_type`: CPU, GPU or Ascend.
    public var flavorType: String?
    /// `max_num`: the most nodes a job may have.
    public var maxNum: Int64?
    /// `flavor_info.cpu.core_num`.
    public var cpuCores: Int64?
    /// `flavor_info.cpu.arch`.
    public var cpuArch: String?
    /// `flavor_info.memory` as `SIZE UNIT` (`64 GB`).
    public var memory: String?
    /// The accelerators: `flavor_info.gpu` or `.npu` as `N × TYPE`.
    public var accelerators: String?
    /// Archived v2 jobs (live) whose `spec.resource.flavor_id` is this flavor.
    public var jobs: Int
    /// Whether the flavor was gone from the capture's list.
    public var deleted: Bool
}
