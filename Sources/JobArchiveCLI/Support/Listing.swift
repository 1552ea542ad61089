/// The one presenter of the listing commands: rows of one type rendered as a table (a terminal's reading),
/// CSV (a header line, then one line per row) or JSON (the rows' own `Encodable` form, snake_case keys).
///
/// A command declares its columns once — CSV fields by their snake_case name, table cells by their heading —
/// and ``write(_:output:to:)`` does the rest, so every listing answers `--json` and `--csv` the same way.
/// Conditional columns (a `JOB` column only across jobs, verbose extras) are chosen where the listing is built.
struct Listing<Row: Encodable> {
    /// One CSV field: its header and how a row shows in it ("" for a missing value, never "-").
    struct Field {
        var name: String
        var value: (Row) -> String

        init(_ name: String, _ value: @escaping (Row) -> String) {
            self.name = name
            self.value = value
        }

        /// An optional text: "" when absent.
        static func text(_ name: String, _ value: @escaping (Row) -> String?) -> Field {
            Field(name) { value($0) ?? "" }
        }

        /// An optional number or other value by its description: "" when absent.
        static func value<T>(_ name: String, _ value: @escaping (Row) -> T?) -> Field {
            Field(name) { Format.csv(value($0)) }
        }

        /// A flag as `1` or `0`.
        static func flag(_ name: String, _ value: @escaping (Row) -> Bool) -> Field {
            Field(name) { value($0) ? "1" : "0" }
        }
    }

    /// One table column: its heading and alignment, and how a row shows in it (styled, "-" for a missing value).
    struct Cell {
        var column: TextTable.Column
        var value: (Row, Style) -> String

        init(_ column: TextTable.Column, _ value: @escaping (Row, Style) -> String) {
            self.column = column
            self.value = value
        }

        /// An optional text: "-" when absent.
        static func text(_ column: TextTable.Column, _ value: @escaping (Row) -> String?) -> Cell {
            Cell(column) { row, _ in value(row) ?? "-" }
        }

        /// An optional value by its description: "-" when absent.
        static func value<T>(_ column: TextTable.Column, _ value: @escaping (Row) -> T?) -> Cell {
            Cell(column) { row, _ in Format.opt(value(row)) }
        }

        /// A name, "-" when absent, marked ` (deleted)` in red for an entity gone upstream.
        static func name(_ column: TextTable.Column, _ value: @escaping (Row) -> String?, deleted: @escaping (Row) -> Bool) -> Cell {
            Cell(column) { row, style in (value(row) ?? "-") + (deleted(row) ? style.red(" (deleted)") : "") }
        }

        /// Epoch milliseconds as `2024-03-01 10:00` (UTC): "-" when absent.
        static func time(_ column: TextTable.Column, _ value: @escaping (Row) -> Int64?) -> Cell {
            Cell(column) { row, _ in Format.time(value(row)) }
        }
    }

    /// The CSV fields, in order.
    var csv: [Field]
    /// The table columns, in order.
    var table: [Cell]
    /// Shown (dimmed) on a terminal when there are no rows; nothing is printed otherwise.
    var emptyNote: String?

    init(csv: [Field], table: [Cell], emptyNote: String? = nil) {
        self.csv = csv
        self.table = table
        self.emptyNote = emptyNote
    }

    /// Writes `rows` as `output` asks: JSON, CSV or a table fitted to the terminal.
    func write(_ rows: [Row], output: RowOutputOptions, to out: Output) throws {
        if output.json {
            try writeJSON(rows, to: out)
        } else if output.csv {
            writeCSV(rows, to: out)
        } else {
            writeTable(rows, to: out)
        }
    }

    /// A header line, then one line per row.
    func writeCSV(_ rows: [Row], to out: Output) {
        out.write(CSV.line(csv.map(\.name)))
        for row in rows {
            out.write(CSV.line(csv.map { $0.value(row) }))
        }
    }

    /// An aligned table with a header, cut to the terminal's width.
    func writeTable(_ rows: [Row], to out: Output) {
        if rows.isEmpty, let emptyNote {
            if Terminal.stdoutIsTTY { out.line(out.style.dim(emptyNote)) }
            return
        }
        var text = TextTable(table.map(\.column))
        for row in rows {
            text.add(table.map { $0.value(row, out.style) })
        }
        out.write(text.render(style: out.style, maxWidth: Terminal.width))
    }
}
