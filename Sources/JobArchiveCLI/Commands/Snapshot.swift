import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI
import ModelArtsClient
import Snapshot

extension JobArchiveCommand {
    /// `jobarchive snapshot`: capture a project through the v1 API into an archive.
    struct SnapshotCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Capture a ModelArts project's training jobs, versions, configs and logs into an archive.",
            discussion: """
                Re-running it on the same archive updates it incrementally: unchanged objects are not
                rewritten, complete logs of finished versions are not fetched again, a running version's log
                continues where it stopped, and jobs gone upstream are marked deleted (never removed). A
                killed run leaves a valid archive; the next run resumes.

                Credentials (never written to the archive or printed), first found wins:
                  --token T, or env MODELARTS_TOKEN                    IAM token (X-Auth-Token)
                  --ak A --sk S, or env HUAWEICLOUD_SDK_AK/_SK          AK/SK request signing
                  env MODELARTS_USERNAME, MODELARTS_PASSWORD, MODELARTS_DOMAIN [, MODELARTS_PROJECT_NAME]
                                                                        IAM password login, renewed as needed

                Parameter values whose labels look secret (KEY, SECRET, TOKEN, PASSWORD, PASSWD, PWD,
                CREDENTIAL, AK, SK as a word of the label) are replaced by "[redacted by jobarchive]".

                Exit status: 0 complete; 3 partial (some things could not be fetched: see the report's gaps);
                1 error; 64 bad usage.

                Examples:
                  jobarchive snapshot --demo -o /tmp/demo.sqlite
                  jobarchive snapshot --region cn-north-4 --project-id 0a1b… -o project.sqlite
                  jobarchive snapshot --endpoint http://127.0.0.1:8080 --project-id p1 --job 10 --job 12 -o part.sqlite
                """)

        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        @Flag(help: "Capture the bundled sample archive, served in-process on a loopback port: no account needed.")
        var demo = false

        @Option(name: [.customShort("o"), .customLong("output")], help: "The archive to create or update.")
        var output: String

        @Option(name: .customLong("job"), help: "Only this job id (repeatable).")
        var jobs: [Int64] = []

        @Option(help: ArgumentHelp("Only jobs created at or after: \(QueryParsing.timeForms).", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Only jobs created before (same forms as --since).", valueName: "time"))
        var until: String?

        @Option(help: ArgumentHelp("Only jobs with this status, a name or code (failed, 11, JOBSTAT_FAILED); repeat or comma-separate.", valueName: "status"))
        var status: [String] = []

        @Option(help: ArgumentHelp(
            "Which training API to capture: v1 (numbered jobs with versions, retired for new work in 2023), v2 (today's UUID jobs), or both. An endpoint that does not offer one of them is noted, not a gap.",
            valueName: "v1|v2|both"))
        var api: APIChoice = .both

        @Flag(name: .customLong("no-logs"), help: "Skip logs.")
        var noLogs = false

        @Flag(help: "Re-fetch everything, complete logs included.")
        var full = false

        @Option(help: "Jobs crawled at once.")
        var concurrency: Int = 8

        @Option(name: .customLong("max-rps"), help: "At most this many requests per second.")
        var maxRPS: Double?

        @Option(help: "Retries per request (429, 5xx, resets, timeouts, truncated bodies).")
        var retries: Int = 6

        @Option(help: "An extra label word that marks a secret parameter (repeatable).")
        var redact: [String] = []

        @Flag(name: .customLong("no-redact"), help: "Keep secret-looking parameter values as they are.")
        var noRedact = false

        @Flag(help: "Print no progress.")
        var quiet = false

        @OptionGroup var outputOptions: OutputOptions

        func validate() throws {
            let sources = [connection.endpoint != nil, connection.region != nil, demo].filter { $0 }.count
            guard sources == 1 else { throw ValidationError("give exactly one of --endpoint, --region or --demo") }
            if !demo, connection.projectID == nil { throw ValidationError("--project-id is required with --endpoint or --region") }
            guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
            guard (0...20).contains(retries) else { throw ValidationError("--retries must be between 0 and 20") }
            guard connection.timeout > 0 else { throw ValidationError("--timeout must be positive") }
            if let maxRPS, maxRPS <= 0 { throw ValidationError("--max-rps must be positive") }
            if (connection.ak == nil) != (connection.sk == nil) { throw ValidationError("--ak and --sk go together") }
            if let since { _ = try QueryParsing.time(since, option: "--since") }
            if let until { _ = try QueryParsing.time(until, option: "--until") }
            _ = try QueryParsing.statuses(status)
            if !demo {
                do {
                    _ = try connection.resolvedEndpoint()
                } catch let error as ModelArtsClientError {
                    throw ValidationError(error.message)
                }
            }
        }

        func run() async throws {
            var exitCode: Int32 = 0
            let trap = InterruptTrap()
            try SnapshotDestination(path: output).check()
            do {
                exitCode = try await trap.run { try await self.start() }
            } catch let error as ModelArtsClientError where error.code == .cancelled && trap.signal != nil {
                // Interrupted before the job list was read: nothing to report but the stop.
                exitCode = 0
            }
            if let status = trap.exitStatus {
                printError("interrupted; run the same command again to resume")
                throw ExitCode(status)
            }
            if exitCode != 0 { throw ExitCode(exitCode) }
        }

        /// Picks the upstream and runs the capture; returns the exit status (0 complete, 3 partial).
        func start() async throws -> Int32 {
            if demo {
                return try await DemoUpstream.withServer { url, project in
                    try await capture(endpoint: try ModelArtsEndpoint(url: url, projectID: project), credentials: ClientCredentials.none)
                }
            }
            let target = try connection.resolvedEndpoint()
            let credentials = connection.credentials()
            if case .none = credentials, !target.isLoopback {
                throw ModelArtsClientError(.authentication, "no credentials for \(target.baseURL): set MODELARTS_TOKEN, HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK, or MODELARTS_USERNAME/MODELARTS_PASSWORD/MODELARTS_DOMAIN (or pass --token / --ak --sk)")
            }
            return try await capture(endpoint: target, credentials: credentials)
        }

        /// Runs the snapshot; returns the exit status (0 complete, 3 partial).
        func capture(endpoint target: ModelArtsEndpoint, credentials: ClientCredentials) async throws -> Int32 {
            var configuration = ClientConfiguration()
            configuration.requestTimeout = connection.timeout
            configuration.maxRetries = retries
            configuration.maxRequestsPerSecond = maxRPS
            var options = SnapshotOptions()
            options.jobIDs = jobs.isEmpty ? nil : Set(jobs)
            options.sinceMilliseconds = try since.map { try QueryParsing.time($0, option: "--since") }
            options.untilMilliseconds = try until.map { try QueryParsing.time($0, option: "--until") }
            options.statuses = status.isEmpty ? nil : Set(try QueryParsing.statuses(status))
            options.apis = api.generations
            options.includeLogs = !noLogs
            options.full = full
            options.concurrency = concurrency
            options.redactor = noRedact ? nil : ParameterRedactor(patterns: ParameterRedactor.defaultPatterns + redact)
            let line = ProgressLine(quiet: quiet)
            let report: SnapshotReport
            do {
                report = try await SnapshotDestination(path: output).capture(
                    endpoint: target, credentials: credentials, configuration: configuration, options: options
                ) { p in
                    let mb = String(format: "%.1f", Double(p.logBytes) / 1_000_000)
                    line.update("\(ProgressLine.bar(p.jobsDone, p.jobsTotal)) jobs \(p.jobsDone)/\(p.jobsTotal), versions \(p.versionsDone), logs \(mb) MB, requests \(p.requests), gaps \(p.gaps) — \(p.phase)")
                }
            } catch {
                line.finish()
                throw error
            }
            line.finish()
            if outputOptions.json {
                try printJSON(report)
            } else {
                printOut(SnapshotCommand.describe(report, archive: output))
            }
            return report.complete ? 0 : 3
        }

        static func describe(_ r: SnapshotReport, archive: String) -> String {
            var lines = [
                "\(r.complete ? "complete" : r.interrupted ? "INTERRUPTED (partial)" : "PARTIAL") capture #\(r.captureID) into \(archive) in \(String(format: "%.1f", r.seconds)) s",
                "jobs \(r.jobs) (\(r.jobsCrawled) crawled), versions \(r.versions), v2 jobs \(r.v2Jobs), changed \(r.changed), marked deleted \(r.deleted)",
                "logs: \(r.logFiles) files (\(r.logFilesUpToDate) already complete\(r.logFilesByLink > 0 ? ", \(r.logFilesByLink) through their OBS link" : "")), \(r.logLines) new lines, \(r.logBytes) new bytes, \(r.pages) pages; compression \(String(format: "%.2f", r.compressionRatio))x",
                "requests \(r.requests), retries \(r.retries)",
            ]
            if !r.digest.isEmpty { lines.append("digest \(r.digest)") }
            if !r.notOffered.isEmpty {
                lines.append("not offered by this endpoint (not a gap): \(r.notOffered.joined(separator: ", "))")
            }
            if !r.warnings.isEmpty {
                lines.append("warnings (\(r.warnings.count)):")
                for w in r.warnings.prefix(20) { lines.append("  \(w)") }
                if r.warnings.count > 20 { lines.append("  … \(r.warnings.count - 20) more (use --json)") }
            }
            if !r.gaps.isEmpty {
                lines.append("gaps (\(r.gaps.count)):")
                for g in r.gaps.prefix(50) {
                    lines.append("  \(g.kind) \(g.key): \(g.httpStatus.map { "HTTP \($0) " } ?? "")\(g.errorCode.map { "\($0) " } ?? "")\(g.message)")
                }
                if r.gaps.count > 50 { lines.append("  … \(r.gaps.count - 50) more (use --json)") }
            }
            return lines.joined(separator: "\n")
        }

    }
}
