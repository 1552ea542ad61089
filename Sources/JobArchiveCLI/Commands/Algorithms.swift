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

        @Flag(help: "Also list algorithms gone upstream.")
        var includeDeleted = false

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let archive = try openArchive(path.archive)
                if let at = capture.capture { _ = try archive.resolveCapture(at) }
                let rows = try archive.algorithms(includeDeleted: includeDeleted, asOf: capture.capture)
                if output.json { try writeJSON(rows, to: out); return }
                if output.csv {
                    out.write(CSV.line(["model_id", "model_name", "model_usage", "model_precision", "model_size", "engine_id", "engine_name", "engine_version", "create_time", "deleted"]))
                    for a in rows {
                        out.write(CSV.line([String(a.modelID), a.modelName ?? "", Format.csv(a.modelUsage), a.modelPrecision ?? "", Format.csv(a.modelSize), Format.csv(a.engineID), a.engineName ?? "", a.engineVersion ?? "", Format.csv(a.createTime), a.deleted ? "1" : "0"]))
                    }
                    return
                }
                var table = TextTable([.right("ID"), .left("NAME"), .right("USAGE"), .left("PRECISION", shrink: true), .right("SIZE"), .left("ENGINE", shrink: true)])
                for a in rows {
                    table.add([String(a.modelID), (a.modelName ?? "-") + (a.deleted ? out.style.red(" (deleted)") : ""), Format.opt(a.modelUsage), a.modelPrecision ?? "-", a.modelSize.map { formatBytes(Int($0)) } ?? "-", [a.engineName, a.engineVersion].compactMap { $0 }.joined(separator: " ")])
                }
                out.write(table.render(style: out.style, maxWidth: Terminal.width))
            }
        }
    }
}
