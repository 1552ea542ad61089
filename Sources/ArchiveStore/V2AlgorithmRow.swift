/// A saved v2 algorithm (`algorithms`) as captured.
public struct V2AlgorithmRow: Sendable, Equatable, Codable {
    /// `metadata.id`.
    public var algorithmID: String
    /// `metadata.name`.
    public var name: String?
    /// `metadata.description`.
    public var description: String?
    /// `metadata.create_time` (epoch ms).
    public var createTime: Int64?
    /// `job_config.engine` as `NAME VERSION`, or its `image_url`.
    public var engine: String?
    /// `job_config.code_dir`.
    public var codeDir: String?
    /// `job_config.boot_file`.
    public var bootFile: String?
    /// Whether the algorithm was gone from the capture's list.
    public var deleted: Bool
}
