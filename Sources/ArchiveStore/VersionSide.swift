/// What `jobarchive diff` compares: a version as of a capture.
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
}
