import ArchiveStore
import ModelArtsAPI

/// A training-job version as an archive holds it: the raw JSON, its decoded form and where it came from.
public struct ArchivedVersion: Sendable {
    /// The job id.
    public var jobID: Int64
    /// The version id.
    public var versionID: Int64
    /// The job's name (from the version details, else the job list row).
    public var jobName: String?
    /// The job's description (from the version details, else the job list row).
    public var jobDesc: String?
    /// The parsed JSON of the stored revision (version details when captured, else the version-list element).
    public var json: JSONValue
    /// The decoded version.
    public var version: V1Version
    /// The capture that wrote the revision used.
    public var captureID: Int64
    /// The capture the lookup was made as of.
    public var asOfCapture: Int64
    /// Lowercase hex SHA-256 of the revision's raw bytes.
    public var sha256: String
    /// The entity kind read (`version_detail` or `version`).
    public var kind: EntityKind
    /// The archive's path.
    public var archivePath: String
    /// `spec_code` of the version's `spec_id` in the archived resource-spec list, when captured.
    public var listedSpecCode: String?

    /// Reads a version as of `capture` (nil = latest), preferring the version-details body.
    public static func load(from archive: Archive, jobID: Int64, versionID: Int64, capture: Int64? = nil) throws -> ArchivedVersion {
        let asOf = try archive.captures.resolve(capture)
        let key = EntityKey.version(jobID: jobID, versionID: versionID)
        var found: EntityRevision?
        for kind in [EntityKind.versionDetail, .version] {
            if let revision = try archive.entities.entity(kind: kind, key: key, asOf: asOf), !revision.deleted, revision.raw != nil {
                found = revision
                break
            }
        }
        guard let revision = found, let raw = revision.raw else {
            throw CloneError(.archive, "\(archive.path): no version \(versionID) of job \(jobID) as of capture \(asOf)")
        }
        let json: JSONValue
        let version: V1Version
        do {
            json = try RawJSON.parse(raw)
            version = try V1Version(json: json)
        } catch {
            throw CloneError(.archive, "\(archive.path): version \(key) does not decode: \(error)")
        }
        var jobName = version.jobName
        var jobDesc = version.jobDesc
        if jobName == nil || jobDesc == nil,
            let job = try archive.entities.entity(kind: .job, key: String(jobID), asOf: asOf), let jobRaw = job.raw,
            // try?: only fills in a name or description the version lacks; the version itself decoded above.
            let jobJSON = try? RawJSON.parse(jobRaw)
        {
            jobName = jobName ?? jobJSON["job_name"]?.string
            jobDesc = jobDesc ?? jobJSON["job_desc"]?.string
        }
        var listedSpecCode: String?
        if let specID = version.specID, let spec = try archive.entities.entity(kind: .resourceSpec, key: String(specID), asOf: asOf),
            // try?: the listed spec code is a hint for the request; without it the version's own spec is used.
            let specRaw = spec.raw, let specJSON = try? RawJSON.parse(specRaw)
        {
            listedSpecCode = specJSON["spec_code"]?.string
        }
        return ArchivedVersion(
            jobID: jobID, versionID: versionID, jobName: jobName, jobDesc: jobDesc, json: json, version: version,
            captureID: revision.captureID, asOfCapture: asOf, sha256: revision.sha256 ?? Archive.sha256Hex(raw),
            kind: revision.kind, archivePath: archive.path, listedSpecCode: listedSpecCode)
    }

    /// The raw JSON value of a top-level field, nil when absent or null.
    public func field(_ name: String) -> JSONValue? {
        guard let value = json[name], !value.isNull else { return nil }
        return value
    }

    /// The parameters with their archived JSON values, in order.
    public var parameters: [V1Parameter] { version.parameters }

    /// Labels whose archived value is the redaction marker.
    public var redactedLabels: [String] {
        parameters.filter { $0.value == .string(ParameterRedactor.marker) }.map(\.label)
    }
}
