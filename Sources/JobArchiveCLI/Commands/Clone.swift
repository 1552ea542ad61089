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
            abstract: "Build (and with --submit, send) a new job (or v1 version) from an archived v1 version or v2 job.",
            discussion: """
                Dry run by default: prints the request and a diff against the archived version or job.

                The target API: the live service creates only v2 training jobs since v1 training was retired \
                (2023-06-30), so an archived v1 version becomes a v2 create request by default (code dir, boot \
                file, command, engine or image, parameters as strings, inputs, outputs, flavor, node count, pool, \
                log path; what v2 cannot express is listed in the diff). --target v1 (or --as-version, a new v1 \
                version of the same job) builds the v1 request, for a service that still takes it: its body \
                holds only documented v1 create fields in their documented types, exactly one data source \
                (data_source, else dataset_id+dataset_version_id, else data_url; an overridden one wins), and \
                spec_id or pool_id (or flavor.code when the archive has flavor_code).

                A v2 job (its UUID or name, no VERSION) becomes a v2 create request with its create fields as \
                archived; --set/--unset/--add change its parameters (v2 values are strings), --config \
                PATH=VALUE a field by dotted path (spec.resource.node_count=2), --flavor the flavor.

                Overrides keep types: --set learning_rate=0.02 stays a number when the archived value is a
                number, a string stays a string; --set of an unknown label fails (use --add). --add infers the
                type (0.1 → number, true → boolean, '"42"' → string). Applied in order: --set, --unset, --add.
                A redacted parameter blocks --submit until it is --set or --unset.

                --submit sends once (no retries: a create is not idempotent) with the same credentials as
                snapshot (--token, --ak/--sk, or the environment) and stores a clone record in the archive.

                Examples:
                  jobarchive clone archives/sample.sqlite 10 10 --set learning_rate=0.02 --flavor modelarts.vm.cpu.8u
                  jobarchive clone a.sqlite 10 10 --target v1 --as-job mnist-retry --config spec_id=2 --json
                  jobarchive clone a.sqlite 10 10 --as-version --set learning_rate=0.02     # a v1 version
                  jobarchive clone a.sqlite 3f0c9a5e-… --as-job retry-1 --set lr=0.02 --config spec.resource.node_count=2
                  jobarchive clone a.sqlite 10 10 --submit --region cn-north-4 --project-id 0a1b…
                  jobarchive clone --list a.sqlite
                """)

        @Argument(help: "The archive file (.sqlite).", completion: .file(extensions: ["sqlite"]))
        var archive: String

        @Argument(help: "The archived v1 job id, or a v2 job's UUID or name.")
        var job: String?

        @Argument(help: "The archived v1 version id (none for a v2 job).")
        var version: Int64?

        @OptionGroup var parameters: ParameterOverrideOptions

        @Option(name: .customLong("config"), help: "field=value: override a create-API config field (repeatable).")
        var configs: [String] = []

        @Flag(name: .customLong("as-version"), help: "Create a new v1 version of the same v1 job (implies --target v1).")
        var asVersion = false

        @Option(name: .customLong("as-job"), help: "Create a new job with this name (1-64 of [0-9A-Za-z_-]).")
        var asJob: String?

        @Option(help: "The job description sent (default: the archived one).")
        var desc: String?

        @Option(help: "The API to build for: v2 (the default) or v1 (a v1 version only; default with --as-version).")
        var target: String?

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
            guard job != nil else { throw ValidationError("give JOB VERSION (a v1 version), JOB (a v2 job), or --list") }
            if asVersion, asJob != nil { throw ValidationError("--as-version and --as-job exclude each other") }
            if let target, CloneOptions.Target(rawValue: target) == nil { throw ValidationError("--target must be v1 or v2") }
            if asVersion, target == "v2" { throw ValidationError("--as-version makes a v1 version; v2 has no versions (drop --target v2, or use --as-job)") }
            if flavor != nil, resolvedTarget == .v1 { throw ValidationError("--flavor applies to a v2 request only") }
            if let job, version != nil, Int64(job) == nil { throw ValidationError("a v1 job id is a number; a v2 job takes no VERSION") }
            if submit { try connection.validateForSending() }
        }

        /// The options for the Clone module, in application order (--set, --unset, --add).
        func cloneOptions() throws -> CloneOptions {
            var options = CloneOptions()
            options.parameterOverrides = try parameters.overrides()
            options.configAssignments = configs
            options.mode = asJob.map { .newJob(name: $0) } ?? .newVersion
            options.target = resolvedTarget
            options.description = desc
            options.flavor = flavor
            return options
        }

        /// The API the request is for: as given, else v1 for `--as-version`, else v2.
        var resolvedTarget: CloneOptions.Target {
            target.flatMap(CloneOptions.Target.init(rawValue:)) ?? (asVersion ? .v1 : .v2)
        }

        /// The overrides as given, for the clone record.
        var overrideWords: [String] {
            parameters.words + configs.map { "--config \($0)" }
                + (asJob.map { ["--as-job \($0)"] } ?? []) + (desc.map { ["--desc \($0)"] } ?? []) + ["--target \(resolvedTarget.rawValue)"]
                + (flavor.map { ["--flavor \($0)"] } ?? [])
        }

        func run() async throws {
            if list {
                try listRecords()
                return
            }
            let store = try Archive.open(at: archive, mode: submit ? .readWrite : .readOnly)
            let options = try cloneOptions()
            let request: CloneRequest
            let lineage: CloneLineage
            if let version, let jobID = job.flatMap({ Int64($0) }) {
                let source = try ArchivedVersion.load(from: store, jobID: jobID, versionID: version, capture: capture)
                request = options.target == .v2 ? try V2RequestBuilder.build(source, options: options) : try V1RequestBuilder.build(source, options: options)
                lineage = CloneLineage(
                    jobID: source.jobID, versionID: source.versionID, config: nil, captureID: source.captureID, sha256: source.sha256,
                    overrides: overrideWords)
            } else {
                let text = job ?? ""
                guard case .v2(let found) = try store.jobs.resolveAnyJob(text, asOf: capture) else {
                    throw UsageError("\(TextTable.clean(text)) is a v1 job: give its VERSION too (clone ARCHIVE JOB VERSION)")
                }
                if asVersion { throw UsageError("--as-version makes a v1 version; a v2 job is cloned to a new v2 job (--as-job NAME, or the default name)") }
                if options.target == .v1 { throw UsageError("a v2 job is cloned to a v2 request; drop --target v1") }
                let source = try ArchivedV2Job.load(from: store, jobID: found.jobID, capture: capture)
                request = try V2JobRequestBuilder.build(source, options: options)
                lineage = CloneLineage(
                    jobID: nil, versionID: nil, config: nil, v2JobID: source.jobID, captureID: source.captureID, sha256: source.sha256,
                    overrides: overrideWords)
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
            let record = try await SubmissionReport.sendAndRecord(request, submitter: submitter, lineage: lineage, archive: store)
            try SubmissionReport.print(record, json: outputOptions.json)
        }

        func listRecords() throws {
            let store = try Archive.open(at: archive)
            let records: [CloneRecord]
            // A numeric id is taken as it is (a created job need not be archived yet); a name or UUID is looked up.
            switch try job.map({ text in try Int64(text).map { .v1($0) } ?? store.jobs.resolveAnyJob(text) }) {
            case .v1(let id)?: records = try store.clones.records(jobID: id, versionID: version)
            case .v2(let v2)?: records = try store.clones.records(v2JobID: v2.jobID)
            case nil: records = try store.clones.records()
            }
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
