import Crypto
import Foundation
import GRDB
import ModelArtsAPI

extension Archive {
    /// Stores an entity's raw JSON in `capture`: a new revision when the bytes changed, nothing when they did not.
    ///
    /// Typed columns are derived from the bytes in the same transaction.
    @discardableResult
    public func putEntity(kind: EntityKind, key: String, raw: [UInt8], capture: Int64) throws -> PutOutcome {
        let parsed: JSONValue
        do {
            parsed = try RawJSON.parse(raw)
        } catch {
            throw ArchiveError(.invalidArgument, "\(kind.rawValue) \(key): \(error)")
        }
        let rows = TypedRows.derive(kind: kind, key: key, json: parsed)
        return try withWriter { db in
            try Archive.putEntity(db, kind: kind, key: key, raw: raw, rows: rows, capture: capture)
        }
    }

    static func putEntity(_ db: Database, kind: EntityKind, key: String, raw: [UInt8], rows: TypedRows, capture: Int64) throws -> PutOutcome {
        let digest = Archive.sha256Hex(raw)
        let current = try Row.fetchOne(
            db,
            sql: "SELECT id, capture_id, deleted, sha256 FROM revisions WHERE kind = ? AND key = ? ORDER BY capture_id DESC LIMIT 1",
            arguments: [kind.rawValue, key])
        var outcome = PutOutcome.inserted
        if let current = current?.stored("revisions") {
            let deleted = try current.flag("deleted")
            let sha: String? = try current["sha256"]
            if !deleted, sha == digest { return .unchanged }
            outcome = deleted ? .inserted : .changed
            let currentCapture: Int64 = try current["capture_id"]
            if currentCapture == capture {
                // Same capture wrote this key twice (a retry): replace that revision.
                let id: Int64 = try current["id"]
                try TypedRows.delete(db, revisionID: id)
                try db.execute(sql: "DELETE FROM list_templates WHERE revision_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM revisions WHERE id = ?", arguments: [id])
            }
        }
        try db.execute(
            sql: "INSERT INTO revisions(kind, key, capture_id, deleted, raw, sha256) VALUES (?, ?, ?, 0, ?, ?)",
            arguments: [kind.rawValue, key, capture, Data(raw), digest])
        let revisionID = db.lastInsertedRowID
        try rows.insert(db, revisionID: revisionID)
        return outcome
    }

    /// Marks an entity gone upstream in `capture`; returns false if it was absent or already marked.
    @discardableResult
    public func markDeleted(kind: EntityKind, key: String, capture: Int64) throws -> Bool {
        try withWriter { db in try Archive.markDeleted(db, kind: kind, key: key, capture: capture) }
    }

    static func markDeleted(_ db: Database, kind: EntityKind, key: String, capture: Int64) throws -> Bool {
        let current = try Row.fetchOne(
            db, sql: "SELECT id, capture_id, deleted FROM revisions WHERE kind = ? AND key = ? ORDER BY capture_id DESC LIMIT 1",
            arguments: [kind.rawValue, key])
        guard let current = current?.stored("revisions"), !(try current.flag("deleted")) else { return false }
        let currentCapture: Int64 = try current["capture_id"]
        if currentCapture == capture {
            throw ArchiveError(.invalidArgument, "\(kind.rawValue) \(key) was written in capture \(capture); it cannot be marked deleted in the same capture")
        }
        try db.execute(
            sql: "INSERT INTO revisions(kind, key, capture_id, deleted) VALUES (?, ?, ?, 1)",
            arguments: [kind.rawValue, key, capture])
        return true
    }

    /// Marks deleted every live entity of `kind` whose key starts with `prefix` and is not in `present`.
    @discardableResult
    public func markMissing(kind: EntityKind, prefix: String = "", present: Set<String>, capture: Int64) throws -> [String] {
        try withWriter { db in
            let keys = try Archive.liveKeys(db, kind: kind, prefix: prefix, asOf: nil)
            var marked: [String] = []
            for key in keys where !present.contains(key) {
                if try Archive.markDeleted(db, kind: kind, key: key, capture: capture) { marked.append(key) }
            }
            return marked
        }
    }

    /// The keys of live (not deleted) entities of `kind` as of a capture (nil = latest), sorted.
    public func liveKeys(kind: EntityKind, prefix: String = "", asOf capture: Int64? = nil) throws -> [String] {
        try withReader { db in try Archive.liveKeys(db, kind: kind, prefix: prefix, asOf: capture) }
    }

    static func liveKeys(_ db: Database, kind: EntityKind, prefix: String, asOf capture: Int64?) throws -> [String] {
        let sql = """
            SELECT r.key FROM revisions r
            WHERE r.kind = ? AND substr(r.key, 1, ?) = ?
              AND r.capture_id = (SELECT max(capture_id) FROM revisions r2
                                  WHERE r2.kind = r.kind AND r2.key = r.key AND r2.capture_id <= ?)
              AND r.deleted = 0
            ORDER BY r.key
            """
        return try String.fetchAll(db, sql: sql, arguments: [kind.rawValue, prefix.utf8.count, prefix, capture ?? Int64.max])
    }

    /// The revision of an entity as of a capture (nil = latest); nil if it never existed then.
    ///
    /// A deletion marker is returned as a revision with `deleted == true`.
    public func entity(kind: EntityKind, key: String, asOf capture: Int64? = nil) throws -> EntityRevision? {
        try withReader { db in try Archive.entity(db, kind: kind, key: key, asOf: capture) }
    }

    static func entity(_ db: Database, kind: EntityKind, key: String, asOf capture: Int64?) throws -> EntityRevision? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1",
            arguments: [kind.rawValue, key, capture ?? Int64.max])
        return try row.map(Archive.revision(from:))
    }

    /// Every revision of an entity, oldest first.
    public func revisions(kind: EntityKind, key: String) throws -> [EntityRevision] {
        try withReader { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? ORDER BY capture_id",
                arguments: [kind.rawValue, key]
            ).map(Archive.revision(from:))
        }
    }

    static func revision(from row: Row) throws -> EntityRevision {
        let row = row.stored("revisions")
        let data: Data? = try row["raw"]
        let kindText: String = try row["kind"]
        return try EntityRevision(
            id: row["id"], kind: EntityKind(rawValue: kindText) ?? .list, key: row["key"],
            captureID: row["capture_id"], deleted: row.flag("deleted"), raw: data.map { [UInt8]($0) }, sha256: row["sha256"])
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }
}
