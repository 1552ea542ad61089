import Foundation
import JobArchiveTestSupport
import Testing

/// The built executable is only an entry point: for each of these command lines it must answer exactly as
/// the in-process CLI the other tests drive — the same exit status, the same stdout bytes, the same stderr.
@Suite("the built binary and the in-process CLI agree: exit status, stdout, stderr")
struct BinaryParityTests {
    static let commandLines: [[String]] = [
        ["--help"], ["--version"], ["help", "jobs"], ["jobs", "--help"],
        ["jobs", Fixtures.sample, "--json"], ["jobs", Fixtures.sample, "--csv", "--status", "failed"],
        ["show", Fixtures.sample, "585024/V0003"], ["log", Fixtures.sample, "571581", "1112489", "--tail", "20"],
        ["search", "\"CUDA out of memory\"", Fixtures.sample, "--json"], ["search", "nosuchwordanywhere", Fixtures.sample],
        ["verify", Fixtures.sample], ["engines", Fixtures.sample, "--csv"],
        // Failures: usage at parse time and after, a missing archive, a bad search query.
        ["jobs"], ["jobs", Fixtures.sample, "--json", "--csv"], ["jobs", "/nonexistent/x.sqlite"],
        ["search", "\"unbalanced", Fixtures.sample], ["nosuchcommand"],
    ]

    @Test("same answer both ways", arguments: BinaryParityTests.commandLines)
    func parity(args: [String]) async throws {
        let inProcess = await CLI.run(args)
        let binary = try CLI.runBinary(args)
        #expect(binary.status == inProcess.status, "\(args): binary exit \(binary.status), in-process \(inProcess.status)")
        #expect(binary.stdout == inProcess.stdout, "\(args): stdout differs (\(binary.stdout.count) vs \(inProcess.stdout.count) bytes)")
        #expect(binary.stderr == inProcess.stderr, "\(args): stderr differs:\n\(binary.stderr)\nvs\n\(inProcess.stderr)")
    }

    @Test("stdout closed early (`| head`): the binary stops quietly, as cat does (SIGPIPE's 141, nothing on stderr)")
    func closedPipe() throws {
        let exe = try #require(CLI.executable, "the jobarchive executable is not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The whole sample as JSON Lines (megabytes), 10 bytes of it read: the writer meets a closed pipe.
        process.arguments = ["-c", "'\(exe.path)' export '\(Fixtures.sample)' --jsonl | head -c 10 > /dev/null; exit ${PIPESTATUS[0]}"]
        let out = Pipe()
        process.standardOutput = out
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 141 || process.terminationStatus == 0, "exit \(process.terminationStatus)")
        #expect(stderr.isEmpty, "nothing on stderr when the reader goes away: \(stderr)")
    }
}
