import Foundation
import GRDB

/// A fetched row whose stored values are read with throwing subscripts.
///
/// GRDB's non-optional `row["column"]` subscripts trap when a value is NULL or of another type, and its
/// optional ones trap on a type mismatch (a blob of invalid UTF-8 where text is expected). A damaged
/// archive can hold either, so every read of a stored value goes through this wrapper: a value that does not
/// decode throws a ``DamagedValue`` naming the table, the row and the column, which the archive turns into
/// an ``ArchiveError`` with code ``ArchiveError/Code/damagedValue`` and the archive's path.
struct StoredRow {
    /// The row as GRDB fetched it.
    let row: Row
    /// The table the row comes from, for messages (a logical name for joins: `versions`, `log_chunks`).
    let table: String

    init(_ row: Row, table: String) {
        self.row = row
        self.table = table
    }

    /// The value of `column`, decoded as `Value` (an optional type reads NULL as nil).
    subscript<Value: DatabaseValueConvertible>(_ column: String) -> Value {
        get throws { try reading(column, Value.self) { try row.decode(Value.self, forColumn: column) } }
    }

    /// The value of `column`, decoded as `Value` through SQLite's column accessors when the row is a cursor's.
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) -> Value {
        get throws { try reading(column, Value.self) { try row.decode(Value.self, forColumn: column) } }
    }

    /// The value at `index` (0 is the leftmost column), decoded as `Value`.
    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        get throws { try reading(index, Value.self) { try row.decode(Value.self, atIndex: index) } }
    }

    /// The value at `index`, decoded through SQLite's column accessors when the row is a cursor's.
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) -> Value {
        get throws { try reading(index, Value.self) { try row.decode(Value.self, atIndex: index) } }
    }

    /// Runs a decode of `column`, turning GRDB's decoding error into a ``DamagedValue`` naming the column.
    private func reading<Value>(_ column: String, _ type: Value.Type, _ decode: () throws -> Value) throws -> Value {
        do {
            return try decode()
        } catch {
            throw damaged(column, type)
        }
    }

    /// Runs a decode of the column at `index` (which must exist), as ``reading(_:_:_:)-(String,_,_)`` does.
    private func reading<Value>(_ index: Int, _ type: Value.Type, _ decode: () throws -> Value) throws -> Value {
        guard index >= 0, index < row.count else {
            throw DamagedValue(table: table, row: rowName, column: "#\(index)", found: "no such column", expected: StoredRow.expected(type))
        }
        return try reading(columnName(index), type, decode)
    }

    /// A count or position (lines, bytes, offsets): an integer from 0 to 2⁴⁰, so sums and ranges built from
    /// it cannot overflow or run backwards.
    func count(_ column: String) throws -> Int {
        try checkedCount(try self[column], column)
    }

    /// The count at `index` (0 is the leftmost column), as ``count(_:)``.
    func count(at index: Int) throws -> Int {
        try checkedCount(try self[index], columnName(index))
    }

    private func checkedCount(_ value: Int64, _ column: String) throws -> Int {
        guard value >= 0, value <= StoredRow.maxCount else {
            throw DamagedValue(table: table, row: rowName, column: column, found: "\(value)", expected: "a count from 0 to 2^40")
        }
        return Int(value)
    }

    /// An optional count: NULL is nil, anything else as ``count(_:)``.
    func optionalCount(_ column: String) throws -> Int? {
        guard let value: Int64 = try self[column] else { return nil }
        guard value >= 0, value <= StoredRow.maxCount else {
            throw DamagedValue(table: table, row: rowName, column: column, found: "\(value)", expected: "a count from 0 to 2^40")
        }
        return Int(value)
    }

    /// A boolean stored as 0 or 1 (any other integer is damage).
    func flag(_ column: String) throws -> Bool {
        let value: Int64 = try self[column]
        guard value == 0 || value == 1 else {
            throw DamagedValue(table: table, row: rowName, column: column, found: "\(value)", expected: "0 or 1")
        }
        return value == 1
    }

    /// The largest count a stored row may hold (1 TiB of log bytes).
    static let maxCount: Int64 = 1 << 40

    /// The error for `column` holding something that is not a `Value`.
    func damaged(_ column: String, _ type: Any.Type) -> DamagedValue {
        let found = storedValue(column).map { StoredRow.describe($0, as: type) } ?? "no such column"
        return DamagedValue(table: table, row: rowName, column: column, found: found, expected: StoredRow.expected(type))
    }

    /// The error for a record decoding of this row that failed: GRDB's message names the column
    /// (`could not decode Int64 from database value NULL - column: "job_id", …`) and the type it expected.
    func damaged(decoding error: RowDecodingError) -> DamagedValue {
        let text = "\(error)"
        let column = text.range(of: " - column: \"").flatMap { start in
            text[start.upperBound...].firstIndex(of: "\"").map { String(text[start.upperBound..<$0]) }
        }
        let typeName = text.range(of: "could not decode ").flatMap { start in
            text[start.upperBound...].range(of: " from ").map { String(text[start.upperBound..<$0.lowerBound]) }
        }
        guard let column else {
            return DamagedValue(table: table, row: rowName, column: "?", found: StoredRow.clip(text, 120), expected: typeName.map(StoredRow.expected(named:)) ?? "a value")
        }
        let found = storedValue(column).map { StoredRow.describe($0, expectingText: typeName == "String") } ?? "no such column"
        return DamagedValue(table: table, row: rowName, column: column, found: found, expected: typeName.map(StoredRow.expected(named:)) ?? "a value")
    }

    /// The raw value of `column` (case-insensitive, leftmost), or nil when the row has no such column.
    private func storedValue(_ column: String) -> DatabaseValue? {
        let name = column.lowercased()
        guard let index = row.columnNames.firstIndex(where: { $0.lowercased() == name }) else { return nil }
        return row.databaseValues[index]
    }

    private func columnName(_ index: Int) -> String {
        row.columnNames[row.index(row.startIndex, offsetBy: index)]
    }

    /// The row's identity for messages: its `id`, `revision_id`, `key` or `rowid` value, when it has one.
    var rowName: String? {
        for column in ["id", "revision_id", "key", "rowid", "file_id"] {
            guard let value = storedValue(column) else { continue }
            switch value.storage {
            case .int64(let i): return column == "file_id" ? "with file_id \(i)" : String(i)
            case .string(let s): return StoredRow.clip(s)
            default: continue
            }
        }
        return nil
    }

    /// A stored value in words: `NULL`, `integer 7`, `text 'abc'`, `a blob of 12 bytes`.
    static func describe(_ value: DatabaseValue, as type: Any.Type) -> String {
        describe(value, expectingText: expected(type) == "text")
    }

    /// A stored value in words, as ``describe(_:as:)``; `expectingText` says whether a blob that is not UTF-8 is worth saying so.
    static func describe(_ value: DatabaseValue, expectingText text: Bool) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let i): return "integer \(i)"
        case .double(let d): return "real \(d)"
        case .string(let s): return "text '\(clip(s))'"
        case .blob(let b):
            return text && String(data: b, encoding: .utf8) == nil ? "a blob of \(b.count) bytes that is not UTF-8" : "a blob of \(b.count) bytes"
        }
    }

    /// What a Swift type expects, in words.
    static func expected(_ type: Any.Type) -> String {
        expected(named: String(describing: type))
    }

    /// What a Swift type, by name, expects in words.
    static func expected(named typeName: String) -> String {
        var name = typeName
        if name.hasPrefix("Optional<"), name.hasSuffix(">") { name = String(name.dropFirst(9).dropLast()) }
        switch name {
        case "Int", "Int64", "Int32", "Int16", "Int8", "UInt", "UInt64", "UInt32": return "an integer"
        case "Bool": return "an integer 0 or 1"
        case "Double", "Float": return "a number"
        case "String": return "text"
        case "Data": return "a blob"
        default: return name
        }
    }

    /// Text cut to `limit` characters, on one line.
    static func clip(_ text: String, _ limit: Int = 40) -> String {
        let flat = text.map { $0.isNewline ? " " : $0 }
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : String(flat)
    }
}

extension Row {
    /// This row with throwing reads that name `table` when a stored value is damaged.
    func stored(_ table: String) -> StoredRow {
        StoredRow(self, table: table)
    }
}

/// A stored value that does not decode: which table, row and column, what was found and what was expected.
///
/// Thrown by ``StoredRow``; ``Archive`` turns it into an ``ArchiveError`` with its path.
struct DamagedValue: Error, CustomStringConvertible {
    var table: String
    var row: String?
    var column: String
    var found: String
    var expected: String

    /// `damaged value in versions row 17 column is_current: NULL where an integer is expected`.
    var description: String {
        let place = row.map { "\(table) row \($0)" } ?? table
        return "damaged value in \(place) column \(column): \(found) where \(expected) is expected"
    }
}
