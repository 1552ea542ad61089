import ArchiveStore
import ArgumentParser
import Foundation
import SampleProject

extension Bench {
    /// Search latency against zgrep (and rg -z) over the same logs, with hit counts compared.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search latency p50/p99 for a fixed query set vs zgrep -c / rg -z on the same logs gzipped.")

        @Option(help: "A folder of log files (default: ../shared/corpus/real-logs).")
        var corpus: String = "../shared/corpus/real-logs"

        @Option(name: .customLong("sample-mb"), help: "Use a generated sample project of this many MB of logs instead of --corpus (e.g. 1000 for 1 GB).")
        var sampleMB: Double?

        @Option(help: "Repetitions per query for jobarchive (baselines run 3 times).")
        var runs: Int = 20

        @Option(help: ArgumentHelp(
            "Keep the generated logs, their gzip copies and the archive in this folder, and reuse them when it holds them.",
            discussion: "A 1 GB sample takes minutes to generate and ingest; with --work, later runs skip that.",
            valueName: "dir"))
        var work: String?

        @Flag(help: "Print the figures as JSON.")
        var json = false

        /// Hits wanted in the first-hits figures (a page of results).
        static let firstHits = 50

        /// (label, jobarchive query, grep -P pattern with the same meaning)
        static let queries: [(String, String, String)] = [
            ("rare word", "Traceback", #"(?<![A-Za-z0-9_\x80-\xff])traceback(?![A-Za-z0-9_\x80-\xff])"#),
            ("error phrase", "\"out of memory\"", #"(?<![A-Za-z0-9_\x80-\xff])out[^A-Za-z0-9_\x80-\xff]+of[^A-Za-z0-9_\x80-\xff]+memory(?![A-Za-z0-9_\x80-\xff])"#),
            ("error code", "NCCL WARN", #"^(?=.*(?<![A-Za-z0-9_\x80-\xff])nccl(?![A-Za-z0-9_\x80-\xff]))(?=.*(?<![A-Za-z0-9_\x80-\xff])warn(?![A-Za-z0-9_\x80-\xff]))"#),
            ("common word", "loss", #"(?<![A-Za-z0-9_\x80-\xff])loss(?![A-Za-z0-9_\x80-\xff])"#),
        ]

        struct Row {
            var label: String
            var query: String
            var hits: Int
            var grepHits: Int
            var exact: Bool
            var p50Ms: Double
            var p99Ms: Double
            /// Time to the first ``Search/firstHits`` hits, stopping there.
            var firstMs: Double
            var zgrepMs: Double
            var rgMs: Double?
            var speedupVsZgrep: Double
        }

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
            if let sampleMB, !(sampleMB > 0) { throw ValidationError("--sample-mb must be more than 0") }
        }

        func run() async throws {
            try FigureReport.emit(try await measure(), json: json)
        }

        /// Per query: p50 against zgrep's time (and the speedup), and whether the hits equal grep's.
        func measure() async throws -> [Figure] {
            guard BenchSupport.has("gzip"), BenchSupport.has("zgrep") else { throw BenchError("gzip and zgrep are needed for the baseline (apt-get install gzip)") }
            let kept = work.map { URL(fileURLWithPath: $0) }
            let work = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-search-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            // try?: scratch files; a leftover is harmless.
            defer { if kept == nil { try? FileManager.default.removeItem(at: work) } }
            let path = work.appendingPathComponent("a.sqlite").path
            let gz = work.appendingPathComponent("gz")
            let ready = work.appendingPathComponent("ready")
            // What the folder holds; kept data of another sample or corpus is written again.
            let what = sampleMB.map { "sample-mb \($0)" } ?? "corpus \(corpus)"
            // try?: no marker (or an unreadable one) means the folder holds nothing usable.
            if (try? String(contentsOf: ready, encoding: .utf8)) == what + "\n" {
                FigureReport.progress("reusing \(work.path) (\(what))")
            } else {
                try? FileManager.default.removeItem(at: ready)  // try?: absent on a first run
                try? FileManager.default.removeItem(at: gz)  // try?: absent on a first run
                try prepare(work: work, archivePath: path, gz: gz)
                try Data((what + "\n").utf8).write(to: ready)
            }
            let fileCount = try FileManager.default.contentsOfDirectory(atPath: gz.path).count
            let reader = try Archive.open(at: path)
            let hasRG = BenchSupport.has("rg")
            var rows: [Row] = []
            for (label, query, pattern) in Search.queries {
                let parsed = try SearchQuery.parse(query)
                // Every hit with its text, streamed as the CLI prints them (the bytes are summed so none is skipped).
                var samples: [Double] = []
                var firstSamples: [Double] = []
                var hits = 0
                var bytes = 0
                for _ in 0..<runs {
                    samples.append(try BenchSupport.time {
                        hits = 0
                        bytes = 0
                        try reader.search.each(parsed) { hit in
                            hits += 1
                            bytes += hit.text.count
                            return true
                        }
                    })
                    firstSamples.append(try BenchSupport.time {
                        var n = 0
                        try reader.search.each(parsed, limit: Search.firstHits) { hit in
                            n += hit.text.count
                            return true
                        }
                        guard n > 0 || hits == 0 else { throw BenchError("the first hits of \(query) came without text") }
                    })
                }
                // zgrep -c per file summed, as a user would run it over the exported logs.
                var zgrepTimes: [Double] = []
                var grepHits = 0
                for _ in 0..<3 {
                    var out = ""
                    zgrepTimes.append(try BenchSupport.time {
                        out = try BenchSupport.shell("cd '\(gz.path)' && zgrep -ciP '\(pattern)' *.gz | awk -F: '{s+=$NF} END {print s+0}'").0
                    })
                    grepHits = Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                }
                var rgTime: Double? = nil
                if hasRG {
                    // A failed rg run reports no rg time (not 0 ms).
                    rgTime = try? BenchSupport.summary((0..<3).map { _ in
                        try BenchSupport.time { try BenchSupport.shell("cd '\(gz.path)' && rg -z -c -i -P '\(pattern)' . > /dev/null") }
                    }).p50
                }
                let s = BenchSupport.summary(samples)
                let z = BenchSupport.summary(zgrepTimes).p50
                guard bytes >= hits else { throw BenchError("\(query): \(hits) hits but \(bytes) bytes of text") }
                rows.append(Row(
                    label: label, query: query, hits: hits, grepHits: grepHits, exact: hits == grepHits, p50Ms: s.p50 * 1000,
                    p99Ms: s.p99 * 1000, firstMs: BenchSupport.summary(firstSamples).p50 * 1000, zgrepMs: z * 1000, rgMs: rgTime.map { $0 * 1000 }, speedupVsZgrep: z / max(s.p50, 1e-9)))
            }
            let scope = sampleMB.map { "generated sample, \(Int($0)) MB" } ?? "corpus \(fileCount) files"
            FigureReport.progress("search over \(fileCount) files (all hits with text; exact re-check on every candidate)")
            FigureReport.progress("label          query                    hits     grep  exact   p50 ms   p99 ms  first50 ms   zgrep ms  speedup")
            for r in rows {
                let head = r.label.padding(toLength: 14, withPad: " ", startingAt: 0) + " " + r.query.padding(toLength: 20, withPad: " ", startingAt: 0)
                FigureReport.progress(head + String(format: " %8d %8d  %@ %8.2f %8.2f %11.2f %10.1f %7.1fx", r.hits, r.grepHits, r.exact ? "yes  " : "NO   ", r.p50Ms, r.p99Ms, r.firstMs, r.zgrepMs, r.speedupVsZgrep))
            }
            var figures: [Figure] = []
            for r in rows {
                // Issue 15's targets on 1 GB: a rare word all hits <= 50 ms, a phrase <= 10 ms, the count of a
                // many-hit error code <= 200 ms, a common word at most half zgrep's time; all 100x zgrep but the last.
                let ratio = r.p50Ms / max(r.zgrepMs, 1e-9)
                let (target, met): (String, Bool) = switch r.label {
                case "rare word": ("p50 <= 50 ms and ratio <= 0.01", r.p50Ms <= 50 && ratio <= 0.01)
                case "error phrase": ("p50 <= 10 ms and ratio <= 0.01", r.p50Ms <= 10 && ratio <= 0.01)
                case "error code": ("count p50 <= 200 ms and ratio <= 0.01", r.p50Ms <= 200 && ratio <= 0.01)
                default: ("ratio <= 0.5", ratio <= 0.5)
                }
                figures.append(Figure(
                    name: "search \(r.label) \(r.query), every hit (\(scope))", measured: r.p50Ms, unit: "ms", baselineName: "zgrep -c", baseline: r.zgrepMs,
                    ratio: ratio, target: target, met: met,
                    detail: String(format: "%d hits, p99 %.2f ms", r.hits, r.p99Ms) + (r.rgMs.map { String(format: ", rg -z %.1f ms", $0) } ?? "")))
                let firstTarget: Double = r.label == "rare word" ? 10 : 20
                figures.append(Figure(
                    name: "search \(r.label) \(r.query), first \(Search.firstHits) hits (\(scope))", measured: r.firstMs, unit: "ms",
                    target: String(format: "p50 <= %.0f ms", firstTarget), met: r.firstMs <= firstTarget,
                    detail: "stops at \(Search.firstHits) of \(r.hits) hits"))
            }
            figures.append(Figure(
                name: "search hits identical to grep (\(scope))", measured: Double(rows.filter(\.exact).count), unit: "count", baseline: Double(rows.count),
                target: "every query", met: rows.allSatisfy(\.exact),
                detail: rows.map { "\($0.query): \($0.hits) vs \($0.grepHits)" }.joined(separator: "; ")))
            return figures
        }

        /// Writes the logs (the corpus, or a generated sample's as plain files), their gzip -6 copies in `gz`, and
        /// an archive of them at `archivePath` with its index optimized.
        private func prepare(work: URL, archivePath: String, gz: URL) throws {
            var dir = URL(fileURLWithPath: corpus)
            if let sampleMB {
                dir = work.appendingPathComponent("logs")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                var options = SampleProjectOptions()
                options.jobs = max(20, Int(sampleMB / 2))
                options.logBytes = Int(sampleMB * 1_000_000)
                let project = SampleProjectGenerator.generate(options)
                for job in project.jobs {
                    for version in job.versions {
                        for log in version.logs where !log.content.isEmpty {
                            try Data(log.content).write(to: dir.appendingPathComponent("\(job.jobID)-\(version.versionID)-\(log.fileName)"))
                        }
                    }
                }
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "SOURCES.tsv" }.sorted()
            try? FileManager.default.removeItem(atPath: archivePath)  // try?: a half-written archive of an interrupted run
            let archive = try Archive.create(at: archivePath, projectID: "bench")
            let capture = try archive.captures.begin(source: "bench")
            try FileManager.default.createDirectory(at: gz, withIntermediateDirectories: true)
            for (i, name) in names.enumerated() {
                let content = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
                try archive.logs.write(jobID: Int64(i), versionID: 1, fileName: name, content: content, capture: capture)
                try BenchSupport.shell("gzip -6 -c '\(dir.appendingPathComponent(name).path)' > '\(gz.appendingPathComponent(name).path).gz'")
            }
            try archive.optimizeIndex()
            try archive.close()
            if sampleMB != nil { try FileManager.default.removeItem(at: dir) }
        }
    }
}
