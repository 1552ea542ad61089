import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI

/// `--json` and `--csv` for commands whose answer is rows.
struct RowOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table, for scripts.")
    var json = false

    @Flag(name: .long, help: "Print CSV (a header line, then one line per row).")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv cannot be combined") }
    }
}

/// The options of a catalog listing (engines, specs, algorithms, configs): entries gone upstream, `--at`,
/// the output form and colour.
struct CatalogListOptions: ParsableArguments {
    @Flag(help: "Also list entries gone upstream (marked deleted).")
    var includeDeleted = false

    @OptionGroup var capture: CaptureOption
    @OptionGroup var output: RowOutputOptions
    @OptionGroup var color: ColorOptions
}

/// `--at CAPTURE`: read the archive as it was at a capture.
struct CaptureOption: ParsableArguments {
    @Option(
        name: [.customLong("at"), .customLong("capture")],
        help: ArgumentHelp("Read the archive as of this capture (default: the latest); --capture is the same.", valueName: "capture"))
    var capture: Int64?

    func validate() throws {
        if let capture, capture < 1 { throw ValidationError("bad capture \(capture) for --at/--capture: captures are numbered from 1 (see `jobarchive info`)") }
    }
}

/// `--color`: when to colour output.
struct ColorOptions: ParsableArguments {
    /// When to emit ANSI colours.
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: Choice = .auto

    var style: Style {
        switch color {
        case .auto: return Style(enabled: Terminal.colorByDefault)
        case .always: return Style(enabled: true)
        case .never: return Style(enabled: false)
        }
    }
}

/// What a user may type for a version: `JOB`, `JOB/VERSION`, `JOB/VERSION@CAPTURE` or `@CAPTURE`.
struct VersionSpec: Equatable {
    var job: String?
    var version: String?
    var capture: Int64?

    /// Parses the spec; throws a `ValidationError` naming the problem.
    init(parsing text: String, what: String = "version") throws {
        var body = Substring(text)
        if let at = body.lastIndex(of: "@") {
            let captureText = body[body.index(after: at)...]
            guard let capture = Int64(captureText), capture > 0 else {
                throw ValidationError("bad \(what) '\(text)': '@' must be followed by a capture number, e.g. 10/3@2")
            }
            self.capture = capture
            body = body[..<at]
        }
        if body.isEmpty {
            guard capture != nil else { throw ValidationError("bad \(what) '\(text)': expected JOB/VERSION") }
            return
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("bad \(what) '\(text)': expected JOB, JOB/VERSION or JOB/VERSION@CAPTURE")
        }
        job = String(parts[0])
        version = parts.count == 2 ? String(parts[1]) : nil
    }
}

/// Parsing of user-typed values shared by the query commands.
enum QueryParsing {
    /// Status names or codes, comma-separated (`failed,killed`, `11`, `JOBSTAT_FAILED`).
    /// The code a v2-only phase word stands for in a v1 status filter: none (no v1 job has it).
    static let noV1Status = -1

    static func statuses(_ values: [String]) throws -> [Int] {
        var out: [Int] = []
        for value in values {
            for part in value.split(separator: ",") {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard let status = JobStatus(name: text) else {
                    // A v2 phase no v1 status is named after (abnormal, terminated, …) matches no v1 job.
                    if V2Phase(name: text) != nil {
                        out.append(QueryParsing.noV1Status)
                        continue
                    }
                    let known = JobStatus.all.map { "\($0.code) \($0.shortName)" }.joined(separator: ", ")
                    let phases = V2Phase.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", ")
                    throw ValidationError("unknown status '\(text)'; statuses: \(known); v2 phases: \(phases)")
                }
                out.append(status.code)
            }
        }
        return out
    }

    /// The forms `time(_:option:)` accepts, for help texts.
    static let timeForms = "2024-03-01, 2024-03-01T10:00 or 2024-03-01 10:00:00 (UTC), ISO 8601 with a zone (2024-03-01T10:00:00+08:00), or epoch ms"

    /// A point in time: `2024-03-01`, `2024-03-01T10:00`, `2024-03-01 10:00:00`, ISO 8601 with zone, or epoch milliseconds. Dates without a zone are UTC.
    ///
    /// The one parser for every `--since`/`--until`, in `snapshot` and in the query commands.
    static func time(_ text: String, option: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy(\.isNumber), let ms = Int64(trimmed) { return ms }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: trimmed) { return Int64(date.timeIntervalSince1970 * 1000) }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: trimmed) { return Int64(date.timeIntervalSince1970 * 1000) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return Int64(date.timeIntervalSince1970 * 1000) }
        }
        throw ValidationError("bad \(option) '\(text)': use \(timeForms)")
    }

    /// `label=value` (or just `label`: the parameter is present).
    static func parameter(_ text: String) throws -> (label: String, value: String?) {
        guard let eq = text.firstIndex(of: "=") else {
            guard !text.isEmpty else { throw ValidationError("bad --param '': expected LABEL=VALUE") }
            return (text, nil)
        }
        let label = String(text[..<eq])
        guard !label.isEmpty else { throw ValidationError("bad --param '\(text)': expected LABEL=VALUE") }
        return (label, String(text[text.index(after: eq)...]))
    }
}

/// Formatting of archive values for tables.
enum Format {
    private static let dateFormatter = utcFormatter("yyyy-MM-dd HH:mm")
    private static let secondsFormatter = utcFormatter("yyyy-MM-dd HH:mm:ss")

    /// A fixed-format formatter in UTC, independent of the user's locale.
    private static func utcFormatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f
    }

    /// Epoch milliseconds as `2024-03-01 10:00` (UTC); "-" when absent.
    static func time(_ ms: Int64?) -> String {
        guard let ms, ms > 0 else { return "-" }
        return dateFormatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// Epoch milliseconds as `2024-03-01 10:00:00 UTC`.
    static func timeSeconds(_ ms: Int64?) -> String {
        guard let ms, ms > 0 else { return "-" }
        return secondsFormatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) + " UTC"
    }

    /// Milliseconds as `8m52s`, `3h05m`, `2d04h`; "-" when absent.
    static func duration(_ ms: Int64?) -> String {
        guard let ms, ms >= 0 else { return "-" }
        let s = ms / 1000
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        if s < 86400 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
        return "\(s / 86400)d\(String(format: "%02d", (s % 86400) / 3600))h"
    }

    /// `completed`, coloured by outcome.
    /// A v2 phase, coloured: green when completed, red when failed or abnormal.
    static func phase(_ phase: String?, style: Style) -> String {
        guard let phase else { return "-" }
        switch V2Phase(name: phase) {
        case .completed: return style.green(phase)
        case .some(let p) where p.isFailure: return style.red(phase)
        default: return phase
        }
    }

    static func status(_ code: Int?, style: Style) -> String {
        guard let code else { return "-" }
        guard let status = JobStatus(code: code) else { return String(code) }
        switch code {
        case 10, 20: return style.green(status.shortName)
        case 3, 5, 6, 11, 14, 16, 17, 21: return style.red(status.shortName)
        case 9, 12, 13: return style.yellow(status.shortName)
        default: return style.cyan(status.shortName)
        }
    }

    /// `completed` without colour, "-" when absent.
    static func statusText(_ code: Int?) -> String {
        guard let code else { return "" }
        return JobStatus(code: code)?.shortName ?? String(code)
    }

    /// An optional value as text ("-" for nil in tables).
    static func opt<T>(_ value: T?) -> String {
        value.map { "\($0)" } ?? "-"
    }

    /// An optional value as text ("" for nil in CSV).
    static func csv<T>(_ value: T?) -> String {
        value.map { "\($0)" } ?? ""
    }

    /// A number with at most 4 decimals.
    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        if abs(value) >= 1000 { return String(format: "%.1f", value) }
        return decimal(value)
    }

    /// A number with at most 4 decimals, trailing zeros dropped (whole numbers without a point).
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// JSON output for the query commands, through the command's ``Output``, in the one convention (``JSONOutput``: snake_case keys).
func writeJSON(_ value: some Encodable, to out: Output) throws {
    let data = try JSONOutput.encode(value)
    data.withUnsafeBytes { out.write(bytes: $0) }
    out.line()
}
