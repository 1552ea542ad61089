import ArchiveStore
import ArgumentParser
import Foundation
import ModelArtsAPI
import SampleProject

extension Bench {
    /// Replay throughput with wrk, against nginx serving the same JSON as a static file.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay req/s and p99 (wrk -t2 -c64) for an entity and a 500-line log page; nginx static file as baseline.")

        @Option(help: "Seconds per wrk run.")
        var seconds: Int = 10

        @Option(help: "Runs of each side (alternating).")
        var runs: Int = 2

        @Flag(help: "Print the figures as JSON.")
        var json = false

        struct WrkResult {
            var rps: Double
            var p99Ms: Double
            var errors: Int
        }

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
            guard seconds >= 1 else { throw ValidationError("--seconds must be 1 or more") }
        }

        func run() async throws {
            try FigureReport.emit(try await measure(), json: json)
        }

        /// The entity endpoint's req/s against nginx serving the same bytes, and a rendered log page's req/s and p99.
        func measure() async throws -> [Figure] {
            guard BenchSupport.has("wrk") else { throw BenchError("wrk is needed (apt-get install wrk)") }
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-replay-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }  // try?: scratch files; a leftover is harmless
            let source = work.appendingPathComponent("source.sqlite").path
            var options = SampleArchiveWriter.bundledOptions
            options.v2Jobs = 0
            options.logBytes = 20_000_000
            try SampleArchiveWriter.writeArchive(options, to: source)
            let archive = try Archive.open(at: source)
            let project = try archive.metadata()["project_id"] ?? ""
            let big = try requireFile(try archive.logs.files().max { $0.lineCount < $1.lineCount })
            let (server, url) = try JobArchiveBinary.serve(source)
            defer { server.terminate(); server.waitUntilExit() }
            let entityPath = "/v1/\(project)/\(V1Endpoint.version(jobID: 10, versionID: 10).path)"
            // A window that was never captured: rendered per request.
            let (firstPage, _) = try BenchSupport.shell("curl -s '\(url)/v1/\(project)/\(V1Endpoint.aomLog(jobID: big.jobID, versionID: big.versionID).path)?log_file=\(big.fileName)&base_line=&lines=7&order=asc'")
            guard let cursor = Replay.field(firstPage, "end_line") else { throw BenchError("no cursor in \(firstPage.prefix(200))") }
            let pagePath = "/v1/\(project)/\(V1Endpoint.aomLog(jobID: big.jobID, versionID: big.versionID).path)?log_file=\(big.fileName)&base_line=\(cursor)&lines=500&order=desc"
            // nginx serving the entity's exact bytes as a static file.
            var nginxURL: String? = nil
            var nginx: Process? = nil
            if BenchSupport.has("nginx") {
                let root = work.appendingPathComponent("www")
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                let (body, _) = try BenchSupport.shell("curl -s '\(url)\(entityPath)'")
                try body.write(to: root.appendingPathComponent("entity.json"), atomically: true, encoding: .utf8)
                let port = 18000 + Int.random(in: 0..<2000)
                let conf = """
                    worker_processes auto; daemon off; error_log /dev/null; pid \(work.path)/nginx.pid;
                    events { worker_connections 1024; }
                    http { access_log off; sendfile on; keepalive_requests 100000; types { application/json json; }
                      client_body_temp_path \(work.path); proxy_temp_path \(work.path); fastcgi_temp_path \(work.path);
                      uwsgi_temp_path \(work.path); scgi_temp_path \(work.path);
                      server { listen 127.0.0.1:\(port); root \(root.path); } }
                    """
                try conf.write(to: work.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
                p.arguments = ["-c", work.appendingPathComponent("nginx.conf").path, "-p", work.path]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                nginx = p
                nginxURL = "http://127.0.0.1:\(port)/entity.json"
            }
            defer { nginx?.terminate(); nginx?.waitUntilExit() }
            if nginx != nil {
                try await Task.sleep(nanoseconds: 500_000_000)
                // A port taken by something else, or a bad configuration: no baseline rather than a false one.
                if nginx?.isRunning != true { nginxURL = nil }
            }
            var entity: [WrkResult] = []
            var page: [WrkResult] = []
            var static_: [WrkResult] = []
            for _ in 0..<runs {
                entity.append(try wrk(url + entityPath))
                if let nginxURL { static_.append(try wrk(nginxURL)) }
                page.append(try wrk(url + pagePath))
            }
            func median(_ r: [WrkResult]) -> WrkResult { r.sorted { $0.rps < $1.rps }.dropFirst(r.count / 2).first ?? WrkResult(rps: 0, p99Ms: 0, errors: 1) }
            let e = median(entity)
            let pg = median(page)
            FigureReport.progress(String(format: "replay entity endpoint: %.0f req/s, p99 %.1f ms, errors %d", e.rps, e.p99Ms, e.errors))
            FigureReport.progress(String(format: "replay 500-line log page (rendered): %.0f req/s, p99 %.1f ms, errors %d", pg.rps, pg.p99Ms, pg.errors))
            var figures: [Figure] = []
            if let n = static_.isEmpty ? nil : median(static_), n.rps > 0, n.errors == 0 {
                let share = e.rps / max(n.rps, 1)
                figures.append(Figure(
                    name: "replay, entity endpoint", measured: e.rps, unit: "req/s", baselineName: "nginx static file", baseline: n.rps, ratio: share,
                    target: "ratio >= 0.5", met: share >= 0.5 && e.errors == 0,
                    detail: String(format: "p99 %.1f ms (nginx %.1f ms), %d errors; wrk -t2 -c64 -d%ds", e.p99Ms, n.p99Ms, e.errors, seconds)))
            } else {
                FigureReport.progress("nginx not installed or not answering: baseline skipped (apt-get install nginx-light)")
                figures.append(Figure(
                    name: "replay, entity endpoint", measured: e.rps, unit: "req/s", target: "ratio >= 0.5 (no nginx baseline: unmeasured)", met: false,
                    detail: String(format: "p99 %.1f ms, %d errors", e.p99Ms, e.errors)))
            }
            figures.append(Figure(
                name: "replay, 500-line log page", measured: pg.rps, unit: "req/s", target: ">= 5000 req/s, p99 <= 30 ms",
                met: pg.rps >= 5000 && pg.p99Ms <= 30 && pg.errors == 0,
                detail: String(format: "p99 %.1f ms, %d errors; a window never captured, rendered per request", pg.p99Ms, pg.errors)))
            return figures
        }

        func wrk(_ url: String) throws -> WrkResult {
            let (out, _) = try BenchSupport.shell("wrk -t2 -c64 -d\(seconds)s --latency '\(url)'")
            var rps = 0.0
            var p99 = 0.0
            var errors = 0
            for line in out.split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("Requests/sec:") { rps = Double(t.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)) ?? 0 }
                if t.hasPrefix("99%") { p99 = Replay.milliseconds(String(t.dropFirst(3).trimmingCharacters(in: .whitespaces))) }
                if t.hasPrefix("Non-2xx") || t.hasPrefix("Socket errors") {
                    errors += t.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
                }
            }
            return WrkResult(rps: rps, p99Ms: p99, errors: errors)
        }

        static func milliseconds(_ text: String) -> Double {
            if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? 0 }
            if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? 0) / 1000 }
            if text.hasSuffix("s") { return (Double(text.dropLast(1)) ?? 0) * 1000 }
            return 0
        }

        static func field(_ json: String, _ key: String) -> String? {
            guard let r = json.range(of: "\"\(key)\":\"") else { return nil }
            let rest = json[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
    }
}

/// The value, or a benchmark error naming what was missing.
func requireFile<T>(_ value: T?) throws -> T {
    guard let value else { throw BenchError("the sample archive has no log files") }
    return value
}
