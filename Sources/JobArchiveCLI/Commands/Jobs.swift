import ArchiveStore
import ArgumentParser
import Foundation

extension JobArchiveCommand {
    /// `jobarchive jobs`: the jobs of one or more archives, filtered and sorted.
    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the jobs of one or more archives, with filters.",
            discussion: """
                One row per job, v1 and v2 together (an API column appears when v2 jobs are listed; --api v1|v2 \
                keeps one generation). A v1 job shows its status (the latest version's), VERSIONS (archived, then "/N" when the API \
                reported a different count), the latest version, its engine, creation time and duration. --status, --since and --until test the job row; --engine, \
                --param, --dataset and --pool keep jobs having at least one version that matches. Jobs gone \
                upstream are hidden unless --deleted (only those) or --include-deleted. A v2 job shows its phase \
                (--status failed matches the phase Failed); --engine and --pool test its engine or image and \
                pool; --param and --dataset (v1 fields) leave v2 jobs out.

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

        @Option(help: ArgumentHelp("Which jobs: v1 (numbered, with versions), v2 (UUID jobs), or both.", valueName: "v1|v2|both"))
        var api: APIChoice = .both

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
                let v2Filter = try self.v2Filter()
                var rows: [ArchivedJob] = []
                for path in archives {
                    let archive = try openArchive(path)
                    if let at = capture.capture { _ = try archive.captures.resolve(at) }
                    var found: [ArchivedJob] = []
                    if api != .v2 {
                        let jobs = try archive.jobs.list(filter, sort: sort.store, descending: desc, limit: limit, asOf: capture.capture)
                        found += jobs.map { ArchivedJob(archive: path, job: .v1($0)) }
                    }
                    if api != .v1, let v2Filter {
                        found += try archive.jobs.v2Jobs(v2Filter, asOf: capture.capture).map { ArchivedJob(archive: path, job: .v2($0)) }
                    }
                    if found.contains(where: \.isV2) {
                        // Both generations: one order over both (v1 ids before v2 ids when sorting by id).
                        found = ArchivedJob.sorted(found, by: sort, descending: desc)
                        if let limit { found = Array(found.prefix(limit)) }
                    }
                    rows += found
                }
                try Jobs.listing(showArchive: archives.count > 1, showAPI: rows.contains(where: \.isV2)).write(rows, output: output, to: out)
            }
        }

        /// The filter for v2 jobs, or nil when a filter only v1 jobs can meet is given.
        func v2Filter() throws -> V2JobFilter? {
            try filters.v2Filter(name: name, deleted: deleted ? .deleted : (includeDeleted ? .all : .live))
        }

        /// The jobs listing; `showArchive` adds an ARCHIVE column to the table (CSV always has `archive`),
        /// `showAPI` an API column (CSV always has `api`).
        static func listing(showArchive: Bool, showAPI: Bool = false) -> Listing<ArchivedJob> {
            Listing(
                csv: [
                    .init("archive") { $0.archive }, .init("job_id") { $0.id }, .text("job_name") { $0.name },
                    .value("status") { $0.v1?.status }, .text("status_name") { $0.statusName },
                    .value("latest_version_id") { $0.v1?.latestVersionID }, .value("version_count") { $0.v1?.versionCount },
                    .value("archived_versions") { $0.v1?.archivedVersions }, .text("engine") { $0.engine },
                    .value("create_time") { $0.createTime }, .value("duration") { $0.duration }, .flag("deleted") { $0.deleted },
                    .text("job_desc") { $0.description }, .init("api") { $0.api },
                ],
                table: [
                    .init(.right("JOB")) { r, _ in r.id }, .text(.left("NAME", shrink: true, priority: 3)) { $0.name },
                ] + (showAPI ? [.init(.left("API")) { r, _ in r.api }] : []) + [
                    .init(.left("STATUS")) { r, style in
                        let status: String
                        switch r.job {
                        case .v1(let job): status = Format.status(job.status, style: style)
                        case .v2(let job): status = Format.phase(job.phase, style: style)
                        }
                        return status + (r.deleted ? style.red(" (deleted)") : "")
                    },
                    .init(.right("VERSIONS")) { r, _ in
                        guard let job = r.v1 else { return "-" }
                        var versions = String(job.archivedVersions)
                        if let count = job.versionCount, count != Int64(job.archivedVersions) { versions += "/\(count)" }
                        return versions
                    },
                    .value(.right("LATEST")) { $0.v1?.latestVersionID }, .text(.left("ENGINE", shrink: true, priority: 1)) { $0.engine },
                    .time(.left("CREATED")) { $0.createTime }, .init(.right("DURATION")) { r, _ in Format.duration(r.duration) },
                ] + (showArchive ? [.init(.left("ARCHIVE", shrink: true, priority: 2)) { r, _ in r.archive }] : []),
                emptyNote: "no jobs match")
        }
    }
}

/// A job (v1 or v2) with the archive it came from, encoded as the job's keys plus `api` and `archive`.
struct ArchivedJob: Encodable {
    var archive: String
    var job: Job

    /// A job of either generation.
    enum Job {
        case v1(JobSummary)
        case v2(V2JobSummary)
    }

    var isV2: Bool { v1 == nil }
    var v1: JobSummary? { if case .v1(let job) = job { job } else { nil } }
    var api: String { isV2 ? "v2" : "v1" }

    var id: String {
        switch job {
        case .v1(let j): String(j.jobID)
        case .v2(let j): j.jobID
        }
    }

    var name: String? {
        switch job {
        case .v1(let j): j.jobName
        case .v2(let j): j.name
        }
    }

    /// The v1 status name, or the v2 phase.
    var statusName: String? {
        switch job {
        case .v1(let j): j.statusName
        case .v2(let j): j.phase
        }
    }

    /// `engine_name engine_version`, or a v2 job's image.
    var engine: String? {
        switch job {
        case .v1(let j): return j.engine
        case .v2(let j):
            let parts = [j.engineName, j.engineVersion].compactMap { $0 }
            return parts.isEmpty ? j.imageURL : parts.joined(separator: " ")
        }
    }

    var createTime: Int64? {
        switch job {
        case .v1(let j): j.createTime
        case .v2(let j): j.createTime
        }
    }

    var duration: Int64? {
        switch job {
        case .v1(let j): j.duration
        case .v2(let j): j.duration
        }
    }

    var deleted: Bool {
        switch job {
        case .v1(let j): j.deleted
        case .v2(let j): j.deleted
        }
    }

    var description: String? {
        switch job {
        case .v1(let j): j.jobDesc
        case .v2: nil
        }
    }

    /// Rows of both generations in one order (`id`: v1 ids, then v2 ids; ties by id).
    static func sorted(_ rows: [ArchivedJob], by key: JobArchiveCommand.Jobs.SortKey, descending: Bool) -> [ArchivedJob] {
        func less(_ a: ArchivedJob, _ b: ArchivedJob) -> Bool {
            func tie() -> Bool {
                switch (a.job, b.job) {
                case (.v1(let x), .v1(let y)): return x.jobID < y.jobID
                case (.v1, .v2): return true
                case (.v2, .v1): return false
                case (.v2(let x), .v2(let y)): return x.jobID < y.jobID
                }
            }
            switch key {
            case .id: return tie()
            case .name:
                let (x, y) = ((a.name ?? "").lowercased(), (b.name ?? "").lowercased())
                return x != y ? x < y : tie()
            case .created: return a.createTime != b.createTime ? (a.createTime ?? .min) < (b.createTime ?? .min) : tie()
            case .duration: return a.duration != b.duration ? (a.duration ?? .min) < (b.duration ?? .min) : tie()
            case .status:
                let (x, y) = (a.statusName ?? "", b.statusName ?? "")
                return x != y ? x < y : tie()
            case .versions:
                let (x, y) = (a.v1?.archivedVersions ?? 0, b.v1?.archivedVersions ?? 0)
                return x != y ? x < y : tie()
            }
        }
        let ascending = rows.sorted(by: less)
        return descending ? ascending.reversed() : ascending
    }

    private enum Keys: String, CodingKey { case api, archive }

    func encode(to encoder: any Encoder) throws {
        switch job {
        case .v1(let j): try j.encode(to: encoder)
        case .v2(let j): try j.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(api, forKey: .api)
        try container.encode(archive, forKey: .archive)
    }
}
