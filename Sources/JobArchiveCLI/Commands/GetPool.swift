import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive get-pool`: ma-cli's `ma-job get-pool`, over an archive.
    struct GetPool: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-pool",
            abstract: "ma-cli alias: list the training pools seen in archived versions — `pools` under ma-cli's options.",
            discussion: """
                Examples:
                  jobarchive get-pool archives/sample.sqlite
                  jobarchive get-pool archives/sample.sqlite -v     # with periods and specs

                Same as: jobarchive pools. Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Flag(name: .shortAndLong, help: "Also when each pool was used and on which specs.")
        var verbose = false

        @OptionGroup var output: RowOutputOptions

        func run() async throws {
            try await runListing(Pools.listing(verbose: verbose), of: path.archive, output: output) { try $0.catalog.pools() }
        }
    }
}
