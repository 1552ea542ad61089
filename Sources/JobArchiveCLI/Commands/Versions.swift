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
            try await runQuery(archive: path.archive, asOf: capture.capture, style: color.style) { archive, out in
                let jobID = try job.map { try archive.jobs.resolveJob($0, asOf: capture.capture) }
                let rows = try archive.jobs.versions(jobID: jobID, filter: try filters.versionFilter(), asOf: capture.capture)
                try Versions.listing(showJob: jobID == nil).write(rows, output: output, to: out)
            }
        }

        /// The versions listing; `showJob` starts the table with a JOB column (listings across jobs).
        static func listing(showJob: Bool) -> Listing<VersionSummary> {
            Listing(
                csv: [
                    .value("job_id") { $0.jobID }, .value("version_id") { $0.versionID }, .text("version_name") { $0.versionName },
                    .value("pre_version_id") { $0.preVersionID }, .value("status") { $0.status }, .text("status_name") { $0.statusName },
                    .text("engine_name") { $0.engineName }, .text("engine_version") { $0.engineVersion }, .value("spec_id") { $0.specID },
                    .text("spec_code") { $0.specCode }, .value("workers") { $0.workers }, .value("gpu_num") { $0.gpuNum },
                    .text("pool_id") { $0.poolID }, .text("pool_name") { $0.poolName }, .value("create_time") { $0.createTime },
                    .value("start_time") { $0.startTime }, .value("duration") { $0.duration }, .value("log_files") { $0.logFiles },
                    .flag("deleted") { $0.deleted },
                ],
                table: (showJob ? [.value(.right("JOB")) { $0.jobID }] : []) + [
                    .value(.right("VERSION")) { $0.versionID }, .text(.left("NAME")) { $0.versionName },
                    .init(.left("STATUS")) { v, style in Format.status(v.status, style: style) + (v.deleted ? style.red(" (deleted)") : "") },
                    .init(.left("ENGINE", shrink: true, priority: 1)) { v, _ in [v.engineName, v.engineVersion].compactMap { $0 }.joined(separator: " ") },
                    .init(.left("SPEC", shrink: true, priority: 2)) { v, _ in v.specCode ?? Format.opt(v.specID) },
                    .value(.right("WORKERS")) { $0.workers }, .text(.left("POOL", shrink: true, priority: 2)) { $0.poolName },
                    .time(.left("CREATED")) { $0.createTime }, .init(.right("DURATION")) { v, _ in Format.duration(v.duration) },
                    .init(.right("FROM")) { v, _ in v.preVersionID.map { $0 == 0 ? "-" : String($0) } ?? "-" }, .value(.right("LOGS")) { $0.logFiles },
                ],
                emptyNote: "no versions match")
        }
    }
}
