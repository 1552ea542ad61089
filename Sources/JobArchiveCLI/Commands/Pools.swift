import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive pools`: the resource pools named by archived versions, with counts.
    struct Pools: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the resource pools archived versions ran in, with version and job counts.",
            discussion: """
                The v1 API has no pool list; each version names its pool (pool_id, pool_name, pool_type:
                SYSTEM_DEFINED for the public pool, USER_DEFINED for a dedicated one). This groups the archived \
                versions by pool: how many, over which period, on which specs. The v2 API lists its pools \
                (captured from `pools`): they follow in their own table with type, scope, phase and JOBS, the \
                archived v2 jobs by spec.resource.pool_id; --api picks one.

                Examples:
                  jobarchive pools archives/sample.sqlite
                  jobarchive pools archives/sample.sqlite --csv
                  jobarchive versions archives/sample.sqlite --pool pnt1

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument
        @OptionGroup var capture: CaptureOption

        @Flag(help: "Also list v2 pools gone upstream (marked deleted).")
        var includeDeleted = false

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: capture.capture, style: color.style) { archive, out in
                try Pools.write(archive, api: api, verbose: true, includeDeleted: includeDeleted, asOf: capture.capture, output: output, to: out)
            }
        }

        /// The v1 pools (from versions) and v2 pools (captured) `api` asks for.
        static func write(
            _ archive: Archive, api: APIChoice, verbose: Bool, includeDeleted: Bool, asOf capture: Int64?, output: RowOutputOptions, to out: Output
        ) throws {
            let v1 = try api == .v2 ? nil : GenerationPart(
                api: "v1", title: "v1 pools (named by archived versions)", listing: listing(verbose: verbose), rows: archive.catalog.pools(asOf: capture))
            let v2 = try api == .v1 ? nil : GenerationPart(
                api: "v2", title: "v2 pools (pools)", listing: v2Listing, rows: archive.catalog.v2Pools(includeDeleted: includeDeleted, asOf: capture))
            try writeGenerations(v1, v2, output: output, to: out)
        }

        /// The v2 pools listing.
        static var v2Listing: Listing<V2PoolRow> {
            Listing(
                csv: [
                    .text("name") { $0.name }, .text("display_name") { $0.displayName }, .text("type") { $0.type }, .text("scope") { $0.scope },
                    .text("phase") { $0.phase }, .value("jobs") { $0.jobs }, .flag("deleted") { $0.deleted },
                ],
                table: [
                    .name(.left("POOL"), { $0.displayName ?? $0.name }, deleted: { $0.deleted }), .text(.left("ID")) { $0.name },
                    .text(.left("TYPE")) { $0.type }, .text(.left("SCOPE")) { $0.scope }, .text(.left("PHASE")) { $0.phase },
                    .value(.right("JOBS")) { $0.jobs },
                ])
        }

        /// The pools listing; `verbose` adds first and last use and the specs to the table.
        static func listing(verbose: Bool) -> Listing<PoolRow> {
            Listing(
                csv: [
                    .text("pool_id") { $0.poolID }, .text("pool_name") { $0.poolName }, .text("pool_type") { $0.poolType },
                    .value("versions") { $0.versions }, .value("jobs") { $0.jobs }, .value("first_used") { $0.firstUsed },
                    .value("last_used") { $0.lastUsed }, .init("spec_codes") { $0.specCodes.joined(separator: " ") },
                ],
                table: [
                    .text(.left("POOL")) { $0.poolName }, .text(.left("ID")) { $0.poolID }, .text(.left("TYPE")) { $0.poolType },
                    .value(.right("VERSIONS")) { $0.versions }, .value(.right("JOBS")) { $0.jobs },
                ] + (verbose ? [
                    .time(.left("FIRST USED")) { $0.firstUsed }, .time(.left("LAST USED")) { $0.lastUsed },
                    .init(.left("SPECS", shrink: true)) { row, _ in row.specCodes.joined(separator: ", ") },
                ] : []))
        }
    }
}
