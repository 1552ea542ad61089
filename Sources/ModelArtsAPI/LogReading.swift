/// How a service reads the line-cursor log endpoints (v1 `aom-log`, v2 `logs/{task_id}`).
///
/// The documents do not settle it. The v1 page says `desc` moves to newer lines and a production client
/// takes an empty `base_line` with `asc` for the head; the v2 page says `asc` = old → new, `desc` = new →
/// old, and that an empty `base_line` starts from the latest lines; neither says whether the `base_line` line
/// itself comes back. Snapshot detects the reading of a v2 service from its cursors (archived in
/// `archive_meta.v2_log_reading`) and replay answers under the archived one.
public struct LogReading: Sendable, Hashable, CustomStringConvertible {
    /// A page's direction from its `base_line`.
    public enum Order: String, Sendable, Hashable, CaseIterable {
        case asc, desc

        /// The other direction.
        public var reversed: Order { self == .asc ? .desc : .asc }
    }

    /// The order that reads the lines after `base_line` (newer lines); the other reads the lines before it.
    public var forward: Order
    /// Whether an empty `base_line` with `asc` reads the head of the log (otherwise its latest lines, as an
    /// empty `base_line` with `desc` always does).
    public var emptyAscIsHead: Bool
    /// Whether a page from a `base_line` repeats that cursor's own line (first going forward, last going back).
    public var inclusive: Bool

    /// Creates a reading.
    public init(forward: Order, emptyAscIsHead: Bool, inclusive: Bool = false) {
        self.forward = forward
        self.emptyAscIsHead = emptyAscIsHead
        self.inclusive = inclusive
    }

    /// How the v1 `aom-log` is read (reference §1.6): `desc` forward, empty + `asc` the head, exclusive cursors.
    public static let v1 = LogReading(forward: .desc, emptyAscIsHead: true)
    /// The v2 page read literally: `asc` forward, an empty `base_line` the latest lines, exclusive cursors.
    public static let v2Documented = LogReading(forward: .asc, emptyAscIsHead: false)

    /// Every reading, for tests that must pass under each.
    public static let all: [LogReading] = Order.allCases.flatMap { forward in
        [true, false].flatMap { head in [false, true].map { LogReading(forward: forward, emptyAscIsHead: head, inclusive: $0) } }
    }

    /// `forward=asc,empty-asc=tail,cursor=exclusive`: the form `archive_meta.v2_log_reading` records.
    public var description: String {
        "forward=\(forward.rawValue),empty-asc=\(emptyAscIsHead ? "head" : "tail"),cursor=\(inclusive ? "inclusive" : "exclusive")"
    }

    /// Parses ``description``'s form; nil for anything else.
    public init?(parsing text: String) {
        var forward: Order?
        var head: Bool?
        var inclusive: Bool?
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return nil }
            switch (pair[0], pair[1]) {
            case ("forward", let v): forward = Order(rawValue: v)
            case ("empty-asc", "head"): head = true
            case ("empty-asc", "tail"): head = false
            case ("cursor", "inclusive"): inclusive = true
            case ("cursor", "exclusive"): inclusive = false
            default: return nil
            }
        }
        guard let forward, let head, let inclusive else { return nil }
        self.init(forward: forward, emptyAscIsHead: head, inclusive: inclusive)
    }

    /// The lines `[from, to)` that a request selects from a log of `lineCount` lines under this reading.
    ///
    /// `cursorLines` gives, for a cursor value, how many lines have a cursor below it and at most equal to it
    /// (so a cursor between lines selects from the next one either way).
    public func window(
        cursor: UInt64?, order: Order, lines: Int, lineCount: Int, cursorLines: (UInt64) -> (below: Int, atMost: Int)
    ) -> Range<Int> {
        guard lines > 0, lineCount > 0 else { return 0..<0 }
        guard let cursor else {
            if order == .asc, emptyAscIsHead { return 0..<min(lines, lineCount) }
            return max(0, lineCount - lines)..<lineCount
        }
        let (below, atMost) = cursorLines(cursor)
        if order == forward {
            let from = inclusive ? below : atMost
            return from..<min(lineCount, from + lines)
        }
        let to = inclusive ? atMost : below
        return max(0, to - lines)..<to
    }
}
