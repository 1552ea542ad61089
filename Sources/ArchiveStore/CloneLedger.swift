import Foundation
import GRDB

/// The archive's clone records: each submission made from an archived version or config, with its request, response and lineage.
///
/// Reach it as ``Archive/clones``; recording is for the clone submitter.
public struct CloneLedger: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension CloneLedger {
    /// Stores a clone record (the archive must be open read-write); returns it with its id and time.
    @discardableResult
    package func record(_ record: CloneRecord) throws -> CloneRecord {
        var stored = record
        stored.createdAt = Archive.timestamp()
        stored.endpoint = Archive.redactedEndpoint(record.endpoint)
        stored.id = try withWriter { db in
            try db.execute(
                sql: """
                    INSERT INTO clone_records(created_at, kind, source_job_id, source_version_id, source_config, source_v2_job_id,
                        source_capture_id, source_sha256, overrides, endpoint, method, path, request_body, http_status, response_body,
                        succeeded, result_job_id, result_version_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.createdAt, stored.kind, stored.sourceJobID, stored.sourceVersionID, stored.sourceConfig, stored.sourceV2JobID,
                    stored.sourceCaptureID, stored.sourceSHA256, stored.overrides, stored.endpoint, stored.method, stored.path,
                    Data(stored.requestBody.utf8), stored.httpStatus, stored.responseBody.map { Data($0.utf8) },
                    stored.succeeded, stored.resultJobID, stored.resultVersionID,
                ])
            return db.lastInsertedRowID
        }
        return stored
    }

    /// Clone records, oldest first: all of them, or those whose source or result is this job (and version), or
    /// this v2 job.
    ///
    /// This is the lineage other commands (`show`, `history`) display. An archive written before
    /// clone records existed (and opened read-only) has none.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func records(jobID: Int64? = nil, versionID: Int64? = nil, v2JobID: String? = nil) throws -> [CloneRecord] {
        try withReader { db in
            guard try db.tableExists("clone_records") else { return [] }
            var sql = "SELECT * FROM clone_records"
            var arguments: StatementArguments = []
            if let v2JobID {
                // An archive before format 4, read as it is, has no v2 sources.
                guard try db.columns(in: "clone_records").contains(where: { $0.name == "source_v2_job_id" }) else {
                    sql += " WHERE result_job_id = ?"
                    return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: [v2JobID]).map(CloneLedger.cloneRecord(from:))
                }
                sql += " WHERE source_v2_job_id = ? OR result_job_id = ?"
                arguments = [v2JobID, v2JobID]
            } else if let jobID {
                if let versionID {
                    sql += " WHERE (source_job_id = ? AND source_version_id = ?) OR (result_job_id = ? AND result_version_id = ?)"
                    arguments = [jobID, versionID, String(jobID), String(versionID)]
                } else {
                    sql += " WHERE source_job_id = ? OR result_job_id = ?"
                    arguments = [jobID, String(jobID)]
                }
            }
            sql += " ORDER BY id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(CloneLedger.cloneRecord(from:))
        }
    }

    /// Lineage lines for a job version (empty when it was never cloned nor created by a clone).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func lineage(jobID: Int64, versionID: Int64? = nil) throws -> [String] {
        try records(jobID: jobID, versionID: versionID).map(\.summaryLine)
    }

    static func cloneRecord(from row: Row) throws -> CloneRecord {
        let row = row.stored("clone_records")
        let request: Data = try row["request_body"]
        let response: Data? = try row["response_body"]
        var record = try CloneRecord(
            kind: row["kind"], sourceJobID: row["source_job_id"], sourceVersionID: row["source_version_id"],
            sourceConfig: row["source_config"], sourceCaptureID: row["source_capture_id"], sourceSHA256: row["source_sha256"],
            overrides: row["overrides"], endpoint: row["endpoint"], method: row["method"], path: row["path"],
            requestBody: String(decoding: request, as: UTF8.self), httpStatus: row["http_status"],
            responseBody: response.map { String(decoding: $0, as: UTF8.self) }, succeeded: row.flag("succeeded"),
            resultJobID: row["result_job_id"], resultVersionID: row["result_version_id"])
        // Absent before format 4.
        record.sourceV2JobID = try row["source_v2_job_id"]
        record.id = try row["id"]
        record.createdAt = try row["created_at"]
        return record
    }
}
