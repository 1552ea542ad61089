import Foundation

/// A plain-text table: aligned columns, a header, and cells cut with "…" to fit a terminal.
struct TextTable {
    /// A column's alignment and whether it may be shortened to fit (lower priorities are shortened first).
    struct Column {
        var title: String
        var rightAligned = false
        var shrinkPriority: Int?

        static func left(_ title: String, shrink: Bool = false, priority: Int = 1) -> Column {
            Column(title: title, shrinkPriority: shrink ? priority : nil)
        }
        static func right(_ title: String) -> Column { Column(title: title, rightAligned: true) }
    }

    /// Shrinkable columns are not cut below this width.
    static let minimumWidth = 10

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Renders the table; `maxWidth` (the terminal's) shortens shrinkable columns: lowest priority first,
    /// the widest first within a priority.
    func render(style: Style, maxWidth: Int?) -> String {
        let cells = rows.map { row in (0..<columns.count).map { i in TextTable.clean(i < row.count ? row[i] : "") } }
        var widths = columns.enumerated().map { i, column in
            max(TextTable.displayWidth(column.title), cells.map { TextTable.displayWidth($0[i]) }.max() ?? 0)
        }
        if let maxWidth {
            let gap = 2 * max(0, columns.count - 1)
            while widths.reduce(0, +) + gap > maxWidth {
                let candidates = columns.indices.filter { columns[$0].shrinkPriority != nil && widths[$0] > TextTable.minimumWidth }
                guard let priority = candidates.compactMap({ columns[$0].shrinkPriority }).min() else { break }
                let sameRank = candidates.filter { columns[$0].shrinkPriority == priority }
                guard let widest = sameRank.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        var out = ""
        func emit(_ row: [String], header: Bool) {
            var line = ""
            for (i, cell) in row.enumerated() {
                let text = TextTable.fit(cell, widths[i])
                let pad = String(repeating: " ", count: max(0, widths[i] - TextTable.displayWidth(text)))
                let isLast = i == row.count - 1
                let padded = columns[i].rightAligned ? pad + text : (isLast ? text : text + pad)
                line += header ? style.bold(padded) : padded
                if !isLast { line += "  " }
            }
            out += line + "\n"
        }
        emit(columns.map(\.title), header: true)
        for row in cells { emit(row, header: false) }
        return out
    }

    /// Control characters shown as spaces so a cell stays on one line.
    static func clean(_ text: String) -> String {
        func isControl(_ s: Unicode.Scalar) -> Bool { (s.value < 0x20 && s.value != 0x1B) || s.value == 0x7F }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    /// Cuts `text` to `width` columns, ending with "…" when cut (colour codes are dropped from cut cells).
    static func fit(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        let text = stripANSI(text)
        var out = ""
        var used = 0
        for c in text {
            let w = displayWidth(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Terminal columns of a string: East Asian wide characters count two.
    /// `text` without ANSI colour sequences.
    static func stripANSI(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var out = ""
        var inEscape = false
        for c in text {
            if inEscape {
                if c == "m" { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// ANSI colour sequences (`ESC [ … m`) take no columns.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for c in text {
            if inEscape {
                if c == "m" { inEscape = false }
                continue
            }
            if c == "\u{1B}" {
                inEscape = true
                continue
            }
            width += displayWidth(c)
        }
        return width
    }

    static func displayWidth(_ c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x300 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }
}

/// Comma-separated values (RFC 4180 quoting, `\n` line ends), one row at a time.
enum CSV {
    /// One CSV line for `fields`, newline included.
    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A "key  value" block for detail views.
struct KeyValueBlock {
    var rows: [(String, String)] = []

    mutating func add(_ key: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        rows.append((key, value))
    }

    func render(style: Style, indent: String = "") -> String {
        let width = rows.map { TextTable.displayWidth($0.0) }.max() ?? 0
        return rows.map { key, value in
            indent + style.dim(key + String(repeating: " ", count: width - TextTable.displayWidth(key))) + "  "
                + TextTable.clean(value)
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }
}
