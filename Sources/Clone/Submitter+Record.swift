import ArchiveStore

extension Submitter {
    /// Sends `request` once and stores its clone record in `archive` — also when the API refused it, and
    /// also when no answer came back (then with no response); returns the stored record.
    ///
    /// - Throws: ``CloneError`` (`.request`) when the request could not be sent or answered, naming the
    ///   clone record stored for it (the request may or may not have reached the API); ``ArchiveError`` when
    ///   the record cannot be stored.
    public func sendAndRecord(_ request: CloneRequest, lineage: CloneLineage, in archive: Archive) async throws -> CloneRecord {
        let response: SubmitResponse
        do {
            response = try await send(request)
        } catch {
            let stored = try archive.clones.record(record(request, response: nil, lineage: lineage))
            throw CloneError(.request, "\(error) (clone record #\(stored.id) stored; the request may or may not have reached the API)")
        }
        return try archive.clones.record(record(request, response: response, lineage: lineage))
    }

    /// The record of a sent request with `lineage` (``record(_:response:sourceJobID:sourceVersionID:sourceConfig:sourceCaptureID:sourceSHA256:overrides:)``).
    public func record(_ request: CloneRequest, response: SubmitResponse?, lineage: CloneLineage) -> CloneRecord {
        var made = record(
            request, response: response, sourceJobID: lineage.jobID, sourceVersionID: lineage.versionID, sourceConfig: lineage.config,
            sourceCaptureID: lineage.captureID, sourceSHA256: lineage.sha256, overrides: lineage.overrides)
        made.sourceV2JobID = lineage.v2JobID
        return made
    }
}
