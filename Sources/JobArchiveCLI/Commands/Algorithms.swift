import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive algorithms`: the built-in algorithms (preset models) as captured.
    struct Algorithms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the built-in algorithms (preset models) a version may have trained from (model_id).",
            discussion: """
                From built-in-algorithms as captured. USAGE is model_usage (1 image classification, \
                2 object detection, … as the API numbers them); SIZE is model_size. The saved v2 algorithms \
                (algorithms: name, engine, code dir, boot file) follow in their own table; --api picks one.

                Examples:
                  jobarchive algorithms archives/sample.sqlite
                  jobarchive algorithms archives/sample.sqlite --json

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @OptionGroup var list: CatalogListOptions

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both

        /// The saved v2 algorithms listing.
        static var v2Listing: Listing<V2AlgorithmRow> {
            Listing(
                csv: [
                    .text("algorithm_id") { $0.algorithmID }, .text("name") { $0.name }, .text("description") { $0.description },
                    .value("create_time") { $0.createTime }, .text("engine") { $0.engine }, .text("code_dir") { $0.codeDir },
                    .text("boot_file") { $0.bootFile }, .flag("deleted") { $0.deleted },
                ],
                table: [
                    .text(.left("ID")) { $0.algorithmID }, .name(.left("NAME"), { $0.name }, deleted: { $0.deleted }),
                    .time(.left("CREATED")) { $0.createTime }, .text(.left("ENGINE", shrink: true)) { $0.engine },
                    .text(.left("CODE DIR", shrink: true)) { $0.codeDir }, .text(.left("BOOT FILE")) { $0.bootFile },
                ])
        }

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
                let at = list.capture.capture
                let v1 = try api == .v2 ? nil : GenerationPart(
                    api: "v1", title: "v1 built-in algorithms (built-in-algorithms)", listing: Algorithms.listing,
                    rows: archive.catalog.algorithms(includeDeleted: list.includeDeleted, asOf: at))
                let v2 = try api == .v1 ? nil : GenerationPart(
                    api: "v2", title: "v2 algorithms (algorithms)", listing: Algorithms.v2Listing,
                    rows: archive.catalog.v2Algorithms(includeDeleted: list.includeDeleted, asOf: at))
                try writeGenerations(v1, v2, output: list.output, to: out)
            }
        }
    }
}
