import GRDB
import ModelArtsAPI

/// A read type decoded from a query row by its property names: each column is found by the property that
/// spells it (`engine_id` fills `engineID`, by ``WireName``'s rule, the one the wire models and typed tables
/// use), so a column read for display is declared once — in the schema — and once in the record.
///
/// A NULL in a non-optional property or a value of the wrong type throws GRDB's `RowDecodingError`, which the
/// archive reports as a `.damagedValue` ``ArchiveError``; extra columns in the row are ignored.
public protocol ArchiveRecord: FetchableRecord, Decodable {}

extension ArchiveRecord {
    /// Columns map to properties by ``WireName/camelCase(_:)``.
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in ColumnKey(WireName.camelCase(column)) }
    }
}

/// A coding key named after a column.
private struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension ArchiveRecord {
    /// The rows `sql` selects, decoded as records; `table` names the rows' table in messages.
    ///
    /// Rows are copied before decoding: a copied row's values are checked by type (text in an integer column
    /// throws), where decoding straight off the statement would read SQLite's lossy conversions (text → 0).
    /// A value that does not decode throws a ``DamagedValue`` naming the table, the row and the column, as
    /// ``StoredRow`` reads do.
    static func checkedRows(
        _ db: Database, table: String, sql: String, arguments: StatementArguments = StatementArguments()
    ) throws -> [Self] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            do {
                return try Self(row: row)
            } catch let error as RowDecodingError {
                throw StoredRow(row, table: table).damaged(decoding: error)
            }
        }
    }
}
