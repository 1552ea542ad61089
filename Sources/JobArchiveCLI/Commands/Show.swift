import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI

extension JobArchiveCommand {
    /// `jobarchive show`: everything about a job or a version.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show everything about a job or a version; --raw prints the captured JSON byte for byte.",
            discussion: """
                For a version: status and times, engine, image and command, code, spec and pool, parameters, \
                data sources and volumes, model metrics and system metric summaries, log files, the lineage \
                chain (pre_version_id) and every revision stored across captures. For a job: its row, its \
                versions and its revisions.

                --raw writes the exact bytes the API returned: the job-list row for a job, the version-list \
                element for a version (--detail: the version-details body). Nothing is added, not even a \
                newline, so `jobarchive show A 10/10 --raw | sha256sum` matches the capture.

                Examples:
                  jobarchive show archives/sample.sqlite 10
                  jobarchive show archives/sample.sqlite 10/10
                  jobarchive show archives/sample.sqlite 585024/V0003 --json
                  jobarchive show archives/sample.sqlite 10/10 --raw | jq .
                  jobarchive show archives/sample.sqlite 585024/1120180@1 --raw --detail

                Exit status: 0 found, 1 unknown job or version (the error lists what exists), 64 bad usage.
                """)

        @OptionGroup var path: ArchivePathArgument

        @Argument(help: ArgumentHelp("JOB, JOB/VERSION or JOB/VERSION@CAPTURE (ids, or names like resnet50_imagenet/V0002).", valueName: "job[/version]"))
        var target: String

        @Flag(help: "Print the captured JSON exactly as stored (no formatting, no trailing newline).")
        var raw = false

        @Flag(help: "With --raw on a version: the version-details body instead of the version-list element.")
        var detail = false

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: OutputOptions
        @OptionGroup var color: ColorOptions

        func validate() throws {
            let spec = try VersionSpec(parsing: target)
            guard spec.job != nil else { throw ValidationError("give a job: JOB or JOB/VERSION") }
            if spec.capture != nil && capture.capture != nil { throw ValidationError("give the capture once: JOB/VERSION@N or --at N") }
            if raw && output.json { throw ValidationError("--raw and --json cannot be combined") }
            if detail && !raw { throw ValidationError("--detail goes with --raw") }
        }

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let spec = try VersionSpec(parsing: target)
                let archive = try openArchive(path.archive)
                let at = spec.capture ?? capture.capture
                if let at { _ = try archive.captures.resolve(at) }
                let jobID: Int64
                // With a version it is a v1 job; without, a v1 job or a v2 job's UUID or name.
                switch spec.version == nil ? try archive.jobs.resolveAnyJob(spec.job ?? "", asOf: at) : .v1(try archive.jobs.resolveJob(spec.job ?? "", asOf: at)) {
                case .v1(let id):
                    jobID = id
                case .v2(let v2):
                    try Show.showV2(v2, archive: archive, asOf: at, raw: raw, json: output.json, to: out)
                    return
                }
                guard let versionText = spec.version else {
                    if raw {
                        guard let revision = try archive.entities.liveEntity(kind: .job, key: String(jobID), asOf: at), let bytes = revision.raw else {
                            throw ArchiveError(.noSuchItem, "job \(jobID) has no captured job-list row\(at.map { " as of capture \($0)" } ?? "")")
                        }
                        out.write(bytes: bytes)
                        return
                    }
                    let detail = try archive.jobs.jobDetail(jobID: jobID, asOf: at)
                    if output.json { try writeJSON(detail, to: out) } else { Show.writeJob(detail, to: out) }
                    return
                }
                let versionID = try archive.jobs.resolveVersion(jobID: jobID, versionText, asOf: at)
                if raw {
                    let key = EntityKey.version(jobID: jobID, versionID: versionID)
                    let revision = detail
                        ? try archive.entities.liveEntity(kind: .versionDetail, key: key, asOf: at)
                        : try archive.entities.liveEntity(kind: .version, key: key, asOf: at) ?? archive.entities.liveEntity(kind: .versionDetail, key: key, asOf: at)
                    guard let revision, let bytes = revision.raw else {
                        throw ArchiveError(.noSuchItem, "version \(key) has no captured \(detail ? "details body; try without --detail" : "JSON")")
                    }
                    out.write(bytes: bytes)
                    return
                }
                let info = try archive.jobs.versionDetail(jobID: jobID, versionID: versionID, asOf: at)
                if output.json { try writeJSON(info, to: out) } else { Show.writeVersion(info, to: out) }
            }
        }

        /// `show` of a v2 job: its details body with `--raw` (the search item when no details were captured).
        static func showV2(_ job: V2JobSummary, archive: Archive, asOf at: Int64?, raw: Bool, json: Bool, to out: Output) throws {
            let detail = try archive.jobs.v2JobDetail(job, asOf: at)
            if raw {
                let key = EntityKey.v2Job(job.jobID)
                guard let revision = try archive.entities.liveEntity(kind: EntityKind(rawValue: detail.source) ?? .v2JobDetail, key: key, asOf: at),
                    let bytes = revision.raw
                else { throw ArchiveError(.noSuchItem, "v2 job \(job.jobID) has no captured JSON") }
                out.write(bytes: bytes)
                return
            }
            if json {
                try writeJSON(detail, to: out)
                return
            }
            writeV2Job(detail, to: out)
        }

        // MARK: - Text

        /// The parts there are, joined by spaces; `-` when there are none.
        static func joined(_ parts: [String?]) -> String {
            let present = parts.compactMap { $0 }.filter { !$0.isEmpty }
            return present.isEmpty ? "-" : present.joined(separator: " ")
        }

        static func writeV2Job(_ d: V2JobDetail, to out: Output) {
            let s = out.style
            let j = d.job
            out.line(s.bold("v2 job \(TextTable.clean(j.jobID))") + (j.name.map { " " + TextTable.clean($0) } ?? "") + (j.deleted ? s.red(" (deleted upstream)") : ""))
            var rows: [(String, String)] = [
                ("phase", Format.phase(j.phase, style: s) + (j.secondaryPhase.map { $0 != j.phase ? " (\($0))" : "" } ?? "")),
                ("kind", j.kind ?? "-"), ("created", Format.time(j.createTime)), ("started", Format.time(j.startTime)),
                ("duration", Format.duration(j.duration)), ("user", j.userName ?? "-"),
                ("engine", Show.joined([j.engineName, j.engineVersion])),
                ("image", j.imageURL ?? "-"), ("code dir", d.codeDir ?? "-"), ("boot file", d.bootFile ?? "-"),
                ("command", d.command ?? "-"), ("flavor", Show.joined([j.flavorID, d.flavorName])),
                ("nodes", j.nodeCount.map(String.init) ?? "-"), ("pool", j.poolID ?? "-"),
                ("tasks", d.tasks.isEmpty ? "-" : d.tasks.joined(separator: ", ")),
            ]
            if let description = d.description, !description.isEmpty { rows.append(("description", description)) }
            for (name, value) in rows {
                out.line("  " + s.dim(name.padding(toLength: 12, withPad: " ", startingAt: 0)) + TextTable.clean(value))
            }
            if !d.parameters.isEmpty {
                out.line()
                out.line(s.bold("parameters"))
                for p in d.parameters {
                    out.line("  \(TextTable.clean(p.name)) = \(TextTable.clean(p.value ?? "(none)"))\(p.sensitive ? s.dim(" (sensitive)") : "")")
                }
            }
            if !d.metrics.isEmpty {
                out.line()
                out.line(s.bold("metrics") + s.dim(" (per-minute averages; · = no data)"))
                for task in d.metrics {
                    for series in task.series {
                        let known = series.values.compactMap { $0 }
                        let mean = known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
                        let gaps = series.values.count - known.count
                        out.line("  \(TextTable.clean(task.task)) \(TextTable.clean(series.metric)): \(series.values.count) samples\(gaps > 0 ? " (\(gaps) without data)" : ""), mean \(Format.number(mean)), max \(Format.number(known.max()))  \(Metrics.sparkline(series.values))")
                    }
                }
            }
            if !d.events.isEmpty {
                out.line()
                let warnings = d.events.filter { $0.level != nil && $0.level != "Info" }.count
                out.line(s.bold("events") + s.dim(" (\(d.events.count), \(warnings) not Info; the last 10)"))
                for e in d.events.suffix(10) {
                    out.line("  \(TextTable.clean(e.time ?? "-"))  \(TextTable.clean(e.level ?? "-").padding(toLength: 7, withPad: " ", startingAt: 0))  \(TextTable.clean(e.message ?? ""))")
                }
            }
            if !d.logs.isEmpty {
                out.line()
                let lines = d.logs.reduce(0) { $0 + $1.lineCount }
                let bytes = d.logs.reduce(0) { $0 + $1.byteCount }
                out.line(s.bold("logs") + s.dim(" (\(d.logs.count) task logs, \(lines) lines, \(formatBytes(bytes)); read one with `log ARCHIVE JOB --task TASK`)"))
                for f in d.logs {
                    let run = (f.run ?? 0) > 0 ? " run \(f.run ?? 0)" : ""
                    out.line("  \(TextTable.clean(f.fileName))\(run)  \(f.lineCount) lines, \(formatBytes(f.byteCount))\(f.complete ? "" : s.yellow(" (incomplete)"))")
                }
            }
            out.line()
            out.line(s.bold("revisions") + s.dim(" (fields from the \(d.source == EntityKind.v2JobDetail.rawValue ? "details body" : "search item"))"))
            for r in d.revisions {
                out.line("  capture \(r.captureID)  \(r.kind)  \(r.deleted ? "deleted upstream" : "\(r.bytes) bytes")")
            }
        }

        static func writeJob(_ d: JobDetail, to out: Output) {
            let s = out.style
            let j = d.job
            out.line(s.bold("job \(j.jobID)  \(j.jobName ?? "")") + (j.deleted ? s.red("  (deleted upstream)") : ""))
            var block = KeyValueBlock()
            block.add("description", j.jobDesc)
            block.add("status", Format.status(j.status, style: s) + (j.latestVersionID.map { " (latest version \($0))" } ?? ""))
            block.add("created", Format.timeSeconds(j.createTime))
            block.add("duration", Format.duration(j.duration))
            block.add("engine", j.engine)
            block.add("versions", "\(j.archivedVersions) archived" + (j.versionCount.map { " (the API reported \($0))" } ?? ""))
            block.add("logs", "\(d.logFiles) files, \(formatBytes(d.logBytes))")
            out.write(block.render(style: s))
            if !d.versions.isEmpty {
                out.line()
                Versions.listing(showJob: false).writeTable(d.versions, to: out)
            }
            writeRevisions(d.revisions, to: out)
        }

        static func writeVersion(_ d: VersionDetail, to out: Output) {
            let s = out.style
            let v = d.summary
            let jobName = d.job?.jobName.map { "  \($0)" } ?? ""
            out.line(s.bold("job \(v.jobID)\(jobName) · version \(v.versionID) \(v.versionName ?? "")") + (v.deleted ? s.red("  (deleted upstream)") : ""))
            var run = KeyValueBlock()
            run.add("status", Format.status(v.status, style: s) + (v.status.map { " (\($0))" } ?? ""))
            run.add("created", Format.timeSeconds(v.createTime))
            run.add("started", v.startTime.map { Format.timeSeconds($0) })
            run.add("duration", Format.duration(v.duration))
            run.add("resource", d.resourceID)
            out.write(run.render(style: s))

            section("image and command", out)
            var image = KeyValueBlock()
            image.add("engine", [v.engineName, v.engineVersion].compactMap { $0 }.joined(separator: " ") + (v.engineID.map { " (engine_id \($0))" } ?? ""))
            image.add("image", d.userImageURL)
            image.add("command", d.userCommand)
            image.add("code", d.appURL)
            image.add("boot file", d.bootFileURL)
            image.add("model", d.modelID.map(String.init))
            out.write(image.render(style: s, indent: "  "))

            section("spec and pool", out)
            var spec = KeyValueBlock()
            spec.add("spec", (v.specCode ?? "-") + (v.specID.map { " (spec_id \($0))" } ?? ""))
            let resources = [d.core.map { "core \($0)" }, d.cpu.map { "cpu \($0)" }, v.gpuNum.map { "gpu \($0)" + (v.gpuType.map { " × \($0)" } ?? "") }].compactMap { $0 }
            spec.add("resources", resources.joined(separator: ", "))
            spec.add("workers", v.workers.map(String.init))
            spec.add("pool", [v.poolName, v.poolID.map { "(\($0))" }, v.poolType].compactMap { $0 }.joined(separator: " "))
            out.write(spec.render(style: s, indent: "  "))

            if !d.lineage.isEmpty {
                section("lineage", out)
                let chain = d.lineage.map { ref in "\(ref.versionName ?? String(ref.versionID)) (\(ref.versionID))" }.joined(separator: " → ")
                out.line("  " + chain)
                if !d.derived.isEmpty {
                    out.line("  " + s.dim("derived: ") + d.derived.map { "\($0.versionName ?? String($0.versionID)) (\($0.versionID))" }.joined(separator: ", "))
                }
            }

            section("parameters", out)
            if d.parameters.isEmpty { out.line("  " + s.dim("none")) }
            var params = KeyValueBlock()
            for p in d.parameters {
                params.rows.append((p.label, (p.valueText ?? p.valueJSON) + (p.redacted ? s.yellow("  (redacted at capture)") : "")))
            }
            out.write(params.render(style: s, indent: "  "))

            section("data", out)
            var data = KeyValueBlock()
            data.add("data_url", d.dataURL)
            data.add("dataset", [d.datasetName, d.datasetID].compactMap { $0 }.joined(separator: " "))
            data.add("dataset version", [d.datasetVersionName, d.datasetVersionID].compactMap { $0 }.joined(separator: " "))
            for (i, source) in d.dataSources.enumerated() {
                let parts = [source.type.map { "type=\($0)" }, source.datasetID.map { "dataset_id=\($0)" }, source.datasetVersion.map { "dataset_version=\($0)" }, source.dataURL.map { "data_url=\($0)" }]
                data.rows.append(("data_source[\(i)]", parts.compactMap { $0 }.joined(separator: " ")))
            }
            for (i, volume) in d.volumes.enumerated() {
                let text = "\(volume.kind) \(volume.srcPath ?? "?") → \(volume.destPath ?? "?")" + (volume.readOnly == true ? " (read-only)" : "")
                data.rows.append(("volumes[\(i)]", text))
            }
            data.add("nas", d.nas)
            data.add("train_url", d.trainURL)
            data.add("log_url", d.logURL)
            out.write(data.render(style: s, indent: "  "))

            if let metrics = d.modelMetrics, !(metrics.classes.isEmpty && metrics.totals.isEmpty) {
                section("model metrics", out)
                Metrics.writeModelMetrics(metrics, indent: "  ", to: out)
            }
            if let system = d.systemMetrics, !system.series.isEmpty {
                section("system metrics" + (system.interval.map { " (interval \($0))" } ?? ""), out)
                Metrics.writeSystemSummary(system, indent: "  ", to: out)
            }

            section("logs", out)
            if d.logFiles.isEmpty { out.line("  " + s.dim("none archived")) }
            var logs = TextTable([.left("  FILE"), .right("LINES"), .right("BYTES"), .left("COMPLETE")])
            for f in d.logFiles {
                logs.add(["  " + f.fileName, String(f.lineCount), formatBytes(f.byteCount), f.complete ? "yes" : "no (still running when captured)"])
            }
            if !d.logFiles.isEmpty { out.write(logs.render(style: Style(enabled: false), maxWidth: nil)) }

            writeRevisions(d.revisions, to: out)
        }

        static func section(_ title: String, _ out: Output) {
            out.line()
            out.line(out.style.bold(title))
        }

        static func writeRevisions(_ revisions: [RevisionInfo], to out: Output) {
            section("revisions", out)
            var table = TextTable([.right("  CAPTURE"), .left("CAPTURED"), .left("KIND"), .left("CHANGE"), .right("BYTES"), .left("SHA-256")])
            var seen: Set<String> = []
            for r in revisions {
                let change = r.deleted ? "deleted upstream" : (seen.contains(r.kind) ? "changed" : "added")
                seen.insert(r.kind)
                table.add(["  \(r.captureID)", r.capturedAt, r.kind, change, r.deleted ? "-" : String(r.bytes), r.sha256.map { String($0.prefix(16)) + "…" } ?? "-"])
            }
            out.write(table.render(style: Style(enabled: false), maxWidth: nil))
        }
    }
}
