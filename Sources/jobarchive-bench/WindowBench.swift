import ArchiveStore
import ArgumentParser
import Foundation

extension Bench {
    /// Reading a 500-line window at the start, middle and end of a long log.
    struct Window: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Latency of a 500-line window at the start vs the end of a log of N lines (target: end <= 2x start).")

        @Option(help: "Lines in the log.")
        var lines: Int = 10_000_000

        @Option(help: "Reads per position.")
        var runs: Int = 200

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
            guard lines >= 1_000 else { throw ValidationError("--lines must be 1000 or more") }
        }

        func run() async throws {
            try FigureReport.emit(try await measure(), json: json)
        }

        /// The last page's p50 latency against the first page's.
        func measure() async throws -> [Figure] {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-window-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }  // try?: scratch files; a leftover is harmless
            let path = work.appendingPathComponent("w.sqlite").path
            let archive = try Archive.create(at: path, projectID: "bench")
            let capture = try archive.captures.begin(source: "bench")
            // Written in 1M-line pieces through the append path, as a growing log would be.
            var written = 0
            let ingest = try BenchSupport.time {
                while written < lines {
                    var piece: [UInt8] = []
                    piece.reserveCapacity(64 << 20)
                    let end = min(lines, written + 1_000_000)
                    for i in written..<end {
                        piece += Array("2024-05-01 12:00:00,123 INFO step \(i) loss=\(Double(i % 1000) / 997) lr=3.0e-4 tokens/s=41234\n".utf8)
                    }
                    let info = try archive.logs.ensureFile(jobID: 1, versionID: 1, fileName: "big.0", capture: capture)
                    try archive.logs.append(fileID: info.id, data: piece, capture: capture, complete: end == lines)
                    written = end
                }
            }
            try archive.close()
            let reader = try Archive.open(at: path)
            let info = try requireFile(try reader.logs.files().first)
            FigureReport.progress("log: \(info.lineCount) lines, \(info.byteCount) bytes, written in \(String(format: "%.1f", ingest)) s")
            var results: [(String, Double)] = []
            for (label, start) in [("first page", 0), ("middle page", info.lineCount / 2), ("last page", info.lineCount - 500)] {
                var samples: [Double] = []
                for _ in 0..<runs {
                    samples.append(try BenchSupport.time { _ = try reader.logs.readLines(fileID: info.id, range: start..<(start + 500)) })
                }
                let s = BenchSupport.summary(samples)
                results.append((label, s.p50))
                FigureReport.progress("\(label.padding(toLength: 12, withPad: " ", startingAt: 0)) p50 \(BenchSupport.ms(s.p50))  p99 \(BenchSupport.ms(s.p99))")
            }
            let ratio = results[2].1 / max(results[0].1, 1e-9)
            return [Figure(
                name: "log window, last page of a \(info.lineCount)-line log", measured: results[2].1 * 1000, unit: "ms", baselineName: "first page",
                baseline: results[0].1 * 1000, ratio: ratio, target: "ratio <= 2", met: ratio <= 2,
                detail: String(format: "middle page %.3f ms; %d bytes", results[1].1 * 1000, info.byteCount))]
        }
    }
}
