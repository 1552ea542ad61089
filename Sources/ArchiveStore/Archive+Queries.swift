import GRDB
import ModelArtsAPI

/// One run parameter of a version or config.
public struct ParameterRow: Sendable, Equatable, Codable {
    /// The parameter's label.
    public var label: String
    /// The value as compact JSON, keeping its type (`0.01`, `"32"`, `true`).
    public var valueJSON: String
    /// The value as text (nil for null, objects and arrays).
    public var valueText: String?
    /// Whether the value was redacted at capture time.
    public var redacted: Bool
}

extension Archive {
    /// The typed rows of one revision in one table, with every value rendered as text (nil for NULL).
    public func typedRows(table: String, revisionID: Int64) throws -> [[String: String?]] {
        guard TypedRowsTables.all.contains(table) else {
            throw ArchiveError(.invalidArgument, "no typed table named \(table)")
        }
        return try withReader { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE revision_id = ?", arguments: [revisionID]).map { row in
                var out: [String: String?] = [:]
                for (column, value) in row where column != "revision_id" {
                    out[column] = Archive.text(value)
                }
                return out
            }
        }
    }

    /// A version's list-element revision as of a capture, else its details body's.
    private func versionListOrDetail(jobID: Int64, versionID: Int64, asOf capture: Int64?) throws -> EntityRevision? {
        let key = EntityKey.version(jobID: jobID, versionID: versionID)
        return try entity(kind: .version, key: key, asOf: capture) ?? entity(kind: .versionDetail, key: key, asOf: capture)
    }

    /// The `versions` row of a version's live list revision as text, as of a capture (nil = latest).
    public func versionRow(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> [String: String]? {
        guard let revision = try versionListOrDetail(jobID: jobID, versionID: versionID, asOf: capture), !revision.deleted else { return nil }
        return try typedRows(table: "versions", revisionID: revision.id).first?.compactMapValues { $0 }
    }

    /// The parameters of a version, in API order, as of a capture (nil = latest).
    public func parameters(jobID: Int64, versionID: Int64, asOf capture: Int64? = nil) throws -> [ParameterRow] {
        guard let revision = try versionListOrDetail(jobID: jobID, versionID: versionID, asOf: capture), !revision.deleted else { return [] }
        return try withReader { db in
            try Row.fetchAll(
                db, sql: "SELECT label, value_json, value_text, redacted FROM parameters WHERE revision_id = ? ORDER BY position",
                arguments: [revision.id]
            ).map(Archive.parameterRow(from:))
        }
    }

    /// A `parameters` row (label, value_json, value_text, redacted).
    static func parameterRow(from row: Row) throws -> ParameterRow {
        let row = row.stored("parameters")
        return try ParameterRow(label: row["label"], valueJSON: row["value_json"], valueText: row["value_text"], redacted: row.flag("redacted"))
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
