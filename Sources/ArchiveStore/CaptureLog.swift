import Foundation
import GRDB

/// One snapshot run (a row of `captures`).
public struct CaptureInfo: Sendable, Equatable, Codable {
    /// The capture id; ids increase with time.
    public var id: Int64
    /// When the run started (ISO 8601 UTC).
    public var startedAt: String
    /// When the run finished, or nil while running or after a crash.
    public var finishedAt: String?
    /// Where the data came from (an endpoint without credentials, or a generator name).
    public var source: String
    /// The run's options as JSON text.
    public var options: String
    /// `running`, `complete` or `partial`.
    public var status: String
    /// Counts reported by the run, as JSON text.
    public var counts: String
}

/// A recorded gap: something a capture could not fetch, and why.
public struct CaptureGap: Sendable, Equatable, Codable {
    /// The capture that saw the gap.
    public var captureID: Int64
    /// The entity kind (`job`, `version`, `log`, …).
    public var kind: String
    /// The entity key.
    public var key: String
    /// The HTTP status, when there was a response.
    public var httpStatus: Int?
    /// The API error code, when the body carried one.
    public var errorCode: String?
    /// What happened.
    public var message: String

    /// Creates a gap record.
    public init(captureID: Int64, kind: String, key: String, httpStatus: Int?, errorCode: String?, message: String) {
        self.captureID = captureID
        self.kind = kind
        self.key = key
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.message = message
    }
}

/// The archive's captures: each snapshot run with its status and counts, and the gaps it recorded.
///
/// Reach it as ``Archive/captures``; writing a capture is for the snapshot and sample writers.
public struct CaptureLog: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension CaptureLog {
    /// Starts a capture and returns its id.
    package func begin(source: String, options: String = "{}") throws -> Int64 {
        try withWriter { db in
            try db.execute(
                sql: "INSERT INTO captures(started_at, source, options, status) VALUES (?, ?, ?, 'running')",
                arguments: [Archive.timestamp(), source, options])
            return db.lastInsertedRowID
        }
    }

    /// Marks a capture finished, complete or partial, with its counts.
    package func finish(_ id: Int64, complete: Bool, counts: [String: Int] = [:]) throws {
        let countsJSON = CaptureLog.jsonObject(counts)
        try withWriter { db in
            try db.execute(
                sql: "UPDATE captures SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                arguments: [Archive.timestamp(), complete ? "complete" : "partial", countsJSON, id])
            guard db.changesCount == 1 else { throw ArchiveError(.noSuchItem, "no capture \(id)") }
        }
    }

    /// Records a gap in a capture.
    package func recordGap(_ gap: CaptureGap) throws {
        try withWriter { db in
            try db.execute(
                sql: "INSERT INTO capture_gaps(capture_id, kind, key, http_status, error_code, message) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [gap.captureID, gap.kind, gap.key, gap.httpStatus, gap.errorCode, gap.message])
        }
    }

    /// Every capture, oldest first.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func list() throws -> [CaptureInfo] {
        try withReader { db in
            try Row.fetchAll(db, sql: "SELECT * FROM captures ORDER BY id").map { row in
                let row = row.stored("captures")
                return try CaptureInfo(
                    id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                    source: row["source"], options: row["options"], status: row["status"], counts: row["counts"])
            }
        }
    }

    /// The newest capture id, or nil for an archive with no capture.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func latestID() throws -> Int64? {
        try withReader { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM captures") }
    }

    /// The gaps recorded by one capture, or by all captures when `capture` is nil.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func gaps(capture: Int64? = nil) throws -> [CaptureGap] {
        try withReader { db in
            let rows: [Row]
            if let capture {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM capture_gaps WHERE capture_id = ? ORDER BY id", arguments: [capture])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM capture_gaps ORDER BY id")
            }
            return try rows.map { row in
                let row = row.stored("capture_gaps")
                return try CaptureGap(
                    captureID: row["capture_id"], kind: row["kind"], key: row["key"],
                    httpStatus: row["http_status"], errorCode: row["error_code"], message: row["message"])
            }
        }
    }

    /// Resolves a capture selector (nil = latest) to an id, failing with the list of captures when it does not exist.
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the archive has no captures or not `requested`; `.damagedValue` or `.corrupted` when the file is damaged.
    public func resolve(_ requested: Int64?) throws -> Int64 {
        let ids = try withReader { db in try Int64.fetchAll(db, sql: "SELECT id FROM captures ORDER BY id") }
        guard let last = ids.last else { throw ArchiveError(.noSuchItem, "\(path): archive has no captures") }
        guard let requested else { return last }
        guard ids.contains(requested) else {
            throw ArchiveError(.noSuchItem, "no capture \(requested) in \(path); captures: \(ids.map(String.init).joined(separator: ", "))")
        }
        return requested
    }

    /// A compact, key-sorted JSON object of integer counts.
    static func jsonObject(_ counts: [String: Int]) -> String {
        let body = counts.keys.sorted().map { "\"\($0)\":\(counts[$0] ?? 0)" }.joined(separator: ",")
        return "{\(body)}"
    }
}
