import ArchiveStore
import ArgumentParser
import Clone
import Foundation
import ModelArtsAPI

extension JobArchiveCommand {
    /// `jobarchive clone`: re-submit an archived version, with typed overrides, and record the lineage.
    struct CloneCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clone",
            abstract: "Build (and with --submit, send) a new version or job from an archived version.",
            discussion: """
                Dry run by default: prints the request and a diff against the archived version. The body holds
                only documented create-API fields in their documented types, exactly one data source
                (data_source, else dataset_id+dataset_version_id, else data_url; an overridden one wins),
                and spec_id or pool_id (or flavor.code when the archive has flavor_code).

                Overrides keep types: --set learning_rate=0.02 stays a number when the archived value is a
                number, a string stays a string; --set of an unknown label fails (use --add). --add infers the
                type (0.1 → number, true → boolean, '"42"' → string). Applied in order: --set, --unset, --add.
                A redacted parameter blocks --submit until it is --set or --unset.

                --submit sends once (no retries: a create is not idempotent) with the same credentials as
                snapshot (--token, --ak/--sk, or the environment) and stores a clone record in the archive.

                Examples:
                  jobarchive clone archives/sample.sqlite 10 10 --set learning_rate=0.02
                  jobarchive clone a.sqlite 10 10 --as-job mnist-retry --config spec_id=2 --json
                  jobarchive clone a.sqlite 10 10 --target v2 --flavor modelarts.vm.gpu.v100
                  jobarchive clone a.sqlite 10 10 --submit --region cn-north-4 --project-id 0a1b…
                  jobarchive clone --list a.sqlite
                """)

        @Argument(help: "The archive file (.sqlite).", completion: .file(extensions: ["sqlite"]))
        var archive: String

        @Argument(help: "The archived job id.")
        var job: Int64?

        @Argument(help: "The archived version id.")
        var version: Int64?

        @OptionGroup var parameters: ParameterOverrideOptions

        @Option(name: .customLong("config"), help: "field=value: override a create-API config field (repeatable).")
        var configs: [String] = []

        @Flag(name: .customLong("as-version"), help: "Create a new version of the same job (the default).")
        var asVersion = false

        @Option(name: .customLong("as-job"), help: "Create a new job with this name (1-64 of [0-9A-Za-z_-]).")
        var asJob: String?

        @Option(help: "The job description sent (default: the archived one).")
        var desc: String?

        @Option(help: "The API to build for: v1 (default) or v2.")
        var target: String = "v1"

        @Option(help: "The v2 flavor_id (default: the archived flavor or spec code).")
        var flavor: String?

        @OptionGroup var captureOption: CaptureOption

        /// The capture to read (nil: the latest).
        var capture: Int64? { captureOption.capture }

        @Flag(help: "Send the request and record it in the archive.")
        var submit = false

        @Flag(help: "List the archive's clone records (optionally of JOB [VERSION]) instead of cloning.")
        var list = false

        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var outputOptions: OutputOptions

        func validate() throws {
            if list { return }
            guard job != nil, version != nil else { throw ValidationError("give JOB and VERSION (or --list)") }
            if asVersion, asJob != nil { throw ValidationError("--as-version and --as-job exclude each other") }
            guard CloneOptions.Target(rawValue: target) != nil else { throw ValidationError("--target must be v1 or v2") }
            if flavor != nil, target != "v2" { throw ValidationError("--flavor applies to --target v2 only") }
            if submit { try connection.validateForSending() }
        }

        /// The options for the Clone module, in application order (--set, --unset, --add).
        func cloneOptions() throws -> CloneOptions {
            var options = CloneOptions()
            options.parameterOverrides = try parameters.overrides()
            options.configAssignments = configs
            options.mode = asJob.map { .newJob(name: $0) } ?? .newVersion
            options.target = CloneOptions.Target(rawValue: target) ?? .v1
            options.description = desc
            options.flavor = flavor
            return options
        }

        /// The overrides as given, for the clone record.
        var overrideWords: [String] {
            parameters.words + configs.map { "--config \($0)" }
                + (asJob.map { ["--as-job \($0)"] } ?? []) + (desc.map { ["--desc \($0)"] } ?? []) + ["--target \(target)"]
                + (flavor.map { ["--flavor \($0)"] } ?? [])
        }

        func run() async throws {
            if list {
                try listRecords()
                return
            }
            let store = try Archive.open(at: archive, mode: submit ? .readWrite : .readOnly)
            let source = try ArchivedVersion.load(from: store, jobID: job ?? 0, versionID: version ?? 0, capture: capture)
            let options = try cloneOptions()
            let request: CloneRequest
            if options.target == .v2 {
                request = try V2RequestBuilder.build(source, options: options)
            } else {
                request = try V1RequestBuilder.build(source, options: options)
            }
            guard submit else {
                if outputOptions.json {
                    printOut(PrettyJSON.render(request.json()))
                } else {
                    printOut(request.dryRunText())
                }
                return
            }
            try request.checkSubmittable()
            let submitter = Submitter(endpoint: try connection.resolvedEndpoint(), credentials: connection.credentials(), timeout: connection.timeout)
            let lineage = CloneLineage(
                jobID: source.jobID, versionID: source.versionID, config: nil, captureID: source.captureID, sha256: source.sha256,
                overrides: overrideWords)
            let record = try await SubmissionReport.sendAndRecord(request, submitter: submitter, lineage: lineage, archive: store)
            try SubmissionReport.print(record, json: outputOptions.json)
        }

        func listRecords() throws {
            let store = try Archive.open(at: archive)
            let records = try store.clones.records(jobID: job, versionID: version)
            if outputOptions.json {
                try printJSON(records)
            } else if records.isEmpty {
                printOut("no clone records in \(archive)")
            } else {
                records.forEach { printOut($0.summaryLine) }
            }
        }
    }
}
