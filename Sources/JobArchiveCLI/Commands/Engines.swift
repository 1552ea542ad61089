import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive engines`: the AI engines and how often archived versions used them.
    struct Engines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the AI engines (framework images) with how many archived versions used each.",
            discussion: """
                From job/ai-engines as captured; VERSIONS and JOBS count archived versions by engine_id. The v2 \
                engines (training-job-engines) follow in their own table, JOBS counting archived v2 jobs by \
                engine name and version; --api picks one.

                Examples:
                  jobarchive engines archives/sample.sqlite
                  jobarchive engines archives/sample.sqlite --json
                  jobarchive get-engine archives/sample.sqlite -v     # the ma-cli spelling

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @OptionGroup var list: CatalogListOptions

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: list.capture.capture, style: list.color.style) { archive, out in
                try Engines.write(archive, api: api, verbose: true, includeDeleted: list.includeDeleted, asOf: list.capture.capture, output: list.output, to: out)
            }
        }

        /// The v1 and v2 engines `api` asks for.
        static func write(
            _ archive: Archive, api: APIChoice, verbose: Bool, includeDeleted: Bool, asOf capture: Int64?, output: RowOutputOptions, to out: Output
        ) throws {
            let v1 = try api == .v2 ? nil : GenerationPart(
                api: "v1", title: "v1 AI engines (job/ai-engines)", listing: listing(verbose: verbose),
                rows: archive.catalog.engines(includeDeleted: includeDeleted, asOf: capture))
            let v2 = try api == .v1 ? nil : GenerationPart(
                api: "v2", title: "v2 engines (training-job-engines)", listing: v2Listing(verbose: verbose),
                rows: archive.catalog.v2Engines(includeDeleted: includeDeleted, asOf: capture))
            try writeGenerations(v1, v2, output: output, to: out)
        }

        /// The v2 engines listing; `verbose` adds v1 compatibility, run user and usage to the table.
        static func v2Listing(verbose: Bool) -> Listing<V2EngineRow> {
            Listing(
                csv: [
                    .text("engine_id") { $0.engineID }, .text("engine_name") { $0.engineName }, .text("engine_version") { $0.engineVersion },
                    .value("v1_compatible") { $0.v1Compatible }, .text("run_user") { $0.runUser }, .value("jobs") { $0.jobs },
                    .flag("deleted") { $0.deleted },
                ],
                table: [
                    .name(.left("ID"), { $0.engineID }, deleted: { $0.deleted }), .text(.left("NAME")) { $0.engineName },
                    .text(.left("VERSION", shrink: true)) { $0.engineVersion },
                ] + (verbose ? [
                    .init(.left("V1 COMPATIBLE")) { r, _ in r.v1Compatible.map { $0 ? "yes" : "no" } ?? "-" }, .text(.right("RUN USER")) { $0.runUser },
                    .value(.right("JOBS")) { $0.jobs },
                ] : []))
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
