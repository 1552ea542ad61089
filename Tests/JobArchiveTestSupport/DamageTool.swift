import Foundation
import GRDB

/// Damages archive files on purpose, through plain SQLite, the way a bad disk or a careless edit would.
public enum DamageTool {
    /// Flips one byte of a log chunk's zlib blob; returns the chunk's first line.
    @discardableResult
    public static func flipChunkByte(path: String, fileID: Int64, chunkIndex: Int, offset: Int) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, first_line, data FROM log_chunks WHERE file_id = ? ORDER BY first_line", arguments: [fileID])
            let row = rows[chunkIndex]
            var data: Data = row["data"]
            let i = data.startIndex + min(offset, data.count - 1)
            data[i] ^= 0x01
            try db.execute(sql: "UPDATE log_chunks SET data = ? WHERE id = ?", arguments: [data, row["id"] as Int64])
            return row["first_line"]
        }
    }

    /// Runs arbitrary SQL on an archive file.
    public static func execute(path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }
}

extension DamageTool {
    /// A value written over a stored one by ``setValue(path:table:row:column:to:)``.
    public enum BadValue: Sendable, CustomStringConvertible {
        /// SQL NULL.
        case null
        /// Text where something else may be expected.
        case text(String)
        /// An integer (negative, huge, or just wrong).
        case integer(Int64)
        /// A real number.
        case real(Double)
        /// A blob (e.g. invalid UTF-8 where text is expected).
        case blob([UInt8])

        var sql: String {
            switch self {
            case .null: return "NULL"
            case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case .integer(let i): return String(i)
            case .real(let d): return String(d)
            case .blob(let b): return "X'" + b.map { String(format: "%02X", $0) }.joined() + "'"
            }
        }

        public var description: String { sql }
    }

    /// The pages (1-based page numbers) holding `table`'s b-tree, from SQLite's `dbstat` table; the root page
    /// alone when `dbstat` is not compiled in.
    public static func pages(path: String, table: String) throws -> [Int] {
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        return try queue.read { db in
            if let pages = try? Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", arguments: [table]), !pages.isEmpty {
                return pages
            }
            return try Int.fetchAll(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table])
        }
    }

    /// The page size of an archive file.
    public static func pageSize(path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096 }
    }

    /// The columns of a table, in order.
    public static func columns(path: String, table: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        return try queue.read { db in try db.columns(in: table).map(\.name) }
    }

    /// Every row of a table, as an SQL condition selecting it: `rowid = 7`, or for a WITHOUT ROWID table its
    /// primary key (`revision_id = 12 AND position = 0`).
    public static func rows(path: String, table: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        return try queue.read { db in
            let key = try db.primaryKey(table)
            let columns = key.rowIDColumn != nil || key.isRowID ? ["rowid"] : key.columns
            let rows = try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(columns.joined(separator: ", "))")
            return rows.map { row in
                zip(columns, row.databaseValues).map { column, value in
                    switch value.storage {
                    case .int64(let i): return "\(column) = \(i)"
                    case .string(let s): return "\(column) = '\(s.replacingOccurrences(of: "'", with: "''"))'"
                    default: return "\(column) IS NULL"
                    }
                }.joined(separator: " AND ")
            }
        }
    }

    /// Overwrites bytes of the file in place: `damage` is a list of (offset, byte).
    public static func overwrite(path: String, _ damage: [(offset: Int, byte: UInt8)]) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for (offset, byte) in damage {
            try handle.seek(toOffset: UInt64(offset))
            try handle.write(contentsOf: Data([byte]))
        }
    }

    /// Writes `value` into one stored cell, past the NOT NULL and CHECK constraints a real writer obeys
    /// (the way damaged bytes can), and puts the schema text back as it was.
    public static func setValue(path: String, table: String, row condition: String, column: String, to value: BadValue) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let original: String = try {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.write { db -> String in
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? ""
                try db.execute(sql: "PRAGMA writable_schema = ON")
                try db.execute(
                    sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                    arguments: [sql.replacingOccurrences(of: "(?<!IS )NOT NULL", with: "", options: .regularExpression), table])
                try db.execute(sql: "PRAGMA writable_schema = OFF")
                return sql
            }
        }()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA ignore_check_constraints = ON") }
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE \(table) SET \(column) = \(value.sql) WHERE \(condition)")
            try db.inTransaction {
                try db.execute(sql: "PRAGMA writable_schema = ON")
                try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", arguments: [original, table])
                try db.execute(sql: "PRAGMA writable_schema = OFF")
                return .commit
            }
        }
    }

    private static var readOnly: Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }
}

extension DamageTool {
    /// The integer an SQL query returns first, read-only.
    public static func scalar(path: String, _ sql: String) throws -> Int64? {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        return try queue.read { db in try Int64.fetchOne(db, sql: sql) }
    }
}
