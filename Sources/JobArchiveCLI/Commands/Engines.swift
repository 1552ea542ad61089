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

        @Flag(help: "Also list engines gone upstream.")
        var includeDeleted = false

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let archive = try openArchive(path.archive)
                if let at = capture.capture { _ = try archive.resolveCapture(at) }
                try Engines.write(try archive.engines(includeDeleted: includeDeleted, asOf: capture.capture), output: output, verbose: true, to: out)
            }
        }

        static func write(_ rows: [EngineRow], output: RowOutputOptions, verbose: Bool, to out: Output) throws {
            if output.json {
                try writeJSON(rows, to: out)
                return
            }
            if output.csv {
                out.write(CSV.line(["engine_id", "engine_type", "engine_name", "engine_version", "versions", "jobs", "deleted"]))
                for e in rows {
                    out.write(CSV.line([String(e.engineID), Format.csv(e.engineType), e.engineName ?? "", e.engineVersion ?? "", String(e.versions), String(e.jobs), e.deleted ? "1" : "0"]))
                }
                return
            }
            var columns: [TextTable.Column] = [.right("ID"), .left("NAME"), .left("VERSION", shrink: true)]
            if verbose { columns += [.right("TYPE"), .right("VERSIONS"), .right("JOBS")] }
            var table = TextTable(columns)
            for e in rows {
                var row = [String(e.engineID), (e.engineName ?? "-") + (e.deleted ? out.style.red(" (deleted)") : ""), e.engineVersion ?? "-"]
                if verbose { row += [Format.opt(e.engineType), String(e.versions), String(e.jobs)] }
                table.add(row)
            }
            out.write(table.render(style: out.style, maxWidth: Terminal.width))
        }
    }
}
