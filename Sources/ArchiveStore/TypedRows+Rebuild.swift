import Foundation
import GRDB
import ModelArtsAPI

extension TypedRows {
    /// Re-derives the typed rows of every stored revision from its raw JSON, replacing what was there.
    ///
    /// This is the second half of a migration that adds a typed column: `ALTER TABLE … ADD COLUMN` makes the
    /// column (NULL in every row), then this fills it from the raw bytes every revision keeps — the typed
    /// tables are a pure function of `revisions.raw`. Rows are written with only the columns the database has
    /// at this point of the migration. Returns how many revisions were re-derived.
    static func rebuildAll(_ db: Database) throws -> Int {
        let existing = try columns(db)
        var count = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, kind, key, raw FROM revisions WHERE deleted = 0 AND raw IS NOT NULL")
        var work: [(id: Int64, kind: EntityKind, key: String, raw: [UInt8])] = []
        while let row = try cursor.next() {
            let stored = row.stored("revisions")
            let kindName: String = try stored["kind"]
            guard let kind = EntityKind(rawValue: kindName) else { continue }
            work.append((try stored["id"], kind, try stored["key"], [UInt8](try stored["raw"] as Data)))
        }
        for item in work {
            // try?: raw that no longer parses derives nothing, exactly as when it was stored.
            guard let json = try? RawJSON.parse(item.raw) else { continue }
            let rows = derive(kind: item.kind, key: item.key, json: json)
            try delete(db, revisionID: item.id)
            try rows.insert(db, revisionID: item.id, columns: existing)
            count += 1
        }
        return count
    }
}

extension TypedRows {
    /// The typed columns this database has, by table (an archive of an older format lacks later ones).
    static func columns(_ db: Database) throws -> [String: Set<String>] {
        var columns: [String: Set<String>] = [:]
        // A table of a later format is absent from an archive not yet migrated (opened read-only).
        for table in allTables where try db.tableExists(table) {
            columns[table] = Set(try db.columns(in: table).map(\.name))
        }
        return columns
    }

    /// These rows with only the columns each table has in `columns`.
    func restricted(to columns: [String: Set<String>]) -> TypedRows {
        var copy = self
        for (table, rows) in tables {
            guard let allowed = columns[table] else { continue }
            copy.tables[table] = rows.map { $0.filter { allowed.contains($0.key) } }
        }
        return copy
    }
}

extension Archive {
    /// Re-derives every revision's typed rows from its raw JSON in one transaction (``TypedRows/rebuildAll(_:)``);
    /// returns how many revisions were re-derived. What a typed-column migration runs; exposed for its tests.
    ///
    /// - Throws: ``ArchiveError`` (`.readOnly` on a read-only archive; `.corrupted`/`.damagedValue` for a damaged file).
    package func rebuildTypedRows() throws -> Int {
        try withWriter { db in try TypedRows.rebuildAll(db) }
    }
}
