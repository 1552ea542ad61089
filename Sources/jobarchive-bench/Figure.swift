import ArchiveStore
import Foundation

/// One measured figure of DESIGN.md's performance and reliability tables, beside its baseline.
///
/// `ratio` is always `measured ÷ baseline` (a search 100 × faster than zgrep has ratio ≤ 0.01); `met` is
/// whether the target holds.
struct Figure: Encodable, Sendable {
    /// The figure, as DESIGN.md names it (`snapshot over loopback, v1`).
    var name: String
    /// The value measured.
    var measured: Double
    /// Its unit (`s`, `ms`, `MB`, `MB/s`, `req/s`, `x`, `%`, `count`).
    var unit: String
    /// What ran side by side (`curl | xargs -P 8`), if anything.
    var baselineName: String?
    /// The baseline's value in the same unit.
    var baseline: Double?
    /// measured ÷ baseline, when there is a baseline.
    var ratio: Double?
    /// The target, in words (`ratio <= 1.5`).
    var target: String
    /// Whether the target holds.
    var met: Bool
    /// Sizes and counts behind the figure (`7195 requests, 200 MB of logs`).
    var detail: String?
}

/// Prints figures as a table or, with `--json`, as a JSON array; progress goes to standard error.
enum FigureReport {
    /// Writes a line of progress or detail on standard error (standard output is the report's).
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints `figures` on standard output.
    static func emit(_ figures: [Figure], json: Bool) throws {
        if json {
            print(String(decoding: try JSONOutput.encode(figures), as: UTF8.self))
            return
        }
        func number(_ value: Double) -> String {
            if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
            return abs(value) >= 100 ? String(format: "%.0f", value) : String(format: abs(value) >= 10 ? "%.1f" : "%.2f", value)
        }
        let rows = figures.map { f -> [String] in
            [
                f.name, number(f.measured) + " " + f.unit,
                f.baseline.map { number($0) + " " + f.unit + (f.baselineName.map { " (\($0))" } ?? "") } ?? "-",
                f.ratio.map { String(format: "%.2f", $0) } ?? "-", f.target, f.met ? "yes" : "NO",
            ]
        }
        let header = ["figure", "measured", "baseline", "ratio", "target", "met"]
        let widths = (0..<header.count).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
        let missed = figures.filter { !$0.met }.count
        print(missed == 0 ? "every target met (\(figures.count) figures)" : "\(missed) of \(figures.count) targets missed")
    }
}
