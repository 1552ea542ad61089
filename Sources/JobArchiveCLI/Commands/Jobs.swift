import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive jobs`: the jobs of one or more archives, filtered and sorted.
    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the jobs of one or more archives, with filters.",
            discussion: """
                One row per job: its status (the latest version's), VERSIONS (archived, then "/N" when the API \
                reported a different count), the latest version, its engine, creation time and duration. --status, --since and --until test the job row; --engine, \
                --param, --dataset and --pool keep jobs having at least one version that matches. Jobs gone \
                upstream are hidden unless --deleted (only those) or --include-deleted.

                Examples:
                  jobarchive jobs archives/sample.sqlite
                  jobarchive jobs archives/sample.sqlite --status failed --since 2022-01-01
                  jobarchive jobs archives/sample.sqlite --param learning_rate=0.01
                  jobarchive jobs archives/sample.sqlite --engine TensorFlow --dataset imagenet
                  jobarchive jobs a.sqlite b.sqlite --sort created --desc --limit 20 --csv
                  jobarchive jobs archives/sample.sqlite --at 1 --json

                Times are UTC. Exit status: 0 (also when nothing matches), 1 unreadable archive, 64 bad usage.
                """,
            aliases: ["ls"])

        @Argument(help: "Archive files (.sqlite); several are listed one after the other.", completion: .file(extensions: ["sqlite"]))
        var archives: [String]

        @Option(help: ArgumentHelp("Substring of the job name (case-insensitive).", valueName: "text"))
        var name: String?

        @OptionGroup var filters: VersionFilterOptions

        @Flag(help: "Only jobs marked deleted upstream.")
        var deleted = false

        @Flag(help: "Live and deleted jobs.")
        var includeDeleted = false

        @Option(help: "Sort by: id, name, created, status, duration, versions.")
        var sort: SortKey = .id

        @Flag(help: "Sort in descending order.")
        var desc = false

        @Option(help: "Show at most this many jobs per archive.")
        var limit: Int?

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        /// Sort keys as typed.
        enum SortKey: String, ExpressibleByArgument, CaseIterable {
            case id, name, created, status, duration, versions
            var store: JobSort { JobSort(rawValue: rawValue) ?? .id }
        }

        func validate() throws {
            guard !archives.isEmpty else { throw ValidationError("give at least one archive file") }
            if deleted && includeDeleted { throw ValidationError("--deleted and --include-deleted cannot be combined") }
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        /// The job filter from the options.
        func jobFilter() throws -> JobFilter {
            var filter = JobFilter()
            let versionFilter = try filters.versionFilter()
            filter.statuses = versionFilter.statuses
            filter.since = versionFilter.since
            filter.until = versionFilter.until
            filter.name = name
            filter.versions = versionFilter
            filter.versions.statuses = []
            filter.versions.since = nil
            filter.versions.until = nil
            filter.deleted = deleted ? .deleted : (includeDeleted ? .all : .live)
            return filter
        }

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let filter = try jobFilter()
                var rows: [ArchivedJob] = []
                for path in archives {
                    let archive = try openArchive(path)
                    if let at = capture.capture { _ = try archive.resolveCapture(at) }
                    let jobs = try archive.jobs(filter, sort: sort.store, descending: desc, limit: limit, asOf: capture.capture)
                    rows += jobs.map { ArchivedJob(archive: path, job: $0) }
                }
                if output.json {
                    try writeJSON(rows, to: out)
                } else if output.csv {
                    Jobs.writeCSV(rows, to: out)
                } else {
                    Jobs.writeTable(rows, showArchive: archives.count > 1, to: out)
                }
            }
        }

        static func writeCSV(_ rows: [ArchivedJob], to out: Output) {
            out.write(CSV.line(["archive", "job_id", "job_name", "status", "status_name", "latest_version_id", "version_count", "archived_versions", "engine", "create_time", "duration", "deleted", "job_desc"]))
            for r in rows {
                let j = r.job
                out.write(CSV.line([
                    r.archive, String(j.jobID), j.jobName ?? "", Format.csv(j.status), j.statusName ?? "",
                    Format.csv(j.latestVersionID), Format.csv(j.versionCount), String(j.archivedVersions), j.engine ?? "",
                    Format.csv(j.createTime), Format.csv(j.duration), j.deleted ? "1" : "0", j.jobDesc ?? "",
                ]))
            }
        }

        static func writeTable(_ rows: [ArchivedJob], showArchive: Bool, to out: Output) {
            let style = out.style
            var columns: [TextTable.Column] = [
                .right("JOB"), .left("NAME", shrink: true, priority: 3), .left("STATUS"), .right("VERSIONS"), .right("LATEST"),
                .left("ENGINE", shrink: true, priority: 1), .left("CREATED"), .right("DURATION"),
            ]
            if showArchive { columns.append(.left("ARCHIVE", shrink: true, priority: 2)) }
            var table = TextTable(columns)
            for r in rows {
                let j = r.job
                var versions = String(j.archivedVersions)
                if let count = j.versionCount, count != Int64(j.archivedVersions) { versions += "/\(count)" }
                var status = Format.status(j.status, style: style)
                if j.deleted { status += style.red(" (deleted)") }
                var row = [
                    String(j.jobID), j.jobName ?? "-", status, versions, Format.opt(j.latestVersionID), j.engine ?? "-",
                    Format.time(j.createTime), Format.duration(j.duration),
                ]
                if showArchive { row.append(r.archive) }
                table.add(row)
            }
            if rows.isEmpty {
                if Terminal.stdoutIsTTY { out.line(style.dim("no jobs match")) }
                return
            }
            out.write(table.render(style: style, maxWidth: Terminal.width))
        }
    }
}

/// A job with the archive it came from, encoded as the job's keys plus `archive`.
struct ArchivedJob: Encodable {
    var archive: String
    var job: JobSummary

    private enum Keys: String, CodingKey { case archive }

    func encode(to encoder: any Encoder) throws {
        try job.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(archive, forKey: .archive)
    }
}
