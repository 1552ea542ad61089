import Foundation
import HTTPTypes
import HummingbirdTesting
import JobArchiveTestSupport
import NIOCore
import Testing

/// The real `jobarchive serve` binary, end to end.
@Suite("jobarchive serve: the command")
struct ServeCommandTests {
    /// The built `jobarchive` next to the test bundle, if there is one (the helper every CLI test uses).
    static var binary: URL? { CommandRunner.builtBinary }

    @Test("--port 0 prints 'listening on http://HOST:PORT' first, serves, and stops cleanly on SIGINT and SIGTERM",
          arguments: [SIGINT, SIGTERM])
    func listenServeStop(signal: Int32) async throws {
        guard let binary = Self.binary else {
            Issue.record("no built jobarchive binary; run swift build first")
            return
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = try ["serve", ReplayFixtures.sample.path, "--port", "0", "--log-level", "warning"]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line, read byte by byte so nothing after it is consumed.
        var line: [UInt8] = []
        while line.last != 0x0A {
            guard let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty else { break }
            line += byte
        }
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix("listening on http://127.0.0.1:"))
        let port = try #require(Int(text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10)))
        client.connect()
        let health = try await client.get("/health")
        #expect(health.status == .ok)
        let versions = try await client.get("\(ReplayTest.v1)/training-jobs/10/versions")
        #expect(versions.body.map { Array($0.readableBytesView) } == Array(SeedFixtures.versionList.utf8))
        try await client.shutdown()
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }

    @Test("a non-loopback bind without auth is a usage error: exit 64 with the reason on stderr")
    func refusesUnsafeBind() throws {
        guard let binary = Self.binary else {
            Issue.record("no built jobarchive binary; run swift build first")
            return
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = try ["serve", ReplayFixtures.sample.path, "--host", "0.0.0.0", "--port", "0"]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("without authentication"))
    }
}
