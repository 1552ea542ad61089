import ModelArtsAPI

/// The cursor scheme of one log file: a strictly increasing 19-digit cursor for every line, and the way back.
///
/// Captured pages fix the cursors of their first and last lines (the page's `start_line` and
/// `end_line`); those are *anchors*, and the captured literal is returned for them unchanged.
/// Between two anchors a line's cursor is interpolated linearly (rounded down); before the first
/// and after the last anchor cursors continue with a fixed stride. A log without captured pages
/// gets the synthetic scheme `base + line × 1 000 000` (1 ms per line after the version's start,
/// in nanoseconds). Cursors strictly increase with the line number, so a client's cursor maps back
/// to a position by binary search, whether or not it is the cursor of an existing line.
struct LogCursorMap: Sendable {
    /// A line whose cursor is fixed by a captured page.
    struct Anchor: Sendable, Equatable {
        /// 0-based line number.
        var line: Int
        /// The cursor's numeric value.
        var value: UInt64
        /// The cursor exactly as captured.
        var literal: String
    }

    /// The stride of the synthetic scheme and the default stride outside anchors (1 ms in ns).
    static let defaultStride: UInt64 = 1_000_000
    /// The largest 19-digit cursor.
    static let maxCursor: UInt64 = 9_999_999_999_999_999_999

    /// Lines in the log.
    let lineCount: Int
    /// Consistent anchors, ascending by line and by value.
    let anchors: [Anchor]
    /// The synthetic base, used when there are no anchors.
    let base: UInt64
    /// Cursor step per line before the first anchor.
    let strideBefore: UInt64
    /// Cursor step per line after the last anchor.
    let strideAfter: UInt64

    /// Builds the map from candidate anchors (line, captured cursor literal).
    ///
    /// Candidates that are not decimal numbers, lie outside the log, or would break strict
    /// monotonicity (less than one cursor unit per line from the previous kept anchor) are dropped.
    init(lineCount: Int, candidates: [(line: Int, literal: String)], syntheticBase: UInt64) {
        self.lineCount = lineCount
        var kept: [Anchor] = []
        let sorted = candidates.enumerated().sorted { a, b in
            a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
        }.map(\.element)
        for candidate in sorted {
            guard candidate.line >= 0, candidate.line < lineCount, let value = LogCursor.value(candidate.literal),
                value >= UInt64(candidate.line), value <= UInt64.max - UInt64(lineCount)
            else { continue }
            if let previous = kept.last {
                if candidate.line == previous.line { continue }
                guard value > previous.value, value - previous.value >= UInt64(candidate.line - previous.line) else { continue }
            }
            kept.append(Anchor(line: candidate.line, value: value, literal: candidate.literal))
        }
        anchors = kept
        let maxBase = Self.maxCursor - UInt64(max(lineCount, 1)) * Self.defaultStride
        base = min(syntheticBase, maxBase)
        guard let first = kept.first, let last = kept.last else {
            strideBefore = Self.defaultStride
            strideAfter = Self.defaultStride
            return
        }
        var average = Self.defaultStride
        if last.line > first.line {
            average = max(1, (last.value - first.value) / UInt64(last.line - first.line))
        }
        if first.line > 0 {
            strideBefore = max(1, min(average, first.value / UInt64(first.line)))
        } else {
            strideBefore = average
        }
        let after = UInt64(max(1, lineCount - 1 - last.line))
        var room = (UInt64.max - last.value) / after
        if last.value < Self.maxCursor { room = min(room, max(1, (Self.maxCursor - last.value) / after)) }
        strideAfter = max(1, min(average, room))
    }

    /// The index of the last anchor at or before `line`, or -1.
    private func anchorIndex(atOrBefore line: Int) -> Int {
        var lo = 0
        var hi = anchors.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if anchors[mid].line <= line { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// The numeric cursor of `line` (0 ≤ line < lineCount).
    func value(line: Int) -> UInt64 {
        guard !anchors.isEmpty else { return base + UInt64(line) * Self.defaultStride }
        let j = anchorIndex(atOrBefore: line)
        if j < 0 {
            let first = anchors[0]
            return first.value - UInt64(first.line - line) * strideBefore
        }
        let a = anchors[j]
        if a.line == line { return a.value }
        if j == anchors.count - 1 { return a.value + UInt64(line - a.line) * strideAfter }
        let b = anchors[j + 1]
        let product = (b.value - a.value).multipliedFullWidth(by: UInt64(line - a.line))
        let (quotient, _) = UInt64(b.line - a.line).dividingFullWidth(product)
        return a.value + quotient
    }

    /// The cursor of `line` as sent: the captured literal for an anchor, else the decimal value.
    func cursor(line: Int) -> String {
        if !anchors.isEmpty {
            let j = anchorIndex(atOrBefore: line)
            if j >= 0, anchors[j].line == line { return anchors[j].literal }
        }
        return String(value(line: line))
    }

    /// How many lines have a cursor ≤ `cursor` (the first line strictly after it, for `desc`).
    func count(atMost cursor: UInt64) -> Int {
        firstLine { value(line: $0) > cursor }
    }

    /// How many lines have a cursor < `cursor` (the lines strictly before it, for `asc`).
    func count(below cursor: UInt64) -> Int {
        firstLine { value(line: $0) >= cursor }
    }

    /// The first line for which the monotone predicate holds, or `lineCount`.
    private func firstLine(where predicate: (Int) -> Bool) -> Int {
        var lo = 0
        var hi = lineCount
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if predicate(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
