import Foundation
import GRDB
import ModelArtsAPI

/// An entity whose raw JSON is stored byte-exact but does not decode as its v1 model, so it has no typed rows.
///
/// The raw bytes are the record and stay faithful; the entity is only missing from typed queries (`jobs`,
/// `versions`, `configs`, …). `verify` lists every such entity as a warning, and a capture report can list
/// those of its capture through ``EntityStore/typedDerivationFailures(capture:)``.
public struct TypedDerivationFailure: Sendable, Equatable, Codable {
    /// The entity kind.
    public var kind: EntityKind
    /// The entity key.
    public var key: String
    /// The v1 model the JSON was decoded as (`V1JobListEntry`, `V1Version`, …).
    public var model: String
    /// Why it did not decode, e.g. `missing or invalid "job_id"`.
    public var message: String

    /// Creates a failure record.
    public init(kind: EntityKind, key: String, model: String, message: String) {
        self.kind = kind
        self.key = key
        self.model = model
        self.message = message
    }

    /// `job 12`, `version 10/11`.
    public var entity: String { "\(kind.rawValue) \(key)" }

    /// One line: `job 12: raw JSON does not decode as V1JobListEntry: missing or invalid "job_id"`.
    public var summary: String { "\(entity): \(warning)" }

    /// The warning without the entity: `raw JSON does not decode as V1JobListEntry: …`.
    public var warning: String { "raw JSON does not decode as \(model): \(message); it is kept, but has no typed rows" }
}

extension EntityStore {
    /// The entities written by `capture` (nil: every revision in the archive) whose raw JSON does not decode
    /// as their v1 model, so they have no typed rows; ordered by kind and key.
    ///
    /// A snapshot calls it after a capture to list them in its report; `verify` reports them as warnings.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func typedDerivationFailures(capture: Int64? = nil) throws -> [TypedDerivationFailure] {
        try withReader { db in
            var sql = "SELECT id, kind, key, raw FROM revisions WHERE deleted = 0 AND kind NOT IN ('list', 'log_file_list')"
            var arguments: StatementArguments = []
            if let capture {
                sql += " AND capture_id = ?"
                arguments = [capture]
            }
            sql += " ORDER BY kind, key, capture_id"
            var out: [TypedDerivationFailure] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                let stored = row.stored("revisions")
                let kindText: String = try stored["kind"]
                let key: String = try stored["key"]
                guard let kind = EntityKind(rawValue: kindText), let raw: Data = try stored["raw"] else { continue }
                let json: JSONValue
                do {
                    json = try RawJSON.parse([UInt8](raw))
                } catch {
                    out.append(TypedDerivationFailure(kind: kind, key: key, model: "JSON", message: "\(error)"))
                    continue
                }
                if let failure = TypedRows.derive(kind: kind, key: key, json: json).failure { out.append(failure) }
            }
            return out
        }
    }
}
