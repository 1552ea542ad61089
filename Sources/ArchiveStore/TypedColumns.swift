import GRDB
import ModelArtsAPI

/// Where a typed table's columns come from, each declared once.
///
/// A column is declared by its `CREATE TABLE` (or `ALTER TABLE … ADD COLUMN`) in ``ArchiveSchema`` and
/// documented in `archives/FORMAT.md`; its value comes from the wire model property of the same name
/// (`specCode` fills `spec_code`), so there is no per-column mapping code. Adding a column is a migration,
/// a property on the model when the model lacks one, and a line in FORMAT.md.
///
/// Only columns a model cannot spell (`position`, a key part, a computed flag) are given by hand, as the
/// `computed` values of ``row(_:from:computed:)``.
enum TypedColumns {
    /// The columns of every typed table at this build's format (without `revision_id`), read off the
    /// migrated schema of an in-memory database; nil if that could not be built (then nothing derives).
    static let byTable: [String: [String]]? = {
        do {
            let queue = try DatabaseQueue()
            try ArchiveSchema.migrator.migrate(queue)
            return try queue.read { db in
                var tables: [String: [String]] = [:]
                for table in TypedRows.allTables {
                    tables[table] = try db.columns(in: table).map(\.name).filter { $0 != "revision_id" }
                }
                return tables
            }
        } catch {
            return nil
        }
    }()

    /// A row of `table`: every column takes the value of `model`'s stored property that spells it (NULL when the
    /// property is nil, absent or not a scalar), then `computed` overrides or adds columns.
    ///
    /// - Throws: ``ModelDecodingError`` when the typed schema is unavailable or `computed` names a column the
    ///   table does not have (a programming error that `verify` and the tests would also report).
    static func row(_ table: String, from model: Any?, computed: [String: DatabaseValue] = [:]) throws(ModelDecodingError) -> [String: DatabaseValue] {
        try row(table, fromAll: model.map { [$0] } ?? [], computed: computed)
    }

    /// A row of `table` from several models: a column takes the value of the first model that spells it.
    static func row(_ table: String, fromAll models: [Any], computed: [String: DatabaseValue] = [:]) throws(ModelDecodingError) -> [String: DatabaseValue] {
        guard let columns = byTable?[table] else {
            throw ModelDecodingError(model: table, message: "no typed table \(table) in this build's schema")
        }
        var scalars: [String: DatabaseValue] = [:]
        for model in models {
            scalars.merge(TypedColumns.scalars(of: model)) { first, _ in first }
        }
        var values: [String: DatabaseValue] = [:]
        values.reserveCapacity(columns.count)
        for column in columns {
            values[column] = computed[column] ?? scalars[column] ?? .null
        }
        if let unknown = computed.keys.first(where: { values[$0] == nil }) {
            throw ModelDecodingError(model: table, message: "no column \(unknown) in typed table \(table)")
        }
        return values
    }

    /// The stored scalar properties of a wire model by snake_case name: strings, integers, doubles and booleans
    /// (1 or 0), as `databaseValue` makes them; nil, nested models, arrays and JSON values are left out.
    static func scalars(of model: Any) -> [String: DatabaseValue] {
        var out: [String: DatabaseValue] = [:]
        for child in Mirror(reflecting: model).children {
            guard let label = child.label, let value = databaseValue(child.value) else { continue }
            out[WireName.snakeCase(label)] = value
        }
        return out
    }

    /// A scalar as a database value; nil for nil and for anything that is not a column value.
    private static func databaseValue(_ value: Any) -> DatabaseValue? {
        switch value {
        case let v as String: return v.databaseValue
        case let v as Int64: return v.databaseValue
        case let v as Int: return v.databaseValue
        case let v as Bool: return v.databaseValue
        case let v as Double: return v.databaseValue
        default:
            // An Optional arrives boxed: unwrap one level (nil stays nil).
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return nil }
            return mirror.children.first.flatMap { databaseValue($0.value) }
        }
    }
}
