import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive algorithms`: the built-in algorithms (preset models) as captured.
    struct Algorithms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the built-in algorithms (preset models) a version may have trained from (model_id).",
            discussion: """
                From built-in-algorithms as captured. USAGE is model_usage (1 image classification, \
                2 object detection, … as the API numbers them); SIZE is model_size.

                Examples:
                  jobarchive algorithms archives/sample.sqlite
                  jobarchive algorithms archives/sample.sqlite --json

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @OptionGroup var list: CatalogListOptions

        /// The built-in algorithms listing.
        static var listing: Listing<AlgorithmRow> {
            Listing(
                csv: [
                    .value("model_id") { $0.modelID }, .text("model_name") { $0.modelName }, .value("model_usage") { $0.modelUsage },
                    .text("model_precision") { $0.modelPrecision }, .value("model_size") { $0.modelSize }, .value("engine_id") { $0.engineID },
                    .text("engine_name") { $0.engineName }, .text("engine_version") { $0.engineVersion }, .value("create_time") { $0.createTime },
                    .flag("deleted") { $0.deleted },
                ],
                table: [
                    .value(.right("ID")) { $0.modelID }, .name(.left("NAME"), { $0.modelName }, deleted: { $0.deleted }),
                    .value(.right("USAGE")) { $0.modelUsage }, .text(.left("PRECISION", shrink: true)) { $0.modelPrecision },
                    .init(.right("SIZE")) { a, _ in a.modelSize.map { formatBytes(Int($0)) } ?? "-" },
                    .init(.left("ENGINE", shrink: true)) { a, _ in [a.engineName, a.engineVersion].compactMap { $0 }.joined(separator: " ") },
                ])
        }

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: list.capture.capture, style: list.color.style) { archive, out in
                let rows = try archive.catalog.algorithms(includeDeleted: list.includeDeleted, asOf: list.capture.capture)
                try Algorithms.listing.write(rows, output: list.output, to: out)
            }
        }
    }
}
