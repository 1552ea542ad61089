import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI
import SampleProject

extension Bench {
    /// Snapshot over loopback vs a tuned parallel download of the same pages, and peak memory.
    struct Snapshot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Snapshot a served sample over loopback vs curl | xargs -P of the same URLs; peak RSS.")

        @Option(name: .customLong("log-mb"), help: "Raw log megabytes in the sample project.")
        var logMB: Double = 200

        @Option(help: "Jobs in the sample project.")
        var jobs: Int = 60

        @Option(help: "Runs of each side (alternating).")
        var runs: Int = 3

        @Option(help: "Parallel downloads for the curl baseline (and the snapshot's --concurrency).")
        var parallel: Int = 8

        func run() async throws {
            guard BenchSupport.has("curl") else { throw BenchError("curl is needed for the baseline (apt-get install curl)") }
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-snap-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }  // try?: scratch files; a leftover is harmless
            let source = work.appendingPathComponent("source.sqlite").path
            var options = SampleArchiveWriter.bundledOptions
            options.v2Jobs = 0
            options.jobs = jobs
            options.logBytes = Int(logMB * 1_000_000)
            print("generating a sample project: \(jobs) jobs, \(logMB) MB of logs …")
            try SampleArchiveWriter.writeArchive(options, to: source)
            let project = try Archive.open(at: source).metadata()["project_id"] ?? ""
            let (server, url) = try JobArchiveBinary.serve(source)
            defer { server.terminate(); server.waitUntilExit() }
            var snapTimes: [Double] = []
            var curlTimes: [Double] = []
            var rss: [Int] = []
            var urlCount = 0
            for run in 0..<runs {
                let out = work.appendingPathComponent("copy-\(run).sqlite").path
                let m = try JobArchiveBinary.measure([
                    "snapshot", "--endpoint", url, "--project-id", project, "-o", out, "--no-redact", "--quiet",
                    "--concurrency", String(parallel),
                ])
                guard m.status == 0 else { throw BenchError("snapshot exited \(m.status)") }
                snapTimes.append(m.seconds)
                rss.append(m.maxRSS)
                // The same requests, known in advance, fetched by curl in parallel.
                let list = work.appendingPathComponent("urls.txt").path
                if run == 0 {
                    let urls = try Snapshot.requestURLs(of: out, base: url, project: project)
                    urlCount = urls.count
                    try urls.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
                }
                curlTimes.append(try BenchSupport.time {
                    try BenchSupport.shell("xargs -P \(parallel) -n 50 curl -s -o /dev/null < '\(list)'")
                })
                try? FileManager.default.removeItem(atPath: out)  // try?: a scratch archive; a leftover is harmless
            }
            let s = BenchSupport.summary(snapTimes)
            let c = BenchSupport.summary(curlTimes)
            let logBytes = try Archive.open(at: source).statistics().logBytes
            print("pages and entities: \(urlCount) requests, \(logBytes) log bytes")
            print(String(format: "snapshot: min %.2f s, median %.2f s, max %.2f s", s.min, s.p50, s.max))
            print(String(format: "curl | xargs -P %d: min %.2f s, median %.2f s, max %.2f s", parallel, c.min, c.p50, c.max))
            print(String(format: "ratio %.2f (target <= 1.5); peak RSS %.0f MB (target <= 150, flat in log size)", s.p50 / max(c.p50, 1e-9), Double(rss.max() ?? 0) / 1_000_000))
        }

        /// Every request a snapshot of `archive` made, as URLs: lists, details, file names and captured log pages.
        static func requestURLs(of archive: String, base: String, project: String) throws -> [String] {
            let a = try Archive.open(at: archive)
            let v1 = "\(base)/v1/\(project)"
            var urls = ["\(v1)/\(V1Endpoint.jobs.path)?page=1&per_page=1000"]
            for key in try a.entities.liveKeys(kind: .version) {
                guard let (job, version) = EntityKey.versionParts(key) else { continue }
                urls.append("\(v1)/\(V1Endpoint.version(jobID: job, versionID: version).path)")
                urls.append("\(v1)/\(V1Endpoint.logFileNames(jobID: job, versionID: version).path)")
            }
            for key in try a.entities.liveKeys(kind: .job) {
                guard let job = Int64(key) else { continue }
                urls.append("\(v1)/\(V1Endpoint.versions(jobID: job).path)?page=0")
            }
            for file in try a.logs.files() {
                for page in try a.pages.list(fileID: file.id) {
                    let name = file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? file.fileName
                    urls.append("\(v1)/\(V1Endpoint.aomLog(jobID: file.jobID, versionID: file.versionID).path)?base_line=\(page.baseLine ?? "")&lines=\(page.linesRequested ?? 500)&log_file=\(name)&order=\(page.order ?? "desc")")
                }
            }
            return urls
        }
    }
}
