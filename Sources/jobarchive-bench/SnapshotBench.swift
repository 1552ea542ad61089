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

        enum API: String, ExpressibleByArgument, CaseIterable {
            case v1, v2
        }

        func run() async throws {
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
            print("generating a sample project: \(jobs) \(api) jobs, \(logMB) MB of logs …")
            try SampleArchiveWriter.writeArchive(options, to: source)
            let project = try Archive.open(at: source).metadata()["project_id"] ?? ""
            let snapshot = { (url: String, out: String) in
                ["snapshot", "--endpoint", url, "--project-id", project, "-o", out, "--no-redact", "--quiet",
                 "--concurrency", String(parallel), "--api", api.rawValue]
            }
            // One snapshot first against a server that logs every request: the baseline fetches exactly those.
            let requestLog = work.appendingPathComponent("requests.log").path
            let recorder = try JobArchiveBinary.serve(source, requestLog: requestLog)
            let recorded = try JobArchiveBinary.measure(snapshot(recorder.1, work.appendingPathComponent("recorded.sqlite").path))
            recorder.0.terminate()
            recorder.0.waitUntilExit()
            guard recorded.status == 0 else { throw BenchError("the recording snapshot exited \(recorded.status)") }
            let requests = try Snapshot.recordedRequests(requestLog)
            let (server, url) = try JobArchiveBinary.serve(source)
            defer { server.terminate(); server.waitUntilExit() }
            let lists = try Snapshot.writeCurlLists(requests, base: url, in: work)
            var snapTimes: [Double] = []
            var curlTimes: [Double] = []
            var rss: [Int] = []
            for run in 0..<runs {
                let out = work.appendingPathComponent("copy-\(run).sqlite").path
                let m = try JobArchiveBinary.measure(snapshot(url, out))
                guard m.status == 0 else { throw BenchError("snapshot exited \(m.status)") }
                snapTimes.append(m.seconds)
                rss.append(m.maxRSS)
                // The same requests, known in advance, fetched by curl in parallel (a POST's body from a file).
                curlTimes.append(try BenchSupport.time {
                    try BenchSupport.shell(
                        "xargs -P \(parallel) -n 50 curl -s -o /dev/null < '\(lists.gets)'; xargs -P \(parallel) -L 1 curl -s -o /dev/null < '\(lists.posts)'")
                })
                try? FileManager.default.removeItem(atPath: out)  // try?: a scratch archive; a leftover is harmless
            }
            let s = BenchSupport.summary(snapTimes)
            let c = BenchSupport.summary(curlTimes)
            let stats = try Archive.open(at: source).statistics()
            print("\(api) pages and entities: \(requests.count) requests (\(requests.filter { $0.method == "POST" }.count) POST), \(stats.logFiles) logs, \(stats.logBytes) log bytes")
            print(String(format: "snapshot: min %.2f s, median %.2f s, max %.2f s", s.min, s.p50, s.max))
            print(String(format: "curl | xargs -P %d: min %.2f s, median %.2f s, max %.2f s", parallel, c.min, c.p50, c.max))
            print(String(format: "ratio %.2f (target <= 1.5); peak RSS %.0f MB (target <= 150, flat in log size)", s.p50 / max(c.p50, 1e-9), Double(rss.max() ?? 0) / 1_000_000))
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
        /// curl`), whose bodies are the v2 search bodies a crawl sends, page by page (offset counting records).
        static func writeCurlLists(_ requests: [Request], base: String, in work: URL) throws -> (gets: String, posts: String) {
            var gets: [String] = []
            var posts: [String] = []
            for request in requests {
                switch request.method {
                case "POST":
                    let body = work.appendingPathComponent("post-\(posts.count).json").path
                    let offset = posts.count * V2Endpoint.maxSearchLimit
                    try #"{"offset":\#(offset),"limit":\#(V2Endpoint.maxSearchLimit),"sort_by":"create_time","order":"asc"}"#
                        .write(toFile: body, atomically: true, encoding: .utf8)
                    posts.append("-X POST -H Content-Type:application/json --data-binary @\(body) \(base)\(request.target)")
                default:
                    gets.append(base + request.target)
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
