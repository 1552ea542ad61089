import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI

extension JobArchiveCommand {
    /// `jobarchive history`: captures and what each added, changed or marked deleted.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the captures and what each added, changed or marked deleted (status changes are job events).",
            discussion: """
                Each snapshot run is a capture. For each one: when and how it ran, then what it stored: new \
                jobs and versions, status changes (RUNNING → COMPLETED: the archive's record of job events; a \
                v2 job's phase changes, Running → Completed, likewise), \
                entities gone upstream (marked deleted, never removed), gaps it recorded. Large groups are \
                summarized with counts unless JOB is given or --verbose.

                Examples:
                  jobarchive history archives/sample.sqlite
                  jobarchive history archives/sample.sqlite 585024
                  jobarchive history ARCHIVE 3f0c9a5e-…          # a v2 job: details, tasks, events, metrics
                  jobarchive history /tmp/demo.sqlite --capture 2 --verbose   # after a 2nd snapshot
                  jobarchive history archives/sample.sqlite --csv      # one row per change

                Exit status: 0 ok, 1 unknown job or capture or unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Argument(help: "Only this job: a v1 id or exact name, or a v2 job's UUID or name.")
        var job: String?

        @Option(help: ArgumentHelp("Only this capture.", valueName: "capture"))
        var capture: Int64?

        @Flag(name: .shortAndLong, help: "List every change, not counts.")
        var verbose = false

        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: capture, style: color.style) { archive, out in
                var jobID: Int64?
                var v2JobID: String?
                switch try job.map({ try archive.jobs.resolveAnyJob($0) }) {
                case .v1(let id): jobID = id
                case .v2(let v2): v2JobID = v2.jobID
                case nil: break
                }
                let history = try archive.history.changes(jobID: jobID, v2JobID: v2JobID, capture: capture)
                if output.json {
                    try writeJSON(history, to: out)
                } else if output.csv {
                    out.write(CSV.line(["capture", "started_at", "kind", "key", "change", "name", "status_before", "status_after"]))
                    for h in history {
                        for c in h.changes {
                            out.write(CSV.line([
                                String(h.capture.id), h.capture.startedAt, c.kind, c.key, c.change.rawValue, c.name ?? "",
                                c.phaseBefore ?? Format.csv(c.statusBefore), c.phaseAfter ?? Format.csv(c.statusAfter),
                            ]))
                        }
                    }
                } else {
                    History.writeText(history, detailed: verbose || jobID != nil || v2JobID != nil, to: out)
                }
            }
        }

        static func writeText(_ history: [CaptureHistory], detailed: Bool, to out: Output) {
            let s = out.style
            for (i, h) in history.enumerated() {
                if i > 0 { out.line() }
                let c = h.capture
                let status = c.status == "complete" ? s.green(c.status) : (c.status == "partial" ? s.yellow(c.status) : s.red(c.status))
                out.line(s.bold("capture \(c.id)") + "  \(c.startedAt)" + (c.finishedAt.map { " → \($0)" } ?? "") + "  " + status)
                out.line("  " + s.dim("source  ") + c.source)
                var listed: Set<Int> = []
                for (index, change) in h.changes.enumerated() {
                    let isEvent = change.statusChanged || change.change == .deleted || change.change == .restored
                    let isJobLevel = change.kind == "job" || change.kind == "version" || change.kind == "v2_job"
                    if detailed || (isEvent && isJobLevel) {
                        out.line("  " + describe(change, style: s))
                        listed.insert(index)
                    }
                }
                // Everything not listed, as counts.
                var counts: [String: [EntityChange.Change: Int]] = [:]
                for (index, change) in h.changes.enumerated() where !listed.contains(index) {
                    counts[change.kind, default: [:]][change.change, default: 0] += 1
                }
                for change in [EntityChange.Change.added, .changed, .deleted, .restored] {
                    let parts = counts.keys.sorted(by: kindOrder).compactMap { kind -> String? in
                        guard let n = counts[kind]?[change], n > 0 else { return nil }
                        return "\(n) \(plural(kind, n))"
                    }
                    if !parts.isEmpty { out.line("  " + s.dim(change.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) + parts.joined(separator: ", ")) }
                }
                if h.logFilesAdded > 0 { out.line("  " + s.dim("logs    ") + "\(h.logFilesAdded) log files first stored") }
                for gap in h.gaps {
                    out.line("  " + s.yellow("gap     ") + "\(gap.kind) \(gap.key): " + (gap.httpStatus.map { "HTTP \($0) " } ?? "") + (gap.errorCode.map { "\($0) " } ?? "") + gap.message)
                }
                if h.changes.isEmpty && h.logFilesAdded == 0 && h.gaps.isEmpty { out.line("  " + s.dim("no changes")) }
            }
        }

        static func describe(_ c: EntityChange, style s: Style) -> String {
            let subject: String
            switch c.kind {
            case "job": subject = "job \(c.key)" + (c.name.map { " \($0)" } ?? "")
            case "version": subject = "version \(c.key)" + (c.name.map { " \($0)" } ?? "")
            case "v2_job": subject = "v2 job \(c.key)" + (c.name.map { " \(TextTable.clean($0))" } ?? "")
            default: subject = "\(c.kind.replacingOccurrences(of: "_", with: " ")) \(c.key)"
            }
            switch c.change {
            case .added:
                if let phase = c.phaseAfter { return s.green("added    ") + subject + " (\(TextTable.clean(phase)))" }
                return s.green("added    ") + subject + (c.statusAfter.map { " (\(Format.statusText($0)))" } ?? "")
            case .deleted:
                return s.red("deleted  ") + subject + " (gone upstream)"
            case .restored:
                return s.yellow("restored ") + subject
            case .changed:
                if c.statusChanged, let after = c.phaseAfter, after != c.phaseBefore {
                    return s.cyan("phase    ") + subject + ": " + TextTable.clean(c.phaseBefore ?? "-") + " → " + Format.phase(after, style: s)
                }
                if c.statusChanged {
                    return s.cyan("status   ") + subject + ": " + Format.statusText(c.statusBefore) + " → " + Format.status(c.statusAfter, style: s)
                }
                return s.yellow("changed  ") + subject
            }
        }

        static func kindOrder(_ a: String, _ b: String) -> Bool {
            let order = [
                "job", "version", "log_file_list", "config", "resource_spec", "ai_engine", "algorithm", "visualization_job",
                "v2_job", "v2_tasks", "v2_stages", "v2_event", "v2_metrics", "v2_flavor", "v2_engine", "v2_pool", "v2_algorithm",
            ]
            return (order.firstIndex(of: a) ?? order.count, a) < (order.firstIndex(of: b) ?? order.count, b)
        }

        static func plural(_ kind: String, _ n: Int) -> String {
            let names = [
                "job": "job", "version": "version", "log_file_list": "log-file list", "config": "config",
                "resource_spec": "resource spec", "ai_engine": "AI engine", "algorithm": "algorithm",
                "visualization_job": "visualization job", "v2_job": "v2 job", "v2_tasks": "v2 task list",
                "v2_stages": "v2 stage list", "v2_event": "v2 event", "v2_metrics": "v2 metrics body", "v2_flavor": "v2 flavor",
                "v2_engine": "v2 engine", "v2_pool": "v2 pool", "v2_algorithm": "v2 algorithm",
            ]
            let name = names[kind] ?? kind
            return n == 1 ? name : name + "s"
        }
    }
}
