import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsClient
import Snapshot
import Testing

/// The archive file a snapshot writes, without the CLI: refused paths, a project mismatch, a failed first run.
@Suite("snapshot destination: check, open or create, and cleanup of a failed first run")
struct SnapshotDestinationTests {
    @Test("a directory, a file that is not an archive and an unwritable folder are refused before anything starts")
    func refusedPaths() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: ArchiveError.self) { try SnapshotDestination(path: dir.path("")).check() }
        let notArchive = dir.path("notes.txt")
        try Data("not sqlite".utf8).write(to: URL(fileURLWithPath: notArchive))
        #expect(throws: ArchiveError.self) { try SnapshotDestination(path: notArchive).check() }
        #expect(throws: ArchiveError.self) { try SnapshotDestination(path: "/proc/nosuch/x.sqlite").check() }
        #expect(try String(contentsOfFile: notArchive, encoding: .utf8) == "not sqlite", "a refused file is left as it was")
        try SnapshotDestination(path: dir.path("new.sqlite")).check()
        #expect(!FileManager.default.fileExists(atPath: dir.path("new.sqlite")), "check creates nothing")
    }

    @Test("an archive of another project is refused, naming both projects; the same project opens for writing")
    func projectMismatch() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("a.sqlite")
        try Archive.create(at: path, projectID: "p1").close()
        let other = try ModelArtsEndpoint(url: "http://127.0.0.1:9", projectID: "p2")
        do {
            _ = try SnapshotDestination(path: path).open(for: other)
            Issue.record("opened an archive of p1 for p2")
        } catch let error as ArchiveError {
            #expect(error.message.contains("p1") && error.message.contains("p2"), "\(error.message)")
        }
        let same = try ModelArtsEndpoint(url: "http://127.0.0.1:9", projectID: "p1")
        let (archive, createdNow) = try SnapshotDestination(path: path).open(for: same)
        #expect(!createdNow)
        try archive.close()
    }

    @Test("a first run that cannot list the project leaves no archive; a second run keeps the existing one")
    func failedFirstRun() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("first.sqlite")
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        let endpoint = try ModelArtsEndpoint(url: "http://127.0.0.1:9", projectID: "p1")
        var configuration = ClientConfiguration()
        configuration.maxRetries = 0
        configuration.requestTimeout = 1  // AsyncHTTPClient retries a refused connection until the deadline
        await #expect(throws: (any Error).self) {
            _ = try await SnapshotDestination(path: path).capture(
                endpoint: endpoint, credentials: .none, configuration: configuration, options: SnapshotOptions())
        }
        #expect(!FileManager.default.fileExists(atPath: path), "the failed first run left \(path)")

        try Archive.create(at: path, projectID: "p1").close()
        await #expect(throws: (any Error).self) {
            _ = try await SnapshotDestination(path: path).capture(
                endpoint: endpoint, credentials: .none, configuration: configuration, options: SnapshotOptions())
        }
        #expect(FileManager.default.fileExists(atPath: path), "an archive that existed before is never removed")
    }
}
