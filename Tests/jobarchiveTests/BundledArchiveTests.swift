import ArchiveStore
import Foundation
import JobArchiveTestSupport
import SampleProject
import Testing

@Suite("The bundled sample archive, info and verify as the built binary")
struct BundledArchiveTests {
    static var bundled: String { CommandRunner.packageRoot.appendingPathComponent("archives/sample.sqlite").path }

    @Test("the committed archive's content digest equals what the generator produces now")
    func bundledMatchesGenerator() async throws {
        let dir = try TemporaryDirectory()
        let fresh = dir.path("fresh.sqlite")
        try SampleArchiveWriter.writeArchive(SampleArchiveWriter.bundledOptions, to: fresh)
        let committed = try Archive.open(at: BundledArchiveTests.bundled)
        #expect(try committed.contentDigest() == Archive.open(at: fresh).contentDigest(),
                "regenerate with: swift run jobarchive sample archives/sample.sqlite --force")
    }

    @Test("generation is deterministic: two runs, one digest")
    func deterministic() async throws {
        let dir = try TemporaryDirectory()
        var options = SampleArchiveWriter.bundledOptions
        options.seed = 7
        options.logBytes = 300_000
        try SampleArchiveWriter.writeArchive(options, to: dir.path("a.sqlite"))
        try SampleArchiveWriter.writeArchive(options, to: dir.path("b.sqlite"))
        let a = try Archive.open(at: dir.path("a.sqlite")).contentDigest()
        #expect(a == (try Archive.open(at: dir.path("b.sqlite")).contentDigest()))
        options.seed = 8
        try SampleArchiveWriter.writeArchive(options, to: dir.path("c.sqlite"))
        #expect(a != (try Archive.open(at: dir.path("c.sqlite")).contentDigest()))
    }

    @Test("the seed job's JSON is in the archive byte for byte")
    func seedJobBytes() async throws {
        let archive = try Archive.open(at: BundledArchiveTests.bundled)
        #expect(try archive.lists.render("versions/10") == Array(SeedFixtures.versionList.utf8))
        #expect(try archive.entities.entity(kind: .config, key: "custom/config123")?.raw == Array(SeedFixtures.configDetail.utf8))
    }

    @Test("the bundled archive holds both generations: v1 jobs with versions, v2 jobs with every task's log")
    func bothGenerations() async throws {
        let archive = try Archive.open(at: BundledArchiveTests.bundled, mode: .readOnly)
        let v2 = try archive.jobs.v2Jobs()
        #expect(v2.count == SampleArchiveWriter.bundledOptions.v2Jobs && v2.count > 0)
        let taskLogs = try v2.flatMap { try archive.logs.files(v2JobID: $0.jobID) }
        #expect(taskLogs.count >= v2.count, "at least one task log per v2 job")
        #expect(Set(taskLogs.compactMap(\.v2JobID)) == Set(v2.map(\.jobID)))
        let listed = try CommandRunner.run(["jobs", BundledArchiveTests.bundled, "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["api"] as? String }) == ["v1", "v2"])
        #expect(rows.filter { $0["api"] as? String == "v2" }.count == v2.count)
    }

    @Test("snapshot --demo --no-redact captures exactly the bundled archive's content, v1 and v2")
    func demoCapturesBundled() async throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("demo.sqlite")
        // In the package root, so the demo serves the committed archives/sample.sqlite.
        let result = try await TimedProcess.runAsync(
            CommandRunner.binary.path, ["snapshot", "--demo", "-o", out, "--no-redact", "--quiet"],
            directory: CommandRunner.packageRoot.path, timeout: 180)
        #expect(result.ending == .exited(0), "\(result.stderr)")
        let captured = try Archive.open(at: out, mode: .readOnly)
        #expect(try captured.jobs.v2Jobs().count == SampleArchiveWriter.bundledOptions.v2Jobs)
        #expect(try captured.contentDigest() == Archive.open(at: BundledArchiveTests.bundled, mode: .readOnly).contentDigest())
    }

    @Test("info prints counts and sizes, and --json for scripts")
    func info() async throws {
        let text = try CommandRunner.run(["info", BundledArchiveTests.bundled])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.output.contains("jobs"))
        #expect(text.output.contains("compression") || text.output.contains("stored"))
        let json = try CommandRunner.run(["info", BundledArchiveTests.bundled, "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect(object["format_version"] as? Int == Int(ArchiveSchema.formatVersion))
        #expect((object["jobs"] as? Int ?? 0) >= 9)
        #expect(object["v2_jobs"] as? Int == SampleArchiveWriter.bundledOptions.v2Jobs)
        #expect(text.output.contains("jobs       9 v1, \(SampleArchiveWriter.bundledOptions.v2Jobs) v2"), "\(text.output)")
        #expect((object["log_lines"] as? Int ?? 0) > 1000)
        #expect((object["compression_ratio"] as? Double ?? 0) > 2)
        #expect((object["index_bytes"] as? Int ?? 0) > 0)
    }

    @Test("verify passes on the bundled archive and prints its digest")
    func verifyOK() async throws {
        let result = try CommandRunner.run(["verify", BundledArchiveTests.bundled, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)
        let digest = try Archive.open(at: BundledArchiveTests.bundled).contentDigest()
        #expect(object["digest"] as? String == digest)
    }

    @Test("verify fails clearly on damaged copies: a flipped chunk byte, a deleted row, a truncated file")
    func verifyDamaged() async throws {
        let dir = try TemporaryDirectory()
        func copy(_ name: String) throws -> String {
            let path = dir.path(name)
            try FileManager.default.copyItem(atPath: BundledArchiveTests.bundled, toPath: path)
            return path
        }
        let flipped = try copy("flipped.sqlite")
        let file = try #require(try Archive.open(at: flipped).logs.files().first { $0.byteCount > 70_000 })
        let line = try DamageTool.flipChunkByte(path: flipped, fileID: file.id, chunkIndex: 1, offset: 200)
        var result = try CommandRunner.run(["verify", flipped])
        #expect(result.status == 1)
        #expect(result.output.contains("FAIL chunk: log file \(file.id) (job \(file.jobID) version \(file.versionID) \(file.fileName)), chunk at line \(line)"), "\(result.output)")

        let deleted = try copy("deleted.sqlite")
        try DamageTool.execute(path: deleted, "DELETE FROM log_chunks WHERE id = (SELECT max(id) FROM log_chunks)")
        result = try CommandRunner.run(["verify", deleted])
        #expect(result.status == 1)
        #expect(result.output.contains("FAIL log:"), "\(result.output)")

        let truncated = try copy("truncated.sqlite")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: truncated)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: truncated))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        result = try CommandRunner.run(["verify", truncated])
        #expect(result.status == 1)
        #expect(result.stderr.contains(truncated) || result.output.contains("FAIL"), "\(result.stderr) \(result.output)")
        #expect(result.stderr.split(separator: "\n").count <= 1, "one line: \(result.stderr)")

        let missing = try CommandRunner.run(["verify", dir.path("nope.sqlite")])
        #expect(missing.status == 1)
        #expect(missing.stderr == "jobarchive: \(dir.path("nope.sqlite")): no such file\n")
    }
}
