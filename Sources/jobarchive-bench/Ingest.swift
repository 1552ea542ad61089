import ArchiveStore
import ArgumentParser
import Foundation

extension Bench {
    /// Ingest speed and stored sizes against `gzip -6` of the same logs.
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest a folder of logs: MB/s per core, log store and whole archive vs gzip -6.")

        @Option(help: "A folder of log files (default: ../shared/corpus/real-logs).")
        var corpus: String = "../shared/corpus/real-logs"

        @Option(help: "Repetitions (the median is reported).")
        var runs: Int = 3

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
        }

        func run() async throws {
            try FigureReport.emit(try await measure(), json: json)
        }

        /// Ingest MB/s per core, the log store's and the whole archive's size against gzip -6.
        func measure() async throws -> [Figure] {
            let dir = URL(fileURLWithPath: corpus)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "SOURCES.tsv" }.sorted()
            let files = try names.map { [UInt8](try Data(contentsOf: dir.appendingPathComponent($0))) }
            let total = files.reduce(0) { $0 + $1.count }
            guard total > 0 else { throw BenchError("\(corpus): no log bytes to ingest") }
            guard BenchSupport.has("gzip") else { throw BenchError("gzip is needed for the baseline (apt-get install gzip)") }
            var rates: [Double] = []
            var last: ArchiveStatistics?
            var fileBytes = 0
            for run in 0..<runs {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-ingest-\(run)-\(UUID().uuidString).sqlite").path
                defer { try? FileManager.default.removeItem(atPath: path) }  // try?: scratch files; a leftover is harmless
                let archive = try Archive.create(at: path, projectID: "bench")
                let capture = try archive.captures.begin(source: "bench")
                let cpu0 = clock()
                for (i, content) in files.enumerated() {
                    try archive.logs.write(jobID: Int64(i), versionID: 1, fileName: names[i], content: content, capture: capture)
                }
                try archive.optimizeIndex()
                let cpu = Double(clock() - cpu0) / Double(CLOCKS_PER_SEC)
                try archive.close()
                rates.append(Double(total) / 1_000_000 / max(cpu, 1e-6))
                last = try Archive.open(at: path).statistics()
                fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            }
            // Baseline: gzip -6 of each file, summed.
            var gzipBytes = 0
            for name in names {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/sh")
                p.arguments = ["-c", "gzip -6 -c '\(dir.appendingPathComponent(name).path)' | wc -c"]
                let pipe = Pipe()
                p.standardOutput = pipe
                try p.run()
                let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                gzipBytes += Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            }
            rates.sort()
            guard let stats = last, !rates.isEmpty else { throw BenchError("no ingest run (--runs \(runs))") }
            let median = rates[rates.count / 2]
            FigureReport.progress("corpus: \(names.count) files, \(total) bytes; gzip -6: \(gzipBytes) bytes; log store \(stats.storedLogBytes), index \(stats.indexBytes), file \(fileBytes)")
            let store = Double(stats.storedLogBytes) / Double(max(gzipBytes, 1))
            let whole = Double(fileBytes) / Double(max(gzipBytes, 1))
            let mb = { (bytes: Int) in Double(bytes) / 1_000_000 }
            return [
                Figure(name: "log store size", measured: mb(stats.storedLogBytes), unit: "MB", baselineName: "gzip -6", baseline: mb(gzipBytes),
                       ratio: store, target: "ratio <= 1.05", met: store <= 1.05, detail: "\(names.count) files, \(total) bytes of logs"),
                Figure(name: "whole archive, index included", measured: mb(fileBytes), unit: "MB", baselineName: "gzip -6", baseline: mb(gzipBytes),
                       ratio: whole, target: "ratio <= 1.6", met: whole <= 1.6, detail: "index \(stats.indexBytes) bytes"),
                Figure(name: "ingest, compress + index", measured: median, unit: "MB/s", target: ">= 20 MB/s per core (CPU time)", met: median >= 20,
                       detail: String(format: "median of %d; min %.1f, max %.1f", rates.count, rates.first ?? 0, rates.last ?? 0)),
            ]
        }
    }
}
