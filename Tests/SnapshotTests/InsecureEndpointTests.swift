import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

/// Plain http only to loopback: look-alike hosts are refused before any connection, credentials never echoed.
@Suite("Credentials never over plain http to a look-alike of loopback")
struct InsecureEndpointTests {
    static let secrets = ["tok-SECRET-1234567890", "AK-SECRET-ABCDEFGH", "SK-SECRET-qwertyuiop"]
    static let lookAlikes = ["127.evil.example", "127.0.0.1.example.com", "localhost.example", "0x7f.1", "[::ffff:127.0.0.1]", "127.1"]

    static func check(_ result: CommandRunner.Result, host: String, _ what: String) async {
        #expect(result.status == 64, "\(what): \(result.stderr)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains("refusing plain http to \(host)"), "\(what): the error names the host: \(first)")
        #expect(first.contains("--insecure-http"), "\(what): the error names the way out: \(first)")
        for secret in secrets {
            #expect(!result.stderr.contains(secret) && !result.output.contains(secret), "\(what): a credential was echoed")
        }
    }

    @Test("snapshot refuses each look-alike with exit 64 and creates nothing", arguments: lookAlikes)
    func snapshot(host: String) async throws {
        let dir = try TemporaryDirectory()
        let output = dir.path("never.sqlite")
        for credentials in [["--token", Self.secrets[0]], ["--ak", Self.secrets[1], "--sk", Self.secrets[2]]] {
            let result = await CommandRunner.runInProcess(["snapshot", "--endpoint", "http://\(host):8080", "--project-id", "p1", "-o", output] + credentials)
            await Self.check(result, host: host, "snapshot \(credentials[0])")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test("clone --submit (v1 and v2) and restore-config --submit refuse each look-alike and record nothing", arguments: lookAlikes)
    func submit(host: String) async throws {
        let dir = try TemporaryDirectory()
        let archive = dir.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: CommandRunner.packageRoot.appendingPathComponent("archives/sample.sqlite").path, toPath: archive)
        let connection = ["--submit", "--endpoint", "http://\(host)", "--project-id", "p1", "--token", Self.secrets[0]]
        for args in [["clone", archive, "10", "10"], ["clone", archive, "10", "10", "--target", "v2"]] {
            await Self.check(await CommandRunner.runInProcess(args + connection), host: host, args.joined(separator: " "))
        }
        let config = try #require(try Archive.open(at: archive).catalog.configs().first, "the sample has configs")
        await Self.check(await CommandRunner.runInProcess(["restore-config", archive, config.name] + connection), host: host, "restore-config")
        #expect(try Archive.open(at: archive).clones.records().isEmpty, "nothing was sent, so nothing is recorded")
    }

    @Test("127.1 is not loopback by spelling, but --insecure-http lets it through (it resolves to 127.0.0.1)")
    func insecureFlag() async throws {
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 1, logBytes: 10_000)
        let project = try SnapshotHarness.projectID(source)
        let output = dir.path("via-127-1.sqlite")
        try await SnapshotHarness.serve(source) { url in
            let port = url.split(separator: ":").last.map(String.init) ?? ""
            let refused = await CommandRunner.runInProcess(["snapshot", "--endpoint", "http://127.1:\(port)", "--project-id", project, "-o", output, "--quiet"])
            #expect(refused.status == 64)
            let allowed = await CommandRunner.runInProcess(["snapshot", "--endpoint", "http://127.1:\(port)", "--project-id", project, "-o", output, "--quiet", "--insecure-http", "--no-logs", "--token", "any-token"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
        }
        #expect(try Archive.open(at: output).statistics().jobs == Archive.open(at: source).statistics().jobs)
    }
}
