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
                own panel (people look at curves rather than read numbers); --series picks some.

                Examples:
                  jobarchive metrics archives/sample.sqlite 10 10
                  jobarchive metrics archives/sample.sqlite 585024/V0002 --plot v2.svg
                  jobarchive metrics archives/sample.sqlite 10/10 --series gpuUtil --plot g.svg
                  jobarchive metrics archives/sample.sqlite 10/10 --json
                  jobarchive metrics archives/sample.sqlite 10/10 --csv

                Exit status: 0 ok, 1 unknown job or version, nothing to plot, or unwritable file; 64 bad usage.
                """)

        @OptionGroup var target: VersionTargetArguments

        @Option(help: ArgumentHelp("Write an SVG line chart of the system metric series to this file.", valueName: "file.svg"))
        var plot: String?

        @Option(help: ArgumentHelp("Only these series, comma-separated (cpuUsage,gpuUtil).", valueName: "names"))
        var series: String?

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
                    do {
                        try Data(chart.render().utf8).write(to: URL(fileURLWithPath: plot))
                    } catch {
                        throw ArchiveError(.invalidArgument, "\(plot): cannot write: \(error.localizedDescription)")
                    }
                    if Terminal.stderrIsTTY { printError("wrote \(plot) (\(system.series.count) series)") }
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
