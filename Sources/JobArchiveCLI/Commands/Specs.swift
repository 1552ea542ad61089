import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive specs`: the resource specs (flavors) and how often archived versions used them.
    struct Specs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the resource specs (flavors): cores, memory, accelerators, and their use by archived versions.",
            discussion: """
                From job/resource-specs as captured. TYPE groups flavors the way ma-cli's --flavor-type does \
                (CPU, GPU, Ascend); SOLD OUT is no_resource at capture time; VERSIONS counts archived versions \
                by spec_id.

                Examples:
                  jobarchive specs archives/sample.sqlite
                  jobarchive specs archives/sample.sqlite --type GPU --csv
                  jobarchive get-flavor archives/sample.sqlite -t Ascend     # ma-cli

                Exit status: 0 ok, 1 unreadable archive, 64 bad usage.
                """,
            aliases: ["flavors"])

        @OptionGroup var path: ArchivePathArgument

        @Option(name: [.customShort("t"), .customLong("type")], help: "Only flavors of this type: CPU, GPU or Ascend.")
        var type: FlavorType?

        @Flag(help: "Also list specs gone upstream.")
        var includeDeleted = false

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        /// ma-cli's flavor types.
        enum FlavorType: String, ExpressibleByArgument, CaseIterable {
            case CPU, GPU, Ascend

            init?(argument: String) {
                guard let match = FlavorType.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
                self = match
            }
        }

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let archive = try openArchive(path.archive)
                if let at = capture.capture { _ = try archive.resolveCapture(at) }
                let rows = try archive.specs(includeDeleted: includeDeleted, asOf: capture.capture).filter { type == nil || $0.flavorType == type?.rawValue }
                try Specs.write(rows, output: output, verbose: true, to: out)
            }
        }

        static func write(_ rows: [SpecRow], output: RowOutputOptions, verbose: Bool, to out: Output) throws {
            if output.json { try writeJSON(rows, to: out); return }
            if output.csv {
                out.write(CSV.line(["spec_id", "spec_code", "type", "core", "cpu", "gpu_num", "gpu_type", "max_num", "storage", "no_resource", "versions", "deleted"]))
                for r in rows {
                    out.write(CSV.line([String(r.specID), r.specCode ?? "", r.flavorType, r.core ?? "", r.cpu ?? "", Format.csv(r.gpuNum), r.gpuType ?? "", Format.csv(r.maxNum), r.storage ?? "", r.noResource == true ? "1" : "0", String(r.versions), r.deleted ? "1" : "0"]))
                }
                return
            }
            var columns: [TextTable.Column] = [.right("ID"), .left("CODE"), .left("TYPE"), .right("CORES"), .right("CPU"), .left("ACCELERATORS")]
            if verbose { columns += [.right("MAX NODES"), .left("STORAGE"), .left("SOLD OUT"), .right("VERSIONS")] }
            var table = TextTable(columns)
            for r in rows {
                let accel = (r.gpuNum ?? 0) > 0 ? "\(r.gpuNum ?? 0) × \(r.gpuType ?? "?")" : "-"
                var row = [String(r.specID), (r.specCode ?? "-") + (r.deleted ? out.style.red(" (deleted)") : ""), r.flavorType, r.core ?? "-", r.cpu ?? "-", accel]
                if verbose { row += [Format.opt(r.maxNum), r.storage ?? "-", r.noResource == true ? out.style.yellow("yes") : "no", String(r.versions)] }
                table.add(row)
            }
            out.write(table.render(style: out.style, maxWidth: Terminal.width))
        }
    }
}
