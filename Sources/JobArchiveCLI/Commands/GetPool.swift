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

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both

        func run() async throws {
            try await runQuery(archive: path.archive, style: Style(enabled: Terminal.colorByDefault)) { archive, out in
                try Pools.write(archive, api: api, verbose: verbose, includeDeleted: false, asOf: nil, output: output, to: out)
            }
        }
    }
}
