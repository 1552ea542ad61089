import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("clone from a v2 job: the v2 create request, typed overrides, redaction block, submission and lineage")
struct V2CloneTests {
    /// The v2 fixture with 3 jobs; in capture 2 job 2's `lr` is redacted.
    static func archive(in dir: TemporaryDirectory) throws -> (path: String, jobs: [(id: String, item: String, detail: String)]) {
        let path = try V2Fixture.archive(in: dir, count: 3)
        let jobs = V2Fixture.jobs(3)
        let archive = try Archive.open(at: path, mode: .readWrite)
        let capture = try archive.captures.begin(source: "test")
        let redacted = jobs[2].detail.replacingOccurrences(of: #""value":"0.01""#, with: #""value":"\#(ParameterRedactor.marker)""#)
        _ = try archive.entities.put(kind: .v2JobDetail, key: jobs[2].id, raw: Array(redacted.utf8), capture: capture)
        // Job 1 gains an environment variable that was redacted.
        let environment = jobs[1].detail.replacingOccurrences(of: #""boot_file":"train.py","#, with: #""boot_file":"train.py","environments":{"TOKEN":"\#(ParameterRedactor.marker)","MODE":"fast"},"#)
        _ = try archive.entities.put(kind: .v2JobDetail, key: jobs[1].id, raw: Array(environment.utf8), capture: capture)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return (path, jobs)
    }

    @Test("the dry run is the archived job's create fields with the overrides; read-only fields are not sent")
    func dryRun() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.archive(in: dir)
        let r = try await CloneFixtures.run([
            "clone", path, jobs[0].id, "--as-job", "retry-1", "--set", "lr=0.02", "--add", "epochs=3",
            "--config", "spec.resource.node_count=3", "--flavor", "modelarts.vm.cpu.8u", "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try RawJSON.parse(r.stdout)
        #expect(out["path"] == .string("/v2/{project_id}/training-jobs"))
        let body = try #require(out["body"])
        #expect(body["kind"] == .string("job"))
        #expect(body["metadata"]?["name"] == .string("retry-1"))
        #expect(body["metadata"]?["description"] == .string("line one\n\"quoted\" é"))
        #expect(body["metadata"]?["workspace_id"] == .string("0"))
        #expect(body["algorithm"]?["code_dir"] == .string("obs://bucket/code/"))
        #expect(body["algorithm"]?["boot_file"] == .string("train.py"))
        #expect(body["algorithm"]?["engine"]?["engine_name"] == .string("PyTorch"))
        let parameters = try #require(body["algorithm"]?["parameters"]?.array)
        #expect(parameters.map { $0["name"]?.string } == ["lr", "epochs"])
        #expect(parameters.map { $0["value"] } == [.string("0.02"), .string("3")])
        #expect(parameters.allSatisfy { $0["constraint"] == nil }, "only name and value are sent")
        #expect(body["spec"]?["resource"]?["node_count"] == .number("3"), "typed like the archived number")
        #expect(body["spec"]?["resource"]?["flavor_id"] == .string("modelarts.vm.cpu.8u"))
        #expect(body["spec"]?["resource"]?["pool_id"] == .string("pool-0"))
        #expect(body["status"] == nil && body["endpoints"] == nil && body["metadata"]?["id"] == nil)
        let changes = try #require(out["diff"]?.array)
        func change(_ field: String) -> JSONValue? { changes.first { $0["field"] == .string(field) } }
        #expect(change("parameter lr")?["change"] == .string("~"))
        #expect(change("parameter epochs")?["change"] == .string("+"))
        #expect(change("spec.resource.node_count")?["requested"] == .number("3"))

        // Text: the request line and the diff; the default name; by name.
        let text = try await CloneFixtures.run(["clone", path, "train-é-1"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.output.contains("POST /v2/{project_id}/training-jobs"))
        #expect(text.output.contains(#""name": "train---1-clone""#), "\(text.output)")
    }

    @Test("bad overrides are usage errors naming the problem; an unknown job is exit 1")
    func errors() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.archive(in: dir)
        let cases: [([String], Int32, String)] = [
            (["--set", "nosuch=1"], 64, "--add"),
            (["--unset", "nosuch"], 64, "no parameter nosuch"),
            (["--add", "lr=1"], 64, "--set"),
            (["--config", "spec.resource.node_count=many"], 64, "not a JSON number"),
            (["--config", "status.phase=Running"], 64, "dotted path"),
            (["--config", "algorithm.parameters=x"], 64, "--set"),
            (["--target", "v1"], 64, "v2 request"),
            (["--as-job", "bad name!"], 64, "1-64 characters"),
            (["--config", "algorithm.code_dir.sub=x"], 64, "is not an object"),
            (["--config", "metadata.name=x"], 64, "--as-job"),
            (["--config", "spec.resource.gpu=1"], 64, "not a v2 create field"),
            (["--as-version"], 64, "--as-version makes a v1 version"),
        ]
        for (args, status, needle) in cases {
            let r = try await CloneFixtures.run(["clone", path, jobs[0].id] + args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(needle) && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
        let unknown = try await CloneFixtures.run(["clone", path, "no-such-job"])
        #expect(unknown.status == 1, "\(unknown.stderr)")
        // A v1 job without its version is a usage error.
        let seed = try CloneFixtures.seedArchive()
        let v1 = try await CloneFixtures.run(["clone", seed.path, "10"])
        #expect(v1.status == 64 && v1.stderr.contains("give its VERSION"), "\(v1.stderr)")
    }

    @Test("a redacted parameter blocks --submit; with it set, the request is signed, sent once and recorded with the v2 source")
    func submit() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.archive(in: dir)
        let dry = try await CloneFixtures.run(["clone", path, jobs[2].id, "--as-job", "again"])
        #expect(dry.output.contains("BLOCKED: redacted parameter(s) lr"), "\(dry.output)")
        let refused = try await CloneFixtures.run(["clone", path, jobs[2].id, "--as-job", "again", "--submit", "--endpoint", "http://127.0.0.1:9", "--project-id", "proj"])
        #expect(refused.status == 64 && refused.stderr.contains("lr"), "\(refused.stderr)")

        let receiver = TestReceiver()
        let sent = try await receiver.run { url in
            try await CloneFixtures.run([
                "clone", path, jobs[2].id, "--as-job", "again", "--set", "lr=0.5", "--submit", "--endpoint", url, "--project-id", "proj",
                "--ak", TestReceiver.accessKey, "--sk", TestReceiver.secretKey,
            ])
        }
        #expect(sent.status == 0, "\(sent.stderr)")
        let received = await receiver.received
        #expect(received.count == 1)
        #expect(received.first?.path == "/v2/proj/training-jobs")
        let body = try RawJSON.parse(received.first?.body ?? [])
        #expect(body["algorithm"]?["parameters"]?.array?.first?["value"] == .string("0.5"))
        #expect(body["metadata"]?["name"] == .string("again"))
        let list = try await CloneFixtures.run(["clone", "--list", path, jobs[2].id, "--json"])
        let record = try #require(try RawJSON.parse(list.stdout).array?.first)
        #expect(record["source_v2_job_id"] == .string(jobs[2].id))
        #expect(record["kind"] == .string("v2-job"))
        #expect(record["source_capture_id"] == .number("2"))
        #expect(record["result_job_id"] == .string("3f6f9c2e-0000-4000-8000-000000000001"))
        let text = try await CloneFixtures.run(["clone", "--list", path])
        #expect(text.output.contains("v2-job from v2 job \(jobs[2].id) (capture 2)"), "\(text.output)")
        #expect(try Archive.open(at: path).statistics().formatVersion == Int(ArchiveSchema.formatVersion))
    }

    @Test("a redacted environment variable blocks --submit until --config sets it; the body's read-only parts are listed")
    func environments() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.archive(in: dir)
        let blocked = try await CloneFixtures.run(["clone", path, jobs[1].id, "--as-job", "env-1", "--json"])
        let out = try RawJSON.parse(blocked.stdout)
        #expect(out["blocked_labels"] == .array([.string("environments.TOKEN")]))
        #expect(out["body"]?["algorithm"]?["environments"]?["MODE"] == .string("fast"))
        let refused = try await CloneFixtures.run(["clone", path, jobs[1].id, "--as-job", "env-1", "--submit", "--endpoint", "http://127.0.0.1:9", "--project-id", "p"])
        #expect(refused.status == 64 && refused.stderr.contains("--config algorithm.environments.NAME=VALUE"), "\(refused.stderr)")
        let set = try await CloneFixtures.run(["clone", path, jobs[1].id, "--as-job", "env-1", "--config", "algorithm.environments.TOKEN=abc", "--json"])
        let fixed = try RawJSON.parse(set.stdout)
        #expect(fixed["blocked_labels"] == .array([]))
        #expect(fixed["body"]?["algorithm"]?["environments"]?["TOKEN"] == .string("abc"))
        let diff = try #require(fixed["diff"]?.array)
        #expect(diff.contains { $0["field"] == .string("status") && $0["note"] == .string("read-only; not sent") })
        #expect(diff.contains { $0["field"] == .string("metadata.id") && $0["change"] == .string("-") })
        #expect(diff.first { $0["field"] == .string("algorithm.environments.TOKEN") }?["archived"] == .string(ParameterRedactor.marker))
    }
}
