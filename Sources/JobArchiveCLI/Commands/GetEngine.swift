import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive get-engine`: ma-cli's `ma-job get-engine`, over an archive.
    struct GetEngine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-engine",
            abstract: "ma-cli alias: list the AI engines — `engines` under ma-cli's options.",
            discussion: """
                Examples:
                  jobarchive get-engine archives/sample.sqlite
                  jobarchive get-engine archives/sample.sqlite -v     # with usage counts

                Same as: jobarchive engines. Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Flag(name: .shortAndLong, help: "Also the engine type and how many archived versions used each.")
        var verbose = false

        @OptionGroup var output: RowOutputOptions

        func run() async throws {
            try await runListing(Engines.listing(verbose: verbose), of: path.archive, output: output) { try $0.catalog.engines() }
        }
    }
}
