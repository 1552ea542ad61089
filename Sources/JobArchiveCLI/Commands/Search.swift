import ArchiveStore
import ArgumentParser
import Foundation

extension JobArchiveCommand {
    /// `jobarchive search`: full-text search over every log line of one or more archives.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Full-text search over the logs of one or more archives; exact, index-backed.",
            discussion: """
                QUERY: words match whole words, case-insensitively (a word is a run of letters, digits, _ and \
                non-ASCII bytes); "a phrase" matches consecutive words whatever separates them; AND (or just a \
                space), OR, NOT (or a leading -), parentheses; a trailing * makes a prefix (accur*). So \
                `"CUDA out of memory"`, `NCCL AND (WARN OR ERROR)`, `Traceback -KeyboardInterrupt`, \
                `ModelArts.2776` all work. The index proposes candidate lines and every candidate is checked \
                against the real line, so hits are exact: the lines `grep -inw` style matching finds in the \
                exported logs. --regex further keeps only lines matching a regular expression (ICU syntax).

                Hits are grouped by job, version and file — for a v2 job by job and task (with its scheduling \
                run) — with 1-based line numbers (usable with `jobarchive log --lines`); matches are \
                highlighted on a terminal only. Both generations are searched: --api v1 or v2 keeps one, \
                --job takes a v1 JOB[/VERSION] or a v2 job's UUID or name, and the filters apply to v2 jobs \
                too (--status as phase; --param and --dataset are v1 fields, so they leave v2 logs out). --at N \
                searches the logs as capture N left them: a log that grew since is searched up to where it \
                ended then.

                Examples:
                  jobarchive search '"CUDA out of memory"' archives/sample.sqlite
                  jobarchive search 'Traceback' archives/*.sqlite --status failed -C 3
                  jobarchive search 'NCCL WARN' archives/sample.sqlite --job 571581 --count
                  jobarchive search loss archives/sample.sqlite --regex 'loss = [0-9.]+'
                  jobarchive search 'OOM OR "out of memory"' a.sqlite b.sqlite --json
                  jobarchive search 'NCCL' archives/sample.sqlite --api v2 --status failed
                  jobarchive search loss archives/sample.sqlite --job 3f0c…-uuid --at 1

                Exit status: 0 some line matched; 1 nothing matched, or an unreadable archive or unknown \
                job/version; 64 bad usage, including a malformed query (the error points at the column).
                """)

        @Argument(help: "The query (quote it for the shell).")
        var query: String

        @Argument(help: "Archive files (.sqlite) to search, in order.", completion: .file(extensions: ["sqlite"]))
        var archives: [String]

        @Option(help: ArgumentHelp("Only this job: a v1 JOB or JOB/VERSION, or a v2 job's UUID or name.", valueName: "job[/version]"))
        var job: String?

        @Option(help: ArgumentHelp("Which logs: v1 (versions' logs), v2 (task logs), or both.", valueName: "v1|v2|both"))
        var api: APIChoice = .both

        @OptionGroup var capture: CaptureOption

        @OptionGroup var filters: VersionFilterOptions

        @Option(name: [.customShort("C"), .customLong("context")], help: ArgumentHelp("Lines of context around each hit.", valueName: "n"))
        var context: Int = 0

        @Option(help: ArgumentHelp("Stop after this many hits in all.", valueName: "n"))
        var limit: Int?

        @Flag(help: "Print the number of matching lines per file and in total, not the lines.")
        var count = false

        @Option(help: ArgumentHelp("Keep only hits whose line also matches this regular expression.", valueName: "pattern"))
        var regex: String?

        @Flag(help: "With --regex: match the expression case-insensitively.")
        var ignoreCase = false

        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func validate() throws {
            guard !archives.isEmpty else { throw ValidationError("give at least one archive file after the query") }
            if let job {
                let spec = try VersionSpec(parsing: job)
                if spec.capture != nil || spec.job == nil { throw ValidationError("--job takes JOB or JOB/VERSION; for a capture use --at N") }
            }
            if context < 0 { throw ValidationError("-C must be 0 or more") }
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
            if let regex {
                do { _ = try NSRegularExpression(pattern: regex) } catch {
                    throw ValidationError("bad --regex '\(regex)': not a valid regular expression")
                }
            }
            if ignoreCase && regex == nil { throw ValidationError("--ignore-case goes with --regex") }
        }

        func run() async throws {
            var found = 0
            try await runQuery(style: color.style) { out in
                let parsed: SearchQuery
                do {
                    parsed = try SearchQuery.parse(query)
                } catch let error as SearchQueryError {
                    throw UsageError(Search.pointedError(error, query: query))
                }
                let pattern = try regex.map { try NSRegularExpression(pattern: $0, options: ignoreCase ? [.caseInsensitive] : []) }
                let mode: SearchPrinter.Mode = count ? .count : (output.json ? .json : (output.csv ? .csv : .text))
                var printer = SearchPrinter(
                    mode: mode, out: out, context: context, showArchive: archives.count > 1,
                    terms: Search.positiveTerms(parsed), regex: pattern)
                printer.countFormat = output.json ? .json : (output.csv ? .csv : .text)
                var jobFoundSomewhere = job == nil
                var firstError: (any Error)?
                for path in archives {
                    let archive = try openArchive(path)
                    // A capture the archive lacks is an error, also among several archives.
                    if let at = capture.capture { _ = try archive.captures.resolve(at) }
                    let files: [LogFileInfo]?
                    do {
                        files = try scope(archive)
                        jobFoundSomewhere = true
                    } catch let error as ArchiveError where error.code == .noSuchItem && archives.count > 1 {
                        firstError = firstError ?? error
                        continue
                    }
                    printer.asOf = capture.capture
                    try printer.beginArchive(path, archive: archive)
                    var stop = false
                    try archive.search.each(parsed, files: files, limit: nil) { hit in
                        if let pattern, !Search.matches(pattern, hit.text) { return true }
                        try printer.add(hit)
                        found += 1
                        if let limit, found >= limit {
                            stop = true
                            printer.truncated = true
                            return false
                        }
                        return true
                    }
                    try printer.endArchive()
                    if stop { break }
                }
                if !jobFoundSomewhere, let firstError { throw firstError }
                try printer.finish(query: query)
            }
            if found == 0 { throw ExitCode.failure }
        }

        /// The log files to search in one archive (as of `--at`), or nil for all of them.
        func scope(_ archive: Archive) throws -> [LogFileInfo]? {
            let at = capture.capture
            if let at { _ = try archive.captures.resolve(at) }
            let filter = try filters.versionFilter()
            if job == nil && filter.isEmpty && api == .both && at == nil { return nil }
            let v2Filter = try filters.v2Filter(deleted: .all)
            var files: [LogFileInfo] = []
            if let job {
                let spec = try VersionSpec(parsing: job)
                let text = spec.job ?? job
                let jobID: Int64
                switch spec.version == nil ? try archive.jobs.resolveAnyJob(text, asOf: at) : .v1(try archive.jobs.resolveJob(text, asOf: at)) {
                case .v1(let id):
                    jobID = id
                case .v2(let v2):
                    guard api != .v1, let v2Filter, try archive.jobs.v2Jobs(v2Filter, asOf: at).contains(where: { $0.jobID == v2.jobID }) else { return [] }
                    return try archive.logs.asOf(archive.logs.files(v2JobID: v2.jobID), capture: at)
                }
                guard api != .v2 else { return [] }
                if let version = spec.version {
                    let versionID = try archive.jobs.resolveVersion(jobID: jobID, version, asOf: at)
                    let selected = try archive.jobs.versions(jobID: jobID, filter: filter, asOf: at).filter { $0.versionID == versionID }
                    files = selected.isEmpty ? [] : try archive.logs.files(jobID: jobID, versionID: versionID)
                } else {
                    files = try v1Files(archive, jobID: jobID, filter: filter, asOf: at)
                }
            } else {
                if api != .v2 { files += try v1Files(archive, jobID: nil, filter: filter, asOf: at) }
                if api != .v1, let v2Filter {
                    for v2 in try archive.jobs.v2Jobs(v2Filter, asOf: at) { files += try archive.logs.files(v2JobID: v2.jobID) }
                }
            }
            return try archive.logs.asOf(files.sorted { $0.id < $1.id }, capture: at)
        }

        /// The v1 logs of the versions `filter` keeps (of one job, or all).
        func v1Files(_ archive: Archive, jobID: Int64?, filter: VersionFilter, asOf at: Int64?) throws -> [LogFileInfo] {
            let logs = try archive.logs.files(jobID: jobID)
            guard !filter.isEmpty else { return logs }
            let versions = Set(try archive.jobs.versions(jobID: jobID, filter: filter, asOf: at).map { VersionKey(job: $0.jobID, version: $0.versionID) })
            return logs.filter { versions.contains(VersionKey(job: $0.jobID, version: $0.versionID)) }
        }

        struct VersionKey: Hashable {
            var job: Int64
            var version: Int64
        }

        /// The message for a malformed query, with the query and a caret under the problem.
        static func pointedError(_ error: SearchQueryError, query: String) -> String {
            let bytes = Array(query.utf8)
            let prefix = String(decoding: bytes.prefix(max(0, error.column - 1)), as: UTF8.self)
            let caret = String(repeating: " ", count: TextTable.displayWidth(prefix)) + "^"
            return "\(error.description)\n  \(query)\n  \(caret)"
        }

        /// The words of the query's positive terms, for highlighting (the last word of a prefix term ends with `*`).
        static func positiveTerms(_ query: SearchQuery) -> [(word: String, prefix: Bool)] {
            switch query {
            case .term(let words, let prefix):
                return words.enumerated().map { ($0.element, prefix && $0.offset == words.count - 1) }
            case .and(let parts), .or(let parts):
                return parts.flatMap(positiveTerms)
            case .not:
                return []
            }
        }

        static func matches(_ regex: NSRegularExpression, _ line: [UInt8]) -> Bool {
            let text = SearchPrinter.lineText(line)
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }
}
