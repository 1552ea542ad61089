import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("history, diff and --at over two captures")
struct HistoryDiffTests {
    @Test("history lists each capture's additions, status changes and deletions")
    func history() async throws {
        let r = await CLI.run(["history", Fixtures.twoCaptures, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let captures = try r.array()
        #expect(captures.count == 2)
        let first = try #require(captures.first)
        let counts = try #require(first["counts"] as? [String: [String: Int]])
        #expect(counts["job"]?["added"] == 9)
        #expect(counts["version"]?["added"] == 32)
        #expect(first["log_files_added"] as? Int == 47)
        let changes = try #require(captures[1]["changes"] as? [[String: Any]])
        let job = try #require(changes.first { $0["kind"] as? String == "job" && $0["key"] as? String == "585024" })
        #expect(job["change"] as? String == "changed")
        #expect(job["status_before"] as? Int == 6)
        #expect(job["status_after"] as? Int == 10)
        let version = try #require(changes.first { $0["kind"] as? String == "version" && $0["key"] as? String == "585024/1121512" })
        #expect(version["status_after"] as? Int == 10)
        #expect(version["name"] as? String == "V0005")
        #expect(changes.filter { $0["key"] as? String == "585024/1121512" }.count == 1, "list element and details body are one change")
        #expect(changes.contains { $0["kind"] as? String == "job" && $0["key"] as? String == "585560" && $0["change"] as? String == "deleted" })
        #expect(changes.filter { $0["kind"] as? String == "version" && $0["change"] as? String == "deleted" }.count == 3)

        let text = await CLI.run(["history", Fixtures.twoCaptures]).text
        #expect(text.contains("capture 2"))
        #expect(text.contains("status   job 585024 sklearn-iris-svm: delete_failed → completed"))
        #expect(text.contains("deleted  job 585560"))
        #expect(text.contains("added   9 jobs, 32 versions"))

        let oneJob = try await CLI.run(["history", Fixtures.twoCaptures, "585024", "--capture", "2", "--json"]).array()
        #expect(oneJob.count == 1)
        let jobChanges = try #require(oneJob.first?["changes"] as? [[String: Any]])
        #expect(Set(jobChanges.compactMap { $0["key"] as? String }) == ["585024", "585024/1121512"])
        let csv = await CLI.run(["history", Fixtures.twoCaptures, "--capture", "2", "--csv"]).text.split(separator: "\n")
        #expect(csv.first == "capture,started_at,kind,key,change,name,status_before,status_after")
        #expect(try await CLI.run(["history", Fixtures.twoCaptures, "--capture", "9"]).status == 1)
    }

    @Test("diff compares one version across captures and two versions of a job")
    func diff() async throws {
        let r = await CLI.run(["diff", Fixtures.twoCaptures, "585024/1121512@1", "@2", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try r.object()
        let changes = try #require(doc["changes"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: changes.map { ("\($0["section"] as? String ?? "").\($0["name"] as? String ?? "")", $0) })
        #expect(byName["run.status"]?["a"] as? String == "6")
        #expect(byName["run.status"]?["b"] as? String == "10")
        #expect(byName["parameters.n_estimators"]?["a"] as? String == "100")
        #expect(byName["parameters.n_estimators"]?["b"] as? String == "200")
        #expect(changes.count == 2)
        #expect((doc["a"] as? [String: Any])?["capture"] as? Int == 1)
        #expect((doc["b"] as? [String: Any])?["capture"] as? Int == 2)
        #expect(doc["identical"] as? Bool == false)

        let versions = try await CLI.run(["diff", Fixtures.sample, "585024/V0002", "V0003", "--section", "parameters", "--json"]).object()
        let params = try #require(versions["changes"] as? [[String: Any]])
        #expect(params.map { $0["name"] as? String } == ["n_estimators", "max_depth", "criterion"])
        #expect(params.first?["a"] as? String == "500")

        // A system-metric series is summarized as text by the CLI; the store hands it over typed.
        let system = try await CLI.run(["diff", Fixtures.sample, "571581/V0004", "V0005", "--section", "system metrics", "--json"]).object()
        let cpu = try #require((system["changes"] as? [[String: Any]])?.first { $0["name"] as? String == "cpuUsage" })
        #expect(cpu["a"] as? String == "19 samples, mean 43.6, max 96.94")
        #expect(cpu["b"] as? String == "28 samples, mean 53.4132, max 96.29")

        let text = await CLI.run(["diff", Fixtures.sample, "585024/V0002", "585024/V0003"]).text
        #expect(text.contains("--- a: 585024/1119282 V0002 @1"))
        #expect(text.contains("n_estimators"))
        #expect(text.contains("500 → 300"))
        let same = await CLI.run(["diff", Fixtures.sample, "10/10", "10/10"])
        #expect(same.text.contains("identical"))
        let all = await CLI.run(["diff", Fixtures.sample, "10/10", "10/10", "--all", "--csv"]).text
        #expect(all.contains("parameters,learning_rate,0.01,0.01,1"))
        #expect(try await CLI.run(["diff", Fixtures.sample, "10/10", "10/11"]).status == 1)
        #expect(try await CLI.run(["diff", Fixtures.sample, "10", "10/10"]).status == 64)
        #expect(try await CLI.run(["diff", Fixtures.sample, "10/10", "10/10", "--section", "nope"]).status == 64)
    }

    @Test("--at reads the archive as it was at a capture")
    func asOf() async throws {
        func ids(_ args: [String]) async throws -> [Int] {
            try await CLI.run(["jobs", Fixtures.twoCaptures, "--json"] + args).array().compactMap { $0["job_id"] as? Int }
        }
        await #expect(try ids([]).contains(585560) == false)
        await #expect(try ids(["--at", "1"]).contains(585560))
        await #expect(try ids(["--deleted"]) == [585560])
        await #expect(try ids(["--status", "completed"]).contains(585024))
        await #expect(try ids(["--status", "completed", "--at", "1"]).contains(585024) == false)
        let deleted = try await CLI.run(["jobs", Fixtures.twoCaptures, "--deleted", "--json"]).array()
        #expect(deleted.first?["deleted"] as? Bool == true)
        #expect(deleted.first?["job_name"] as? String == "mxnet-resnet18-cifar", "a deleted job keeps its last known row")

        let then = try await CLI.run(["show", Fixtures.twoCaptures, "585024/1121512", "--at", "1", "--json"]).object()
        #expect((then["summary"] as? [String: Any])?["status"] as? Int == 6)
        let now = try await CLI.run(["show", Fixtures.twoCaptures, "585024/1121512", "--json"]).object()
        #expect((now["summary"] as? [String: Any])?["status"] as? Int == 10)
        #expect((now["revisions"] as? [[String: Any]])?.count == 4)
        let raw1 = await CLI.run(["show", Fixtures.twoCaptures, "585024/1121512@1", "--raw"]).text
        #expect(raw1.contains("\"status\":6"))
        let gone = try await CLI.run(["show", Fixtures.twoCaptures, "585560", "--json"]).object()
        #expect((gone["job"] as? [String: Any])?["deleted"] as? Bool == true)
        #expect((gone["versions"] as? [[String: Any]])?.allSatisfy { $0["deleted"] as? Bool == true } == true)
        let text = await CLI.run(["show", Fixtures.twoCaptures, "585560"]).text
        #expect(text.contains("(deleted upstream)"))
    }

    @Test("get-event reports a job's status changes as events")
    func events() async throws {
        let events = try await CLI.run(["get-event", Fixtures.twoCaptures, "-i", "585024", "--json"]).array()
        #expect(events.filter { $0["capture"] as? Int == 1 }.count == 5)
        let change = try #require(events.first { $0["capture"] as? Int == 2 && ($0["message"] as? String ?? "").hasPrefix("version") })
        #expect(events.contains { $0["capture"] as? Int == 2 && $0["message"] as? String == "job 585024: delete_failed → completed" })
        #expect(change["message"] as? String == "version 1121512 V0005: delete_failed → completed")
        #expect(change["level"] as? String == "Info")
        let gone = try await CLI.run(["get-event", Fixtures.twoCaptures, "--job-id", "585560", "--json"]).array()
        #expect(gone.contains { $0["level"] as? String == "Warning" && ($0["message"] as? String ?? "").contains("gone upstream") })
    }
}
