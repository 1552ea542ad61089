import ArgumentParser
import ArchiveStore
import Foundation

extension JobArchiveCommand {
    /// `jobarchive info`: what an archive holds and how big it is.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an archive's format, captures, counts and sizes.",
            discussion: """
                Counts are as of the latest capture. "stored" is the compressed size of the log chunks;
                the ratio is raw log bytes over stored bytes. The index is the FTS5 full-text index.

                Example: jobarchive info archives/sample.sqlite --json
                """)

        @OptionGroup var path: ArchivePathArgument
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let archive = try Archive.open(at: path.archive)
            let stats = try archive.statistics()
            if output.json {
                try printJSON(stats)
                return
            }
            let latest = stats.latestCapture.map { "#\($0.id) \($0.status), started \($0.startedAt)" } ?? "none"
            let rows: [(String, String)] = [
                ("archive", path.archive),
                ("format", "version \(stats.formatVersion) (created by jobarchive \(stats.createdBy) at \(stats.createdAt))"),
                ("project", stats.projectID),
                ("source", stats.sourceEndpoint.isEmpty ? "-" : stats.sourceEndpoint),
                ("captures", "\(stats.captures) (latest \(latest))"),
                ("jobs", "\(stats.jobs) v1" + (stats.deletedJobs > 0 ? " (+\(stats.deletedJobs) deleted upstream)" : "") + ", \(stats.v2Jobs) v2"),
                ("versions", "\(stats.versions)"),
                ("configs", "\(stats.configs)"),
                ("revisions", "\(stats.revisions)"),
                ("log files", "\(stats.logFiles)"),
                ("log lines", "\(stats.logLines)"),
                ("log bytes", "\(formatBytes(stats.logBytes)) raw, \(formatBytes(stats.storedLogBytes)) stored (\(String(format: "%.2f", stats.compressionRatio))x)"),
                ("index", formatBytes(stats.indexBytes)),
                ("pages", "\(stats.capturedPages) captured API log pages"),
                ("gaps", "\(stats.gaps)"),
                ("file", formatBytes(stats.fileBytes)),
            ]
            let width = rows.map(\.0.count).max() ?? 0
            for (key, value) in rows {
                printOut(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
            }
        }
    }
}
