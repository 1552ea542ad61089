import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive log`: a version's log, streamed byte-exact.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a version's log byte for byte, streamed (pipes into less, grep and head).",
            discussion: """
                A distributed version has one log file per worker (job-NAME.0, job-NAME.1, …); pick one with \
                --worker N or --file NAME (default: worker 0, the first file). --list shows the files. \
                Line numbers are 1-based, as in `search` output: --lines 120:180 prints lines 120 to 180, \
                --lines 500: from line 500 on. --head/--tail N print the first/last N lines; a tail seeks to \
                the right compressed chunk, so it is instant on logs of millions of lines. The bytes are the \
                archived ones, unchanged: CRLF, invalid UTF-8 and a missing final newline included.

                Examples:
                  jobarchive log archives/sample.sqlite 10 10
                  jobarchive log archives/sample.sqlite 571581/1112489 --worker 2 --tail 50
                  jobarchive log archives/sample.sqlite 571581 1112489 --lines 100:140
                  jobarchive log archives/sample.sqlite 571581 1112489 --list
                  jobarchive log archives/sample.sqlite 585560 V0002 | grep -n Traceback

                Exit status: 0 ok; 1 unknown job, version, file or worker (the error lists what exists), \
                lines past the end, or no archived logs; 64 bad usage.
                """)

        @OptionGroup var target: VersionTargetArguments

        @Option(help: ArgumentHelp("The log file's name (see --list).", valueName: "name"))
        var file: String?

        @Option(help: ArgumentHelp("The worker's log: the file ending in .N (0 = chief).", valueName: "n"))
        var worker: Int?

        @Option(help: ArgumentHelp("Only the first N lines.", valueName: "n"))
        var head: Int?

        @Option(help: ArgumentHelp("Only the last N lines.", valueName: "n"))
        var tail: Int?

        @Option(help: ArgumentHelp("Only lines A to B, 1-based and inclusive (A:B, A:, :B or A).", valueName: "a:b"))
        var lines: String?

        @Flag(help: "List the version's log files instead of printing one.")
        var list = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if try target.spec.capture != nil { throw ValidationError("logs are not versioned by capture; drop the @CAPTURE") }
            if file != nil && worker != nil { throw ValidationError("--file and --worker cannot be combined") }
            if [head != nil, tail != nil, lines != nil].filter({ $0 }).count > 1 {
                throw ValidationError("--head, --tail and --lines cannot be combined")
            }
            if let head, head < 0 { throw ValidationError("--head must be 0 or more") }
            if let tail, tail < 0 { throw ValidationError("--tail must be 0 or more") }
            if let worker, worker < 0 { throw ValidationError("--worker must be 0 or more") }
            if let lines { _ = try LineSelection.parse(lines) }
            if output.json && !list { throw ValidationError("--json goes with --list (the log itself is printed as is)") }
        }

        func run() async throws {
            try await runQuery { out in
                let archive = try openArchive(self.target.path.archive)
                let target = try self.target.resolve(in: archive, asOf: nil)
                if list {
                    let files = try archive.logs.files(jobID: target.jobID, versionID: target.versionID)
                    if output.json { try writeJSON(files, to: out); return }
                    var table = TextTable([.left("FILE"), .right("LINES"), .right("BYTES"), .left("COMPLETE"), .left("SHA-256")])
                    for f in files {
                        table.add([f.fileName, String(f.lineCount), String(f.byteCount), f.complete ? "yes" : "no", f.sha256])
                    }
                    out.write(table.render(style: out.style, maxWidth: nil))
                    return
                }
                let selection: LineSelection
                if let head { selection = .head(head) } else if let tail { selection = .tail(tail) } else if let lines {
                    selection = try LineSelection.parse(lines)
                } else { selection = .all }
                try Log.stream(archive: archive, target: target, file: file, worker: worker, selection: selection, to: out)
            }
        }

        /// Picks the log file of a version by name, worker or default, with errors naming what exists.
        static func pickFile(archive: Archive, target: ResolvedVersion, file: String?, worker: Int?) throws -> LogFileInfo {
            let files = try archive.logs.files(jobID: target.jobID, versionID: target.versionID)
            let where_ = "job \(target.jobID) version \(target.versionID)"
            guard !files.isEmpty else { throw ArchiveError(.noSuchItem, "\(where_) has no archived log files") }
            let names = files.map(\.fileName).joined(separator: ", ")
            if let file {
                guard let found = files.first(where: { $0.fileName == file }) else {
                    throw ArchiveError(.noSuchItem, "no log file '\(file)' in \(where_); files: \(names)")
                }
                return found
            }
            let workers = files.map { f -> Int? in
                guard let dot = f.fileName.lastIndex(of: ".") else { return nil }
                return Int(f.fileName[f.fileName.index(after: dot)...])
            }
            guard let worker else {
                if let i = workers.firstIndex(of: 0) { return files[i] }
                return files[0]
            }
            if let i = workers.firstIndex(of: worker) { return files[i] }
            if workers.allSatisfy({ $0 == nil }), worker < files.count { return files[worker] }
            let known = workers.allSatisfy({ $0 == nil }) ? (0..<files.count).map(String.init) : workers.compactMap { $0 }.map(String.init)
            throw ArchiveError(.noSuchItem, "no worker \(worker) in \(where_); workers: \(known.joined(separator: ", ")) (files: \(names))")
        }

        /// Streams the selected lines of a version's log to `out`, chunk by chunk.
        static func stream(archive: Archive, target: ResolvedVersion, file: String?, worker: Int?, selection: LineSelection, to out: Output) throws {
            let info = try pickFile(archive: archive, target: target, file: file, worker: worker)
            if file == nil, worker == nil, Terminal.stderrIsTTY {
                let count = try archive.logs.files(jobID: target.jobID, versionID: target.versionID).count
                if count > 1 { printError("showing \(info.fileName), 1 of \(count) log files (pick one with --worker N or --file NAME; --list shows them)") }
            }
            let range = try selection.range(lineCount: info.lineCount, fileName: info.fileName)
            guard !range.isEmpty else { return }
            try archive.logs.stream(fileID: info.id, lines: range) { out.write(bytes: $0) }
        }
    }
}

/// Which lines of a log to print.
enum LineSelection: Equatable {
    case all
    case head(Int)
    case tail(Int)
    /// 1-based, inclusive; nil ends are open.
    case lines(Int?, Int?)

    /// Parses `A:B`, `A:`, `:B` or `A` (1-based, inclusive).
    static func parse(_ text: String) throws -> LineSelection {
        let bad = ValidationError("bad --lines '\(text)': use A:B with 1 ≤ A ≤ B (1-based, inclusive), A:, :B or A")
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw bad }
        func number(_ s: Substring) throws -> Int? {
            if s.isEmpty { return nil }
            guard s.allSatisfy(\.isNumber), let n = Int(s), n >= 1 else { throw bad }
            return n
        }
        if parts.count == 1 {
            guard let n = try number(parts[0]) else { throw bad }
            return .lines(n, n)
        }
        let a = try number(parts[0])
        let b = try number(parts[1])
        if a == nil && b == nil { throw bad }
        if let a, let b, a > b { throw bad }
        return .lines(a, b)
    }

    /// The 0-based half-open range for a log of `lineCount` lines.
    func range(lineCount: Int, fileName: String) throws -> Range<Int> {
        switch self {
        case .all: return 0..<lineCount
        case .head(let n): return 0..<min(n, lineCount)
        case .tail(let n): return max(0, lineCount - n)..<lineCount
        case .lines(let a, let b):
            let from = (a ?? 1) - 1
            if from >= lineCount && lineCount > 0 || (from > 0 && lineCount == 0) {
                throw ArchiveError(.noSuchItem, "line \(from + 1) is past the end of \(fileName) (\(lineCount) lines)")
            }
            return from..<min(b ?? lineCount, lineCount)
        }
    }
}
