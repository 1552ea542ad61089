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
            try await runQuery(style: color.style) { out in
                let archive = try openArchive(path.archive)
                if let at = capture.capture { _ = try archive.resolveCapture(at) }
                try Pools.write(try archive.pools(asOf: capture.capture), output: output, verbose: true, to: out)
            }
        }

        static func write(_ rows: [PoolRow], output: RowOutputOptions, verbose: Bool, to out: Output) throws {
            if output.json { try writeJSON(rows, to: out); return }
            if output.csv {
                out.write(CSV.line(["pool_id", "pool_name", "pool_type", "versions", "jobs", "first_used", "last_used", "spec_codes"]))
                for p in rows {
                    out.write(CSV.line([p.poolID ?? "", p.poolName ?? "", p.poolType ?? "", String(p.versions), String(p.jobs), Format.csv(p.firstUsed), Format.csv(p.lastUsed), p.specCodes.joined(separator: " ")]))
                }
                return
            }
            var columns: [TextTable.Column] = [.left("POOL"), .left("ID"), .left("TYPE"), .right("VERSIONS"), .right("JOBS")]
            if verbose { columns += [.left("FIRST USED"), .left("LAST USED"), .left("SPECS", shrink: true)] }
            var table = TextTable(columns)
            for p in rows {
                var row = [p.poolName ?? "-", p.poolID ?? "-", p.poolType ?? "-", String(p.versions), String(p.jobs)]
                if verbose { row += [Format.time(p.firstUsed), Format.time(p.lastUsed), p.specCodes.joined(separator: ", ")] }
                table.add(row)
            }
            out.write(table.render(style: out.style, maxWidth: Terminal.width))
        }
    }
}
