import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive engines`: the AI engines and how often archived versions used them.
    struct Engines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the AI engines (framework images) with how many archived versions used each.",
            discussion: """
                From job/ai-engines as captured; VERSIONS and JOBS count archived versions by engine_id.

                Examples:
                  jobarchive engines archives/sample.sqlite
                  jobarchive engines archives/sample.sqlite --json
                  jobarchive get-engine archives/sample.sqlite -v     # the ma-cli spelling

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @OptionGroup var list: CatalogListOptions

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: list.capture.capture, style: list.color.style) { archive, out in
                try Engines.listing(verbose: true).write(try archive.catalog.engines(includeDeleted: list.includeDeleted, asOf: list.capture.capture), output: list.output, to: out)
            }
        }

        /// The engines listing; `verbose` adds the type and usage counts to the table.
        static func listing(verbose: Bool) -> Listing<EngineRow> {
            Listing(
                csv: [
                    .value("engine_id") { $0.engineID }, .value("engine_type") { $0.engineType }, .text("engine_name") { $0.engineName },
                    .text("engine_version") { $0.engineVersion }, .value("versions") { $0.versions }, .value("jobs") { $0.jobs },
                    .flag("deleted") { $0.deleted },
                ],
                table: [
                    .value(.right("ID")) { $0.engineID }, .name(.left("NAME"), { $0.engineName }, deleted: { $0.deleted }),
                    .text(.left("VERSION", shrink: true)) { $0.engineVersion },
                ] + (verbose ? [.value(.right("TYPE")) { $0.engineType }, .value(.right("VERSIONS")) { $0.versions }, .value(.right("JOBS")) { $0.jobs }] : []))
        }
    }
}
