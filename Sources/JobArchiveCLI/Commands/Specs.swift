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

        @OptionGroup var list: CatalogListOptions

        /// ma-cli's flavor types.
        enum FlavorType: String, ExpressibleByArgument, CaseIterable {
            case CPU, GPU, Ascend

            init?(argument: String) {
                guard let match = FlavorType.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
                self = match
            }
        }

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: list.capture.capture, style: list.color.style) { archive, out in
                let rows = try archive.catalog.specs(includeDeleted: list.includeDeleted, asOf: list.capture.capture).filter { type == nil || $0.flavorType == type?.rawValue }
                try Specs.listing(verbose: true).write(rows, output: list.output, to: out)
            }
        }

        /// The specs listing; `verbose` adds nodes, storage, availability and usage to the table.
        static func listing(verbose: Bool) -> Listing<SpecRow> {
            Listing(
                csv: [
                    .value("spec_id") { $0.specID }, .text("spec_code") { $0.specCode }, .init("type") { $0.flavorType },
                    .text("core") { $0.core }, .text("cpu") { $0.cpu }, .value("gpu_num") { $0.gpuNum }, .text("gpu_type") { $0.gpuType },
                    .value("max_num") { $0.maxNum }, .text("storage") { $0.storage }, .flag("no_resource") { $0.noResource == true },
                    .value("versions") { $0.versions }, .flag("deleted") { $0.deleted },
                ],
                table: [
                    .value(.right("ID")) { $0.specID }, .name(.left("CODE"), { $0.specCode }, deleted: { $0.deleted }),
                    .text(.left("TYPE")) { $0.flavorType }, .text(.right("CORES")) { $0.core }, .text(.right("CPU")) { $0.cpu },
                    .init(.left("ACCELERATORS")) { r, _ in (r.gpuNum ?? 0) > 0 ? "\(r.gpuNum ?? 0) × \(r.gpuType ?? "?")" : "-" },
                ] + (verbose ? [
                    .value(.right("MAX NODES")) { $0.maxNum }, .text(.left("STORAGE")) { $0.storage },
                    .init(.left("SOLD OUT")) { r, style in r.noResource == true ? style.yellow("yes") : "no" }, .value(.right("VERSIONS")) { $0.versions },
                ] : []))
        }
    }
}
