import Foundation
import GRDB
import ModelArtsAPI

/// The archive's list responses: each stored as its items (entities) plus a template that re-assembles the body byte for byte.
///
/// Reach it as ``Archive/lists``; the snapshot writes lists and the replay server re-serves them.
package struct ListStore: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension ListStore {
    /// Stores a list response of a catalogued list endpoint: ``put(listKey:body:itemsKey:itemKind:capture:keyFor:)``
    /// with the route's items member and item kind, each item keyed by `keyPrefix` + its ``V1Route/itemID(_:)``.
    ///
    /// - Throws: ``ArchiveError`` with `.invalidArgument` when `route` is not a list endpoint or the body is not its list.
    @discardableResult
    package func put(listKey: String, body: [UInt8], route: V1Route, keyPrefix: String = "", capture: Int64) throws -> [String] {
        guard let itemsKey = route.itemsKey, let itemKind = route.itemKind else {
            throw ArchiveError(.invalidArgument, "list \(listKey): \(route.template) is not a list endpoint")
        }
        return try put(listKey: listKey, body: body, itemsKey: itemsKey, itemKind: itemKind, capture: capture) {
            route.itemID($0).map { keyPrefix + $0 }
        }
    }

    /// Stores a list response: each item of `itemsKey` as its own entity (exact bytes), and the rest of
    /// the body as a `list` entity with a template that re-assembles the original bytes.
    ///
    /// - Parameters:
    ///   - listKey: names the list (e.g. `training-jobs`, `versions/10`, `configs/custom`).
    ///   - keyFor: the entity key of an item (e.g. its `job_id`); nil rejects the body.
    /// - Returns: the item keys in response order.
    @discardableResult
    package func put(
        listKey: String, body: [UInt8], itemsKey: String, itemKind: EntityKind, capture: Int64,
        keyFor: (JSONValue) -> String?
    ) throws -> [String] {
        let members: [RawMember]
        let ranges: [Range<Int>]
        do {
            members = try RawJSON.objectMembers(body)
            ranges = try RawJSON.arrayElements(body, key: itemsKey) ?? []
        } catch {
            throw ArchiveError(.invalidArgument, "list \(listKey): \(error)")
        }
        guard let listMember = members.first(where: { $0.key == itemsKey }) else {
            throw ArchiveError(.invalidArgument, "list \(listKey): response has no '\(itemsKey)' array")
        }
        var items: [(key: String, raw: [UInt8], rows: TypedRows)] = []
        for range in ranges {
            let raw = Array(body[range])
            let json: JSONValue
            do { json = try RawJSON.parse(raw) } catch { throw ArchiveError(.invalidArgument, "list \(listKey): \(error)") }
            guard let key = keyFor(json) else {
                throw ArchiveError(.invalidArgument, "list \(listKey): an item of '\(itemsKey)' has no usable id")
            }
            items.append((key, raw, TypedRows.derive(kind: itemKind, key: key, json: json)))
        }
        let offset = ranges.first?.lowerBound ?? (listMember.valueRange.lowerBound + 1)
        var envelope = Array(body[..<offset])
        envelope += body[(ranges.last?.upperBound ?? offset)...]
        var separators: [String] = []
        for i in 1..<max(ranges.count, 1) where ranges.count > 1 {
            separators.append(String(decoding: body[ranges[i - 1].upperBound..<ranges[i].lowerBound], as: UTF8.self))
        }
        let separatorsJSON = ListStore.jsonStrings(separators)
        let keysJSON = ListStore.jsonStrings(items.map(\.key))
        try withWriter { db in
            for item in items {
                _ = try EntityStore.putEntity(db, kind: itemKind, key: item.key, raw: item.raw, rows: item.rows, capture: capture)
            }
            // The list entity changes when its envelope or its template (item order, separators) changes.
            let current = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.id, r.sha256, r.deleted, r.capture_id, t.items_offset, t.separators, t.item_keys
                    FROM revisions r LEFT JOIN list_templates t ON t.revision_id = r.id
                    WHERE r.kind = 'list' AND r.key = ? ORDER BY r.capture_id DESC LIMIT 1
                    """,
                arguments: [listKey])
            if let current = current?.stored("revisions"), !(try current.flag("deleted")),
                try current["sha256"] == Archive.sha256Hex(envelope), try current["items_offset"] == offset,
                try current["separators"] == separatorsJSON, try current["item_keys"] == keysJSON
            {
                return
            }
            if let current = current?.stored("revisions"), (try current["capture_id"] as Int64) == capture {
                let id: Int64 = try current["id"]
                try db.execute(sql: "DELETE FROM list_templates WHERE revision_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM revisions WHERE id = ?", arguments: [id])
            }
            try db.execute(
                sql: "INSERT INTO revisions(kind, key, capture_id, deleted, raw, sha256) VALUES ('list', ?, ?, 0, ?, ?)",
                arguments: [listKey, capture, Data(envelope), Archive.sha256Hex(envelope)])
            try db.execute(
                sql: "INSERT INTO list_templates(revision_id, items_key, items_offset, item_kind, separators, item_keys) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [db.lastInsertedRowID, itemsKey, offset, itemKind.rawValue, separatorsJSON, keysJSON])
        }
        return items.map(\.key)
    }

    /// A stored list as of a capture: its envelope template and item keys.
    package struct StoredList: Sendable, Equatable {
        /// The body without its items.
        package var envelope: [UInt8]
        /// Where the items go in `envelope`.
        package var itemsOffset: Int
        /// The items' kind.
        package var itemKind: EntityKind
        /// The bytes between consecutive items, as captured.
        package var separators: [String]
        /// The item keys in response order.
        package var itemKeys: [String]
        /// The capture that wrote this revision.
        package var captureID: Int64
    }

    /// The list `listKey` as of a capture (nil = latest), or nil if never captured.
    package func stored(_ listKey: String, asOf capture: Int64? = nil) throws -> StoredList? {
        try withReader { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.id, r.raw, r.capture_id, r.deleted, t.items_offset, t.item_kind, t.separators, t.item_keys
                    FROM revisions r LEFT JOIN list_templates t ON t.revision_id = r.id
                    WHERE r.kind = 'list' AND r.key = ? AND r.capture_id <= ? ORDER BY r.capture_id DESC LIMIT 1
                    """,
                arguments: [listKey, capture ?? Int64.max])
            else { return nil }
            let stored = row.stored("list_templates")
            // A list a later capture no longer fetched (a search page past the end, say) is marked gone.
            if try stored.flag("deleted") { return nil }
            let raw: Data = try stored["raw"]
            let kindText: String = try stored["item_kind"]
            let offset = try stored.count("items_offset")
            guard offset <= raw.count else {
                throw DamagedValue(table: "list_templates", row: stored.rowName ?? listKey, column: "items_offset",
                                   found: "\(offset)", expected: "an offset within the list's \(raw.count) bytes")
            }
            guard let kind = EntityKind(rawValue: kindText) else {
                throw DamagedValue(table: "list_templates", row: listKey, column: "item_kind", found: "text '\(StoredRow.clip(kindText))'", expected: "an entity kind")
            }
            return StoredList(
                envelope: [UInt8](raw), itemsOffset: offset, itemKind: kind,
                separators: try ListStore.parseStrings(stored["separators"], listKey: listKey, column: "separators"),
                itemKeys: try ListStore.parseStrings(stored["item_keys"], listKey: listKey, column: "item_keys"),
                captureID: try stored["capture_id"])
        }
    }

    /// Whether any list whose key starts with `prefix` was captured as of `capture` (nil = latest).
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when the file is damaged.
    package func anyCaptured(prefix: String, asOf capture: Int64? = nil) throws -> Bool {
        try withReader { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM revisions WHERE kind = 'list' AND key >= ? AND key < ? AND capture_id <= ?)",
                arguments: [prefix, prefix + "\u{10FFFF}", capture ?? Int64.max]) ?? false
        }
    }

    /// Re-assembles a captured list response byte for byte, as of a capture (nil = latest).
    package func render(_ listKey: String, asOf capture: Int64? = nil) throws -> [UInt8]? {
        guard let list = try stored(listKey, asOf: capture) else { return nil }
        var out = Array(list.envelope[..<list.itemsOffset])
        for (i, key) in list.itemKeys.enumerated() {
            guard let item = try archive.entities.entity(kind: list.itemKind, key: key, asOf: capture), let raw = item.raw else {
                throw ArchiveError(.corrupted, "list \(listKey): item \(list.itemKind.rawValue) \(key) is missing")
            }
            if i > 0 { out += Array((i - 1 < list.separators.count ? list.separators[i - 1] : ",").utf8) }
            out += raw
        }
        out += list.envelope[list.itemsOffset...]
        return out
    }

    static func jsonStrings(_ values: [String]) -> String {
        "[" + values.map { String(decoding: JSONStringLiteral.encode(Array($0.utf8)), as: UTF8.self) }.joined(separator: ",") + "]"
    }

    /// A JSON array of strings stored in `list_templates`; anything else is damage, never an empty list.
    static func parseStrings(_ text: String, listKey: String, column: String) throws -> [String] {
        // try?: the parse error's detail is replaced by the damage report below.
        guard let value = try? RawJSON.parse(Array(text.utf8)), let items = value.array else {
            throw DamagedValue(table: "list_templates", row: listKey, column: column, found: "text '\(StoredRow.clip(text))'", expected: "a JSON array of strings")
        }
        let strings = items.compactMap(\.string)
        guard strings.count == items.count else {
            throw DamagedValue(table: "list_templates", row: listKey, column: column, found: "an array with non-string items", expected: "a JSON array of strings")
        }
        return strings
    }
}
