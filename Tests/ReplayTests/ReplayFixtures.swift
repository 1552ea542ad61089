import ArchiveStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobArchiveTestSupport
import Logging
import ModelArtsAPI
import NIOCore
import Replay
import SampleProject
import Testing

/// Archives shared by the replay tests, each written once per test process.
enum ReplayFixtures {
    /// The project id of the sample archive.
    static let projectID = SampleProjectOptions().projectID

    /// The default sample archive (seed job 10, config123, 9 jobs, multi-worker logs).
    ///
    /// Written once per test process; when that fails, every test that reads it fails with the reason
    /// (thrown, not a crash of the whole test run).
    static var sample: Fixture {
        get throws { try sampleResult.get() }
    }

    private static let sampleResult = Result<Fixture, any Error> {
        do {
            let directory = try TemporaryDirectory()
            let path = directory.path("sample.sqlite")
            try SampleArchiveWriter.writeArchive(SampleProjectOptions(), to: path)
            return Fixture(directory: directory, path: path)
        } catch {
            throw FixtureError(message: "cannot write the sample archive: \(error)")
        }
    }

    /// A small hand-made archive: job 1 / version 2 with three logs.
    ///
    /// - `a.0`: 700 awkward lines (CRLF, invalid UTF-8, an empty line, no final newline), with pages
    ///   captured like a crawl from the head (500 lines, `""`+asc then end_line+desc), concat style;
    /// - `b.0`: 120 lines and no captured page (the synthetic cursor scheme);
    /// - `c.0`: 90 lines, one captured tail page in `joined` style with `lines=60`.
    static var small: Fixture {
        get throws { try smallResult.get() }
    }

    private static let smallResult = Result<Fixture, any Error> {
        do {
            let directory = try TemporaryDirectory()
            let path = directory.path("small.sqlite")
            try writeSmallArchive(at: path)
            return Fixture(directory: directory, path: path)
        } catch {
            throw FixtureError(message: "cannot write the small archive: \(error)")
        }
    }

    /// The project id of the small archive.
    static let smallProject = "smallproj"

    /// The lines of `a.0`, each with its terminator (the last has none).
    static let smallLogA: [[UInt8]] = {
        var lines: [[UInt8]] = []
        for i in 0..<700 {
            var line = Array("\(i) \"q\"\\\t".utf8)
            if i % 97 == 5 { line += [0xFF, 0xFE, 0xC3] }  // invalid UTF-8
            if i % 50 == 7 { line = [] }  // empty line
            if i % 13 == 3 { line += [0x0D] }  // CRLF
            if i != 699 { line.append(0x0A) }
            lines.append(line)
        }
        return lines
    }()

    /// Cursor of line `i` of `a.0` in its captured pages: 19 digits with uneven gaps.
    static func smallCursor(_ i: Int) -> String {
        String(1_700_000_000_000_000_000 as UInt64 + UInt64(i) * 3_000_000 + UInt64((i * 7919) % 1_000_000))
    }

    static func writeSmallArchive(at path: String) throws {
        let archive = try Archive.create(at: path, projectID: smallProject)
        let capture = try archive.captures.begin(source: "replay tests")
        let job = #"{"job_id":1,"job_name":"small","version_id":2,"status":10,"create_time":1700000000000,"duration":60000,"job_desc":"d","version_count":1}"#
        try archive.lists.put(
            listKey: "training-jobs",
            body: Array(#"{"is_success":true,"job_total_count":1,"job_count_limit":9,"quotas":10,"jobs":[\#(job)]}"#.utf8),
            itemsKey: "jobs", itemKind: .job, capture: capture
        ) { $0["job_id"]?.int64.map(String.init) }
        let version = #"{"version_id":2,"version_name":"V0001","status":10,"start_time":1700000000000,"create_time":1699999990000}"#
        try archive.lists.put(
            listKey: "versions/1",
            body: Array(#"{"is_success":true,"job_id":1,"job_name":"small","job_desc":"d","version_count":1,"versions":[\#(version)]}"#.utf8),
            itemsKey: "versions", itemKind: .version, capture: capture
        ) { $0["version_id"]?.int64.map { "1/\($0)" } }
        try archive.entities.put(
            kind: .logFileList, key: "1/2", raw: Array(#"{"is_success":true,"log_file_list":["a.0","b.0","c.0"]}"#.utf8),
            capture: capture)

        let a = try archive.logs.write(jobID: 1, versionID: 2, fileName: "a.0", content: smallLogA.flatMap { $0 }, capture: capture)
        var first = 0
        var base = ""
        var order = "asc"
        while first < a.lineCount {
            let count = min(500, a.lineCount - first)
            let content = PageStore.content(Array(smallLogA[first..<(first + count)]), style: .concat)
            let body = V1LogPage.renderBody(
                startLine: smallCursor(first), endLine: smallCursor(first + count - 1), lines: count, content: content)
            try archive.pages.record(
                fileID: a.id, capture: capture, request: PageRequest(baseLine: base, order: order, lines: 500), body: body,
                firstLine: first, lineCount: count, style: .concat)
            base = smallCursor(first + count - 1)
            order = "desc"
            first += count
        }

        let b = (0..<120).map { Array("b line \($0)\n".utf8) }
        try archive.logs.write(jobID: 1, versionID: 2, fileName: "b.0", content: b.flatMap { $0 }, capture: capture)

        let c = (0..<90).map { Array("c line \($0)\n".utf8) }
        let cInfo = try archive.logs.write(jobID: 1, versionID: 2, fileName: "c.0", content: c.flatMap { $0 }, capture: capture)
        // A tail page as the live service writes it: keys in its order, lines joined by an extra "\n".
        let tail = PageStore.content(Array(c[30..<90]), style: .joined)
        var body = Array(#"{"start_line":"1600000000000000030","lines":60,"is_success":true,"end_line":"1600000000000000089","content":"#.utf8)
        body += JSONStringLiteral.encode(tail)
        body += Array("}".utf8)
        try archive.pages.record(
            fileID: cInfo.id, capture: capture, request: PageRequest(baseLine: nil, order: "desc", lines: 60), body: body,
            firstLine: 30, lineCount: 60, style: .joined)
        try archive.captures.finish(capture, complete: true)
        try archive.close()
    }
}

/// A generated archive file that lives as long as the test process.
struct Fixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let path: String
}

/// A shared fixture archive could not be written.
struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Building and querying servers in tests.
enum ReplayTest {
    /// A quiet logger.
    static var logger: Logger {
        var logger = Logger(label: "replay-tests")
        logger.logLevel = .warning
        return logger
    }

    /// A configuration serving `path` with test defaults (port 0).
    static func configuration(_ path: String) -> ReplayConfiguration {
        var config = ReplayConfiguration(archivePath: path)
        config.port = 0
        config.readers = 2
        return config
    }

    /// Builds the app and runs `body` with a client.
    @discardableResult
    static func withApp<T: Sendable>(
        _ config: ReplayConfiguration, _ setup: TestingSetup = .router,
        _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let app = try buildApplication(config, logger: logger)
        return try await onDedicatedThreads { try await app.test(setup, body) }
    }

    /// The v1 path prefix of the sample archive.
    static let v1 = "/v1/\(ReplayFixtures.projectID)"
}

extension TestResponse {
    /// The body bytes.
    var bytes: [UInt8] { Array(body.readableBytesView) }

    /// The body parsed as JSON (fails the test when it is not JSON).
    func json() throws -> JSONValue { try RawJSON.parse(bytes) }

    /// The decoded bytes of a log page's `content`.
    func pageContent() throws -> [UInt8] {
        let members = try RawJSON.objectMembers(bytes)
        let member = try #require(members.first(where: { $0.key == "content" }))
        return try #require(JSONStringLiteral.decode(bytes[member.valueRange]))
    }
}

extension TestClientProtocol {
    /// GET `uri`.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}
