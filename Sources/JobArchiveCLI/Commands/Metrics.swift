import ArchiveStore
import ArgumentParser
import Foundation

extension JobArchiveCommand {
    /// `jobarchive metrics`: a version's model metrics and system metric series, optionally drawn as SVG.
    struct Metrics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a version's model metrics (per class and totals) and system metric series; --plot draws them.",
            discussion: """
                Model metrics come from model_metric_list (per class and total_metric); system metrics from \
                system_metric_list (cpuUsage, memUsage, gpuUtil, …, sampled every `interval`). The table shows \
                each series' samples, min, mean, max and last value; --plot FILE.svg draws every series in its \
                own panel (people look at curves rather than read numbers); --series picks some. A v2 job (its \
                UUID or name) has per-task series from its metrics endpoint (cpuUsage, memUsage, gpuUtil, …, \
                per-minute averages; -1, no data, is a gap): they are named `TASK METRIC` (worker-0 cpuUsage), \
                --task keeps one task, and --series matches a metric in every task.

                Examples:
                  jobarchive metrics archives/sample.sqlite 10 10
                  jobarchive metrics archives/sample.sqlite 585024/V0002 --plot v2.svg
                  jobarchive metrics archives/sample.sqlite 10/10 --series gpuUtil --plot g.svg
                  jobarchive metrics archives/sample.sqlite 10/10 --json
                  jobarchive metrics archives/sample.sqlite 10/10 --csv
                  jobarchive metrics ARCHIVE 3f0c9a5e-… --task worker-0 --plot w0.svg

                Exit status: 0 ok, 1 unknown job or version, nothing to plot, or unwritable file; 64 bad usage.
                """)

        @OptionGroup var target: VersionTargetArguments

        @Option(help: ArgumentHelp("Write an SVG line chart of the system metric series to this file.", valueName: "file.svg"))
        var plot: String?

        @Option(help: ArgumentHelp("Only these series, comma-separated (cpuUsage,gpuUtil).", valueName: "names"))
        var series: String?

        @Option(help: ArgumentHelp("A v2 job: only this task's series (worker-0, …).", valueName: "task"))
        var task: String?

        @OptionGroup var capture: CaptureOption
        @OptionGroup var output: RowOutputOptions
        @OptionGroup var color: ColorOptions

        func validate() throws {
            if try target.spec.capture != nil && capture.capture != nil { throw ValidationError("give the capture once: JOB/VERSION@N or --at N") }
        }

        func run() async throws {
            try await runQuery(style: color.style) { out in
                let at = try self.target.spec.capture ?? capture.capture
                let archive = try openArchive(self.target.path.archive)
                if let at { _ = try archive.captures.resolve(at) }
                let spec = try self.target.spec
                if spec.version == nil, self.target.version == nil, case .v2(let v2) = try archive.jobs.resolveAnyJob(spec.job ?? self.target.job, asOf: at) {
                    try runV2(v2, archive: archive, asOf: at, to: out)
                    return
                }
                if task != nil { throw UsageError("--task is for a v2 job's per-task metrics") }
                let target = try self.target.resolve(in: archive, asOf: at)
                let detail = try archive.jobs.versionDetail(jobID: target.jobID, versionID: target.versionID, asOf: at)
                var system = detail.systemMetrics
                if let wanted = series?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }), let all = system {
                    let missing = wanted.filter { name in !all.series.contains { $0.name == name } }
                    if !missing.isEmpty {
                        throw UsageError("no series \(missing.joined(separator: ", ")) in version \(target.versionID); series: \(all.series.map(\.name).joined(separator: ", "))")
                    }
                    system?.series = all.series.filter { wanted.contains($0.name) }
                }
                if let plot {
                    guard let system, !system.series.isEmpty else {
                        throw ArchiveError(.noSuchItem, "version \(target.jobID)/\(target.versionID) has no system metric series to plot")
                    }
                    let chart = SVGLineChart(
                        title: "job \(target.jobID) \(detail.job?.jobName ?? "") · version \(detail.summary.versionName ?? String(target.versionID))",
                        subtitle: "system metrics, \(system.series.count) series, sampled every \(system.interval.map(String.init) ?? "?") (interval); archive \(self.target.path.archive)",
                        step: Double(system.interval ?? 1), xUnit: "(interval units)",
                        series: system.series.map { SVGLineChart.Series(name: $0.name, values: $0.values) })
                    try Metrics.writePlot(chart, to: plot, series: system.series.count)
                }
                struct Out: Encodable {
                    var jobID: Int64
                    var versionID: Int64
                    var versionName: String?
                    var modelMetrics: ModelMetricsInfo?
                    var systemMetrics: SystemMetricsInfo?
                }
                if output.json {
                    try writeJSON(Out(jobID: target.jobID, versionID: target.versionID, versionName: detail.summary.versionName, modelMetrics: detail.modelMetrics, systemMetrics: system), to: out)
                } else if output.csv {
                    out.write(CSV.line(["kind", "class_id", "class_name", "series", "sample", "metric", "value"]))
                    for c in detail.modelMetrics?.classes ?? [] {
                        for v in c.values { out.write(CSV.line(["model", c.classID ?? "", c.className ?? "", "", "", v.name, v.text])) }
                    }
                    for v in detail.modelMetrics?.totals ?? [] { out.write(CSV.line(["total", "", "", "", "", v.name, v.text])) }
                    for s in system?.series ?? [] {
                        for (i, v) in s.values.enumerated() { out.write(CSV.line(["system", "", "", s.name, String(i), "", v.map { Format.number($0) } ?? ""])) }
                    }
                } else {
                    let st = out.style
                    out.line(st.bold("job \(target.jobID) · version \(target.versionID) \(detail.summary.versionName ?? "")"))
                    out.line()
                    out.line(st.bold("model metrics"))
                    if let m = detail.modelMetrics, !(m.classes.isEmpty && m.totals.isEmpty) {
                        Metrics.writeModelMetrics(m, indent: "  ", to: out)
                    } else {
                        out.line("  " + st.dim("none captured"))
                    }
                    out.line()
                    out.line(st.bold("system metrics") + (system?.interval.map { " (interval \($0))" } ?? ""))
                    if let system, !system.series.isEmpty {
                        Metrics.writeSystemSummary(system, indent: "  ", to: out)
                    } else {
                        out.line("  " + st.dim("none captured"))
                    }
                }
            }
        }

        /// `metrics` of a v2 job: each task's series, as `TASK METRIC`.
        func runV2(_ job: V2JobSummary, archive: Archive, asOf at: Int64?, to out: Output) throws {
            let detail = try archive.jobs.v2JobDetail(job, asOf: at)
            if let task, !detail.metrics.contains(where: { $0.task == task }) {
                let tasks = detail.metrics.map(\.task)
                throw ArchiveError(.noSuchItem, "no metrics of task '\(TextTable.clean(task))' in v2 job \(job.jobID); tasks with metrics: \(tasks.isEmpty ? "none" : tasks.joined(separator: ", "))")
            }
            var all: [SystemMetricsInfo.Series] = []
            for t in detail.metrics where task == nil || t.task == task {
                for s in t.series { all.append(SystemMetricsInfo.Series(name: "\(t.task) \(s.metric)", values: s.values)) }
            }
            if let wanted = series?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                func matches(_ s: SystemMetricsInfo.Series, _ name: String) -> Bool { s.name == name || s.name.hasSuffix(" " + name) }
                let missing = wanted.filter { name in !all.contains { matches($0, name) } }
                if !missing.isEmpty {
                    let names = Set(all.map { String($0.name.split(separator: " ").last ?? "") }).sorted()
                    throw UsageError("no series \(missing.joined(separator: ", ")) in v2 job \(job.jobID); series: \(names.joined(separator: ", "))")
                }
                all = all.filter { s in wanted.contains { matches(s, $0) } }
            }
            let system = SystemMetricsInfo(interval: nil, series: all)
            if let plot {
                guard !all.isEmpty else { throw ArchiveError(.noSuchItem, "v2 job \(job.jobID) has no metric series to plot") }
                let chart = SVGLineChart(
                    title: "v2 job \(job.jobID) \(job.name ?? "")",
                    subtitle: "task metrics, \(all.count) series, per-minute averages; archive \(self.target.path.archive)",
                    step: 1, xUnit: "(minutes)", series: all.map { SVGLineChart.Series(name: $0.name, values: $0.values) })
                try Metrics.writePlot(chart, to: plot, series: all.count)
            }
            struct Out: Encodable {
                var api = "v2"
                var jobID: String
                var name: String?
                var systemMetrics: SystemMetricsInfo
            }
            if output.json {
                try writeJSON(Out(jobID: job.jobID, name: job.name, systemMetrics: system), to: out)
            } else if output.csv {
                out.write(CSV.line(["kind", "class_id", "class_name", "series", "sample", "metric", "value"]))
                for s in all {
                    for (i, v) in s.values.enumerated() { out.write(CSV.line(["system", "", "", s.name, String(i), "", v.map { Format.number($0) } ?? ""])) }
                }
            } else {
                let st = out.style
                out.line(st.bold("v2 job \(job.jobID) \(TextTable.clean(job.name ?? ""))"))
                out.line()
                out.line(st.bold("task metrics") + st.dim(" (per-minute averages; · = no data)"))
                if all.isEmpty { out.line("  " + st.dim("none captured")) } else { Metrics.writeSystemSummary(system, indent: "  ", to: out) }
            }
        }

        /// Writes `chart` as SVG to `plot`, saying so on a terminal.
        static func writePlot(_ chart: SVGLineChart, to plot: String, series: Int) throws {
            do {
                try Data(chart.render().utf8).write(to: URL(fileURLWithPath: plot))
            } catch {
                throw ArchiveError(.invalidArgument, "\(plot): cannot write: \(error.localizedDescription)")
            }
            if Terminal.stderrIsTTY { printError("wrote \(plot) (\(series) series)") }
        }

        /// A class × metric table plus a `total` row.
        static func writeModelMetrics(_ m: ModelMetricsInfo, indent: String, to out: Output) {
            var names: [String] = []
            for v in m.classes.flatMap(\.values) + m.totals where !names.contains(v.name) { names.append(v.name) }
            var table = TextTable([.left(indent + "CLASS")] + names.map { .right($0.uppercased()) })
            for c in m.classes {
                let label = [c.classID, c.className].compactMap { $0 }.joined(separator: " ")
                table.add([indent + label] + names.map { name in c.values.first { $0.name == name }?.text ?? "" })
            }
            if !m.totals.isEmpty {
                table.add([indent + "total"] + names.map { name in m.totals.first { $0.name == name }?.text ?? "" })
            }
            out.write(table.render(style: Style(enabled: false), maxWidth: Terminal.width))
        }

        /// One row per series: samples, min, mean, max, last, and a sparkline.
        static func writeSystemSummary(_ s: SystemMetricsInfo, indent: String, to out: Output) {
            var table = TextTable([.left(indent + "SERIES"), .right("SAMPLES"), .right("MIN"), .right("MEAN"), .right("MAX"), .right("LAST"), .left("SHAPE")])
            for series in s.series {
                table.add([
                    indent + series.name, String(series.values.count), Format.number(series.min), Format.number(series.mean),
                    Format.number(series.max), Format.number(series.last), sparkline(series.values),
                ])
            }
            out.write(table.render(style: Style(enabled: false), maxWidth: Terminal.width))
        }

        /// ▁▂▃▄▅▆▇█ for up to 40 samples (averaged into buckets when longer); `·` where a bucket has no value
        /// (a sample without data: `-1` from the v2 metrics endpoint, a value that is not a number in v1, or
        /// one that is not finite).
        static func sparkline(_ values: [Double?]) -> String {
            guard !values.isEmpty else { return "" }
            let buckets = min(40, values.count)
            var points: [Double?] = []
            for b in 0..<buckets {
                let from = b * values.count / buckets
                let to = max(from + 1, (b + 1) * values.count / buckets)
                let known = values[from..<to].compactMap { $0 }.filter(\.isFinite)
                points.append(known.isEmpty ? nil : known.reduce(0, +) / Double(known.count))
            }
            let low = points.compactMap { $0 }.min() ?? 0
            let high = points.compactMap { $0 }.max() ?? 0
            let bars = Array("▁▂▃▄▅▆▇█")
            return String(points.map { point -> Character in
                guard let point else { return "·" }
                return high > low ? bars[min(7, Int((point - low) / (high - low) * 7 + 0.5))] : bars[0]
            })
        }
    }
}
