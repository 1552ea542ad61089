import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("bad archives, exit codes and help")
struct ErrorAndHelpTests {
    static let commands = [
        "jobs", "versions", "show", "log", "search", "diff", "metrics", "history", "configs", "engines", "specs",
        "algorithms", "pools", "export", "get-job", "get-log", "get-engine", "get-flavor", "get-pool", "get-event",
    ]

    /// A command line per command that reads `archive`.
    static func invocations(_ archive: String) -> [[String]] {
        [
            ["jobs", archive], ["versions", archive], ["show", archive, "10"], ["log", archive, "10", "10"],
            ["search", "loss", archive], ["diff", archive, "10/10", "10/10"], ["metrics", archive, "10/10"],
            ["history", archive], ["configs", archive], ["engines", archive], ["specs", archive], ["algorithms", archive],
            ["pools", archive], ["export", archive, "--jsonl"], ["get-job", archive], ["get-log", archive, "-i", "10"],
            ["get-engine", archive], ["get-flavor", archive], ["get-pool", archive], ["get-event", archive, "-i", "10"],
        ]
    }

    @Test("a missing, foreign or damaged archive gives one line and exit 1, for every command")
    func badArchives() async throws {
        let dir = try TemporaryDirectory()
        let garbage = dir.path("garbage.sqlite")
        try Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: garbage))
        let empty = dir.path("empty.sqlite")
        FileManager.default.createFile(atPath: empty, contents: Data())
        // A damaged archive: the header page intact (it opens), every other page overwritten.
        let damaged = dir.path("damaged.sqlite")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.sample)))
        for i in 8192..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let cases: [(String, String)] = [
            (dir.path("missing.sqlite"), "no such file"),
            (garbage, "not a jobarchive archive"),
            (empty, "empty file"),
            (dir.url.path, "is a directory"),
            (damaged, "archive is damaged"),
        ]
        for (index, (path, message)) in cases.enumerated() {
            // Every command on the damaged archive (the last case); a spread of them on the others.
            let all = ErrorAndHelpTests.invocations(path)
            let chosen = index == cases.count - 1 ? all : all.enumerated().filter { $0.offset % 4 == index % 4 }.map(\.element)
            for args in chosen {
                let r = await CLI.run(args)
                #expect(r.status == 1, "\(args): exit \(r.status), \(r.stderr)")
                #expect(r.stderr.hasPrefix("jobarchive: \(path)"), "\(args): \(r.stderr)")
                #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            }
        }
    }

    /// Usage errors, caught while parsing or after it (`serve` options, clone overrides, dates, captures).
    static let usageErrors: [[String]] = [
        ["jobs"], ["show", Fixtures.sample], ["log", Fixtures.sample], ["search", "loss"], ["jobs", Fixtures.sample, "--json", "--csv"],
        ["jobs", Fixtures.sample, "--sort", "color"], ["log", Fixtures.sample, "10", "10", "--file", "a", "--worker", "1"],
        ["show", Fixtures.sample, "10/10", "--raw", "--json"], ["show", Fixtures.sample, "10", "--detail"],
        ["search", "loss", Fixtures.sample, "-C", "-1"], ["get-job", Fixtures.sample, "--page-size", "51"],
        ["jobs", Fixtures.sample, "--param", "=3"], ["show", Fixtures.sample, "10/10@x"],
        // --at / --capture: captures are numbered from 1.
        ["jobs", Fixtures.sample, "--at", "0"], ["versions", Fixtures.sample, "10", "--capture", "0"],
        ["reproduce", Fixtures.sample, "10", "10", "--capture", "0"], ["serve", Fixtures.sample, "--at", "0"],
        // Dates: one parser everywhere.
        ["jobs", Fixtures.sample, "--since", "2024-02-30"], ["versions", Fixtures.sample, "--until", "yesterday"],
        ["snapshot", "--demo", "-o", "unused.sqlite", "--since", "2024-13-01"], ["snapshot", "--demo", "-o", "unused.sqlite", "--until", "soon"],
        ["snapshot", "--demo", "-o", "unused.sqlite", "--status", "bogus"],
        // serve: checked after parsing, before anything binds.
        ["serve", Fixtures.sample, "--host", "0.0.0.0", "--port", "0"], ["serve", Fixtures.sample, "--port", "70000"],
        ["serve", Fixtures.sample, "--fault-kinds", "boom"], ["serve", Fixtures.sample, "--fault-rate", "2"],
        ["serve", Fixtures.sample, "--log-level", "loud"], ["serve", Fixtures.sample, "--ak", "only-the-key"],
        ["serve", Fixtures.sample, "--readers", "0"], ["serve", Fixtures.sample, "--max-rps", "0"],
        // clone: overrides are checked against the archived version.
        ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--set", "nosuch=1"], ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--set", "learning_rate=fast"],
        ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--config", "nosuch=1"], ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--config", "spec_id=abc"],
        ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--as-job", "bad!name"], ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--unset", "nosuch"],
        ["clone", Fixtures.sample, "10", "10", "--target", "v1", "--desc", String(repeating: "d", count: 300)],
    ]

    @Test("usage errors exit 64 with the problem named on stderr, parse-time or after", arguments: ErrorAndHelpTests.usageErrors)
    func usage(args: [String]) async throws {
        let dir = try TemporaryDirectory()
        let r = await CLI.run(args.map { $0 == "unused.sqlite" ? dir.path("unused.sqlite") : $0 })
        #expect(r.status == 64, "\(args): exit \(r.status) \(r.stderr)")
        let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("jobarchive: ") || first.hasPrefix("Error: "), "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(args): a usage error prints nothing on stdout")
        #expect(!FileManager.default.fileExists(atPath: dir.path("unused.sqlite")), "\(args): no archive is created")
    }

    @Test("every query command's --help teaches: an abstract, examples and exit status")
    func help() async throws {
        let root = await CLI.run(["--help"])
        #expect(root.status == 0)
        for command in ErrorAndHelpTests.commands {
            #expect(root.text.contains("  \(command)"), "\(command) missing from jobarchive --help")
            let r = await CLI.run([command, "--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.text.contains("Example"), "\(command) --help has no example")
            #expect(r.text.contains("Exit status") || r.text.contains("Same as"), "\(command) --help does not document exit status")
            // An example that runs this very command, not merely any text mentioning jobarchive.
            #expect(r.text.contains("jobarchive \(command) "), "\(command) --help has no example running jobarchive \(command)")
        }
    }

    @Test("the docs section names every query command")
    func docs() async throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let readme = root.appendingPathComponent("README.md")
        let docs = root.appendingPathComponent("docs-query.md")
        let readmeText = (try? String(contentsOf: readme, encoding: .utf8)) ?? ""
        let path = readmeText.contains("## Query") ? readme : docs
        let text = try String(contentsOf: path, encoding: .utf8)
        for command in ErrorAndHelpTests.commands {
            #expect(text.contains("jobarchive \(command)"), "\(command) missing from \(path.lastPathComponent)")
        }
    }
}
