import GRDB

extension Archive {
    /// The revisions of many entities of one kind as of a capture (nil = latest), read in one transaction.
    ///
    /// Keys that had no revision then are absent from the result; deletion markers are included
    /// (with `deleted == true`). The replay server uses this to assemble list responses without one
    /// round trip per item.
    public func entities(kind: EntityKind, keys: [String], asOf capture: Int64? = nil) throws -> [String: EntityRevision] {
        try withReader { db in
            let statement = try db.cachedStatement(
                sql: "SELECT * FROM revisions WHERE kind = ? AND key = ? AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1")
            var out: [String: EntityRevision] = [:]
            out.reserveCapacity(keys.count)
            for key in keys {
                if let row = try Row.fetchOne(statement, arguments: [kind.rawValue, key, capture ?? Int64.max]) {
                    out[key] = Archive.revision(from: row)
                }
            }
            return out
        }
    }
}
