import ArgumentParser
import Foundation

extension Bench {
    /// Every figure the benchmarks measure, each beside its baseline, in one run.
    struct All: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every benchmark (sizes, ingest, search at the corpus and at a generated size, window, snapshot v1 and v2, replay, reliability).",
            discussion: """
                Prints one row per figure: name, measured, baseline, ratio, target and whether it is met \
                (--json: an array of the same). Progress and each benchmark's details go to standard error. \
                --quick uses smaller sizes and fewer runs (the same figures) and takes about two minutes on \
                a 2-core machine; without it, the full sizes (1 GB search sample, 200 MB snapshots, a 10 \
                M-line log, 20 kills). Not measured here: the web page (no page yet), SIGINT/SIGTERM and \
                replay under load (both covered by the test suite).

                Baselines: gzip, zgrep, curl, wrk and nginx (Debian: gzip curl wrk nginx-light); a \
                benchmark whose tool is missing is reported as not run (exit 1) and the others still run.
                """)

        @Flag(help: "Smaller sizes and fewer runs: about two minutes on 2 cores.")
        var quick = false

        @Flag(help: "Print the figures as JSON.")
        var json = false

        @Option(help: "A folder of real log files for ingest and search (default: ../shared/corpus/real-logs).")
        var corpus: String = "../shared/corpus/real-logs"

        /// One benchmark of the run: its label and its parsed command's `measure`.
        struct Step {
            var label: String
            var measure: () async throws -> [Figure]
        }

        func steps() throws -> [Step] {
            let q = quick
            let ingest = try Ingest.parse(["--corpus", corpus, "--runs", q ? "1" : "3"])
            let search = try Search.parse(["--corpus", corpus, "--runs", q ? "5" : "20"])
            let searchSample = try Search.parse(["--sample-mb", q ? "100" : "1000", "--runs", q ? "5" : "10"])
            let window = try Window.parse(["--lines", q ? "1000000" : "10000000", "--runs", q ? "50" : "200"])
            let snapshotV1 = try Snapshot.parse(["--api", "v1", "--log-mb", q ? "50" : "200", "--jobs", q ? "30" : "60", "--runs", q ? "1" : "3"])
            let snapshotV2 = try Snapshot.parse(["--api", "v2", "--log-mb", q ? "50" : "200", "--jobs", q ? "30" : "120", "--runs", q ? "1" : "3"])
            let replay = try Replay.parse(["--seconds", q ? "3" : "10", "--runs", q ? "1" : "2"])
            let reliability = try Reliability.parse(["--rounds", q ? "5" : "20", "--fault-runs", q ? "2" : "5", "--log-mb", q ? "10" : "20"])
            return [
                Step(label: "ingest and sizes", measure: ingest.measure),
                Step(label: "search, real-logs corpus", measure: search.measure),
                Step(label: "search, generated sample", measure: searchSample.measure),
                Step(label: "log window", measure: window.measure),
                Step(label: "snapshot v1", measure: snapshotV1.measure),
                Step(label: "snapshot v2", measure: snapshotV2.measure),
                Step(label: "replay", measure: replay.measure),
                Step(label: "reliability", measure: reliability.measure),
            ]
        }

        func run() async throws {
            var figures: [Figure] = []
            var failed: [String] = []
            let started = BenchSupport.now()
            for step in try steps() {
                FigureReport.progress("== \(step.label)")
                let start = BenchSupport.now()
                do {
                    figures += try await step.measure()
                } catch {
                    // One benchmark that cannot run (a baseline tool missing) is reported; the rest still run.
                    FigureReport.progress("\(step.label): could not run: \(error)")
                    failed.append(step.label)
                    figures.append(Figure(name: step.label, measured: 0, unit: "-", target: "runs", met: false, detail: "could not run: \(error)"))
                }
                FigureReport.progress(String(format: "== %@ took %.0f s", step.label, BenchSupport.now() - start))
            }
            FigureReport.progress(String(format: "all benchmarks took %.0f s%@", BenchSupport.now() - started, quick ? " (--quick)" : ""))
            try FigureReport.emit(figures, json: json)
            if !failed.isEmpty { throw BenchError("could not run: \(failed.joined(separator: ", "))") }
        }
    }
}
