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
                by spec_id. The v2 flavors (training-job-flavors) follow in their own table: cores, memory, \
                accelerators, max nodes, and JOBS, the archived v2 jobs by flavor_id; --api picks one.

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

        @Option(help: ArgumentHelp("Which catalog: v1, v2 or both (a table each; --csv needs one).", valueName: "v1|v2|both"))
        var api: APIChoice = .both

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
                try Specs.write(archive, api: api, type: type, verbose: true, includeDeleted: list.includeDeleted, asOf: list.capture.capture, output: list.output, to: out)
            }
        }

        /// The v1 specs and v2 flavors `api` asks for, of `type`.
        static func write(
            _ archive: Archive, api: APIChoice, type: FlavorType?, verbose: Bool, includeDeleted: Bool, asOf capture: Int64?,
            output: RowOutputOptions, to out: Output
        ) throws {
            let v1 = try api == .v2 ? nil : GenerationPart(
                api: "v1", title: "v1 resource specs (job/resource-specs)", listing: listing(verbose: verbose),
                rows: archive.catalog.specs(includeDeleted: includeDeleted, asOf: capture).filter { type == nil || $0.flavorType == type?.rawValue })
            let v2 = try api == .v1 ? nil : GenerationPart(
                api: "v2", title: "v2 flavors (training-job-flavors)", listing: v2Listing(verbose: verbose),
                rows: archive.catalog.v2Flavors(includeDeleted: includeDeleted, asOf: capture).filter { type == nil || $0.flavorType?.lowercased() == type?.rawValue.lowercased() })
            try writeGenerations(v1, v2, output: output, to: out)
        }

        /// The v2 flavors listing; `verbose` adds max nodes and usage to the table.
        static func v2Listing(verbose: Bool) -> Listing<V2FlavorRow> {
            Listing(
                csv: [
                    .text("flavor_id") { $0.flavorID }, .text("flavor_name") { $0.flavorName }, .text("flavor_type") { $0.flavorType },
                    .value("max_num") { $0.maxNum }, .value("cpu_cores") { $0.cpuCores }, .text("cpu_arch") { $0.cpuArch },
                    .text("memory") { $0.memory }, .text("accelerators") { $0.accelerators }, .value("jobs") { $0.jobs },
                    .flag("deleted") { $0.deleted },
                ],
                table: [
                    .name(.left("ID"), { $0.flavorID }, deleted: { $0.deleted }), .text(.left("NAME", shrink: true)) { $0.flavorName },
                    .text(.left("TYPE")) { $0.flavorType }, .value(.right("CORES")) { $0.cpuCores }, .text(.right("MEMORY")) { $0.memory },
                    .text(.left("ACCELERATORS")) { $0.accelerators },
                ] + (verbose ? [.value(.right("MAX NODES")) { $0.maxNum }, .value(.right("JOBS")) { $0.jobs }] : []))
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
