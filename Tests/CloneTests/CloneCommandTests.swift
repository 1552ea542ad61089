import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("clone, restore-config and reproduce as the built binary")
struct CloneCommandTests {
    @Test("clone dry run prints the body and the diff; --json is one parseable object")
    func dryRun() async throws {
        let test = try CloneFixtures.seedArchive()
        // --as-version is a v1 version of the same job (the v1 request).
        let text = try await CloneFixtures.run(["clone", test.path, "10", "10", "--set", "learning_rate=0.02", "--as-version"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.output.contains("POST /v1/{project_id}/training-jobs/10/versions"))
        #expect(text.output.contains("~ parameter learning_rate: 0.01 → 0.02"))
        #expect(try await CloneFixtures.run(["clone", test.path, "10", "10", "--target", "v1"]).output == (try await CloneFixtures.run(["clone", test.path, "10", "10", "--as-version"])).output)
        // The default for a v1 version is the v2 request: the live service creates only v2 jobs.
        let json = try await CloneFixtures.run(["clone", test.path, "10", "10", "--json", "--flavor", "modelarts.vm.cpu.2u"])
        #expect(json.status == 0, "\(json.stderr)")
        let parsed = try RawJSON.parse(json.stdout)
        #expect(parsed["path"] == .string("/v2/{project_id}/training-jobs"))
        #expect(parsed["body"]?["kind"] == .string("job"))
        #expect(try await CloneFixtures.run(["clone", test.path, "10", "10", "--json", "--target", "v2", "--flavor", "modelarts.vm.cpu.2u"]).stdout == json.stdout)
        let noFlavor = try await CloneFixtures.run(["clone", test.path, "10", "10"])
        #expect(noFlavor.status == 64 && noFlavor.stderr.contains("--flavor"), "\(noFlavor.stderr)")
        #expect(try await CloneFixtures.run(["clone", test.path, "10", "10", "--as-version", "--target", "v2"]).status == 64)
    }

    @Test("errors are one line: 64 for a bad override, 1 for what the archive lacks")
    func errors() async throws {
        let test = try CloneFixtures.seedArchive()
        let unknown = try await CloneFixtures.run(["clone", test.path, "10", "10", "--set", "momentum=0.9"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--add momentum=") && unknown.stderr.split(separator: "\n").count == 1)
        let badConfig = try await CloneFixtures.run(["clone", test.path, "10", "10", "--config", "core=8"])
        #expect(badConfig.status == 64 && badConfig.stderr.contains("not a create-API config field"))
        let missing = try await CloneFixtures.run(["clone", test.path, "10", "99"])
        #expect(missing.status == 1 && missing.stderr.contains("no version 99"))
        let blocked = try await CloneFixtures.run(["clone", test.path, "10", "11", "--submit", "--endpoint", "http://127.0.0.1:9", "--project-id", "proj"])
        #expect(blocked.status == 64 && blocked.stderr.contains("obs_secret_key"))
        let help = try await CloneFixtures.run(["clone", "--help"])
        #expect(help.status == 0 && help.output.contains("Examples:"))
    }

    @Test("clone --submit signs, the receiver verifies, and clone --list shows the record")
    func submitEndToEnd() async throws {
        let test = try CloneFixtures.seedArchive()
        let receiver = TestReceiver()
        let path = test.path
        let result = try await receiver.run { url in
            try await CloneFixtures.run([
                "clone", path, "10", "10", "--set", "learning_rate=0.02", "--target", "v1", "--submit", "--endpoint", url, "--project-id", "proj",
                "--ak", TestReceiver.accessKey, "--sk", TestReceiver.secretKey,
            ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output.contains("→ job 10 version 12"))
        #expect(await receiver.received.count == 1)
        let list = try await CloneFixtures.run(["clone", "--list", path])
        #expect(list.status == 0)
        #expect(list.output.contains("#1 ") && list.output.contains("version from job 10 version 10"))
        let json = try await CloneFixtures.run(["clone", "--list", path, "10", "10", "--json"])
        let records = try RawJSON.parse(json.stdout)
        #expect(records.array?.first?["overrides"] == .string(#"["--set learning_rate=0.02","--target v1"]"#))
        #expect(records.array?.first?["source_capture_id"] == .number("1"))
    }

    @Test("restore-config --submit uses PUT when the config exists upstream, POST otherwise")
    func restoreConfigSubmit() async throws {
        let test = try CloneFixtures.seedArchive()
        let receiver = TestReceiver()
        await receiver.setExisting(["config123"])
        let path = test.path
        let dry = try await CloneFixtures.run(["restore-config", path, "config123"])
        #expect(dry.status == 0 && dry.output.contains("POST /v1/{project_id}/training-job-configs"))
        let received = try await receiver.run { url in
            let auth = ["--endpoint", url, "--project-id", "proj", "--ak", TestReceiver.accessKey, "--sk", TestReceiver.secretKey]
            let update = try await CloneFixtures.run(["restore-config", path, "config123", "--submit"] + auth)
            #expect(update.status == 0, "\(update.stderr)")
            let create = try await CloneFixtures.run(["restore-config", path, "config123", "--as", "config123-copy", "--submit"] + auth)
            #expect(create.status == 0, "\(create.stderr)")
            return await receiver.received
        }
        #expect(received.map { "\($0.method) \($0.path)" } == [
            "GET /v1/proj/training-job-configs/config123",
            "PUT /v1/proj/training-job-configs/config123",
            "GET /v1/proj/training-job-configs/config123-copy",
            "POST /v1/proj/training-job-configs",
        ])
        let list = try await CloneFixtures.run(["clone", "--list", path])
        #expect(list.output.contains("config-update from config custom/config123"))
        #expect(list.output.contains("config-create from config custom/config123"))
    }

    @Test("reproduce writes an executable script naming archive, capture and digest")
    func reproduce() async throws {
        let test = try CloneFixtures.seedArchive()
        let out = test.directory.path("run.sh")
        let result = try await CloneFixtures.run(["reproduce", test.path, "10", "10", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let script = try String(contentsOfFile: out, encoding: .utf8)
        #expect(script.contains("#   archive:  \(test.path)"))
        #expect(script.contains("#   capture:  1"))
        let digest = try Archive.open(at: test.path).contentDigest()
        #expect(script.contains("#   archive digest: \(digest)"))
        #expect(FileManager.default.isExecutableFile(atPath: out))
        #expect(try ReproduceTests.bashSyntaxOK(script))
    }
}
