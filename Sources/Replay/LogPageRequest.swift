import ModelArtsAPI

/// A validated line-cursor log request: v1 `aom-log` (reference §1.6) or v2 `logs/{task_id}`.
struct LogPageRequest: Sendable, Hashable {
    /// Which way a page reads from its cursor (what that means is the service's ``LogReading``).
    typealias Order = LogReading.Order

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
            guard base.utf8.count <= 20, let value = LogCursor.value(base) else {
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

    /// The line range `[from, to)` this request selects from a log of `lineCount` lines under `map`, read
    /// as `reading` says (v1: an empty cursor reads the head with `asc`, the tail with `desc`; cursors are
    /// exclusive); an empty range means the request is past an end.
    func window(lineCount: Int, map: LogCursorMap, reading: LogReading = .v1) -> Range<Int> {
        reading.window(cursor: cursor, order: order, lines: lines, lineCount: lineCount) { value in
            (map.count(below: value), map.count(atMost: value))
        }
    }
}
