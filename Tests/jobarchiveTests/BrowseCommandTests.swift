import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("jobs, versions and show")
struct BrowseCommandTests {
    @Test("jobs --json: one object per job with stable keys and the seed job's values")
    func jobsJSON() async throws {
        let r = await CLI.run(["jobs", Fixtures.sample, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let jobs = try r.array()
        #expect(jobs.count == 9)
        let keys: Set<String> = [
            "api", "archive", "job_id", "job_name", "job_desc", "status", "status_name", "latest_version_id", "version_count",
            "archived_versions", "create_time", "duration", "engine", "deleted", "first_capture", "revision_capture",
        ]
        for job in jobs { #expect(Set(job.keys).isSubset(of: keys), "unexpected keys \(Set(job.keys).subtracting(keys))") }
        let seed = try #require(jobs.first { $0["job_id"] as? Int == 10 })
        #expect(seed["job_name"] as? String == "testModelArtsJob")
        #expect(seed["status"] as? Int == 10)
        #expect(seed["status_name"] as? String == "completed")
        #expect(seed["latest_version_id"] as? Int == 10)
        #expect(seed["version_count"] as? Int == 5)
        #expect(seed["archived_versions"] as? Int == 1)
        #expect(seed["engine"] as? String == "TensorFlow TF-1.4.0-python2.7")
        #expect(seed["deleted"] as? Bool == false)
        #expect(seed["archive"] as? String == Fixtures.sample)
        #expect(jobs.map { $0["job_id"] as? Int ?? 0 } == jobs.map { $0["job_id"] as? Int ?? 0 }.sorted())
    }

    @Test("jobs filters: status, engine, parameter, dataset, pool, name, since/until, sort and limit")
    func jobsFilters() async throws {
        func ids(_ args: [String]) async throws -> [Int] {
            let r = await CLI.run(["jobs", Fixtures.sample, "--json"] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return try r.array().compactMap { $0["job_id"] as? Int }
        }
        await #expect(try ids(["--status", "completed"]) == [10, 571581])
        await #expect(try ids(["--status", "10,killed"]) == [10, 571581, 585560])
        await #expect(try ids(["--status", "JOBSTAT_RUNNING"]) == [573781, 581992])
        await #expect(try ids(["--engine", "pytorch"]) == [571581])
        await #expect(try ids(["--engine", "200"]) == [585024])
        await #expect(try ids(["--param", "n_estimators=300"]) == [585024])
        await #expect(try ids(["--param", "learning_rate=0.01"]).contains(10))
        await #expect(try ids(["--param", "n_estimators=999"]) == [])
        await #expect(try ids(["--param", "n_estimators"]) == [585024])
        await #expect(try ids(["--dataset", "churn-2021q3"]).contains(585024))
        await #expect(try ids(["--pool", "pool9928813f"]).sorted() == [10, 567927])
        await #expect(try ids(["--name", "RESNET"]) == [567927, 576269, 585560])
        await #expect(try ids(["--since", "2022-11-01", "--until", "2023-01-01"]) == [585024])
        await #expect(try ids(["--since", "1667260800000", "--until", "2023-01-01T00:00:00Z"]) == [585024])
        await #expect(try ids(["--sort", "created", "--desc", "--limit", "2"]) == [573781, 585560])
        await #expect(try ids(["--sort", "name"]).first == 576269)
        await #expect(try ids(["--deleted"]) == [])
    }

    @Test("jobs --csv: a header and one line per job")
    func jobsCSV() async throws {
        let r = await CLI.run(["jobs", Fixtures.sample, "--csv"])
        #expect(r.status == 0)
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[0].hasPrefix("archive,job_id,job_name,status,status_name"))
        #expect(lines[1].contains(",10,testModelArtsJob,10,completed,"))
    }

    @Test("jobs over several archives lists each archive's jobs")
    func jobsManyArchives() async throws {
        let r = await CLI.run(["jobs", Fixtures.sample, Fixtures.twoCaptures, "--json", "--include-deleted"])
        #expect(r.status == 0, "\(r.stderr)")
        let jobs = try r.array()
        #expect(jobs.filter { $0["archive"] as? String == Fixtures.sample }.count == 9)
        #expect(jobs.filter { $0["archive"] as? String == Fixtures.twoCaptures }.count == 9)
        let table = await CLI.run(["jobs", Fixtures.sample, Fixtures.twoCaptures])
        #expect(table.text.contains("ARCHIVE"))
    }

    @Test("versions --json lists a job's versions with lineage and log counts")
    func versionsJSON() async throws {
        let r = await CLI.run(["versions", Fixtures.sample, "sklearn-iris-svm", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let versions = try r.array()
        #expect(versions.map { $0["version_id"] as? Int } == [1119020, 1119282, 1120180, 1121061, 1121512])
        #expect(versions.map { $0["version_name"] as? String } == ["V0001", "V0002", "V0003", "V0004", "V0005"])
        #expect(versions[1]["pre_version_id"] as? Int == 1119020)
        #expect(versions[2]["status_name"] as? String == "failed")
        #expect(versions[4]["spec_code"] as? String == "modelarts.vm.cpu.8u")
        #expect(versions.allSatisfy { $0["log_files"] as? Int == 1 })
        let all = await CLI.run(["versions", Fixtures.sample, "--json"])
        #expect(try all.array().count == 32)
        let failed = await CLI.run(["versions", Fixtures.sample, "--status", "failed", "--csv"])
        #expect(failed.text.split(separator: "\n").dropFirst().allSatisfy { $0.contains(",11,failed,") })
    }

    @Test("show --raw prints the seed document's bytes exactly")
    func showRawSeed() async throws {
        let list = Array(SeedFixtures.versionList.utf8)
        let range = try #require(try RawJSON.arrayElements(list, key: "versions")?.first)
        let seedVersion = Array(list[range])
        let r = await CLI.run(["show", Fixtures.sample, "10/10", "--raw"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == seedVersion)
        let byName = await CLI.run(["show", Fixtures.sample, "testModelArtsJob/V0004", "--raw"])
        #expect(byName.stdout == seedVersion)
        let archive = try Archive.open(at: Fixtures.sample)
        let jobRow = await CLI.run(["show", Fixtures.sample, "10", "--raw"])
        #expect(jobRow.stdout == (try archive.entities.entity(kind: .job, key: "10")?.raw))
        let detail = await CLI.run(["show", Fixtures.sample, "10/10", "--raw", "--detail"])
        #expect(detail.stdout == (try archive.entities.entity(kind: .versionDetail, key: "10/10")?.raw))
        #expect(detail.stdout != seedVersion)
    }

    @Test("show JOB/VERSION --json: parameters, data, metrics, logs, lineage and revisions")
    func showVersionJSON() async throws {
        let r = await CLI.run(["show", Fixtures.sample, "10/10", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let v = try r.object()
        let summary = try #require(v["summary"] as? [String: Any])
        #expect(summary["version_id"] as? Int == 10)
        #expect(summary["version_name"] as? String == "V0004")
        #expect(summary["pool_name"] as? String == "pnt1")
        #expect(v["source"] as? String == "version_detail")
        let params = try #require(v["parameters"] as? [[String: Any]])
        #expect(params.count == 1)
        #expect(params.first?["label"] as? String == "learning_rate")
        #expect(params.first?["value_json"] as? String == "0.01")
        #expect(v["user_image_url"] as? String == "100.125.5.235:20202/jobmng/custom-cpu-base:1.0")
        #expect((v["volumes"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["nfs", "host_path"])
        #expect((v["data_sources"] as? [[String: Any]])?.first?["data_url"] as? String == "/qianjiajun-test/minst/data/")
        let metrics = try #require(v["model_metrics"] as? [String: Any])
        let totals = try #require(metrics["totals"] as? [[String: Any]])
        #expect(totals.map { $0["name"] as? String } == ["recall", "id", "precision", "accuracy"])
        #expect(totals.first?["text"] as? String == "0.005833")
        let system = try #require(v["system_metrics"] as? [String: Any])
        let series = try #require(system["series"] as? [[String: Any]])
        #expect(series.count == 8)
        #expect(series.first?["name"] as? String == "cpuUsage")
        #expect(series.first?["max"] as? Double == 5.76)
        #expect((v["log_files"] as? [[String: Any]])?.map { $0["file_name"] as? String } == ["log1.log"])
        #expect((v["revisions"] as? [[String: Any]])?.count == 2)
        #expect((v["lineage"] as? [[String: Any]])?.map { $0["version_id"] as? Int } == [10])

        let chain = try await CLI.run(["show", Fixtures.sample, "585024/V0003", "--json"]).object()
        #expect((chain["lineage"] as? [[String: Any]])?.map { $0["version_id"] as? Int } == [1119020, 1119282, 1120180])
        #expect((chain["derived"] as? [[String: Any]])?.map { $0["version_id"] as? Int } == [1121061])
    }

    @Test("show JOB --json and the readable text")
    func showJob() async throws {
        let r = await CLI.run(["show", Fixtures.sample, "585024", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try r.object()
        #expect((d["job"] as? [String: Any])?["job_name"] as? String == "sklearn-iris-svm")
        #expect((d["versions"] as? [[String: Any]])?.count == 5)
        #expect(d["log_files"] as? Int == 5)
        let text = await CLI.run(["show", Fixtures.sample, "585024/1120180"])
        #expect(text.status == 0)
        for needle in ["version 1120180 V0003", "lineage", "V0001 (1119020) → V0002 (1119282) → V0003 (1120180)", "n_estimators", "host_path", "system metrics", "revisions"] {
            #expect(text.text.contains(needle), "missing \(needle)")
        }
        #expect(!text.text.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test("unknown ids name what exists")
    func unknownIDs() async throws {
        let version = await CLI.run(["show", Fixtures.sample, "10/12"])
        #expect(version.status == 1)
        #expect(version.stderr == "jobarchive: no version 12 in job 10; versions: 10 (V0004)\n")
        let job = await CLI.run(["show", Fixtures.sample, "99"])
        #expect(job.status == 1)
        #expect(job.stderr.hasPrefix("jobarchive: no job 99 in \(Fixtures.sample); jobs: 10, 567927, 571581"))
        #expect(job.stderr.split(separator: "\n").count == 1)
        let named = await CLI.run(["versions", Fixtures.sample, "no-such-job"])
        #expect(named.status == 1)
        #expect(named.stderr.contains("no job named 'no-such-job'"))
        let capture = await CLI.run(["jobs", Fixtures.sample, "--at", "7"])
        #expect(capture.status == 1)
        #expect(capture.stderr.contains("no capture 7") && capture.stderr.contains("captures: 1"))
        let badSpec = await CLI.run(["show", Fixtures.sample, "10/10/3"])
        #expect(badSpec.status == 64)
        let badStatus = await CLI.run(["jobs", Fixtures.sample, "--status", "exploded"])
        #expect(badStatus.status == 64)
        #expect(badStatus.stderr.contains("unknown status 'exploded'"))
        let badTime = await CLI.run(["jobs", Fixtures.sample, "--since", "yesterday"])
        #expect(badTime.status == 64)
    }
}
