import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("v2 jobs in the query commands: jobs and show")
struct V2CommandTests {
    @Test("jobs lists v2 jobs with an API column, filters them by phase, name, pool and engine, and --api keeps one generation")
    func jobsListsV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 12)
        let table = await CLI.run(["jobs", path])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.text.split(separator: "\n")
        #expect(lines.first?.contains("API") == true, "\(table.text)")
        #expect(lines.count == 13)
        #expect(table.text.contains("train-é-0"))
        #expect(table.text.contains("Completed"))

        let json = try await CLI.run(["jobs", path, "--json"]).array()
        #expect(json.count == 12)
        #expect(json.allSatisfy { $0["api"] as? String == "v2" })
        let first = try #require(json.first)
        #expect(first["job_id"] as? String == V2Fixture.jobs(1)[0].id)
        #expect(first["phase"] as? String == "Completed")
        #expect(first["node_count"] as? Int == 1)

        func ids(_ args: [String]) async throws -> [String] {
            let r = await CLI.run(["jobs", path, "--json"] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return try r.array().compactMap { $0["job_id"] as? String }
        }
        let all = V2Fixture.jobs(12).map(\.id)
        await #expect(try ids(["--status", "failed"]) == [all[1], all[6], all[11]])
        await #expect(try ids(["--status", "abnormal,terminated"]) == [all[3], all[4], all[8], all[9]])
        await #expect(try ids(["--name", "é-1"]) == [all[1], all[10], all[11]])
        await #expect(try ids(["--pool", "pool-1", "--limit", "2"]) == [all[1], all[3]])
        await #expect(try ids(["--engine", "pytorch"]).count == 12)
        await #expect(try ids(["--param", "lr=0.01"]).isEmpty)  // a v1 field: v2 jobs are left out
        await #expect(try ids(["--api", "v1"]).isEmpty)
        await #expect(try ids(["--sort", "created", "--desc"]) == all.reversed())
        // v1 and v2 together: the v1 sample's jobs, and the API column only once v2 rows are listed.
        let mixed = try await CLI.run(["jobs", Fixtures.sample, path, "--json"]).array()
        #expect(mixed.filter { $0["api"] as? String == "v1" }.count == 9)
        #expect(mixed.filter { $0["api"] as? String == "v2" }.count == 12)
        #expect(await CLI.run(["jobs", Fixtures.sample]).text.split(separator: "\n").first?.contains("API") == false)
        #expect(await CLI.run(["jobs", path, "--status", "nosuch"]).status == 64)
    }

    @Test("show a v2 job by UUID or name: fields, parameters, tasks, revisions; --raw is the details body; --json")
    func showV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 3)
        let job = V2Fixture.jobs(3)[1]
        let text = await CLI.run(["show", path, job.id])
        #expect(text.status == 0, "\(text.stderr)")
        for needle in ["v2 job \(job.id) train-é-1", "Failed", "PyTorch pytorch_1.8.0", "obs://bucket/code/", "train.py", "worker-0, worker-1", "lr = 0.01", "v2_job_detail"] {
            #expect(text.text.contains(needle), "missing \(needle) in\n\(text.text)")
        }
        // Job 1 has 3 events; its metrics keep -1 as "no data".
        for needle in ["events (3, 1 not Info; the last 10)", "event 2 of job 1: 训练 \"step\"", "worker-0 cpuUsage: 4 samples (1 without data), mean 17.8333, max 40", "worker-1 gpuUtil: 3 samples (2 without data), mean 99, max 99"] {
            #expect(text.text.contains(needle), "missing \(needle) in\n\(text.text)")
        }
        let byName = await CLI.run(["show", path, "train-é-1"])
        #expect(byName.text == text.text)
        let raw = await CLI.run(["show", path, job.id, "--raw"])
        #expect(raw.text == job.detail)
        let json = try await CLI.run(["show", path, job.id, "--json"]).object()
        #expect((json["job"] as? [String: Any])?["job_id"] as? String == job.id)
        #expect((json["parameters"] as? [[String: Any]])?.first?["name"] as? String == "lr")
        #expect((json["events"] as? [[String: Any]])?.count == 3)
        let series = try #require(((json["metrics"] as? [[String: Any]])?.first?["series"] as? [[String: Any]])?.first)
        #expect(series["metric"] as? String == "cpuUsage")
        #expect((series["values"] as? [Any])?.count == 4)
        #expect((series["values"] as? [Any])?[1] is NSNull)
        let missing = await CLI.run(["show", path, "no-such-job"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("jobarchive: "))
    }

    @Test("get-event -i shows a v2 job's captured events as the service listed them")
    func getEventV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 4)
        let job = V2Fixture.jobs(4)[2]
        let events = try await CLI.run(["get-event", path, "-i", job.id, "--json"]).array()
        #expect(events.count == 3)
        #expect(events.first?["message"] as? String == "event 0 of job 2: 训练 \"step\"")
        #expect(events.first?["level"] as? String == "Warning")
        #expect(events.first?["time"] as? String == "2023-11-15T06:00:00+08:00")
        let all = try await CLI.run(["get-event", path, "-i", V2Fixture.jobs(1)[0].id, "--json"]).array()
        #expect(all.count == 130)
        #expect(await CLI.run(["get-event", path, "-i", "nope"]).status == 1)
    }

    /// The fixture with a second capture in which job 2 went from Running to Completed, with a new lr.
    static func twoCaptures(in dir: TemporaryDirectory) throws -> (path: String, jobs: [(id: String, item: String, detail: String)]) {
        let path = try V2Fixture.archive(in: dir, count: 3)
        let jobs = V2Fixture.jobs(3)
        let archive = try Archive.open(at: path, mode: .readWrite)
        let capture = try archive.captures.begin(source: "test")
        let finished = jobs[2].detail.replacingOccurrences(of: "\"Running\"", with: "\"Completed\"").replacingOccurrences(of: "\"0.01\"", with: "\"0.02\"")
        _ = try archive.entities.put(kind: .v2JobDetail, key: jobs[2].id, raw: Array(finished.utf8), capture: capture)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return (path, jobs)
    }

    @Test("history of a v2 job: added with its phase, then the phase change, in text, JSON and CSV")
    func historyV2() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.twoCaptures(in: dir)
        let text = await CLI.run(["history", path, jobs[2].id, "--color", "never"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.text.contains("added    v2 job \(jobs[2].id) train-é-2 (Running)"), "\(text.text)")
        #expect(text.text.contains("phase    v2 job \(jobs[2].id) train-é-2: Running → Completed"), "\(text.text)")
        #expect(text.text.contains("v2 event"), "its events are listed: \(text.text)")
        #expect(!text.text.contains(jobs[1].id), "only that job")
        let json = try await CLI.run(["history", path, "train-é-2", "--json"]).array()
        let second = try #require(json.last?["changes"] as? [[String: Any]])
        let change = try #require(second.first { $0["kind"] as? String == "v2_job" })
        #expect(change["phase_before"] as? String == "Running")
        #expect(change["phase_after"] as? String == "Completed")
        #expect(change["v2_job_id"] as? String == jobs[2].id)
        let csv = await CLI.run(["history", path, jobs[2].id, "--csv"]).text
        #expect(csv.contains(",v2_job,\(jobs[2].id),changed,train-é-2,Running,Completed"), "\(csv)")
        // The whole archive: the change is listed as an event, the rest counted.
        let all = await CLI.run(["history", path, "--color", "never"]).text
        #expect(all.contains("phase    v2 job \(jobs[2].id)"), "\(all)")
        #expect(all.contains("3 v2 jobs"), "\(all)")
    }

    @Test("diff two v2 jobs, or one across captures: parameters by name, phase, spec; bad sides")
    func diffV2() async throws {
        let dir = try TemporaryDirectory()
        let (path, jobs) = try Self.twoCaptures(in: dir)
        let across = try await CLI.run(["diff", path, "\(jobs[2].id)@1", "@2", "--json"]).object()
        let changes = try #require(across["changes"] as? [[String: Any]])
        func change(_ name: String) -> [String: Any]? { changes.first { $0["name"] as? String == name } }
        #expect(change("lr")?["section"] as? String == "parameters")
        #expect(change("lr")?["a"] as? String == "0.01" && change("lr")?["b"] as? String == "0.02")
        #expect(change("status.phase")?["a"] as? String == "Running" && change("status.phase")?["b"] as? String == "Completed")
        #expect(changes.count == 3, "lr, phase and secondary phase: \(changes)")
        #expect((across["a"] as? [String: Any])?["v2_job_id"] as? String == jobs[2].id)
        let two = await CLI.run(["diff", path, jobs[0].id, "train-é-1", "--color", "never"])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.text.contains("--- a: \(jobs[0].id) train-é-0 @2"), "\(two.text)")
        for needle in ["status.phase", "Completed → Failed", "spec.resource.node_count", "system metrics"] {
            #expect(two.text.contains(needle), "missing \(needle) in\n\(two.text)")
        }
        let same = await CLI.run(["diff", path, jobs[1].id, jobs[1].id])
        #expect(same.text.contains("identical"))
        #expect(await CLI.run(["diff", path, "no-such-job", jobs[1].id]).status == 1)
        let versioned = await CLI.run(["diff", path, jobs[0].id, "\(jobs[1].id)/3"])
        #expect(versioned.status == 64 && versioned.stderr.contains("not JOB/VERSION"), "\(versioned.stderr)")
        // Several archives, a capture one of them lacks: said, not skipped.
        let missing = await CLI.run(["search", "step", path, Fixtures.sample, "--at", "2"])
        #expect(missing.status == 1 && missing.stderr.contains("capture"), "\(missing.stderr)")
    }

    @Test("metrics of a v2 job: per-task series with gaps, --task, --series, --plot, JSON and CSV")
    func metricsV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 3)
        let job = V2Fixture.jobs(3)[1]
        let text = await CLI.run(["metrics", path, job.id])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.text.contains("worker-0 cpuUsage") && text.text.contains("worker-1 gpuUtil"), "\(text.text)")
        let json = try await CLI.run(["metrics", path, job.id, "--task", "worker-1", "--json"]).object()
        #expect(json["api"] as? String == "v2")
        let series = try #require((json["system_metrics"] as? [String: Any])?["series"] as? [[String: Any]])
        #expect(series.compactMap { $0["name"] as? String } == ["worker-1 cpuUsage", "worker-1 gpuUtil"])
        #expect(series.first?["max"] as? Double == 40)
        #expect((series.last?["values"] as? [Any])?.first is NSNull)
        let csv = await CLI.run(["metrics", path, job.id, "--series", "gpuUtil", "--csv"]).text.split(separator: "\n")
        #expect(csv.count == 1 + 2 * 3, "\(csv)")
        #expect(csv.dropFirst().first == "system,,,worker-0 gpuUtil,0,,")
        let svg = dir.path("m.svg")
        #expect(await CLI.run(["metrics", path, job.id, "--plot", svg]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
        #expect(await CLI.run(["metrics", path, job.id, "--task", "worker-9"]).status == 1)
        #expect(await CLI.run(["metrics", path, job.id, "--series", "nope"]).status == 64)
    }

    @Test("get-job lists v1 and v2 jobs newest first and shows a v2 job with -i")
    func getJobV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 3)
        let jobs = V2Fixture.jobs(3)
        let list = try await CLI.run(["get-job", path, "--json"]).array()
        #expect(list.compactMap { $0["job_id"] as? String } == jobs.map(\.id).reversed())
        let named = try await CLI.run(["get-job", path, "-n", "é-1", "--json"]).array()
        #expect(named.compactMap { $0["job_id"] as? String } == [jobs[1].id])
        let one = await CLI.run(["get-job", path, "-i", jobs[1].id])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.text == (await CLI.run(["show", path, jobs[1].id])).text)
    }

    @Test("specs, engines, pools and algorithms (and get-flavor, get-engine, get-pool) list the captured v2 catalogs beside v1's; --api; --csv needs one")
    func catalogsV2() async throws {
        let dir = try TemporaryDirectory()
        let path = try V2Fixture.archive(in: dir, count: 3)
        let flavors = try await CLI.run(["specs", path, "--json"]).array()
        #expect(flavors.compactMap { $0["flavor_id"] as? String } == ["modelarts.kat1.xlarge", "modelarts.p3.large", "modelarts.vm.cpu.8u"])
        #expect(flavors.allSatisfy { $0["api"] as? String == "v2" })
        #expect(flavors.last?["cpu_cores"] as? Int == 8)
        let gpu = try await CLI.run(["get-flavor", path, "-t", "gpu", "--json"]).array()
        #expect(gpu.compactMap { $0["flavor_id"] as? String } == ["modelarts.p3.large"])
        let engines = await CLI.run(["get-engine", path, "-v"])
        #expect(engines.status == 0, "\(engines.stderr)")
        #expect(engines.text.contains("pytorch-1.8.0") && engines.text.contains("MindSpore"), "\(engines.text)")
        let pools = try await CLI.run(["pools", path, "--json"]).array()
        #expect(pools.compactMap { $0["name"] as? String } == ["pool-0", "pool-1", "pool-2"])
        #expect(pools.first?["display_name"] as? String == "dedicated")
        #expect(pools.compactMap { $0["jobs"] as? Int } == [2, 1, 0], "v2 jobs by pool_id")
        #expect(await CLI.run(["get-pool", path]).text.contains("Abnormal"))
        let algorithms = try await CLI.run(["algorithms", path, "--json"]).array()
        #expect(algorithms.count == 55)
        #expect(algorithms.first?["code_dir"] as? String == "obs://b/alg/0/")
        #expect(try await CLI.run(["specs", path, "--api", "v1", "--json"]).array().isEmpty)

        // An archive with both generations' catalogs: a table each, JSON rows tagged, CSV per generation.
        let both = dir.path("both.sqlite")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: both)
        let archive = try Archive.open(at: both, mode: .readWrite)
        let capture = try archive.captures.begin(source: "test")
        try V2Fixture.putCatalogs(archive, capture: capture)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        let text = await CLI.run(["specs", both, "--color", "never"])
        #expect(text.text.contains("v1 resource specs (job/resource-specs)") && text.text.contains("v2 flavors (training-job-flavors)"), "\(text.text)")
        let mixed = try await CLI.run(["engines", both, "--json"]).array()
        #expect(Set(mixed.compactMap { $0["api"] as? String }) == ["v1", "v2"])
        let csv = await CLI.run(["specs", both, "--csv"])
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("--api v1 or --api v2"), "\(csv.stderr)")
        #expect(await CLI.run(["specs", both, "--csv", "--api", "v2"]).text.hasPrefix("flavor_id,flavor_name,flavor_type"))
        #expect(await CLI.run(["pools", both, "--api", "v1", "--csv"]).text.hasPrefix("pool_id,pool_name"))
    }
}
