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

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both

        func run() async throws {
            try await runQuery(archive: path.archive, style: Style(enabled: Terminal.colorByDefault)) { archive, out in
                try Engines.write(archive, api: api, verbose: verbose, includeDeleted: false, asOf: nil, output: output, to: out)
            }
        }
    }
}
