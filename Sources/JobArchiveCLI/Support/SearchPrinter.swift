import ArchiveStore
import Foundation

/// Prints search hits grouped by archive, job, version and file, as text, counts, CSV or JSON.
///
/// Hits arrive inside the archive's read transaction, where the archive cannot be queried again; so
/// anything that needs more reading (context lines) is recorded as positions and printed in
/// ``endArchive()``, after the search has returned.
struct SearchPrinter {
    enum Mode { case text, count, csv, json }

    /// The file a hit is in.
    struct HitFile {
        var id: Int64
        var jobID: Int64
        var versionID: Int64
        var fileName: String
        /// A v2 task log's job (a UUID); nil for a v1 log.
        var v2JobID: String?
        var run: Int?

        init(_ hit: SearchHit) {
            id = hit.fileID
            jobID = hit.jobID
            versionID = hit.versionID
            fileName = hit.fileName
            v2JobID = hit.v2JobID
            run = hit.run
        }

        var api: String { v2JobID == nil ? "v1" : "v2" }
        /// The job as CSV and tables show it: a v1 number or a v2 UUID.
        var jobText: String { v2JobID ?? String(jobID) }
        /// The version as CSV and tables show it (none for a v2 log).
        var versionText: String { v2JobID == nil ? String(versionID) : "" }
        /// The run as CSV shows it (none for a v1 log).
        var runText: String { run.map(String.init) ?? "" }
        /// Encodes `archive`, `api`, the owner (`job`, `job_name`, then `version`/`version_name` or `task`/`run`) and `file`.
        func encodeOwner(into c: inout KeyedEncodingContainer<OutputKeys>, archive: String, jobName: String?, versionName: String?) throws {
            try c.encode(archive, forKey: .archive)
            try c.encode(api, forKey: .api)
            if let v2JobID {
                try c.encode(v2JobID, forKey: .job)
                try c.encodeIfPresent(jobName, forKey: .jobName)
                try c.encode(fileName, forKey: .task)
                try c.encode(run ?? 0, forKey: .run)
            } else {
                try c.encode(jobID, forKey: .job)
                try c.encodeIfPresent(jobName, forKey: .jobName)
                try c.encode(versionID, forKey: .version)
                try c.encodeIfPresent(versionName, forKey: .versionName)
            }
            try c.encode(fileName, forKey: .file)
        }

        /// The file as tables show it: a v2 task with its run.
        var fileText: String { v2JobID == nil ? fileName : fileName + (run.map { $0 > 0 ? " (run \($0))" : "" } ?? "") }
    }

    struct Position {
        var file: HitFile
        var line: Int
    }

    struct ContextLine: Encodable {
        var line: Int
        var text: String
    }

    /// The keys of ``JSONHit`` and ``FileCount``.
    enum OutputKeys: String, CodingKey { case archive, api, job, jobName, version, versionName, task, run, file, line, text, context, matches }

    /// A hit as `--json` gives it: `api`, then `job` (a v1 number or a v2 UUID) and `job_name`; `version` and
    /// `version_name` for a v1 log, `task` and `run` for a v2 one; `file`, 1-based `line`, `text`, `context`.
    struct JSONHit: Encodable {
        var archive: String
        var file: HitFile
        var jobName: String?
        var versionName: String?
        var line: Int
        var text: String
        var context: [ContextLine]?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: OutputKeys.self)
            try file.encodeOwner(into: &c, archive: archive, jobName: jobName, versionName: versionName)
            try c.encode(line, forKey: .line)
            try c.encode(text, forKey: .text)
            try c.encodeIfPresent(context, forKey: .context)
        }
    }

    /// A file's match count as `--count --json` gives it (keys as in ``JSONHit``).
    struct FileCount: Encodable {
        var archive: String
        var file: HitFile
        var matches: Int

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: OutputKeys.self)
            try file.encodeOwner(into: &c, archive: archive, jobName: nil, versionName: nil)
            try c.encode(matches, forKey: .matches)
        }
    }

    let mode: Mode
    let out: Output
    let context: Int
    let showArchive: Bool
    let terms: [(word: String, prefix: Bool)]
    let regex: NSRegularExpression?
    var truncated = false
    /// The capture the files are searched as of (context lines are read as of it too); nil: as stored.
    var asOf: Int64?

    private var archivePath = ""
    private var archive: Archive?
    private var jobNames: [Int64: String] = [:]
    private var versionNames: [Int64: [Int64: String]] = [:]
    private var v2JobNames: [String: String] = [:]
    private var currentFileID: Int64?
    private var deferred: [Position] = []
    private var counts: [FileCount] = []
    private var jsonHits: [JSONHit] = []
    private var total = 0
    private var groups = 0

    init(mode: Mode, out: Output, context: Int, showArchive: Bool, terms: [(word: String, prefix: Bool)], regex: NSRegularExpression?) {
        self.mode = mode
        self.out = out
        self.context = context
        self.showArchive = showArchive
        self.terms = terms
        self.regex = regex
        if mode == .csv { out.write(CSV.line(["archive", "api", "job_id", "version_id", "file", "run", "line", "text"])) }
    }

    private var defers: Bool { context > 0 && (mode == .text || mode == .json) }

    mutating func beginArchive(_ path: String, archive: Archive) throws {
        archivePath = path
        self.archive = archive
        currentFileID = nil
        jobNames = [:]
        versionNames = [:]
        v2JobNames = [:]
        guard mode == .text || mode == .json else { return }
        for job in try archive.jobs.jobNames() { if let name = job.name { jobNames[job.jobID] = name } }
        versionNames = try archive.jobs.versionNames()
        var all = V2JobFilter()
        all.deleted = .all
        for job in try archive.jobs.v2Jobs(all) { if let name = job.name { v2JobNames[job.jobID] = name } }
    }

    /// Takes one hit (called inside the search; must not read the archive).
    mutating func add(_ hit: SearchHit) throws {
        total += 1
        let file = HitFile(hit)
        switch mode {
        case .count:
            if currentFileID != hit.fileID || counts.isEmpty {
                counts.append(FileCount(archive: archivePath, file: file, matches: 0))
                currentFileID = hit.fileID
            }
            counts[counts.count - 1].matches += 1
        case .csv:
            out.write(CSV.line([
                archivePath, file.api, file.jobText, file.versionText, file.fileName, file.runText, String(hit.line + 1),
                SearchPrinter.lineText(hit.text),
            ]))
        case .text, .json:
            if defers {
                deferred.append(Position(file: file, line: hit.line))
                return
            }
            if mode == .json {
                jsonHits.append(jsonHit(file, line: hit.line, text: hit.text, context: nil))
                return
            }
            if currentFileID != hit.fileID {
                header(file)
                currentFileID = hit.fileID
            }
            printLine(number: hit.line, text: hit.text, isHit: true)
        }
    }

    /// Prints what was deferred for the archive (hits with context).
    mutating func endArchive() throws {
        guard defers, let archive else { return }
        var i = 0
        while i < deferred.count {
            let file = deferred[i].file
            var lines: [Int] = []
            while i < deferred.count, deferred[i].file.id == file.id {
                lines.append(deferred[i].line)
                i += 1
            }
            let stored = try archive.logs.file(id: file.id)
            guard let info = try archive.logs.asOf([stored], capture: asOf).first else { continue }
            // Merge the windows around hits, as grep -C does.
            var windows: [Range<Int>] = []
            for line in lines {
                let window = max(0, line - context)..<min(info.lineCount, line + context + 1)
                if let last = windows.last, window.lowerBound <= last.upperBound {
                    windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
                } else {
                    windows.append(window)
                }
            }
            let hitSet = Set(lines)
            if mode == .text { header(file) }
            for (w, window) in windows.enumerated() {
                let texts = try archive.logs.readLines(info, range: window)
                if mode == .text {
                    if w > 0 { out.line(out.style.cyan("--")) }
                    for (k, text) in texts.enumerated() {
                        printLine(number: window.lowerBound + k, text: text, isHit: hitSet.contains(window.lowerBound + k))
                    }
                } else {
                    for (k, text) in texts.enumerated() where hitSet.contains(window.lowerBound + k) {
                        let number = window.lowerBound + k
                        var around: [ContextLine] = []
                        for (m, other) in texts.enumerated() where abs(window.lowerBound + m - number) <= context && m != k {
                            around.append(ContextLine(line: window.lowerBound + m + 1, text: SearchPrinter.lineText(other)))
                        }
                        jsonHits.append(jsonHit(file, line: number, text: text, context: around))
                    }
                }
            }
        }
        deferred.removeAll()
    }

    /// Ends the output: counts table, JSON document, or nothing.
    func finish(query: String) throws {
        switch mode {
        case .count:
            struct CountOut: Encodable { var query: String; var total: Int; var truncated: Bool; var files: [FileCount] }
            if countFormat == .json {
                try writeJSON(CountOut(query: query, total: total, truncated: truncated, files: counts), to: out)
                return
            }
            if countFormat == .csv {
                out.write(CSV.line(["archive", "api", "job_id", "version_id", "file", "run", "matches"]))
                for c in counts {
                    out.write(CSV.line([c.archive, c.file.api, c.file.jobText, c.file.versionText, c.file.fileName, c.file.runText, String(c.matches)]))
                }
                return
            }
            var columns: [TextTable.Column] = [.right("JOB"), .right("VERSION"), .left("FILE", shrink: true), .right("MATCHES")]
            if showArchive { columns.insert(.left("ARCHIVE", shrink: true), at: 0) }
            var table = TextTable(columns)
            for c in counts {
                var row = [c.file.jobText, c.file.v2JobID == nil ? c.file.versionText : "-", c.file.fileText, String(c.matches)]
                if showArchive { row.insert(c.archive, at: 0) }
                table.add(row)
            }
            if !counts.isEmpty { out.write(table.render(style: out.style, maxWidth: Terminal.width)) }
            out.line("\(total)\(truncated ? "+" : "") matching lines in \(counts.count) files")
        case .json:
            struct JSONOut: Encodable { var query: String; var total: Int; var truncated: Bool; var hits: [JSONHit] }
            try writeJSON(JSONOut(query: query, total: total, truncated: truncated, hits: jsonHits), to: out)
        case .text:
            out.flush()
            if truncated && Terminal.stderrIsTTY { printError("stopped at --limit \(total)") }
        case .csv:
            break
        }
    }

    /// How `--count` prints: a table, JSON or CSV.
    var countFormat: Mode = .text

    // MARK: - Pieces

    private func jsonHit(_ file: HitFile, line: Int, text: [UInt8], context: [ContextLine]?) -> JSONHit {
        JSONHit(
            archive: archivePath, file: file, jobName: file.v2JobID.map { v2JobNames[$0] } ?? jobNames[file.jobID],
            versionName: file.v2JobID == nil ? versionNames[file.jobID]?[file.versionID] : nil, line: line + 1,
            text: SearchPrinter.lineText(text), context: context)
    }

    private mutating func header(_ file: HitFile) {
        let s = out.style
        if groups > 0 { out.line() }
        groups += 1
        var parts: [String] = []
        if showArchive { parts.append(archivePath) }
        if let v2 = file.v2JobID {
            parts.append("v2 job \(v2)" + (v2JobNames[v2].map { " \(TextTable.clean($0))" } ?? ""))
            parts.append(file.fileText)
        } else {
            parts.append("job \(file.jobID)" + (jobNames[file.jobID].map { " \(TextTable.clean($0))" } ?? ""))
            parts.append("version \(file.versionID)" + (versionNames[file.jobID]?[file.versionID].map { " \(TextTable.clean($0))" } ?? ""))
            parts.append(TextTable.clean(file.fileName))
        }
        out.line(s.bold(s.magenta(parts.joined(separator: " · "))))
    }

    private func printLine(number: Int, text: [UInt8], isHit: Bool) {
        let s = out.style
        let separator = isHit ? ":" : "-"
        guard s.enabled else {
            // Plain output keeps the line's bytes (only the final newline is replaced).
            out.write("\(number + 1)\(separator)")
            var body = text
            if body.last == 0x0A { body.removeLast() }
            out.write(bytes: body)
            out.line()
            return
        }
        let line = SearchPrinter.lineText(text)
        let visible = isHit ? highlight(line) : s.dim(SearchPrinter.printable(line))
        out.line(s.green(String(number + 1)) + s.cyan(separator) + visible)
    }

    /// The line with query words (and regex matches) wrapped in the match style.
    private func highlight(_ line: String) -> String {
        let s = out.style
        var marks: [Range<String.Index>] = []
        var i = line.startIndex
        func isToken(_ c: Character) -> Bool {
            guard let scalar = c.unicodeScalars.first else { return false }
            return scalar.value >= 0x80 || c == "_" || (c.isASCII && (c.isLetter || c.isNumber))
        }
        while i < line.endIndex {
            if isToken(line[i]) {
                let start = i
                while i < line.endIndex, isToken(line[i]) { i = line.index(after: i) }
                let word = line[start..<i].lowercased()
                if terms.contains(where: { $0.prefix ? word.hasPrefix($0.word) : word == $0.word }) { marks.append(start..<i) }
            } else {
                i = line.index(after: i)
            }
        }
        if let regex {
            for m in regex.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                if let r = Range(m.range, in: line), !r.isEmpty { marks.append(r) }
            }
        }
        marks.sort { $0.lowerBound < $1.lowerBound }
        var out = ""
        var cursor = line.startIndex
        for mark in marks where mark.lowerBound >= cursor {
            out += SearchPrinter.printable(String(line[cursor..<mark.lowerBound]))
            out += s.match(SearchPrinter.printable(String(line[mark])))
            cursor = mark.upperBound
        }
        out += SearchPrinter.printable(String(line[cursor...]))
        return out
    }

    /// The line as text: terminator removed, invalid UTF-8 replaced.
    static func lineText(_ bytes: [UInt8]) -> String {
        var end = bytes.count
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }

    /// Control characters (but tab) shown as `?` so a log line cannot drive the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0.value != 0x09) || $0.value == 0x7F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { ($0.value < 0x20 && $0.value != 0x09) || $0.value == 0x7F ? "?" : $0 }))
    }
}
