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

        func run() async throws {
            try await runListing(Specs.listing(verbose: verbose), of: path.archive, output: output) { archive in
                try archive.catalog.specs().filter { flavorType == nil || $0.flavorType == flavorType?.rawValue }
            }
        }
    }
}
