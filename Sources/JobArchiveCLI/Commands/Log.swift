import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive log`: a version's log or a v2 task's log, streamed byte-exact.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a version's or a v2 task's log byte for byte, streamed (pipes into less, grep and head).",
            discussion: """
                A distributed v1 version has one log file per worker (job-NAME.0, job-NAME.1, …); pick one with \
                --worker N or --file NAME (default: worker 0, the first file). A v2 job (its UUID or name) has \
                one log per task and scheduling run: pick the task with --task worker-N (or --worker N) and the \
                run with --run N (default: worker-0, its latest run). --list shows the files. \
                Line numbers are 1-based, as in `search` output: --lines 120:180 prints lines 120 to 180, \
                --lines 500: from line 500 on. --head/--tail N print the first/last N lines; a tail seeks to \
                the right compressed chunk, so it is instant on logs of millions of lines. The bytes are the \
                archived ones, unchanged: CRLF, invalid UTF-8 and a missing final newline included. --at N (or \
                JOB@N) prints the log as capture N left it: a log that grew since ends where it ended then.

                Examples:
                  jobarchive log archives/sample.sqlite 10 10
                  jobarchive log archives/sample.sqlite 571581/1112489 --worker 2 --tail 50
                  jobarchive log archives/sample.sqlite 571581 1112489 --lines 100:140
                  jobarchive log archives/sample.sqlite 571581 1112489 --list
                  jobarchive log archives/sample.sqlite 585560 V0002 | grep -n Traceback
                  jobarchive log archives/sample.sqlite 3f0c9a5e-… --task worker-1 --run 2
                  jobarchive log archives/sample.sqlite 571581 1112489 --at 1 --tail 20

                Exit status: 0 ok; 1 unknown job, version, file, task, run or worker (the error lists what \
                exists), lines past the end, or no archived logs; 64 bad usage.
                """)

        @OptionGroup var target: VersionTargetArguments

        @Option(help: ArgumentHelp("A v1 log file's name (see --list).", valueName: "name"))
        var file: String?

        @Option(help: ArgumentHelp("The worker's log: v1, the file ending in .N (0 = chief); v2, task worker-N.", valueName: "n"))
        var worker: Int?

        @Option(help: ArgumentHelp("A v2 job's task (worker-0, worker-1, …; see --list).", valueName: "task"))
        var task: String?

        @Option(help: ArgumentHelp("A v2 task's scheduling run (default: its latest).", valueName: "n"))
        var run: Int?

        @Option(help: ArgumentHelp("Only the first N lines.", valueName: "n"))
        var head: Int?

        @Option(help: ArgumentHelp("Only the last N lines.", valueName: "n"))
        var tail: Int?

        @Option(help: ArgumentHelp("Only lines A to B, 1-based and inclusive (A:B, A:, :B or A).", valueName: "a:b"))
        var lines: String?

        @Flag(help: "List the log files (a v2 job's: per task and run) instead of printing one.")
        var list = false

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if try target.spec.capture != nil && capture.capture != nil { throw ValidationError("give the capture once: JOB@N or --at N") }
            if [file != nil, worker != nil, task != nil].filter({ $0 }).count > 1 {
                throw ValidationError("--file, --worker and --task cannot be combined")
            }
            if [head != nil, tail != nil, lines != nil].filter({ $0 }).count > 1 {
                throw ValidationError("--head, --tail and --lines cannot be combined")
            }
            if let head, head < 0 { throw ValidationError("--head must be 0 or more") }
            if let tail, tail < 0 { throw ValidationError("--tail must be 0 or more") }
            if let worker, worker < 0 { throw ValidationError("--worker must be 0 or more") }
            if let run, run < 0 { throw ValidationError("--run must be 0 or more") }
            if let lines { _ = try LineSelection.parse(lines) }
            if output.json && !list { throw ValidationError("--json goes with --list (the log itself is printed as is)") }
        }

        func run() async throws {
            try await runQuery { out in
                let archive = try openArchive(self.target.path.archive)
                let spec = try self.target.spec
                let scope = try LogScope.resolve(
                    archive, job: spec.job ?? self.target.job, version: spec.version ?? self.target.version, asOf: spec.capture ?? capture.capture)
                if list {
                    if output.json { try writeJSON(scope.files, to: out); return }
                    let columns: [TextTable.Column] = scope.isV2
                        ? [.left("TASK"), .right("RUN"), .right("LINES"), .right("BYTES"), .left("COMPLETE"), .left("SHA-256")]
                        : [.left("FILE"), .right("LINES"), .right("BYTES"), .left("COMPLETE"), .left("SHA-256")]
                    var table = TextTable(columns)
                    for f in scope.files {
                        let name = [TextTable.clean(f.fileName)] + (scope.isV2 ? [String(f.run ?? 0)] : [])
                        table.add(name + [String(f.lineCount), String(f.byteCount), f.complete ? "yes" : "no", f.sha256])
                    }
                    out.write(table.render(style: out.style, maxWidth: nil))
                    return
                }
                let selection: LineSelection
                if let head { selection = .head(head) } else if let tail { selection = .tail(tail) } else if let lines {
                    selection = try LineSelection.parse(lines)
                } else { selection = .all }
                let info = try scope.pick(file: file, worker: worker, task: task, run: self.run)
                if file == nil, worker == nil, task == nil, Terminal.stderrIsTTY, scope.files.count > 1 {
                    let hint = scope.isV2 ? "--task worker-N, --run N" : "--worker N or --file NAME"
                    printError("showing \(TextTable.clean(info.owner.description)), 1 of \(scope.files.count) log files (pick one with \(hint); --list shows them)")
                }
                try Log.stream(archive: archive, info, selection: selection, to: out)
            }
        }

        /// Streams the selected lines of a log (as `info` describes it: as of a capture, or as stored) to `out`, chunk by chunk.
        static func stream(archive: Archive, _ info: LogFileInfo, selection: LineSelection, to out: Output) throws {
            let range = try selection.range(lineCount: info.lineCount, fileName: info.fileName)
            guard !range.isEmpty else { return }
            try archive.logs.stream(info, lines: range) { out.write(bytes: $0) }
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
