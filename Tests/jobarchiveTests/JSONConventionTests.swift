import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

/// Every `--json` output (and every JSON file `export` writes) uses one key convention: snake_case.
@Suite("JSON keys: snake_case in every --json output")
struct JSONConventionTests {
    /// Every command with `--json`, run on the bundled sample.
    static let commands: [[String]] = [
        ["info", Fixtures.sample], ["verify", Fixtures.sample], ["jobs", Fixtures.sample], ["versions", Fixtures.sample],
        ["versions", Fixtures.sample, "567927"], ["show", Fixtures.sample, "10"], ["show", Fixtures.sample, "10/10"],
        ["history", Fixtures.sample], ["diff", Fixtures.sample, "567927/1111447", "567927/1111102"],
        ["log", Fixtures.sample, "10/10", "--list"], ["search", "error", Fixtures.sample], ["search", "error", Fixtures.sample, "--count"],
        ["metrics", Fixtures.sample, "10/10"], ["configs", Fixtures.sample], ["engines", Fixtures.sample], ["specs", Fixtures.sample],
        ["algorithms", Fixtures.sample], ["pools", Fixtures.sample], ["get-job", Fixtures.sample], ["get-job", Fixtures.sample, "-i", "10"],
        ["get-event", Fixtures.sample, "-i", "10"], ["get-engine", Fixtures.sample], ["get-flavor", Fixtures.sample],
        ["get-pool", Fixtures.sample], ["sample", "OUT.sqlite"], ["export", Fixtures.sample, "OUT"],
        ["snapshot", "--demo", "-o", "OUT.sqlite", "--no-logs"],
    ]

    /// Keys with a capital letter anywhere in `value`, with their paths.
    static func camelKeys(_ value: Any, path: String = "$") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in
                (key.contains { $0.isUppercase } ? ["\(path).\(key)"] : []) + camelKeys(child, path: "\(path).\(key)")
            }
        }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { camelKeys($1, path: "\(path)[\($0)]") }
        }
        return []
    }

    @Test("no key has a capital letter", arguments: JSONConventionTests.commands)
    func snakeCase(args: [String]) async throws {
        let dir = try TemporaryDirectory()
        let resolved = args.map { $0 == "OUT" ? dir.path("out") : $0 == "OUT.sqlite" ? dir.path("out.sqlite") : $0 }
        let r = await CLI.run(resolved + ["--json"])
        try #require(r.status == 0, "\(args): exit \(r.status) \(r.stderr)")
        let keys = Self.camelKeys(try r.json())
        #expect(keys.isEmpty, "\(args): camelCase keys \(keys.prefix(10))")
        if args.first == "export" {
            for file in ["manifest.json", "captures.json"] {
                let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("out") + "/" + file))
                let fileKeys = Self.camelKeys(try JSONSerialization.jsonObject(with: data))
                #expect(fileKeys.isEmpty, "export \(file): camelCase keys \(fileKeys.prefix(10))")
            }
        }
    }

    @Test("export --jsonl: every record's keys are snake_case too (text_base64, as_of_capture)")
    func jsonLines() async throws {
        let r = await CLI.run(["export", Fixtures.sample, "--jsonl"])
        try #require(r.status == 0, "\(r.stderr)")
        var seen = Set<String>()
        for line in r.stdout.split(separator: 0x0A) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            seen.formUnion(object.keys)
        }
        #expect(seen.filter { $0.contains { $0.isUppercase } }.isEmpty, "camelCase keys: \(seen.filter { $0.contains { $0.isUppercase } })")
        #expect(seen.isSuperset(of: ["as_of_capture", "started_at", "text_base64"]))
    }

    @Test("identifiers keep their words: job_id, latest_version_id, source_capture_id")
    func identifierNames() async throws {
        let jobs = try await CLI.run(["jobs", Fixtures.sample, "--json"]).array()
        let seed = try #require(jobs.first { $0["job_id"] as? Int == 10 })
        #expect(seed["latest_version_id"] as? Int == 10)
        #expect(seed["status_name"] as? String == "completed")
        // Values are never converted: metric series keep the API's names.
        let metrics = try await CLI.run(["metrics", Fixtures.sample, "10/10", "--json"]).object()
        let series = try #require((metrics["system_metrics"] as? [String: Any])?["series"] as? [[String: Any]])
        #expect(series.contains { $0["name"] as? String == "cpuUsage" })
    }
}
