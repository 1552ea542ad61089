import Crypto
import Foundation
import GRDB
import ModelArtsAPI

/// The archive's entities: every captured JSON body, kept as revisions per capture, with typed rows derived from it.
///
/// Reach it as ``Archive/entities``; writing is for the snapshot and sample writers.
public struct EntityStore: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension EntityStore {
    /// Stores an entity's raw JSON in `capture`: a new revision when the bytes changed, nothing when they did not.
    ///
    /// Typed columns are derived from the bytes in the same transaction.
    @discardableResult
    package func put(kind: EntityKind, key: String, raw: [UInt8], capture: Int64) throws -> PutOutcome {
        let parsed: JSONValue
        do {
            parsed = try RawJSON.parse(raw)
        } catch {
            throw ArchiveError(.invalidArgument, "\(kind.rawValue) \(key): \(error)")
        }
        let rows = TypedRows.derive(kind: kind, key: key, json: parsed)
        return try withWriter { db in
            try EntityStore.putEntity(db, kind: kind, key: key, raw: raw, rows: rows, capture: capture)
        }
    }

    static func putEntity(_ db: Database, kind: EntityKind, key: String, raw: [UInt8], rows: TypedRows, capture: Int64) throws -> PutOutcome {
        let digest = Archive.sha256Hex(raw)
        // Cached statements: this runs once per stored object, thousands of times a snapshot.
        let current = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, capture_id, deleted, sha256 FROM revisions WHERE kind = ? AND key = ? ORDER BY capture_id DESC LIMIT 1"),
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
        try db.cachedStatement(sql: "INSERT INTO revisions(kind, key, capture_id, deleted, raw, sha256) VALUES (?, ?, ?, 0, ?, ?)")
            .execute(arguments: [kind.rawValue, key, capture, Data(raw), digest])
        let revisionID = db.lastInsertedRowID
        try rows.insert(db, revisionID: revisionID)
        return outcome
    }

    /// Marks an entity gone upstream in `capture`; returns false if it was absent or already marked.
    @discardableResult
    package func markDeleted(kind: EntityKind, key: String, capture: Int64) throws -> Bool {
        try withWriter { db in try EntityStore.markDeleted(db, kind: kind, key: key, capture: capture) }
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
    package func markMissing(kind: EntityKind, prefix: String = "", present: Set<String>, capture: Int64) throws -> [String] {
        try withWriter { db in
            let keys = try EntityStore.liveKeys(db, kind: kind, prefix: prefix, asOf: nil)
            var marked: [String] = []
            for key in keys where !present.contains(key) {
                if try EntityStore.markDeleted(db, kind: kind, key: key, capture: capture) { marked.append(key) }
            }
            return marked
        }
    }

    /// The keys of live (not deleted) entities of `kind` as of a capture (nil = latest), sorted.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func liveKeys(kind: EntityKind, prefix: String = "", asOf capture: Int64? = nil) throws -> [String] {
        try withReader { db in try EntityStore.liveKeys(db, kind: kind, prefix: prefix, asOf: capture) }
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
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func entity(kind: EntityKind, key: String, asOf capture: Int64? = nil) throws -> EntityRevision? {
        try withReader { db in try EntityStore.entity(db, kind: kind, key: key, asOf: capture) }
    }

    static func entity(_ db: Database, kind: EntityKind, key: String, asOf capture: Int64?) throws -> EntityRevision? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1",
            arguments: [kind.rawValue, key, capture ?? Int64.max])
        return try row.map(EntityStore.revision(from:))
    }

    /// Every revision of an entity, oldest first.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func revisions(kind: EntityKind, key: String) throws -> [EntityRevision] {
        try withReader { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? ORDER BY capture_id",
                arguments: [kind.rawValue, key]
            ).map(EntityStore.revision(from:))
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

    /// The revisions of many entities of one kind as of a capture (nil = latest), read in one transaction.
    ///
    /// Keys that had no revision then are absent from the result; deletion markers are included
    /// (with `deleted == true`). The replay server uses this to assemble list responses without one
    /// round trip per item.
    package func entities(kind: EntityKind, keys: [String], asOf capture: Int64? = nil) throws -> [String: EntityRevision] {
        try withReader { db in
            let statement = try db.cachedStatement(
                sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1")
            var out: [String: EntityRevision] = [:]
            out.reserveCapacity(keys.count)
            for key in keys {
                if let row = try Row.fetchOne(statement, arguments: [kind.rawValue, key, capture ?? Int64.max]) {
                    out[key] = try EntityStore.revision(from: row)
                }
            }
            return out
        }
    }

    /// The revision a version's fields come from as of a capture: the newer of its list element and its
    /// details body (the details body on a tie), or its last known content when it is gone upstream.
    func currentVersionRevision(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> EntityRevision? {
        var args: [String: DatabaseValue] = [
            "cap": (capture ?? Int64.max).databaseValue, "key": EntityKey.version(jobID: jobID, versionID: versionID).databaseValue,
        ]
        BrowseSQL.bindPrefix(jobID, into: &args)
        return try withReader { db in
            guard let id = try Int64.fetchOne(
                db, sql: BrowseSQL.ctes(jobPrefix: jobID) + "SELECT live_id FROM vcur WHERE key = :key",
                arguments: StatementArguments(args))
            else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE id = ?", arguments: [id]).map(EntityStore.revision(from:))
        }
    }

    /// The newest revision with content (not a deletion marker) of an entity as of a capture (nil = latest).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func liveEntity(kind: EntityKind, key: String, asOf capture: Int64? = nil) throws -> EntityRevision? {
        try withReader { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? AND deleted = 0 AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1",
                arguments: [kind.rawValue, key, capture ?? Int64.max]
            ).map(EntityStore.revision(from:))
        }
    }

    /// Every stored revision of the entities `kinds` × `key`, without their bytes, oldest first.
    func revisionInfos(kinds: [EntityKind], key: String) throws -> [RevisionInfo] {
        let list = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try withReader { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.kind, r.key, r.capture_id, r.deleted, r.sha256, coalesce(length(r.raw), 0) AS bytes,
                      c.started_at FROM revisions r JOIN captures c ON c.id = r.capture_id
                    WHERE r.kind IN (\(list)) AND r.key = ? ORDER BY r.capture_id, r.kind
                    """,
                arguments: [key]
            ).map(EntityStore.revisionInfo(from:))
        }
    }

    static func revisionInfo(from row: Row) throws -> RevisionInfo {
        let row = row.stored("revisions")
        return try RevisionInfo(
            id: row["id"], kind: row["kind"], key: row["key"], captureID: row["capture_id"],
            capturedAt: row["started_at"] ?? "", deleted: row.flag("deleted"), sha256: row["sha256"], bytes: row.optionalCount("bytes") ?? 0)
    }

    /// The typed rows of one revision in one table, with every value rendered as text (nil for NULL).
    package func typedRows(table: String, revisionID: Int64) throws -> [[String: String?]] {
        guard TypedRowsTables.all.contains(table) else {
            throw ArchiveError(.invalidArgument, "no typed table named \(table)")
        }
        return try withReader { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE revision_id = ?", arguments: [revisionID]).map { row in
                var out: [String: String?] = [:]
                for (column, value) in row where column != "revision_id" {
                    out[column] = EntityStore.text(value)
                }
                return out
            }
        }
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob(let b): return "<\(b.count) bytes>"
        }
    }
}

/// The names of the typed tables, for validation.
enum TypedRowsTables {
    static var all: [String] { TypedRows.allTables }
}
