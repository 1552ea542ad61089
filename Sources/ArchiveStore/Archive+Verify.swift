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
    /// Findings that do not fail verify: entities whose raw JSON (kept byte-exact and hash-checked) does not
    /// decode as their v1 model, so they have no typed rows (`check` is `typed`).
    public var warnings: [VerifyFailure] = []
    /// The content digest (``Archive/contentDigest(asOf:)``), or nil when damage stopped it (then a `digest` failure says why).
    public var digest: String?
    /// Whether every check passed.
    public var ok: Bool { failures.isEmpty }
}

extension Archive {
    /// Runs every integrity check: SQLite's integrity_check, chunk checksums and line counts, whole-log
    /// SHA-256s, captured page hashes, raw JSON hashes, typed columns against raw JSON, and the index structure.
    ///
    /// Damage is reported as failures naming the item, not thrown: a stored value that does not decode (NULL or
    /// the wrong type in a typed column) fails the check of the row holding it, and a check that SQLite cannot
    /// finish (a damaged page) is reported and the next check runs. Typed derivation failures (raw JSON that
    /// does not decode as its v1 model) are listed as ``VerifyReport/warnings``; they do not fail verify.
    public func verify() throws -> VerifyReport {
        var report = VerifyReport()
        func fail(_ check: String, _ item: String, _ message: String) {
            report.failures.append(VerifyFailure(check: check, item: item, message: message))
        }
        /// Runs one check; an error that stops it is a failure of that check, and the next check runs.
        func section(_ check: String, _ item: String, _ body: () throws -> Void) {
            do {
                try body()
            } catch {
                fail(check, item, Archive.translate(error, path: path).message)
            }
        }
        section("sqlite", path) {
            try withReader { db in
                // 1. SQLite structure.
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                report.checked["sqlite", default: 0] += 1
                if problems != ["ok"] {
                    for p in problems.prefix(20) { fail("sqlite", path, p) }
                }
            }
        }
        // 2. Logs and chunks.
        section("log", "log_files") {
            try withReader { db in
                let fileRows = try Row.fetchAll(db, sql: "SELECT * FROM log_files ORDER BY id")
                for fileRow in fileRows {
                    let file: LogFileInfo
                    do {
                        file = try LogStore.logFileInfo(from: fileRow)
                    } catch {
                        report.checked["log", default: 0] += 1
                        fail("log", "log_files row \(fileRow.stored("log_files").rowName ?? "?")", Archive.translate(error, path: path).message)
                        continue
                    }
                    verifyLog(db, file, &report)
                }
            }
        }
        // 3. Revisions: raw hash and typed columns.
        section("revision", "revisions") {
            try withReader { db in
                let revisions = try Row.fetchCursor(db, sql: "SELECT id, kind, key, deleted, raw, sha256 FROM revisions ORDER BY id")
                // The archive's own typed columns: an archive of an older format (opened read-only, not migrated)
                // lacks columns this build derives, and is checked on the columns it has.
                let archiveColumns = try TypedRows.columns(db)
                let archiveTables = TypedRows.allTables.filter { archiveColumns[$0] != nil }
                var revisionRows: [(Int64, String, String, Bool, Data?, String?)] = []
                while let row = try revisions.next() {
                    let stored = row.stored("revisions")
                    do {
                        revisionRows.append((try stored["id"], try stored["kind"], try stored["key"], try stored.flag("deleted"), try stored["raw"], try stored["sha256"]))
                    } catch {
                        report.checked["revision", default: 0] += 1
                        fail("revision", "revision \(stored.rowName ?? "?")", Archive.translate(error, path: path).message)
                    }
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
                    let json: JSONValue
                    do {
                        json = try RawJSON.parse(bytes)
                    } catch {
                        fail("revision", item, "raw JSON no longer parses: \(error)")
                        continue
                    }
                    let expected = TypedRows.derive(kind: kind, key: key, json: json).restricted(to: archiveColumns)
                    if let failure = expected.failure {
                        report.warnings.append(VerifyFailure(check: "typed", item: failure.entity, message: failure.warning))
                    }
                    let stored = try TypedRows.load(db, revisionID: id, tables: archiveTables)
                    if let difference = expected.difference(from: stored) {
                        fail("typed", item, "typed columns disagree with the raw JSON: \(difference)")
                    }
                    report.checked["typed", default: 0] += 1
                }
            }
        }
        // 4. Captured pages (re-rendered through the public path).
        section("page", "log_pages") {
            let pageRows = try withReader { db in try Row.fetchAll(db, sql: "SELECT id, body_sha256 FROM log_pages ORDER BY id") }
            for row in pageRows {
                report.checked["page", default: 0] += 1
                let stored = row.stored("log_pages")
                do {
                    let id: Int64 = try stored["id"]
                    let sha: String = try stored["body_sha256"]
                    let body = try pages.render(id: id)
                    if Archive.sha256Hex(body) != sha {
                        fail("page", "captured page \(id)", "re-rendered body does not match its SHA-256")
                    }
                } catch {
                    fail("page", "captured page \(stored.rowName ?? "?")", Archive.translate(error, path: path).message)
                }
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
        // 6. The content digest reads every current revision and log row once more.
        do {
            report.digest = try contentDigest()
        } catch {
            fail("digest", path, Archive.translate(error, path: path).message)
        }
        return report
    }

    /// Checks one log file's chunks against its row: contiguity, zlib, CRC-32, line counts, size and SHA-256.
    private func verifyLog(_ db: Database, _ file: LogFileInfo, _ report: inout VerifyReport) {
        func fail(_ check: String, _ item: String, _ message: String) {
            report.failures.append(VerifyFailure(check: check, item: item, message: message))
        }
        let name = "log file \(file.id) (\(file.owner.description))"
        report.checked["log", default: 0] += 1
        var hasher = SHA256Stream()
        var expectedFirst = 0
        var bytes = 0
        var lastByte: UInt8? = nil
        do {
            let chunks = try Row.fetchCursor(
                db, sql: "SELECT id, first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line",
                arguments: [file.id])
            while let row = try chunks.next() {
                report.checked["chunk", default: 0] += 1
                let stored = row.stored("log_chunks")
                let first: Int
                let count: Int
                let crc: Int64
                do {
                    first = try stored.count("first_line")
                    count = try stored.count("line_count")
                    crc = try stored["crc32"]
                } catch {
                    fail("chunk", "\(name), chunk \(stored.rowName ?? "?")", Archive.translate(error, path: path).message)
                    continue
                }
                let chunkName = "\(name), chunk at line \(first)"
                if first != expectedFirst {
                    fail("chunk", chunkName, "starts at line \(first), expected \(expectedFirst) (chunks overlap or a chunk is missing)")
                }
                expectedFirst = first + count
                let raw: [UInt8]
                do {
                    raw = try LogStore.inflate(row: row, fileID: file.id)
                } catch {
                    fail("chunk", chunkName, "cannot inflate: \(Archive.translate(error, path: path).message)")
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
        } catch {
            fail("chunk", name, Archive.translate(error, path: path).message)
            return
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
                let row = row.stored("revisions")
                let kind: String = try row["kind"]
                let key: String = try row["key"]
                let deleted = try row.flag("deleted")
                let sha: String? = try row["sha256"]
                lines.append(deleted ? "D\t\(kind)\t\(key)" : "E\t\(kind)\t\(key)\t\(sha ?? "")")
            }
            // A v1 log's line is as before format 3 (so a migrated archive keeps its digest); a v2 log's names its
            // job, task and run.
            for row in try Row.fetchAll(db, sql: "SELECT * FROM log_files") {
                var file = try LogStore.logFileInfo(from: row)
                if let capture {
                    guard let then = try LogStore.asOf(db, file, capture: capture) else { continue }
                    file = then
                }
                switch file.owner {
                case .v1(let job, let version, let name):
                    lines.append("L\t\(job)\t\(version)\t\(name)\t\(file.byteCount)\t\(file.sha256)")
                case .v2(let job, let task, let run):
                    lines.append("L2\t\(job)\t\(task)\t\(run)\t\(file.byteCount)\t\(file.sha256)")
                }
            }
        }
        lines.sort()
        var hasher = SHA256Stream()
        for line in lines { hasher.update(Array((line + "\n").utf8)) }
        return hasher.hex()
    }
}
