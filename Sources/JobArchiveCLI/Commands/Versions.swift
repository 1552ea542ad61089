import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive versions`: the versions of a job (or of every job), one row each.
    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the versions of a job (or of all jobs) with status, engine, spec, pool and lineage.",
            discussion: """
                JOB is a job id or an exact job name; without it every job's versions are listed. FROM is \
                the version this one was created from (pre_version_id). The filters test each version.

                Examples:
                  jobarchive versions archives/sample.sqlite 10
                  jobarchive versions archives/sample.sqlite resnet50_imagenet --status failed
                  jobarchive versions archives/sample.sqlite --pool dedicated --csv
                  jobarchive versions archives/sample.sqlite 585024 --at 1 --json

                Exit status: 0 (also when nothing matches), 1 unknown job or unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Argument(help: "A job id or exact job name (default: every job).")
        var job: String?

        @OptionGroup var filters: VersionFilterOptions
        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let archive = try openArchive(path.archive)
                if let at = capture.capture { _ = try archive.resolveCapture(at) }
                let jobID = try job.map { try archive.resolveJob($0, asOf: capture.capture) }
                let rows = try archive.versions(jobID: jobID, filter: try filters.versionFilter(), asOf: capture.capture)
                if output.json {
                    try writeJSON(rows, to: out)
                } else if output.csv {
                    Versions.writeCSV(rows, to: out)
                } else {
                    Versions.writeTable(rows, showJob: jobID == nil, to: out)
                }
            }
        }

        static func writeCSV(_ rows: [VersionSummary], to out: Output) {
            out.write(CSV.line([
                "job_id", "version_id", "version_name", "pre_version_id", "status", "status_name", "engine_name",
                "engine_version", "spec_id", "spec_code", "workers", "gpu_num", "pool_id", "pool_name", "create_time",
                "start_time", "duration", "log_files", "deleted",
            ]))
            for v in rows {
                out.write(CSV.line([
                    String(v.jobID), String(v.versionID), v.versionName ?? "", Format.csv(v.preVersionID), Format.csv(v.status),
                    v.statusName ?? "", v.engineName ?? "", v.engineVersion ?? "", Format.csv(v.specID), v.specCode ?? "",
                    Format.csv(v.workers), Format.csv(v.gpuNum), v.poolID ?? "", v.poolName ?? "", Format.csv(v.createTime),
                    Format.csv(v.startTime), Format.csv(v.duration), String(v.logFiles), v.deleted ? "1" : "0",
                ]))
            }
        }

        static func writeTable(_ rows: [VersionSummary], showJob: Bool, to out: Output) {
            let style = out.style
            var columns: [TextTable.Column] = []
            if showJob { columns.append(.right("JOB")) }
            columns += [
                .right("VERSION"), .left("NAME"), .left("STATUS"), .left("ENGINE", shrink: true, priority: 1), .left("SPEC", shrink: true, priority: 2),
                .right("WORKERS"), .left("POOL", shrink: true, priority: 2), .left("CREATED"), .right("DURATION"), .right("FROM"),
                .right("LOGS"),
            ]
            var table = TextTable(columns)
            for v in rows {
                var status = Format.status(v.status, style: style)
                if v.deleted { status += style.red(" (deleted)") }
                var row: [String] = []
                if showJob { row.append(String(v.jobID)) }
                row += [
                    String(v.versionID), v.versionName ?? "-", status,
                    [v.engineName, v.engineVersion].compactMap { $0 }.joined(separator: " "), v.specCode ?? Format.opt(v.specID),
                    Format.opt(v.workers), v.poolName ?? "-", Format.time(v.createTime), Format.duration(v.duration),
                    v.preVersionID.map { $0 == 0 ? "-" : String($0) } ?? "-", String(v.logFiles),
                ]
                table.add(row)
            }
            if rows.isEmpty {
                if Terminal.stdoutIsTTY { out.line(style.dim("no versions match")) }
                return
            }
            out.write(table.render(style: style, maxWidth: Terminal.width))
        }
    }
}
