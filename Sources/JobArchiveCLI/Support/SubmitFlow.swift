import ArchiveStore
import ArgumentParser
import Clone
import Foundation
import ModelArtsAPI
import ModelArtsClient

/// Sending a built request, storing its clone record and reporting it: shared by clone and restore-config.
enum SubmitFlow {
    /// Sends `request` once and stores the record (also when the API refused it); returns the stored record.
    static func sendAndRecord(
        _ request: CloneRequest, submitter: Submitter, archive: Archive, sourceJobID: Int64?, sourceVersionID: Int64?,
        sourceConfig: String?, sourceCaptureID: Int64, sourceSHA256: String, overrides: [String]
    ) async throws -> CloneRecord {
        let response: SubmitResponse
        do {
            response = try await submitter.send(request)
        } catch {
            let record = submitter.record(
                request, response: nil, sourceJobID: sourceJobID, sourceVersionID: sourceVersionID, sourceConfig: sourceConfig,
                sourceCaptureID: sourceCaptureID, sourceSHA256: sourceSHA256, overrides: overrides)
            let stored = try archive.recordClone(record)
            try archive.close()
            throw CloneError(.request, "\(error) (clone record #\(stored.id) stored; the request may or may not have reached the API)")
        }
        let record = submitter.record(
            request, response: response, sourceJobID: sourceJobID, sourceVersionID: sourceVersionID, sourceConfig: sourceConfig,
            sourceCaptureID: sourceCaptureID, sourceSHA256: sourceSHA256, overrides: overrides)
        let stored = try archive.recordClone(record)
        try archive.close()
        return stored
    }

    /// Prints the outcome; throws exit status 1 when the API refused the request.
    static func report(_ record: CloneRecord, json: Bool) throws {
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
