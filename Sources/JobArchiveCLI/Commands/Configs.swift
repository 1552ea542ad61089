import ArchiveStore
import ArgumentParser

extension JobArchiveCommand {
    /// `jobarchive configs`: saved training-job configurations.
    struct Configs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the saved training-job configurations, or show one with its parameters.",
            discussion: """
                Configurations (training-job-configs) are the reusable parameter sets a project keeps: custom \
                ones and Huawei's samples. NAME is a config name or TYPE/NAME (custom/config123).

                Examples:
                  jobarchive configs archives/sample.sqlite
                  jobarchive configs archives/sample.sqlite config123
                  jobarchive configs archives/sample.sqlite sample/sample-mnist-tf --json

                Exit status: 0 ok, 1 unknown configuration (the error lists them) or unreadable archive, 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Argument(help: "A configuration's name or TYPE/NAME (default: list them all).")
        var name: String?

        @OptionGroup var list: CatalogListOptions

        /// The saved-configs listing.
        static var listing: Listing<ConfigSummaryRow> {
            Listing(
                csv: [
                    .init("type") { $0.type }, .init("name") { $0.name }, .text("description") { $0.desc }, .text("engine_name") { $0.engineName },
                    .text("engine_version") { $0.engineVersion }, .text("spec_code") { $0.specCode }, .value("workers") { $0.workers },
                    .value("create_time") { $0.createTime }, .text("user_image_url") { $0.userImageURL }, .flag("deleted") { $0.deleted },
                ],
                table: [
                    .init(.left("TYPE")) { c, _ in c.type }, .name(.left("NAME"), { $0.name }, deleted: { $0.deleted }),
                    .init(.left("ENGINE", shrink: true)) { c, _ in [c.engineName, c.engineVersion].compactMap { $0 }.joined(separator: " ") },
                    .text(.left("SPEC")) { $0.specCode }, .value(.right("WORKERS")) { $0.workers }, .time(.left("CREATED")) { $0.createTime },
                    .init(.left("DESCRIPTION", shrink: true)) { c, _ in c.desc ?? "" },
                ])
        }

        func run() async throws {
            try await runQuery(archive: path.archive, asOf: list.capture.capture, style: list.color.style) { archive, out in
                if let name {
                    let detail = try archive.catalog.configDetail(name, asOf: list.capture.capture)
                    if list.output.json { try writeJSON(detail, to: out); return }
                    if list.output.csv {
                        out.write(CSV.line(["label", "value"]))
                        for p in detail.parameters { out.write(CSV.line([p.label, p.valueText ?? p.valueJSON])) }
                        return
                    }
                    Configs.writeDetail(detail, to: out)
                    return
                }
                let rows = try archive.catalog.configs(includeDeleted: list.includeDeleted, asOf: list.capture.capture)
                try Configs.listing.write(rows, output: list.output, to: out)
            }
        }

        static func writeDetail(_ d: ConfigDetail, to out: Output) {
            let s = out.style
            let c = d.summary
            out.line(s.bold("config \(c.type)/\(c.name)") + (c.deleted ? s.red("  (deleted upstream)") : ""))
            var block = KeyValueBlock()
            block.add("description", c.desc)
            block.add("created", Format.timeSeconds(c.createTime))
            block.add("engine", [c.engineName, c.engineVersion].compactMap { $0 }.joined(separator: " ") + (c.engineID.map { " (engine_id \($0))" } ?? ""))
            block.add("image", c.userImageURL)
            block.add("command", c.userCommand)
            block.add("code", d.appURL)
            block.add("boot file", d.bootFileURL)
            block.add("spec", (c.specCode ?? "-") + (c.specID.map { " (spec_id \($0))" } ?? ""))
            block.add("workers", c.workers.map(String.init))
            block.add("pool", [c.poolName, d.poolID.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "))
            block.add("data_url", d.dataURL)
            for (i, source) in d.dataSources.enumerated() {
                let parts = [source.type.map { "type=\($0)" }, source.datasetID.map { "dataset_id=\($0)" }, source.datasetVersion.map { "dataset_version=\($0)" }, source.dataURL.map { "data_url=\($0)" }]
                block.rows.append(("data_source[\(i)]", parts.compactMap { $0 }.joined(separator: " ")))
            }
            for (i, v) in d.volumes.enumerated() {
                block.rows.append(("volumes[\(i)]", "\(v.kind) \(v.srcPath ?? "?") → \(v.destPath ?? "?")" + (v.readOnly == true ? " (read-only)" : "")))
            }
            block.add("train_url", d.trainURL)
            block.add("log_url", d.logURL)
            out.write(block.render(style: s))
            Show.section("parameters", out)
            if d.parameters.isEmpty { out.line("  " + s.dim("none")) }
            var params = KeyValueBlock()
            for p in d.parameters { params.rows.append((p.label, p.valueText ?? p.valueJSON)) }
            out.write(params.render(style: s, indent: "  "))
            Show.writeRevisions(d.revisions, to: out)
        }
    }
}
