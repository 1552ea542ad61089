import ArchiveStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import ModelArtsAPI
import NIOCore
import Replay
import Testing

@Suite("Endpoints: every v1 read endpoint against the sample archive")
struct EndpointTests {
    let v1 = ReplayTest.v1

    @Test("the seed's example responses come back byte for byte: versions of job 10 and config123")
    func seedByteFidelity() async throws {
        let config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        try await ReplayTest.withApp(config) { client async throws in
            let versions = try await client.get("\(v1)/training-jobs/10/versions")
            #expect(versions.status == .ok)
            #expect(versions.bytes == Array(SeedFixtures.versionList.utf8))
            #expect(versions.headers[.contentType] == "application/json;charset=UTF-8")
            let detail = try await client.get("\(v1)/training-job-configs/config123")
            #expect(detail.bytes == Array(SeedFixtures.configDetail.utf8))
            let typed = try await client.get("\(v1)/training-job-configs/config123?config_type=custom")
            #expect(typed.bytes == Array(SeedFixtures.configDetail.utf8))
            let row = try await client.get("\(v1)/training-jobs?search_content=testModelArts")
            let jobs = try #require(try row.json()["jobs"]?.array)
            #expect(jobs.count == 1)
            #expect(jobs.first?["job_id"]?.int64 == 10)
        }
    }

    @Test("entity and list endpoints answer the captured bytes")
    func capturedBytes() async throws {
        let archive = try Archive.open(at: ReplayFixtures.sample.path)
        let config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        let lists: [(String, String)] = [
            ("training-jobs", "/training-jobs"),
            ("training-jobs", "/training-jobs?per_page=1000"),
            ("configs/custom", "/training-job-configs?per_page=1000"),
            ("configs/sample", "/training-job-configs?config_type=sample&per_page=1000"),
            ("resource-specs", "/job/resource-specs"),
            ("resource-specs", "/job/resource-specs?job_type=train&engine_id=4"),
            ("ai-engines", "/job/ai-engines"),
            ("built-in-algorithms", "/built-in-algorithms?per_page=100"),
            ("visualization-jobs", "/visualization-jobs?per_page=1000"),
        ]
        var expected: [(String, [UInt8])] = []
        for (key, uri) in lists {
            expected.append((uri, try #require(try archive.lists.render(key))))
        }
        for job in try archive.entities.liveKeys(kind: .job) {
            expected.append(("/training-jobs/\(job)/versions", try #require(try archive.lists.render("versions/\(job)"))))
        }
        for key in try archive.entities.liveKeys(kind: .versionDetail) {
            let raw = try #require(try archive.entities.entity(kind: .versionDetail, key: key)?.raw)
            let names = try #require(try archive.entities.entity(kind: .logFileList, key: key)?.raw)
            let parts = key.split(separator: "/")
            expected.append(("/training-jobs/\(parts[0])/versions/\(parts[1])", raw))
            expected.append(("/training-jobs/\(parts[0])/versions/\(parts[1])/log/file-names", names))
        }
        for key in try archive.entities.liveKeys(kind: .config) {
            let raw = try #require(try archive.entities.entity(kind: .config, key: key)?.raw)
            let parts = key.split(separator: "/", maxSplits: 1)
            let name = AKSKSigner.encode(String(parts[1]))
            expected.append(("/training-job-configs/\(name)?config_type=\(parts[0])", raw))
        }
        for key in try archive.entities.liveKeys(kind: .visualizationJob) {
            expected.append(("/visualization-jobs/\(key)", try #require(try archive.entities.entity(kind: .visualizationJob, key: key)?.raw)))
        }
        #expect(expected.count > 80)
        let cases = expected
        try await ReplayTest.withApp(config) { client async throws in
            for (uri, bytes) in cases {
                let response = try await client.get(v1 + uri)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.bytes == bytes, "\(uri)")
            }
        }
    }

    @Test("log pages: a captured request gets the captured body byte for byte (the page hashes prove it)")
    func capturedPages() async throws {
        let archive = try Archive.open(at: ReplayFixtures.sample.path)
        var cases: [(uri: String, sha: String, body: [UInt8])] = []
        for file in try archive.logs.files() {
            for page in try archive.pages.list(fileID: file.id) {
                var query = "log_file=\(AKSKSigner.encode(file.fileName))"
                if let base = page.baseLine { query += "&base_line=\(base)" }
                if let order = page.order { query += "&order=\(order)" }
                if let lines = page.linesRequested { query += "&lines=\(lines)" }
                cases.append((
                    "/training-jobs/\(file.jobID)/versions/\(file.versionID)/aom-log?\(query)", page.bodySHA256,
                    try archive.pages.render(id: page.id)))
            }
        }
        #expect(cases.count >= 50)
        let all = cases
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            for item in all {
                let response = try await client.get(v1 + item.uri)
                #expect(response.status == .ok)
                #expect(Archive.sha256Hex(response.bytes) == item.sha, "\(item.uri)")
                #expect(response.bytes == item.body)
            }
        }
    }

    @Test("job list: paging, sorting (sortBy and sort_by), filtering by status and search_content")
    func jobListWindows() async throws {
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            let all = try #require(try await client.get("\(v1)/training-jobs?per_page=1000").json()["jobs"]?.array)
            #expect(all.count == 9)
            // Pages of the captured order.
            var paged: [JSONValue] = []
            for page in 1...5 {
                let body = try await client.get("\(v1)/training-jobs?per_page=2&page=\(page)").json()
                #expect(body["job_total_count"]?.int64 == 9)
                paged += body["jobs"]?.array ?? []
            }
            #expect(paged == all)
            #expect(try await client.get("\(v1)/training-jobs?per_page=2&page=6").json()["jobs"]?.array?.isEmpty == true)
            // Sorted by name, both spellings of the parameter, both orders.
            let names = all.compactMap { $0["job_name"]?.string }
            for parameter in ["sortBy", "sort_by"] {
                let asc = try await client.get("\(v1)/training-jobs?per_page=1000&\(parameter)=job_name&order=asc").json()
                #expect(asc["jobs"]?.array?.compactMap { $0["job_name"]?.string } == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                let desc = try await client.get("\(v1)/training-jobs?per_page=1000&\(parameter)=job_name&order=desc").json()
                #expect(desc["jobs"]?.array?.compactMap { $0["job_name"]?.string } == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.reversed())
            }
            let byTime = try await client.get("\(v1)/training-jobs?per_page=1000&sortBy=create_time&order=desc").json()
            let times = byTime["jobs"]?.array?.compactMap { $0["create_time"]?.int64 } ?? []
            #expect(times == times.sorted(by: >))
            // Filters: the total is recomputed, the rest of the envelope kept.
            let statuses = Set(all.compactMap { $0["status"]?.int64 })
            for status in statuses {
                let filtered = try await client.get("\(v1)/training-jobs?status=\(status)").json()
                let expected = all.filter { $0["status"]?.int64 == status }
                #expect(filtered["job_total_count"]?.int64 == Int64(expected.count))
                #expect(filtered["jobs"]?.array == Array(expected.prefix(10)))
                #expect(filtered["quotas"] == (try await client.get("\(v1)/training-jobs").json())["quotas"])
            }
            let none = try await client.get("\(v1)/training-jobs?search_content=no-such-job").json()
            #expect(none["job_total_count"]?.int64 == 0)
            #expect(none["jobs"]?.array?.isEmpty == true)
            let workspace = try await client.get("\(v1)/training-jobs?workspace_id=0&per_page=1000").json()
            #expect(workspace["jobs"]?.array?.count == 9)
        }
    }

    @Test("version list: page=0 is everything, other pages are windows; config and algorithm lists page and sort")
    func otherListWindows() async throws {
        let archive = try Archive.open(at: ReplayFixtures.sample.path)
        let jobs = try archive.entities.liveKeys(kind: .job)
        let config = try ReplayTest.configuration(ReplayFixtures.sample.path)
        try await ReplayTest.withApp(config) { client async throws in
            for job in jobs {
                let all = try await client.get("\(v1)/training-jobs/\(job)/versions?page=0").json()
                let versions = all["versions"]?.array ?? []
                var paged: [JSONValue] = []
                for page in 1...((versions.count + 1) / 2 + 1) {
                    let body = try await client.get("\(v1)/training-jobs/\(job)/versions?page=\(page)&per_page=2").json()
                    #expect(body["version_count"] == all["version_count"])
                    paged += body["versions"]?.array ?? []
                }
                #expect(paged == versions, "job \(job)")
            }
            let configs = try await client.get("\(v1)/training-job-configs?per_page=1000").json()
            let names = configs["configs"]?.array?.compactMap { $0["config_name"]?.string } ?? []
            #expect(names.contains("config123"))
            let first = try await client.get("\(v1)/training-job-configs?per_page=1").json()
            #expect(first["configs"]?.array?.count == 1)
            #expect(first["config_total_count"] == configs["config_total_count"])
            let asc = try await client.get("\(v1)/training-job-configs?per_page=1000&sortBy=config_name&order=asc").json()
            #expect(asc["configs"]?.array?.compactMap { $0["config_name"]?.string } == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            let searched = try await client.get("\(v1)/training-job-configs?search_content=CONFIG1").json()
            #expect(searched["configs"]?.array?.compactMap { $0["config_name"]?.string }.contains("config123") == true)
            let models = try await client.get("\(v1)/built-in-algorithms?per_page=100").json()
            let count = models["models"]?.array?.count ?? 0
            #expect(count > 0)
            let page = try await client.get("\(v1)/built-in-algorithms?per_page=1&page=1&sortBy=model_name&order=asc").json()
            let smallest = models["models"]?.array?.compactMap { $0["model_name"]?.string }.min { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            #expect(page["models"]?.array?.first?["model_name"]?.string == smallest)
            let vis = try await client.get("\(v1)/visualization-jobs?sortBy=create_time&order=desc").json()
            let visTimes = vis["jobs"]?.array?.compactMap { $0["create_time"]?.int64 } ?? []
            #expect(visTimes == visTimes.sorted(by: >))
        }
    }

    @Test("/health, HEAD, and aom-log defaults (no base_line: the tail 50 lines)")
    func healthAndDefaults() async throws {
        let archive = try Archive.open(at: ReplayFixtures.sample.path)
        let file = try #require(try archive.logs.files(jobID: 10, versionID: 10).first)
        let lines = try archive.logs.readLines(fileID: file.id, range: max(0, file.lineCount - 50)..<file.lineCount)
        try await ReplayTest.withApp(ReplayTest.configuration(ReplayFixtures.sample.path)) { client async throws in
            let health = try await client.get("/health")
            #expect(health.status == .ok)
            #expect(try health.json()["status"]?.string == "ok")
            let head = try await client.execute(uri: "\(v1)/training-jobs", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            let tail = try await client.get("\(v1)/training-jobs/10/versions/10/aom-log?log_file=\(file.fileName)")
            #expect(tail.status == .ok)
            #expect(try tail.pageContent() == lines.flatMap { $0 })
            #expect(try tail.json()["lines"]?.int64 == Int64(lines.count))
        }
    }
}
