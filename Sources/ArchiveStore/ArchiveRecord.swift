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
