import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive get-flavor`: ma-cli's `ma-job get-flavor`, over an archive.
    struct GetFlavor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-flavor",
            abstract: "ma-cli alias: list the resource flavors, -t CPU|GPU|Ascend — `specs` under ma-cli's options.",
            discussion: """
                Examples:
                  jobarchive get-flavor archives/sample.sqlite
                  jobarchive get-flavor archives/sample.sqlite -t GPU -v

                Same as: jobarchive specs. Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Option(name: [.customShort("t"), .customLong("flavor-type")], help: "Only flavors of this type: CPU, GPU or Ascend.")
        var flavorType: Specs.FlavorType?

        @Flag(name: .shortAndLong, help: "Also max nodes, storage, availability and usage.")
        var verbose = false

        @OptionGroup var output: RowOutputOptions

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both

        func run() async throws {
            try await runQuery(archive: path.archive, style: Style(enabled: Terminal.colorByDefault)) { archive, out in
                try Specs.write(archive, api: api, type: flavorType, verbose: verbose, includeDeleted: false, asOf: nil, output: output, to: out)
            }
        }
    }
}
