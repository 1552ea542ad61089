/// What `jobarchive diff` compares: a version, or a v2 job, as of a capture.
public struct VersionSide: Sendable, Equatable, Codable {
    /// The job.
    public var jobID: Int64
    /// The version.
    public var versionID: Int64
    /// The capture the side is read at (the latest when not given).
    public var capture: Int64
    /// The revision the fields come from.
    public var revisionID: Int64
    /// The capture that stored that revision.
    public var revisionCapture: Int64
    /// The v2 job (a UUID) when the side is a v2 job (then `jobID` and `versionID` are 0).
    public var v2JobID: String? = nil
}
