import ArchiveStore
import ArgumentParser
import Clone
import Foundation
import ModelArtsAPI

extension JobArchiveCommand {
    /// `jobarchive restore-config`: re-create a saved training-job configuration from the archive.
    struct RestoreConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore-config",
            abstract: "Build (and with --submit, send) a training-job config from an archived one.",
            discussion: """
                Dry run by default: prints the create body (POST /v1/{project_id}/training-job-configs) and a diff.
                With --submit it first asks the API whether the target name exists (GET …/{name}): if it does,
                it sends PUT …/{name} (the same body without config_name), else POST. The request is recorded
                in the archive like a clone. Redacted parameters block --submit until --set or --unset.

                Examples:
                  jobarchive restore-config archives/sample.sqlite config123
                  jobarchive restore-config a.sqlite config123 --as config123-restored --set learning_rate=0.02
                  jobarchive restore-config a.sqlite config123 --submit --endpoint http://127.0.0.1:8080 --project-id p1
                """)

        @Argument(help: "The archive file (.sqlite).", completion: .file(extensions: ["sqlite"]))
        var archive: String

        @Argument(help: "The archived config name (custom, else sample).")
        var name: String

        @Option(name: .customLong("as"), help: "The name to create it under (default: the archived name).")
        var newName: String?

        @Option(help: "The config description sent (default: the archived one).")
        var desc: String?

        @OptionGroup var parameters: ParameterOverrideOptions

        @OptionGroup var captureOption: CaptureOption

        /// The capture to read (nil: the latest).
        var capture: Int64? { captureOption.capture }

        @Flag(help: "Send the request (POST, or PUT when the name exists upstream) and record it.")
        var submit = false

        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var outputOptions: OutputOptions

        func validate() throws {
            if submit { try connection.validateForSending() }
        }

        func run() async throws {
            let store = try Archive.open(at: archive, mode: submit ? .readWrite : .readOnly)
            let restorer = try ConfigRestorer.load(from: store, name: name, capture: capture)
            let parameterOverrides = try parameters.overrides()
            guard submit else {
                let request = try restorer.request(name: newName, description: desc, overrides: parameterOverrides, update: false)
                if outputOptions.json {
                    printOut(PrettyJSON.render(request.json()))
                } else {
                    printOut(request.dryRunText())
                    printOut("# with --submit: PUT /v1/{project_id}/\(V1Endpoint.config(name: newName ?? restorer.config.configName).path) instead when that name exists upstream")
                }
                return
            }
            // Check the body before asking the API anything.
            try restorer.request(name: newName, description: desc, overrides: parameterOverrides, update: false).checkSubmittable()
            let submitter = Submitter(endpoint: try connection.resolvedEndpoint(), credentials: connection.credentials(), timeout: connection.timeout)
            let exists = try await submitter.configExists(newName ?? restorer.config.configName)
            let request = try restorer.request(name: newName, description: desc, overrides: parameterOverrides, update: exists)
            let words = parameters.words
                + (newName.map { ["--as \($0)"] } ?? []) + (desc.map { ["--desc \($0)"] } ?? [])
            let lineage = CloneLineage(
                jobID: nil, versionID: nil, config: restorer.key, captureID: restorer.captureID, sha256: restorer.sha256, overrides: words)
            let record = try await SubmissionReport.sendAndRecord(request, submitter: submitter, lineage: lineage, archive: store)
            try SubmissionReport.print(record, json: outputOptions.json)
        }
    }
}
