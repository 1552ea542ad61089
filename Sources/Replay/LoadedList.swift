import ArchiveStore
import ModelArtsAPI

/// A captured list held in memory: its envelope, its items' exact bytes and the fields used to sort and filter.
///
/// Any window of it is composed from these stored pieces: the envelope stays as captured (apart from
/// the total count when a filter is active), items keep their bytes, and consecutive items keep the
/// separator they had in the capture. The whole list in captured order is therefore byte-identical
/// to the captured response.
struct LoadedList: Sendable {
    /// One item of the list.
    struct Item: Sendable {
        /// Position in the captured list (separators are indexed by it).
        var capturedIndex: Int
        /// The exact captured bytes.
        var raw: [UInt8]
        /// Fields sorting and filtering read.
        var fields: [String: FieldValue]
        /// Lowercased text of the search field.
        var searchText: String?
    }

    /// The body without its items.
    var envelope: [UInt8]
    /// Where the items go in `envelope`.
    var itemsOffset: Int
    /// The bytes between captured items `i` and `i + 1`.
    var separators: [[UInt8]]
    /// The live items, in captured order (items missing from the archive are skipped).
    var items: [Item]
    /// The envelope's top-level members, when it parses.
    var envelopeMembers: [RawMember]?

    /// Approximate memory held, for the cache budget.
    var byteSize: Int { envelope.count + items.reduce(0) { $0 + $1.raw.count + 64 * ($1.fields.count + 1) } }

    /// Loads list `key` as of `capture`, or nil when it was never captured.
    static func load(_ key: String, spec: ListSpec, archive: Archive, capture: Int64) throws -> LoadedList? {
        guard let stored = try archive.lists.stored(key, asOf: capture) else { return nil }
        let revisions = try archive.entities.entities(kind: stored.itemKind, keys: stored.itemKeys, asOf: capture)
        let names = spec.fieldNames
        var items: [Item] = []
        items.reserveCapacity(stored.itemKeys.count)
        for (index, itemKey) in stored.itemKeys.enumerated() {
            guard let revision = revisions[itemKey], !revision.deleted, let raw = revision.raw else { continue }
            var fields: [String: FieldValue] = [:]
            var searchText: String?
            // try?: an item whose captured bytes are not JSON is still served byte for byte; it only has no
            // fields to filter or sort on (verify reports such a body).
            if !names.isEmpty, let json = try? RawJSON.parse(raw) {
                for name in names { fields[name] = FieldValue(json[name]) }
                if let searchField = spec.searchField { searchText = json[searchField]?.string?.lowercased() }
            }
            items.append(Item(capturedIndex: index, raw: raw, fields: fields, searchText: searchText))
        }
        return LoadedList(
            envelope: stored.envelope, itemsOffset: min(stored.itemsOffset, stored.envelope.count),
            separators: stored.separators.map { Array($0.utf8) }, items: items,
            // try?: an envelope that is not an object has no members to rewrite; its captured bytes are served.
            envelopeMembers: try? RawJSON.objectMembers(stored.envelope))
    }

    /// The indices of `items` a query selects, in response order, and how many matched before paging.
    func select(_ query: ListQuery) -> (window: ArraySlice<Int>, matched: Int) {
        var picked: [Int] = []
        picked.reserveCapacity(items.count)
        for (i, item) in items.enumerated() where Self.matches(item, query) {
            picked.append(i)
        }
        if let field = query.sortField {
            let descending = query.descending
            // Stable: ties keep captured order in both directions.
            picked = picked.enumerated().sorted { a, b in
                let c = FieldValue.compare(items[a.element].fields[field] ?? .missing, items[b.element].fields[field] ?? .missing)
                if c != 0 { return descending ? c > 0 : c < 0 }
                return a.offset < b.offset
            }.map(\.element)
        }
        let matched = picked.count
        guard query.page > 0 else { return (picked[...], matched) }
        let (start, overflow) = (query.page - 1).multipliedReportingOverflow(by: query.perPage)
        guard !overflow, start < picked.count else { return ([], matched) }
        return (picked[start..<min(start + query.perPage, picked.count)], matched)
    }

    private static func matches(_ item: Item, _ query: ListQuery) -> Bool {
        if let search = query.search {
            guard let text = item.searchText, text.contains(search) else { return false }
        }
        if let statuses = query.statuses {
            guard let status = item.fields["status"]?.integer, statuses.contains(status) else { return false }
        }
        if let workspace = query.workspace {
            guard (item.fields["workspace_id"]?.text ?? "0") == workspace else { return false }
        }
        return true
    }

    /// Composes a response body holding the items at `window` (indices into `items`), in that order.
    ///
    /// - Parameter countOverride: `(member, value)` to rewrite in the envelope, e.g. the total of a filtered list.
    func compose(_ window: some Collection<Int>, countOverride: (member: String, value: Int)? = nil) -> [UInt8] {
        var itemBytes: [UInt8] = []
        itemBytes.reserveCapacity(window.reduce(0) { $0 + items[$1].raw.count + 2 })
        let defaultSeparator = separators.first ?? [UInt8(ascii: ",")]
        var previous: Int?
        for index in window {
            let item = items[index]
            if let previous {
                let before = items[previous].capturedIndex
                if item.capturedIndex == before + 1, before < separators.count {
                    itemBytes += separators[before]
                } else {
                    itemBytes += defaultSeparator
                }
            }
            itemBytes += item.raw
            previous = index
        }
        var edits: [(range: Range<Int>, bytes: [UInt8])] = [(itemsOffset..<itemsOffset, itemBytes)]
        if let countOverride, let member = envelopeMembers?.first(where: { $0.key == countOverride.member }),
            !member.valueRange.contains(itemsOffset)
        {
            edits.append((member.valueRange, Array(String(countOverride.value).utf8)))
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(envelope.count + itemBytes.count + 16)
        var cursor = 0
        for edit in edits {
            out += envelope[cursor..<edit.range.lowerBound]
            out += edit.bytes
            cursor = edit.range.upperBound
        }
        out += envelope[cursor...]
        return out
    }
}
