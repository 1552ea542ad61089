import ArchiveStore
import ArgumentParser
import Foundation
import SampleProject

/// `jobarchive-bench`: measures DESIGN.md's performance targets against baselines run side by side.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobarchive-bench",
        abstract: "Measure jobarchive's performance targets against baselines (build with -c release).",
        subcommands: [All.self, Ingest.self, Search.self, Window.self, Snapshot.self, Replay.self, Reliability.self]
    )
}
