/// Where a submission came from — what a clone record's lineage columns hold: the archived version or
/// saved config, the capture and body digest it was read at, and the override words the user typed.
public struct CloneLineage: Sendable, Equatable {
    /// The archived job a clone came from (nil for a restored config).
    public var jobID: Int64?
    /// The archived version a clone came from (nil for a restored config).
    public var versionID: Int64?
    /// The archived config a restore came from (nil for a clone).
    public var config: String?
    /// The archived v2 job (a UUID) a clone came from (nil otherwise).
    public var v2JobID: String?
    /// The capture the source was read at.
    public var captureID: Int64
    /// The SHA-256 of the source's stored body.
    public var sha256: String
    /// The override words, as typed (`--set lr=0.1`, `--as NAME`).
    public var overrides: [String]

    /// A lineage from its parts.
    public init(
        jobID: Int64?, versionID: Int64?, config: String?, v2JobID: String? = nil, captureID: Int64, sha256: String, overrides: [String]
    ) {
        self.jobID = jobID
        self.versionID = versionID
        self.config = config
        self.v2JobID = v2JobID
        self.captureID = captureID
        self.sha256 = sha256
        self.overrides = overrides
    }
}
