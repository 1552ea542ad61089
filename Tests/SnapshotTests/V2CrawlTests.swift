import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Replay
import Snapshot
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// v2 training jobs through the real parts: an archive holding v2 jobs, served by the replay on loopback,
/// captured by snapshot, under each meaning of the search's `offset`.
@Suite("v2 jobs: search pages under every offset meaning, details, byte for byte")
struct V2CrawlTests {
    static var v2Only: SnapshotOptions {
        var options = SnapshotHarness.noRedaction
        options.apis = [.v2]
        return options
    }

    @Test("every job exactly once, whatever offset counts; a second round trip is byte-identical", arguments: V2OffsetMeaning.allCases)
    func offsetMeanings(meaning: V2OffsetMeaning) async throws {
        let dir = try TemporaryDirectory()
        let count = 61  // two search pages and a bit, under every meaning
        let source = try V2Fixture.archive(in: dir, count: count)
        let target = dir.path("v2-target.sqlite")
        let report = try await SnapshotHarness.serve(source, configure: { $0.v2Offset = meaning }) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: Self.v2Only)
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.v2Jobs == count)
        let archive = try Archive.open(at: target)
        #expect(try archive.metadata()["v2_search_offset"] == meaning.rawValue)
        for (i, job) in V2Fixture.jobs(count).enumerated() {
            #expect(try archive.entities.entity(kind: .v2Job, key: job.id)?.raw == Array(job.item.utf8), "search item \(job.id)")
            #expect(try archive.entities.entity(kind: .v2JobDetail, key: job.id)?.raw == Array(job.detail.utf8), "details \(job.id)")
            let extra = V2Fixture.extras(job.id, index: i)
            #expect(try archive.entities.entity(kind: .v2Tasks, key: job.id)?.raw == Array(extra.tasks.utf8), "tasks \(job.id)")
            #expect(try archive.entities.entity(kind: .v2Stages, key: job.id)?.raw == Array(extra.stages.utf8), "stages \(job.id)")
            for (task, body) in extra.metrics {
                #expect(try archive.entities.entity(kind: .v2Metrics, key: EntityKey.v2Metrics(jobID: job.id, taskID: task))?.raw == Array(body.utf8))
            }
            let events = try archive.entities.liveKeys(kind: .v2Event, prefix: EntityKey.v2JobPrefix(job.id)).sorted()
            #expect(events.count == extra.events.count, "events of \(job.id)")
            for (n, key) in events.enumerated() {
                #expect(try archive.entities.entity(kind: .v2Event, key: key)?.raw == Array(extra.events[n].utf8), "event \(key)")
            }
        }
        for list in V2Fixture.catalogs {
            #expect(try archive.lists.render(list.listKey) == Array(list.body.utf8), "catalog \(list.listKey)")
        }
        #expect(try archive.entities.liveKeys(kind: .v2Algorithm).count == 55)
        #expect(try archive.entities.liveKeys(kind: .v2Pool) == ["pool-0", "pool-1", "pool-2"])
        let listed = try archive.jobs.v2Jobs()
        #expect(listed.count == count)
        #expect(listed.first?.name == "train-é-0")
        #expect(listed.first?.phase == "Completed")
        #expect(listed.first?.nodeCount == 1)
        #expect(listed.first?.engineName == "PyTorch")
        #expect(listed.first?.taskCount == 2)
        #expect(listed[1].duration == 1000)  // "1000" on the wire
        var failed = V2JobFilter()
        failed.phases = ["failed"]
        #expect(try archive.jobs.v2Jobs(failed).count == count / 5 + (count % 5 > 1 ? 1 : 0))
        var pool = V2JobFilter()
        pool.pool = "POOL-1"
        pool.name = "é-1"
        #expect(try archive.jobs.v2Jobs(pool).allSatisfy { $0.poolID == "pool-1" && ($0.name ?? "").contains("é-1") })
        #expect(try archive.verify().ok)

        // The captured pages are served back as they were: a snapshot of the snapshot has the same content.
        let again = dir.path("v2-again.sqlite")
        let second = try await SnapshotHarness.serve(target) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: again, options: Self.v2Only)
        }
        #expect(second.complete, "\(second.gaps)")
        #expect(try Archive.open(at: again).contentDigest() == archive.contentDigest())
    }

    @Test("a second run stores nothing new; jobs gone from the search are marked deleted and stale pages are not served")
    func incremental() async throws {
        let dir = try TemporaryDirectory()
        let fewer = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 61)
        let smaller = try V2Fixture.archive(in: fewer, count: 30)
        let target = dir.path("v2-target.sqlite")
        _ = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: Self.v2Only)
        }
        let rerun = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: Self.v2Only)
        }
        #expect(rerun.complete)
        #expect(rerun.changed == 0)
        #expect(rerun.deleted == 0)
        // 31 jobs gone: each its search item and details marked deleted.
        let third = try await SnapshotHarness.serve(smaller) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: Self.v2Only)
        }
        #expect(third.complete, "\(third.gaps)")
        #expect(third.deleted == 2 * 31)
        let archive = try Archive.open(at: target)
        #expect(try archive.jobs.v2Jobs().count == 30)
        var gone = V2JobFilter()
        gone.deleted = .deleted
        #expect(try archive.jobs.v2Jobs(gone).count == 31)
        #expect(try archive.jobs.v2Jobs(asOf: 2).count == 61)
        // The page at offset 50 is not current any more: composed from the 30 live jobs, not the stale capture.
        let page = try await SnapshotHarness.serve(target) { url -> String in
            var request = URLRequest(url: URL(string: url + "/v2/p2/training-job-searches")!)
            request.httpMethod = "POST"
            request.httpBody = Data(#"{"offset":50,"limit":50,"sort_by":"create_time","order":"asc"}"#.utf8)
            let (data, _) = try await URLSession.shared.data(for: request)
            return String(decoding: data, as: UTF8.self)
        }
        #expect(page.hasPrefix(#"{"total":30,"count":0,"#), "\(page.prefix(200))")
    }

    @Test("--since/--until select v2 jobs by creation time; --job and --status (v1 selectors) select none")
    func selection() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 12)
        let jobs = V2Fixture.jobs(12)
        func details(_ configure: (inout SnapshotOptions) -> Void) async throws -> [String] {
            let target = dir.path("sel-\(UUID().uuidString).sqlite")
            var options = Self.v2Only
            configure(&options)
            let report = try await SnapshotHarness.serve(source) { [options] url in
                try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: options)
            }
            #expect(report.complete, "\(report.gaps)")
            #expect(report.v2Jobs == 12)
            let archive = try Archive.open(at: target)
            #expect(try archive.jobs.v2Jobs().count == 12)  // the listing is always captured whole
            return try archive.entities.liveKeys(kind: .v2JobDetail)
        }
        let since: Int64 = 1_700_000_000_000 + 4 * 60_000
        let until: Int64 = 1_700_000_000_000 + 7 * 60_000
        await #expect(try details { $0.sinceMilliseconds = since; $0.untilMilliseconds = until } == jobs[4..<7].map(\.id).sorted())
        await #expect(try details { $0.jobIDs = [10] }.isEmpty)
        await #expect(try details { $0.statuses = [10] }.isEmpty)
    }

    @Test("upstream faults at 10 % of every kind on the v2 endpoints (the search POST included): the same content, with retries")
    func faults() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 20)
        let clean = dir.path("clean.sqlite")
        let faulty = dir.path("faulty.sqlite")
        _ = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: clean, options: Self.v2Only)
        }
        let report = try await SnapshotHarness.serve(source, configure: {
            $0.faults = FaultPlan(rate: 0.1, kinds: FaultPlan.Kind.allCases, seed: 11, slowDelayMilliseconds: 50)
        }) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: faulty, options: Self.v2Only)
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.retries > 0)
        #expect(report.digest == (try Archive.open(at: clean).contentDigest()))
        #expect(try Archive.open(at: faulty).verify().ok)
    }

    @Test("catalogs over replay: flavors by flavor_type, pools by continue token, algorithm windows; unknown filters refused")
    func catalogWindows() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 2)
        let answers = try await SnapshotHarness.serve(source) { url -> [(Int, String)] in
            var out: [(Int, String)] = []
            for path in ["training-job-flavors?flavor_type=gpu", "pools?continue=tok-1", "algorithms?offset=48&limit=5", "algorithms", "pools?status=Running", "algorithms?limit=51", "training-job-engines?x=1", "pools?continue=nope"] {
                let (data, response) = try await URLSession.shared.data(from: URL(string: url + "/v2/p2/" + path)!)
                out.append(((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self)))
            }
            return out
        }
        #expect(answers[0].0 == 200 && answers[0].1.hasPrefix(#"{"total_count":1,"flavors":[{"flavor_id":"modelarts.p3.large""#), "\(answers[0])")
        #expect(answers[1].1 == V2Fixture.catalogs[3].body)
        #expect(answers[2].1.hasPrefix(#"{"total":55,"count":5,"limit":5,"offset":48,"items":[{"metadata":{"id":"alg-0048""#), "\(answers[2].1.prefix(120))")
        #expect(answers[3].1.hasPrefix(#"{"total":55,"count":10,"limit":10,"offset":0,"#))
        for answer in answers[4...] {
            #expect(answer.0 == 400, "\(answer)")
            #expect(answer.1.hasPrefix(#"{"error_code":"ModelArts.0101","#), "\(answer)")
        }
    }

    @Test("a later capture with fewer pools marks the others and the old continue page gone; replay answers 400, not a stale page")
    func poolsShrink() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 2)
        let target = dir.path("v2-target.sqlite")
        _ = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: Self.v2Only)
        }
        let upstream = try Archive.open(at: source, mode: .readWrite)
        let capture = try upstream.captures.begin(source: "fewer pools")
        let onePool = #"{"kind":"PoolList","apiVersion":"v2","metadata":{"continue":""},"items":[{"kind":"Pool","metadata":{"name":"pool-0"},"status":{"phase":"Running"}}]}"#
        _ = try upstream.lists.put(listKey: EntityKey.v2Catalog(.pools), body: Array(onePool.utf8), itemsKey: "items", itemKind: .v2Pool, capture: capture) {
            $0["metadata"]?["name"]?.string
        }
        try upstream.captures.finish(capture, complete: true)
        try upstream.close()
        let second = try await SnapshotHarness.serve(source) { url in
            try await SnapshotHarness.snapshot(url: url, project: "p2", into: target, options: Self.v2Only)
        }
        #expect(second.complete, "\(second.gaps)")
        let archive = try Archive.open(at: target)
        #expect(try archive.entities.liveKeys(kind: .v2Pool) == ["pool-0"])
        #expect(try archive.lists.render(EntityKey.v2Catalog(.pools, continue: "tok-1")) == nil)
        #expect(try archive.lists.render(EntityKey.v2Catalog(.pools, continue: "tok-1"), asOf: 1) == Array(V2Fixture.catalogs[3].body.utf8))
        let status = try await SnapshotHarness.serve(target) { url -> Int in
            let (_, response) = try await URLSession.shared.data(from: URL(string: url + "/v2/p2/pools?continue=tok-1")!)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        #expect(status == 400)
    }

    @Test("an endpoint without v2 is noted as not offering it, not a gap; one without either API is an error")
    func notOffered() async throws {
        let dir = try TemporaryDirectory()
        let v1Only = try SnapshotHarness.sample(dir, jobs: 2, logBytes: 20_000)
        let project = try SnapshotHarness.projectID(v1Only)
        let target = dir.path("both.sqlite")
        let report = try await SnapshotHarness.serve(v1Only) { url in
            try await SnapshotHarness.snapshot(url: url, project: project, into: target)
        }
        #expect(report.complete, "\(report.gaps)")
        #expect(report.notOffered.contains("v2/training-job-searches"))
        #expect(report.v2Jobs == 0)
        await #expect(throws: (any Error).self) {
            try await SnapshotHarness.serve(v1Only) { url in
                try await SnapshotHarness.snapshot(url: url, project: project, into: dir.path("none.sqlite"), options: Self.v2Only)
            }
        }
    }

    @Test("bad search requests get the v2 error shape and a 400, never a 500")
    func badSearches() async throws {
        let dir = try TemporaryDirectory()
        let source = try V2Fixture.archive(in: dir, count: 3)
        let answers = try await SnapshotHarness.serve(source) { url -> [(Int, String)] in
            var out: [(Int, String)] = []
            for body in [#"{"limit":0}"#, #"{"limit":51}"#, #"{"offset":-1}"#, "not json", #"{"order":"up"}"#, #"{"filters":[{"key":"phase","operator":"in","value":["Failed"]}]}"#] {
                var request = URLRequest(url: URL(string: url + "/v2/p2/training-job-searches")!)
                request.httpMethod = "POST"
                request.httpBody = Data(body.utf8)
                let (data, response) = try await URLSession.shared.data(for: request)
                out.append(((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self)))
            }
            return out
        }
        for (status, body) in answers {
            #expect(status == 400, "\(body)")
            #expect(body.hasPrefix(#"{"error_code":"ModelArts.0101","error_msg":"#), "\(body)")
        }
    }
}
