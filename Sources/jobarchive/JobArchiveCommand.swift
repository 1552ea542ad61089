import ArgumentParser
import ArchiveStore

/// The `jobarchive` command: keep ModelArts v1 training-job history in one SQLite file.
@main
struct JobArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobarchive",
        abstract: "Keep the history of ModelArts v1 training jobs offline, in one portable SQLite archive.",
        discussion: """
            An archive holds every captured job, version, parameter, config and log (zlib-compressed and
            full-text indexed), with revisions across captures. Start with the bundled sample:

              jobarchive info archives/sample.sqlite
              jobarchive verify archives/sample.sqlite

            Exit status: 0 success; 1 failure (an error, or checks that did not pass); 64 bad usage.
            """,
        version: Archive.toolVersion,
        subcommands: [SnapshotCommand.self, Serve.self, Info.self, Verify.self, Sample.self, CloneCommand.self, RestoreConfig.self, Reproduce.self]
    )
}
