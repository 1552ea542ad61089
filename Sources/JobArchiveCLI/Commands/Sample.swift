import ArgumentParser
import ArchiveStore
import Foundation
import SampleProject

extension JobArchiveCommand {
    /// `jobarchive sample`: write a deterministic synthetic project as an archive.
    struct Sample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a deterministic sample archive (the bundled one, or bigger ones for tests and benchmarks).",
            discussion: """
                The same options always give the same content digest. The bundled archive (9 v1 jobs, 4 v2 jobs) \
                is made with:

                  jobarchive sample archives/sample.sqlite --force

                Bigger ones: jobarchive sample /tmp/big.sqlite --jobs 200 --v2-jobs 50 --log-mb 200
                v1 only: jobarchive sample /tmp/v1.sqlite --v2-jobs 0
                v2 jobs are UUID jobs with tasks, scheduling runs, events, metrics and per-task logs, in every phase.
                """)

        @Argument(help: "Where to write the archive.")
        var output: String

        @Option(help: "Seed of every pseudo-random choice.")
        var seed: UInt64 = SampleArchiveWriter.bundledOptions.seed

        @Option(help: "Synthetic jobs, besides the seed document's job 10.")
        var jobs: Int = SampleArchiveWriter.bundledOptions.jobs

        @Option(help: "Average versions per job.")
        var versions: Int = SampleArchiveWriter.bundledOptions.versionsPerJob

        @Option(name: .customLong("log-mb"), help: "Approximate raw log megabytes in all.")
        var logMB: Double = Double(SampleArchiveWriter.bundledOptions.logBytes) / 1_000_000

        @Option(name: .customLong("v2-jobs"), help: "v2 training jobs to add (they share --log-mb with the v1 jobs).")
        var v2Jobs: Int = SampleArchiveWriter.bundledOptions.v2Jobs

        @Option(name: .customLong("real-logs"), help: "A folder of real logs whose lines are mixed in.")
        var realLogs: String?

        @Flag(help: "Replace the output file if it exists.")
        var force = false

        @OptionGroup var outputOptions: OutputOptions

        func validate() throws {
            guard jobs >= 0, jobs <= 100_000 else { throw ValidationError("--jobs must be between 0 and 100000") }
            guard versions >= 1, versions <= 1000 else { throw ValidationError("--versions must be between 1 and 1000") }
            guard v2Jobs >= 0, v2Jobs <= 100_000 else { throw ValidationError("--v2-jobs must be between 0 and 100000") }
            guard logMB >= 0, logMB <= 100_000 else { throw ValidationError("--log-mb must be between 0 and 100000") }
            if let realLogs {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: realLogs, isDirectory: &isDirectory), isDirectory.boolValue,
                    (try? FileManager.default.contentsOfDirectory(atPath: realLogs)) != nil  // try?: any failure is the answer "not readable"
                else { throw ValidationError("--real-logs \(realLogs): not a readable directory") }
            }
        }

        func run() async throws {
            if FileManager.default.fileExists(atPath: output) {
                guard force else {
                    throw ArchiveError(.invalidArgument, "\(output) exists; pass --force to replace it")
                }
                try FileManager.default.removeItem(atPath: output)
            }
            var options = SampleProjectOptions()
            options.seed = seed
            options.jobs = jobs
            options.versionsPerJob = versions
            options.logBytes = Int(logMB * 1_000_000)
            options.realLogsDirectory = realLogs
            options.v2Jobs = v2Jobs
            let started = Date()
            let summary = try SampleArchiveWriter.writeArchive(options, to: output)
            let digest = try Archive.open(at: output).contentDigest()
            let seconds = Date().timeIntervalSince(started)
            if outputOptions.json {
                struct Out: Encodable { var archive: String; var jobs, versions, v2Jobs, logFiles, logLines, logBytes, pages: Int; var digest: String; var seconds: Double }
                try printJSON(Out(
                    archive: output, jobs: summary.jobs, versions: summary.versions, v2Jobs: summary.v2Jobs, logFiles: summary.logFiles,
                    logLines: summary.logLines, logBytes: summary.logBytes, pages: summary.pages, digest: digest, seconds: seconds))
            } else {
                printOut("wrote \(output): \(summary.jobs) jobs, \(summary.versions) versions\(summary.v2Jobs > 0 ? ", \(summary.v2Jobs) v2 jobs" : ""), \(summary.logFiles) log files, \(summary.logLines) lines (\(formatBytes(summary.logBytes))), \(summary.pages) pages in \(String(format: "%.1f", seconds)) s")
                printOut("digest: \(digest)")
            }
        }
    }
}
