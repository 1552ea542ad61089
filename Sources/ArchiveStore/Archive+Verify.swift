import Foundation
import GRDB
import ModelArtsAPI

/// One failed integrity check, naming what failed.
public struct VerifyFailure: Sendable, Equatable, Codable {
    /// Which check (`sqlite`, `chunk`, `log`, `page`, `revision`, `typed`, `index`).
    public var check: String
    /// What was checked (e.g. `log file 3 (job 10 version 10 log1.log), chunk at line 0`).
    public var item: String
    /// What is wrong.
    public var message: String
}

/// The result of ``Archive/verify(progress:)``.
public struct VerifyReport: Sendable, Equatable, Codable {
    /// How many items each check examined.
    public var checked: [String: Int] = [:]
    /// Every failure found.
    public var failures: [VerifyFailure] = []
    /// Whether every check passed.
    public var ok: Bool { failures.isEmpty }
}

extension Archive {
    /// Runs every integrity check: SQLite's integrity_check, chunk checksums and line counts, whole-log
    /// SHA-256s, captured page hashes, raw JSON hashes, typed columns against raw JSON, and the index structure.
    public func verify() throws -> VerifyReport {
        var report = VerifyReport()
        func fail(_ check: String, _ item: String, _ message: String) {
            report.failures.append(VerifyFailure(check: check, item: item, message: message))
        }
        try withReader { db in
            // 1. SQLite structure.
            let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            report.checked["sqlite", default: 0] += 1
            if problems != ["ok"] {
                for p in problems.prefix(20) { fail("sqlite", path, p) }
            }
            // 2. Logs and chunks.
            let files = try Row.fetchAll(db, sql: "SELECT * FROM log_files ORDER BY id").map(Archive.logFileInfo(from:))
            for file in files {
                let name = "log file \(file.id) (job \(file.jobID) version \(file.versionID) \(file.fileName))"
                report.checked["log", default: 0] += 1
                var hasher = SHA256Stream()
                var expectedFirst = 0
                var bytes = 0
                var lastByte: UInt8? = nil
                let chunks = try Row.fetchCursor(
                    db, sql: "SELECT id, first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line",
                    arguments: [file.id])
                while let row = try chunks.next() {
                    report.checked["chunk", default: 0] += 1
                    let first: Int = row["first_line"]
                    let count: Int = row["line_count"]
                    let crc: Int64 = row["crc32"]
                    let chunkName = "\(name), chunk at line \(first)"
                    if first != expectedFirst {
                        fail("chunk", chunkName, "starts at line \(first), expected \(expectedFirst) (chunks overlap or a chunk is missing)")
                    }
                    expectedFirst = first + count
                    let raw: [UInt8]
                    do {
                        raw = try Archive.inflate(row: row, fileID: file.id)
                    } catch let error as ArchiveError {
                        fail("chunk", chunkName, "cannot inflate: \(error.message)")
                        continue
                    }
                    if Int64(Zlib.crc32(raw)) != crc {
                        fail("chunk", chunkName, "CRC-32 mismatch (stored \(crc), computed \(Zlib.crc32(raw)))")
                    }
                    let lines = raw.withUnsafeBytes { LogText.lineEnds($0) }.count
                    if lines != count {
                        fail("chunk", chunkName, "holds \(lines) lines, row says \(count)")
                    }
                    hasher.update(raw)
                    bytes += raw.count
                    lastByte = raw.last ?? lastByte
                }
                if expectedFirst != file.lineCount {
                    fail("log", name, "chunks hold \(expectedFirst) lines, file row says \(file.lineCount)")
                }
                if bytes != file.byteCount {
                    fail("log", name, "chunks hold \(bytes) bytes, file row says \(file.byteCount)")
                }
                let sha = hasher.hex()
                if sha != file.sha256 {
                    fail("log", name, "SHA-256 of stored bytes is \(sha), file row says \(file.sha256)")
                }
                if bytes > 0, (lastByte == 0x0A) != file.endsWithNewline {
                    fail("log", name, "ends_with_newline disagrees with the stored bytes")
                }
            }
            // 3. Revisions: raw hash and typed columns.
            let revisions = try Row.fetchCursor(db, sql: "SELECT id, kind, key, deleted, raw, sha256 FROM revisions ORDER BY id")
            var revisionRows: [(Int64, String, String, Bool, Data?, String?)] = []
            while let row = try revisions.next() {
                revisionRows.append((row["id"], row["kind"], row["key"], row["deleted"], row["raw"], row["sha256"]))
            }
            for (id, kindText, key, deleted, raw, sha) in revisionRows {
                report.checked["revision", default: 0] += 1
                let item = "revision \(id) (\(kindText) \(key))"
                guard !deleted else { continue }
                guard let raw, let kind = EntityKind(rawValue: kindText) else {
                    fail("revision", item, "unknown kind or missing raw JSON")
                    continue
                }
                let bytes = [UInt8](raw)
                if Archive.sha256Hex(bytes) != sha {
                    fail("revision", item, "SHA-256 of raw JSON does not match the stored hash")
                    continue
                }
                guard let json = try? RawJSON.parse(bytes) else {
                    fail("revision", item, "raw JSON no longer parses")
                    continue
                }
                let expected = TypedRows.derive(kind: kind, key: key, json: json)
                let stored = try TypedRows.load(db, revisionID: id)
                if !expected.sameContent(as: stored) {
                    fail("typed", item, "typed columns disagree with the raw JSON")
                }
                report.checked["typed", default: 0] += 1
            }
        }
        // 4. Captured pages (re-rendered through the public path).
        let pageIDs = try withReader { db in try Row.fetchAll(db, sql: "SELECT id, body_sha256 FROM log_pages ORDER BY id") }
        for row in pageIDs {
            let id: Int64 = row["id"]
            let sha: String = row["body_sha256"]
            report.checked["page", default: 0] += 1
            do {
                let body = try renderCapturedPage(id: id)
                if Archive.sha256Hex(body) != sha {
                    fail("page", "captured page \(id)", "re-rendered body does not match its SHA-256")
                }
            } catch let error as ArchiveError {
                fail("page", "captured page \(id)", error.message)
            }
        }
        // 5. Index structure.
        do {
            try withReader { db in try db.execute(sql: "INSERT INTO log_fts(log_fts) VALUES('integrity-check')") }
        } catch let error as ArchiveError where error.code == .readOnly {
            // A read-only connection cannot run the FTS5 integrity-check command; the structure is covered by PRAGMA integrity_check.
        } catch let error as ArchiveError {
            fail("index", "log_fts", error.message)
        }
        report.checked["index", default: 0] += 1
        return report
    }

    /// A SHA-256 over the archive's current content: live entities' raw JSON, deletion marks and whole logs.
    ///
    /// It does not depend on insertion order, capture count, chunking or timestamps, so two archives of the
    /// same upstream state have the same digest.
    public func contentDigest(asOf capture: Int64? = nil) throws -> String {
        var lines: [String] = []
        try withReader { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.kind, r.key, r.deleted, r.sha256 FROM revisions r
                    WHERE r.capture_id = (SELECT max(capture_id) FROM revisions r2
                                          WHERE r2.kind = r.kind AND r2.key = r.key AND r2.capture_id <= ?)
                    """,
                arguments: [capture ?? Int64.max])
            for row in rows {
                let kind: String = row["kind"]
                let key: String = row["key"]
                let deleted: Bool = row["deleted"]
                let sha: String? = row["sha256"]
                lines.append(deleted ? "D\t\(kind)\t\(key)" : "E\t\(kind)\t\(key)\t\(sha ?? "")")
            }
            for row in try Row.fetchAll(db, sql: "SELECT job_id, version_id, file_name, byte_count, sha256 FROM log_files") {
                let job: Int64 = row["job_id"]
                let version: Int64 = row["version_id"]
                let name: String = row["file_name"]
                let bytes: Int = row["byte_count"]
                let sha: String = row["sha256"]
                lines.append("L\t\(job)\t\(version)\t\(name)\t\(bytes)\t\(sha)")
            }
        }
        lines.sort()
        var hasher = SHA256Stream()
        for line in lines { hasher.update(Array((line + "\n").utf8)) }
        return hasher.hex()
    }
}
