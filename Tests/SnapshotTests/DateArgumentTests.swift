import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

/// `snapshot` and the query commands read `--since`/`--until` with one parser: the same forms, the same instant,
/// the same error.
@Suite("--since/--until: one date parser for snapshot and the query commands")
struct DateArgumentTests {
    /// 2021-04-28T00:00:00Z and 2022-12-01T00:00:00Z, in every accepted form.
    static let forms: [(since: String, until: String)] = [
        ("2021-04-28", "2022-12-01"),
        ("2021-04-28T00:00", "2022-12-01T00:00"),
        ("2021-04-28 00:00", "2022-12-01 00:00"),
        ("2021-04-28T00:00:00", "2022-12-01T00:00:00"),
        ("2021-04-28 00:00:00", "2022-12-01 00:00:00"),
        ("2021-04-28T08:00:00+08:00", "2022-11-30T19:00:00-05:00"),
        ("2021-04-28T00:00:00.000Z", "2022-12-01T00:00:00Z"),
        ("1619568000000", "1669852800000"),
    ]
    static let sinceMilliseconds: Int64 = 1_619_568_000_000
    static let untilMilliseconds: Int64 = 1_669_852_800_000

    static let badForms = ["2021-02-30", "2021-13-01", "28/04/2021", "yesterday", "2021-04-28T25:00", "2021-04-28junk", " "]

    @Test("every form means the same instant in snapshot (recorded in captures.options) and in jobs", arguments: 0..<DateArgumentTests.forms.count)
    func sameInstant(index: Int) async throws {
        let (since, until) = Self.forms[index]
        let dir = try TemporaryDirectory()
        let source = try SnapshotHarness.sample(dir, jobs: 8, logBytes: 10_000)
        let project = try SnapshotHarness.projectID(source)
        let output = dir.path("since.sqlite")
        try await SnapshotHarness.serve(source) { url in
            let r = await CommandRunner.runInProcess([
                "snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-logs", "--quiet",
                "--since", since, "--until", until,
            ])
            #expect(r.status == 0, "\(since) … \(until): \(r.stderr)")
        }
        let capture = try #require(try Archive.open(at: output).captures.list().last)
        let options = try #require(try JSONSerialization.jsonObject(with: Data(capture.options.utf8)) as? [String: Any])
        #expect((options["since_ms"] as? NSNumber)?.int64Value == Self.sinceMilliseconds, "\(since): \(capture.options)")
        #expect((options["until_ms"] as? NSNumber)?.int64Value == Self.untilMilliseconds, "\(until): \(capture.options)")

        // The snapshot kept exactly the source's jobs created in [since, until).
        func jobs(_ archive: String, _ extra: [String] = []) async throws -> [(id: Int, created: Int64)] {
            let r = await CommandRunner.runInProcess(["jobs", archive, "--json"] + extra)
            try #require(r.status == 0, "\(r.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [[String: Any]])
            return rows.map { (($0["job_id"] as? Int) ?? -1, ($0["create_time"] as? NSNumber)?.int64Value ?? -1) }
        }
        // The job list is kept whole; only jobs in range are crawled, so only they have versions.
        let expected = try await jobs(source).filter { $0.created >= Self.sinceMilliseconds && $0.created < Self.untilMilliseconds }.map(\.id)
        let listed = try await jobs(source).count
        #expect(!expected.isEmpty && expected.count < listed)
        let crawled = await CommandRunner.runInProcess(["versions", output, "--json"])
        let versionRows = try #require(try JSONSerialization.jsonObject(with: Data(crawled.stdout)) as? [[String: Any]])
        #expect(Set(versionRows.compactMap { $0["job_id"] as? Int }) == Set(expected))

        // The query commands read the form as the same instant as its epoch-ms spelling.
        let typed = await CommandRunner.runInProcess(["versions", source, "--since", since, "--until", until, "--json"])
        let canonical = await CommandRunner.runInProcess(["versions", source, "--since", "\(Self.sinceMilliseconds)", "--until", "\(Self.untilMilliseconds)", "--json"])
        #expect(typed.status == 0 && canonical.status == 0, "\(typed.stderr)")
        #expect(typed.stdout == canonical.stdout, "\(since) … \(until)")
    }

    @Test("a bad date is the same usage error (exit 64, same message) in snapshot and in jobs", arguments: DateArgumentTests.badForms)
    func sameError(text: String) async throws {
        let dir = try TemporaryDirectory()
        for option in ["--since", "--until"] {
            let snapshot = await CommandRunner.runInProcess(["snapshot", "--endpoint", "http://127.0.0.1:9", "--project-id", "p", "--token", "t", "-o", dir.path("x.sqlite"), option, text])
            let jobs = await CommandRunner.runInProcess(["jobs", CommandRunner.packageRoot.appendingPathComponent("archives/sample.sqlite").path, option, text])
            #expect(snapshot.status == 64 && jobs.status == 64, "\(option) '\(text)': snapshot \(snapshot.status), jobs \(jobs.status)")
            let first = { (s: String) in s.split(separator: "\n").first.map(String.init) ?? "" }
            #expect(first(snapshot.stderr) == first(jobs.stderr), "\(option) '\(text)'")
            #expect(first(jobs.stderr).contains("bad \(option) '\(text)'"), "\(jobs.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.path("x.sqlite")))
        }
    }
}
