import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive get-job`: ma-cli's `ma-job get-job`, over an archive.
    struct GetJob: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-job",
            abstract: "ma-cli alias: list jobs, or show one job (-i) — `jobs` and `show` under ma-cli's options.",
            discussion: """
                Works like Huawei's `ma-cli ma-job get-job`, reading an archive instead of the cloud:
                without -i it lists jobs (-n filters by name, a page at a time with --page-num/--page-size); \
                with -i it shows that job, and with -v also its latest version in full. v1 and v2 jobs are \
                listed together, newest first; -i also takes a v2 job's UUID or name (shown as `show` does).

                Examples:
                  jobarchive get-job archives/sample.sqlite
                  jobarchive get-job archives/sample.sqlite -n resnet
                  jobarchive get-job archives/sample.sqlite -i 585024 -v

                Same as: jobarchive jobs / jobarchive show. Exit status: 0 ok, 1 unknown job, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Option(name: [.customShort("i"), .customLong("job-id")], help: "The job to show (id or exact name).")
        var jobID: String?

        @Option(name: [.customShort("n"), .customLong("job-name")], help: "List jobs whose name contains this.")
        var jobName: String?

        @Option(name: .customLong("page-num"), help: "Page number, from 1 (ma-cli -pn).")
        var pageNum: Int = 1

        @Option(name: .customLong("page-size"), help: "Jobs per page, 1 to 50 (ma-cli -ps; default: all).")
        var pageSize: Int?

        @Flag(name: .shortAndLong, help: "More detail: every column, or the latest version in full.")
        var verbose = false

        @OptionGroup var output: OutputOptions
        @OptionGroup var color: ColorOptions

        func validate() throws {
            if pageNum < 1 { throw ValidationError("--page-num must be 1 or more") }
            if let pageSize, !(1...50).contains(pageSize) { throw ValidationError("--page-size must be between 1 and 50") }
        }

        func run() async throws {
            try await runQuery(archive: path.archive, style: color.style) { archive, out in
                if let jobID {
                    let id: Int64
                    switch try archive.jobs.resolveAnyJob(jobID) {
                    case .v1(let found): id = found
                    case .v2(let v2):
                        try Show.showV2(v2, archive: archive, asOf: nil, raw: false, json: output.json, to: out)
                        return
                    }
                    let detail = try archive.jobs.jobDetail(jobID: id)
                    let version = try verbose ? detail.job.latestVersionID.map {
                        try archive.jobs.versionDetail(jobID: id, versionID: try archive.jobs.resolveVersion(jobID: id, String($0)))
                    } : nil
                    if output.json {
                        struct Out: Encodable { var job: JobDetail; var latestVersion: VersionDetail? }
                        try writeJSON(Out(job: detail, latestVersion: version), to: out)
                        return
                    }
                    Show.writeJob(detail, to: out)
                    if let version {
                        out.line()
                        Show.writeVersion(version, to: out)
                    }
                    return
                }
                var filter = JobFilter()
                filter.name = jobName
                var v2Filter = V2JobFilter()
                v2Filter.name = jobName
                var rows = try archive.jobs.list(filter, sort: .created, descending: true).map { ArchivedJob(archive: path.archive, job: .v1($0)) }
                rows += try archive.jobs.v2Jobs(v2Filter).map { ArchivedJob(archive: path.archive, job: .v2($0)) }
                if rows.contains(where: \.isV2) { rows = ArchivedJob.sorted(rows, by: .created, descending: true) }
                if let pageSize { rows = Array(rows.dropFirst((pageNum - 1) * pageSize).prefix(pageSize)) }
                if output.json { try writeJSON(rows, to: out); return }
                Jobs.listing(showArchive: false, showAPI: rows.contains(where: \.isV2)).writeTable(rows, to: out)
            }
        }
    }
}
