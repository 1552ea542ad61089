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
                    if let at = capture.capture { _ = try archive.captures.resolve(at) }
                    let jobs = try archive.jobs.list(filter, sort: sort.store, descending: desc, limit: limit, asOf: capture.capture)
                    rows += jobs.map { ArchivedJob(archive: path, job: $0) }
                }
                try Jobs.listing(showArchive: archives.count > 1).write(rows, output: output, to: out)
            }
        }

        /// The jobs listing; `showArchive` adds an ARCHIVE column to the table (CSV always has `archive`).
        static func listing(showArchive: Bool) -> Listing<ArchivedJob> {
            Listing(
                csv: [
                    .init("archive") { $0.archive }, .value("job_id") { $0.job.jobID }, .text("job_name") { $0.job.jobName },
                    .value("status") { $0.job.status }, .text("status_name") { $0.job.statusName },
                    .value("latest_version_id") { $0.job.latestVersionID }, .value("version_count") { $0.job.versionCount },
                    .value("archived_versions") { $0.job.archivedVersions }, .text("engine") { $0.job.engine },
                    .value("create_time") { $0.job.createTime }, .value("duration") { $0.job.duration }, .flag("deleted") { $0.job.deleted },
                    .text("job_desc") { $0.job.jobDesc },
                ],
                table: [
                    .value(.right("JOB")) { $0.job.jobID }, .text(.left("NAME", shrink: true, priority: 3)) { $0.job.jobName },
                    .init(.left("STATUS")) { r, style in Format.status(r.job.status, style: style) + (r.job.deleted ? style.red(" (deleted)") : "") },
                    .init(.right("VERSIONS")) { r, _ in
                        var versions = String(r.job.archivedVersions)
                        if let count = r.job.versionCount, count != Int64(r.job.archivedVersions) { versions += "/\(count)" }
                        return versions
                    },
                    .value(.right("LATEST")) { $0.job.latestVersionID }, .text(.left("ENGINE", shrink: true, priority: 1)) { $0.job.engine },
                    .time(.left("CREATED")) { $0.job.createTime }, .init(.right("DURATION")) { r, _ in Format.duration(r.job.duration) },
                ] + (showArchive ? [.init(.left("ARCHIVE", shrink: true, priority: 2)) { r, _ in r.archive }] : []),
                emptyNote: "no jobs match")
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
