import ArchiveStore
import ModelArtsAPI

/// A v2 training job as an archive holds it: its details body (else its search item), and where it came from.
public struct ArchivedV2Job: Sendable {
    /// The job's UUID.
    public var jobID: String
    /// `metadata.name`.
    public var name: String?
    /// The parsed JSON of the stored revision.
    public var json: JSONValue
    /// The capture that wrote the revision used.
    public var captureID: Int64
    /// The capture the lookup was made as of.
    public var asOfCapture: Int64
    /// Lowercase hex SHA-256 of the revision's raw bytes.
    public var sha256: String
    /// The entity kind read (`v2_job_detail` or `v2_job`).
    public var kind: EntityKind

    /// Reads v2 job `jobID` (a UUID) as of `capture` (nil = latest), preferring the details body.
    ///
    /// - Throws: ``CloneError`` (`.archive`) when the archive has no such job then or its JSON does not parse.
    public static func load(from archive: Archive, jobID: String, capture: Int64? = nil) throws -> ArchivedV2Job {
        let asOf = try archive.captures.resolve(capture)
        let revision: EntityRevision
        let json: JSONValue
        do {
            (revision, json) = try archive.jobs.v2JobBody(jobID: jobID, asOf: asOf)
        } catch {
            throw CloneError(.archive, "\(archive.path): \(error)")
        }
        let raw = revision.raw ?? []
        return ArchivedV2Job(
            jobID: jobID, name: json["metadata"]?["name"]?.string, json: json, captureID: revision.captureID, asOfCapture: asOf,
            sha256: revision.sha256 ?? Archive.sha256Hex(raw), kind: revision.kind)
    }

    /// `algorithm.parameters` as (name, value) in order, values as v2 text.
    public var parameters: [(name: String, value: JSONValue)] {
        (json["algorithm"]?["parameters"]?.array ?? []).compactMap { p in
            guard let name = p["name"]?.string else { return nil }
            return (name, p["value"] ?? .null)
        }
    }
}
