/// A validated `aom-log` request (reference §1.6).
struct LogPageRequest: Sendable, Hashable {
    /// Which way a page reads from its cursor.
    enum Order: String, Sendable, Hashable {
        /// Older lines: the lines before `base_line` (from an empty cursor: the head).
        case asc
        /// Newer lines: the lines after `base_line` (from an empty cursor: the tail).
        case desc
    }

    /// `base_line` as sent; empty when absent or empty.
    var baseLine: String
    /// The cursor's value; nil for an empty `base_line`.
    var cursor: UInt64?
    /// `order`, `desc` when absent.
    var order: Order
    /// `lines`, 50 when absent.
    var lines: Int

    /// The most lines one page may ask for.
    static let maxLines = 500
    /// `lines` when absent.
    static let defaultLines = 50

    /// Validates `base_line`, `order` and `lines`.
    static func parse(_ query: QueryParameters) throws(ReplayAPIError) -> LogPageRequest {
        let base = query["base_line"] ?? ""
        var cursor: UInt64?
        if !base.isEmpty {
            guard base.utf8.count <= 20, let value = LogCursorMap.parse(base) else {
                throw .badParameter("base_line", "must be empty or a cursor taken from start_line or end_line (digits only), got '\(base)'")
            }
            cursor = value
        }
        var order = Order.desc
        if let text = query["order"] {
            guard let parsed = Order(rawValue: text) else {
                throw .badParameter("order", "must be asc or desc, got '\(text)'")
            }
            order = parsed
        }
        var lines = defaultLines
        if let text = query["lines"] {
            lines = try ListQuery.integer(text, name: "lines", in: 0...maxLines)
        }
        return LogPageRequest(baseLine: base, cursor: cursor, order: order, lines: lines)
    }

    /// The key a captured page's request is filed under after the same defaults are applied.
    static func key(baseLine: String?, order: String?, lines: Int?) -> String {
        "\(baseLine ?? "")|\(order ?? Order.desc.rawValue)|\(lines ?? defaultLines)"
    }

    /// This request's key, comparable with ``key(baseLine:order:lines:)``.
    var key: String { Self.key(baseLine: baseLine, order: order.rawValue, lines: lines) }

    /// The line range `[from, to)` this request selects from a log of `lineCount` lines under `map`.
    ///
    /// An empty cursor reads the head (`asc`) or the tail (`desc`); a cursor is exclusive; an empty
    /// range means the request is past an end.
    func window(lineCount: Int, map: LogCursorMap) -> Range<Int> {
        guard lines > 0, lineCount > 0 else { return 0..<0 }
        switch (cursor, order) {
        case (nil, .asc):
            return 0..<min(lines, lineCount)
        case (nil, .desc):
            return max(0, lineCount - lines)..<lineCount
        case (let value?, .desc):
            let from = map.count(atMost: value)
            return from..<min(lineCount, from + lines)
        case (let value?, .asc):
            let to = map.count(below: value)
            return max(0, to - lines)..<to
        }
    }
}
