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
                    out[key] = try Archive.revision(from: row)
                }
            }
            return out
        }
    }
}

/// One stored chunk of a log, inflated: whole lines `firstLine ..< firstLine + lineCount`.
public struct LogChunk: Sendable, Equatable {
    /// The 0-based number of the chunk's first line.
    public var firstLine: Int
    /// How many lines the chunk holds.
    public var lineCount: Int
    /// The chunk's raw bytes.
    public var bytes: [UInt8]
}

extension Archive {
    /// The inflated chunk of a log that holds `line`, or nil when the log has no such line.
    ///
    /// The replay server caches chunks so that log pages are cut from memory.
    public func logChunk(fileID: Int64, containing line: Int) throws -> LogChunk? {
        try withReader { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks
                    WHERE file_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [fileID, line]) else { return nil }
            let stored = row.stored("log_chunks")
            let first = try stored.count("first_line")
            let count = try stored.count("line_count")
            guard line < first + count else { return nil }
            return LogChunk(firstLine: first, lineCount: count, bytes: try Archive.inflate(row: row, fileID: fileID))
        }
    }
}
