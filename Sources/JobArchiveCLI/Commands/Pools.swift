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
                versions by pool: how many, over which period, on which specs.

                Examples:
                  jobarchive pools archives/sample.sqlite
                  jobarchive pools archives/sample.sqlite --csv
                  jobarchive versions archives/sample.sqlite --pool pnt1

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument
        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: capture.capture, style: color.style) { archive, out in
                try Pools.listing(verbose: true).write(try archive.catalog.pools(asOf: capture.capture), output: output, to: out)
            }
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
