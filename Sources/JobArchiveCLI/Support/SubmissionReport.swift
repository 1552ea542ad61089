import ArchiveStore
import ArgumentParser
import Clone

/// What clone and restore-config print after sending: the stored record, or the refusal.
enum SubmissionReport {
    /// Sends once and records (``Submitter/sendAndRecord(_:lineage:in:)``), closing the archive either way.
    static func sendAndRecord(_ request: CloneRequest, submitter: Submitter, lineage: CloneLineage, archive: Archive) async throws -> CloneRecord {
        do {
            let record = try await submitter.sendAndRecord(request, lineage: lineage, in: archive)
            try archive.close()
            return record
        } catch {
            try? archive.close()  // try?: the send's error is what the user needs to see
            throw error
        }
    }

    /// Prints the outcome; throws exit status 1 when the API refused the request.
    static func print(_ record: CloneRecord, json: Bool) throws {
        if json {
            try printJSON(record)
        } else {
            printOut("submitted \(record.method) \(record.path): \(record.summaryLine)")
            if !record.succeeded, let body = record.responseBody {
                printOut("response: \(body.prefix(500))")
            }
        }
        if !record.succeeded {
            printError("the API refused the request (HTTP \(record.httpStatus.map(String.init) ?? "-")); clone record #\(record.id) stored")
            throw ExitCode.failure
        }
    }
}
