import ArgumentParser
import ArchiveStore

/// The `jobarchive` command: keep ModelArts v1 training-job history in one SQLite file.
struct JobArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobarchive",
        abstract: "Keep the history of ModelArts v1 training jobs offline, in one portable SQLite archive.",
        discussion: """
            An archive holds every captured job, version, parameter, config and log (zlib-compressed and \
            full-text indexed), with revisions across captures. Start with the bundled sample:

              jobarchive info archives/sample.sqlite
              jobarchive verify archives/sample.sqlite
              jobarchive snapshot --demo -o /tmp/demo.sqlite      (a full capture, no account needed)
              jobarchive serve archives/sample.sqlite --port 0     (re-serve it as the v1 API)

            Query an archive offline (every command prints a table on a terminal; --json for scripts, \
            --csv where the answer is rows; --at N reads the archive as of capture N):

              jobarchive jobs archives/sample.sqlite --status failed
              jobarchive show archives/sample.sqlite 585024/V0003
              jobarchive log archives/sample.sqlite 571581 1112489 --worker 1 --tail 40
              jobarchive search '"CUDA out of memory"' archives/sample.sqlite -C 2
              jobarchive diff archives/sample.sqlite 585024/V0002 V0003
              jobarchive export archives/sample.sqlite /tmp/sample-export

            ma-cli users: get-job, get-log, get-engine, get-flavor, get-pool and get-event take ma-cli's \
            -i/--job-id, -n/--job-name and -v/--verbose.

            Exit status: 0 success; 1 failure (an error, something not found, checks that did not pass, \
            or no search hit); 3 a partial snapshot (some things could not be fetched); 64 bad usage.
            """,
        version: Archive.toolVersion,
        subcommands: [
            SnapshotCommand.self, Serve.self, Info.self, Verify.self, Sample.self,
            CloneCommand.self, RestoreConfig.self, Reproduce.self,
            Jobs.self, Versions.self, Show.self, Log.self, Search.self, Diff.self, Metrics.self, History.self,
            Configs.self, Engines.self, Specs.self, Algorithms.self, Pools.self, Export.self,
            GetJob.self, GetLog.self, GetEngine.self, GetFlavor.self, GetPool.self, GetEvent.self,
        ]
    )
}
