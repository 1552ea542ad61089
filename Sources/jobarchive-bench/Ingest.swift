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

        func run() async throws {
            let dir = URL(fileURLWithPath: corpus)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "SOURCES.tsv" }.sorted()
            let files = try names.map { [UInt8](try Data(contentsOf: dir.appendingPathComponent($0))) }
            let total = files.reduce(0) { $0 + $1.count }
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
                rates.append(Double(total) / 1_000_000 / cpu)
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
            guard let stats = last else { return }
            print("corpus: \(names.count) files, \(total) bytes")
            print(String(format: "ingest MB/s per core (CPU time): min %.1f median %.1f max %.1f  (target >= 20)", rates.first ?? 0, rates[rates.count / 2], rates.last ?? 0))
            print("gzip -6: \(gzipBytes) bytes")
            print(String(format: "log store: %d bytes = %.3f x gzip -6 (target <= 1.05)", stats.storedLogBytes, Double(stats.storedLogBytes) / Double(gzipBytes)))
            print(String(format: "index: %d bytes; whole archive file: %d bytes = %.3f x gzip -6 (target <= 1.6)", stats.indexBytes, fileBytes, Double(fileBytes) / Double(gzipBytes)))
        }
    }
}
