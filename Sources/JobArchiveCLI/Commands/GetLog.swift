import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive get-log`: ma-cli's `ma-job get-log`, over an archive.
    struct GetLog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-log",
            abstract: "ma-cli alias: print a job's log (-i JOB, -t worker-N) — `log` under ma-cli's options.",
            discussion: """
                Works like `ma-cli ma-job get-log`: -i names the job, -t the task (worker-0 by default, or a \
                log file name). v1 jobs have versions: -i JOB uses the latest, -i JOB/VERSION picks one. A v2 \
                job (its UUID or name) has a log per task: -t worker-N picks it (its latest scheduling run; \
                `log --run N` picks another).

                Examples:
                  jobarchive get-log archives/sample.sqlite -i 571581
                  jobarchive get-log archives/sample.sqlite -i 571581/V0004 -t worker-2
                  jobarchive get-log archives/sample.sqlite -i 3f0c9a5e-… -t worker-1 --tail 100

                Same as: jobarchive log. Exit status: 0 ok, 1 unknown job, version or task, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Option(name: [.customShort("i"), .customLong("job-id")], help: "The job, JOB or JOB/VERSION (ids or names; default version: the latest).")
        var jobID: String

        @Option(name: [.customShort("t"), .customLong("task-id")], help: "worker-N, or a log file name (default: worker-0, else the first).")
        var taskID: String?

        @Option(help: ArgumentHelp("Only the first N lines.", valueName: "n"))
        var head: Int?

        @Option(help: ArgumentHelp("Only the last N lines.", valueName: "n"))
        var tail: Int?

        func validate() throws {
            if head != nil && tail != nil { throw ValidationError("--head and --tail cannot be combined") }
            if let head, head < 0 { throw ValidationError("--head must be 0 or more") }
            if let tail, tail < 0 { throw ValidationError("--tail must be 0 or more") }
        }

        func run() async throws {
            try await runQuery { out in
                let archive = try openArchive(path.archive)
                let spec = try VersionSpec(parsing: jobID)
                let scope = try LogScope.resolve(archive, job: spec.job ?? jobID, version: spec.version, asOf: spec.capture)
                let info = try scope.pick(file: nil, worker: nil, task: taskID, run: nil)
                let selection: LineSelection = head.map { .head($0) } ?? tail.map { .tail($0) } ?? .all
                try Log.stream(archive: archive, info, selection: selection, to: out)
            }
        }
    }
}
