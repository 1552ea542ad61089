import Foundation
import JobArchiveTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#endif

/// `jobarchive serve` answers the requests it has accepted before it stops.
@Suite("jobarchive serve: SIGINT/SIGTERM drain in-flight requests, then exit 0")
struct ServeDrainTests {
    @Test("a request in flight when the signal comes gets its full answer; the server then exits 0", arguments: [SIGINT, SIGTERM])
    func drains(signal: Int32) async throws {
        let binary = CommandRunner.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "the jobarchive binary is built by `swift build`")
        let sample = try ReplayFixtures.sample.path
        let process = Process()
        process.executableURL = binary
        // Every /v1 answer is held back 4 s, so the request is still in flight when the signal arrives;
        // at debug level the server says on stderr when a request has arrived.
        process.arguments = [
            "serve", sample, "--port", "0", "--log-level", "debug",
            "--fault-rate", "1", "--fault-kinds", "slow", "--fault-delay-ms", "4000",
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        let stderr = Pipe()
        process.standardError = stderr
        let log = ArrivalLog()
        stderr.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        defer { stderr.fileHandleForReading.readabilityHandler = nil }
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var line: [UInt8] = []
        while line.last != 0x0A {
            guard let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty else { break }
            line += byte
        }
        let text = String(decoding: line, as: UTF8.self)
        let port = try #require(Int(text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""), "first line: \(text)")
        // A first answer (health is never slowed) shows the server is reading requests, however busy the machine.
        let health = try #require(URL(string: "http://127.0.0.1:\(port)/health"))
        _ = try await URLSession.shared.data(from: health)
        let path = "\(ReplayTest.v1)/training-jobs/10/versions"
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        // The client runs on threads of its own (a busy cooperative pool could delay it past the signal), and
        // the signal is sent once the server has said the request arrived, not after a guessed head start.
        let (body, response) = try await onDedicatedThreads {
            async let inFlight = URLSession.shared.data(from: url)
            let deadline = Date().addingTimeInterval(30)
            while !log.contains("GET \(path) received"), Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(log.contains("GET \(path) received"), "the request never reached the server")
            #expect(process.isRunning)
            kill(process.processIdentifier, signal)
            return try await inFlight
        }
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(Array(body) == Array(SeedFixtures.versionList.utf8), "the whole answer, byte for byte")
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(!process.isRunning, "the server stopped after draining")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}

/// The server's stderr as it arrives, readable from another thread.
final class ArrivalLog: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ data: Data) {
        lock.withLock { text += String(decoding: data, as: UTF8.self) }
    }

    func contains(_ needle: String) -> Bool {
        lock.withLock { text.contains(needle) }
    }
}
