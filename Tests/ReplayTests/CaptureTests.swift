import ArchiveStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import ModelArtsAPI
import Replay
import SampleProject
import Testing

@Suite("--at: the project as it was at a capture")
struct CaptureTests {
    static let v1 = ReplayTest.v1

    /// The sample archive plus a second capture: job 567927 gone, job 10's row and version 10's detail changed,
    /// config123 changed.
    static func twoCaptureArchive(_ directory: TemporaryDirectory) throws -> (path: String, firstJobList: [UInt8], secondJobList: [UInt8]) {
        let path = directory.path("two.sqlite")
        try FileManager.default.copyItem(atPath: ReplayFixtures.sample.path, toPath: path)
        let archive = try Archive.open(at: path, mode: .readWrite)
        let firstJobList = try #require(try archive.lists.render("training-jobs"))
        let capture = try archive.captures.begin(source: "second")
        let job10 = #"{"job_id":10,"job_name":"testModelArtsJob","version_id":10,"status":12,"create_time":1524189990635,"duration":600000,"job_desc":"This is ModelArts job","version_count":5}"#
        let second = Array(#"{"is_success":true,"job_total_count":1,"job_count_limit":99,"quotas":100,"jobs":[\#(job10)]}"#.utf8)
        let present = try archive.lists.put(listKey: "training-jobs", body: second, itemsKey: "jobs", itemKind: .job, capture: capture) {
            $0["job_id"]?.int64.map(String.init)
        }
        try archive.entities.markMissing(kind: .job, present: Set(present), capture: capture)
        let detail = try #require(try archive.entities.entity(kind: .versionDetail, key: "10/10")?.raw)
        let changed = Array(String(decoding: detail, as: UTF8.self).replacingOccurrences(of: "\"status\": 10", with: "\"status\": 12").utf8)
        #expect(changed != detail)
        try archive.entities.put(kind: .versionDetail, key: "10/10", raw: changed, capture: capture)
        try archive.entities.put(
            kind: .config, key: "custom/config123", raw: Array(#"{"is_success":true,"config_name":"config123","config_desc":"v2"}"#.utf8),
            capture: capture)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
        return (path, firstJobList, second)
    }

    @Test("default is the latest capture; --at 1 serves the first; an unknown capture is refused")
    func asOf() async throws {
        let directory = try TemporaryDirectory()
        let (path, firstJobList, secondJobList) = try Self.twoCaptureArchive(directory)
        var latest = ReplayTest.configuration(path)
        try await ReplayTest.withApp(latest) { client async throws in
            #expect(try await client.get("\(Self.v1)/training-jobs").bytes == secondJobList)
            #expect(try await client.get("\(Self.v1)/training-jobs/567927/versions").status == .notFound)
            let detail = try await client.get("\(Self.v1)/training-jobs/10/versions/10").json()
            #expect(detail["status"]?.int64 == 12)
            #expect(try await client.get("\(Self.v1)/training-job-configs/config123").json()["config_desc"]?.string == "v2")
            #expect(try await client.get("/health").json()["capture"]?.int64 == 2)
        }
        var first = ReplayTest.configuration(path)
        first.capture = 1
        try await ReplayTest.withApp(first) { client async throws in
            #expect(try await client.get("\(Self.v1)/training-jobs").bytes == firstJobList)
            #expect(try await client.get("\(Self.v1)/training-jobs/567927/versions").status == .ok)
            #expect(try await client.get("\(Self.v1)/training-jobs/10/versions").bytes == Array(SeedFixtures.versionList.utf8))
            #expect(try await client.get("\(Self.v1)/training-job-configs/config123").bytes == Array(SeedFixtures.configDetail.utf8))
            #expect(try await client.get("/health").json()["capture"]?.int64 == 1)
        }
        latest.capture = 7
        do {
            _ = try buildApplication(latest, logger: ReplayTest.logger)
            Issue.record("capture 7 was accepted")
        } catch {
            #expect(error.code == .archive)
            #expect(error.message.contains("no capture 7"))
        }
    }

    @Test("the archive is opened read-only: serving writes nothing")
    func readOnly() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: ReplayFixtures.sample.path, toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try await ReplayTest.withApp(ReplayTest.configuration(path)) { client async throws in
            _ = try await client.get("\(Self.v1)/training-jobs")
            _ = try await client.get("\(Self.v1)/training-jobs/10/versions/10/aom-log?log_file=log1.log&lines=500")
            _ = try await client.execute(uri: "\(Self.v1)/training-jobs", method: .post)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(siblings == ["copy.sqlite"], "no -wal or -journal file appears")
    }
}
