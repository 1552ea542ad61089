import ArchiveStore
import ArgumentParser
import Clone
import Foundation

extension JobArchiveCommand {
    /// `jobarchive reproduce`: write a shell script that re-runs an archived version locally.
    struct Reproduce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reproduce",
            abstract: "Write a bash script that re-runs an archived version on this machine.",
            discussion: """
                A custom image becomes `docker run IMAGE` with the parameters as environment variables, the
                volumes as mounts (NFS through docker's local volume driver) and the user command; a built-in
                engine runs the boot file with --label=value arguments. OBS paths map to APP_DIR, DATA_DIR and
                TRAIN_DIR. The script names its archive, capture and digests; every value is shell-quoted.
                Redacted parameters are read from the environment (the script stops if they are unset).

                Examples:
                  jobarchive reproduce archives/sample.sqlite 10 10 > run.sh && bash run.sh
                  jobarchive reproduce a.sqlite 10 10 -o run-10-10.sh --capture 2
                """)

        @Argument(help: "The archive file (.sqlite).", completion: .file(extensions: ["sqlite"]))
        var archive: String

        @Argument(help: "The archived job id.")
        var job: Int64

        @Argument(help: "The archived version id.")
        var version: Int64

        @Option(name: [.customShort("o"), .customLong("output")], help: "Write the script here (made executable) instead of standard output.")
        var output: String?

        @OptionGroup var captureOption: CaptureOption

        /// The capture to read (nil: the latest).
        var capture: Int64? { captureOption.capture }

        func run() async throws {
            let store = try Archive.open(at: archive)
            let source = try ArchivedVersion.load(from: store, jobID: job, versionID: version, capture: capture)
            let digest = try store.contentDigest(asOf: source.asOfCapture)
            let script = ReproduceScript.render(source, archiveDigest: digest, toolVersion: Archive.toolVersion)
            if let output {
                try Data(script.utf8).write(to: URL(fileURLWithPath: output))
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output)
                printError("wrote \(output)")
            } else {
                printOut(script, terminator: "")
            }
        }
    }
}
