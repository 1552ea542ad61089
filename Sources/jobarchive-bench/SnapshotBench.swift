import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI
import SampleProject

extension Bench {
    /// Snapshot over loopback vs a tuned parallel download of the same pages, and peak memory.
    struct Snapshot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Snapshot a served sample (v1 or v2) over loopback vs curl | xargs -P of the same requests; peak RSS.",
            discussion: """
                A first snapshot runs against a server that logs every request; the baseline fetches exactly \
                those requests with curl, known in advance, while the timed snapshots discover them as they go.
                """)

        @Option(name: .customLong("log-mb"), help: "Raw log megabytes in the sample project.")
        var logMB: Double = 200

        @Option(help: "Jobs in the sample project.")
        var jobs: Int = 60

        @Option(help: "Runs of each side (alternating).")
        var runs: Int = 3

        @Option(help: "Parallel downloads for the curl baseline (and the snapshot's --concurrency).")
        var parallel: Int = 8

        @Option(help: "The API to capture: v1 (numbered jobs and versions) or v2 (training jobs, every task's log); --jobs counts that API's jobs.")
        var api: API = .v1

        @Flag(help: "Print the figures as JSON.")
        var json = false

        enum API: String, ExpressibleByArgument, CaseIterable {
            case v1, v2
        }

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
            guard parallel >= 1 else { throw ValidationError("--parallel must be 1 or more") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
        }

        func run() async throws {
            try FigureReport.emit(try await measure(), json: json)
        }

        /// The median snapshot time against curl's for the same requests, CPU time ÷ wall time, and peak RSS.
        func measure() async throws -> [Figure] {
            guard BenchSupport.has("curl") else { throw BenchError("curl is needed for the baseline (apt-get install curl)") }
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-snap-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }  // try?: scratch files; a leftover is harmless
            let source = work.appendingPathComponent("source.sqlite").path
            var options = SampleArchiveWriter.bundledOptions
            options.logBytes = Int(logMB * 1_000_000)
            switch api {
            case .v1:
                options.jobs = jobs
                options.v2Jobs = 0
            case .v2:
                options.jobs = 0
                options.includeSeedJob = false
                options.v2Jobs = jobs
            }
            FigureReport.progress("generating a sample project: \(jobs) \(api) jobs, \(logMB) MB of logs …")
            try SampleArchiveWriter.writeArchive(options, to: source)
            let project = try Archive.open(at: source).metadata()["project_id"] ?? ""
            let snapshot = { (url: String, out: String) in
                ["snapshot", "--endpoint", url, "--project-id", project, "-o", out, "--no-redact", "--quiet",
                 "--concurrency", String(parallel), "--api", api.rawValue]
            }
            // One snapshot first against a server that logs every request: the baseline fetches exactly those.
            let requestLog = work.appendingPathComponent("requests.log").path
            let recordedArchive = work.appendingPathComponent("recorded.sqlite").path
            let recorded = try { () throws -> JobArchiveBinary.Measurement in
                let (recorder, recorderURL) = try JobArchiveBinary.serve(source, requestLog: requestLog)
                defer { recorder.terminate(); recorder.waitUntilExit() }
                return try JobArchiveBinary.measure(snapshot(recorderURL, recordedArchive))
            }()
            guard recorded.status == 0 else { throw BenchError("the recording snapshot exited \(recorded.status)") }
            let requests = try Snapshot.recordedRequests(requestLog)
            // The search POSTs' bodies: one per search page the snapshot stored (its offset probe included).
            let captured = try Archive.open(at: recordedArchive, mode: .readOnly)
            let searchOffsets = try captured.entities.liveKeys(kind: .list, prefix: EntityKey.v2JobSearchPrefix)
                .compactMap { Int($0.dropFirst(EntityKey.v2JobSearchPrefix.count).prefix { $0.isNumber }) }.sorted()
            let stats = try captured.statistics()
            try captured.close()
            let (server, url) = try JobArchiveBinary.serve(source)
            defer { server.terminate(); server.waitUntilExit() }
            let lists = try Snapshot.writeCurlLists(requests, searchOffsets: searchOffsets, base: url, in: work)
            var snapTimes: [Double] = []
            var curlTimes: [Double] = []
            var rss: [Int] = []
            var cpuShares: [Double] = []
            for run in 0..<runs {
                let out = work.appendingPathComponent("copy-\(run).sqlite").path
                let m = try JobArchiveBinary.measure(snapshot(url, out))
                guard m.status == 0 else { throw BenchError("snapshot exited \(m.status)") }
                snapTimes.append(m.seconds)
                rss.append(m.maxRSS)
                if let cpu = m.cpuSeconds { cpuShares.append(cpu / max(m.seconds, 1e-9)) }
                // The same requests, known in advance, fetched by curl in parallel (a POST's body from a file).
                var status: Int32 = 0
                curlTimes.append(try BenchSupport.time {
                    // Every answer to /dev/null (curl's -o covers one URL only); exit non-zero if any curl failed.
                    status = try BenchSupport.shell(
                        "xargs -r -d '\\n' -P \(parallel) -n 50 curl -s --fail-early < '\(lists.gets)' > /dev/null && xargs -r -P \(parallel) -L 1 curl -s < '\(lists.posts)' > /dev/null").1
                })
                guard status == 0 else { throw BenchError("the curl baseline failed (exit \(status))") }
                try? FileManager.default.removeItem(atPath: out)  // try?: a scratch archive; a leftover is harmless
            }
            let s = BenchSupport.summary(snapTimes)
            let c = BenchSupport.summary(curlTimes)
            let posts = requests.filter { $0.method == "POST" }.count
            let detail = "\(requests.count) requests (\(posts) POST), \(stats.logFiles) logs, \(stats.logBytes) log bytes captured, \(runs) runs"
            FigureReport.progress("\(api) snapshot: " + detail)
            FigureReport.progress(String(format: "snapshot: min %.2f s, median %.2f s, max %.2f s", s.min, s.p50, s.max))
            FigureReport.progress(String(format: "curl | xargs -P %d: min %.2f s, median %.2f s, max %.2f s", parallel, c.min, c.p50, c.max))
            let ratio = s.p50 / max(c.p50, 1e-9)
            let peak = Double(rss.max() ?? 0) / 1_000_000
            let megabytes = Int((Double(stats.logBytes) / 1_000_000).rounded())
            var figures = [
                Figure(name: "snapshot over loopback, \(api), \(megabytes) MB", measured: s.p50, unit: "s", baselineName: "curl | xargs -P \(parallel)",
                       baseline: c.p50, ratio: ratio, target: "ratio <= 1.5", met: ratio <= 1.5, detail: detail),
                Figure(name: "snapshot memory, \(api), \(megabytes) MB", measured: peak, unit: "MB", target: "peak RSS <= 150 MB", met: peak <= 150,
                       detail: "peak RSS of \(runs) runs"),
            ]
            if !cpuShares.isEmpty {
                let share = BenchSupport.summary(cpuShares).p50
                figures.append(Figure(
                    name: "snapshot CPU time / wall time, \(api), \(megabytes) MB", measured: share, unit: "x", target: ">= 1.6 on 2 cores",
                    met: share >= 1.6, detail: "median of \(cpuShares.count) runs, user + system"))
            }
            return figures
        }

        /// A request the recording server answered: method and target (path and query).
        struct Request: Equatable {
            var method: String
            var target: String
        }

        /// The requests in `serve`'s request log (`… [Replay] GET /v1/… 200`), in order; aborted ones and
        /// non-2xx answers (a probe past the end, say) are kept too, since the snapshot made them.
        static func recordedRequests(_ path: String) throws -> [Request] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var requests: [Request] = []
            for line in text.split(separator: "\n") {
                guard let marker = line.range(of: "[Replay] ") else { continue }
                let words = line[marker.upperBound...].split(separator: " ")
                guard words.count == 3, ["GET", "POST"].contains(words[0]), words[1].hasPrefix("/") else { continue }
                requests.append(Request(method: String(words[0]), target: String(words[1])))
            }
            guard !requests.isEmpty else { throw BenchError("the recording server logged no requests (\(path))") }
            return requests
        }

        /// Writes the GET URLs (for `xargs -n 50 curl`) and one curl argument line per POST (for `xargs -L 1
        /// curl`), whose bodies are the crawl's v2 search bodies at `searchOffsets`, the pages the snapshot stored.
        static func writeCurlLists(_ requests: [Request], searchOffsets: [Int], base: String, in work: URL) throws -> (gets: String, posts: String) {
            var gets: [String] = []
            var posts: [String] = []
            let postCount = requests.filter { $0.method == "POST" }.count
            guard postCount == searchOffsets.count else {
                throw BenchError("the snapshot made \(postCount) search POSTs but stored \(searchOffsets.count) search pages")
            }
            for request in requests {
                switch request.method {
                case "POST":
                    let body = work.appendingPathComponent("post-\(posts.count).json").path
                    let offset = searchOffsets[posts.count]
                    try Data(V2Endpoint.searchBody(offset: offset, limit: V2Endpoint.maxSearchLimit)).write(to: URL(fileURLWithPath: body))
                    posts.append("-X POST -H Content-Type:application/json --data-binary @\(body) \(base)\(request.target)")
                default:
                    // A download link's token is not in the log (`/obs-links/…`): nothing to fetch again.
                    if !request.target.hasPrefix("/obs-links/") { gets.append(base + request.target) }
                }
            }
            let getList = work.appendingPathComponent("gets.txt").path
            let postList = work.appendingPathComponent("posts.txt").path
            try gets.joined(separator: "\n").write(toFile: getList, atomically: true, encoding: .utf8)
            try posts.joined(separator: "\n").write(toFile: postList, atomically: true, encoding: .utf8)
            return (getList, postList)
        }
    }
}
