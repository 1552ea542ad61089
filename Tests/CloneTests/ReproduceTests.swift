import ArchiveStore
import Clone
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("Reproduce scripts")
struct ReproduceTests {
    static func bashSyntaxOK(_ script: String) throws -> Bool {
        let dir = try TemporaryDirectory()
        let path = dir.path("run.sh")
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-n", path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("the seed's custom-image version gives the golden docker script, bash -n clean")
    func seedScript() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 10)
        var script = ReproduceScript.render(source, archiveDigest: "DIGEST", toolVersion: "0.1.0")
        script = script.replacingOccurrences(of: test.path, with: "ARCHIVE")
        #expect(try CloneFixtures.matchesGolden(script, "seed-reproduce.sh"))
        #expect(script.contains("docker run --rm"))
        #expect(script.contains("-e learning_rate=0.01"))
        #expect(script.contains("volume-opt=o=addr=192.168.8.150"))
        #expect(script.contains("-v /root/work:/home/mind"))
        #expect(try Self.bashSyntaxOK(script))
    }

    @Test("a built-in engine runs the boot file with --label=value; redacted values come from the environment")
    func builtInScript() throws {
        let test = try CloneFixtures.seedArchive()
        let source = try ArchivedVersion.load(from: try Archive.open(at: test.path), jobID: 10, versionID: 11)
        let script = ReproduceScript.render(source, archiveDigest: "DIGEST", toolVersion: "0.1.0")
        #expect(script.contains("\"${PYTHON:-python3}\" train.py"))
        #expect(script.contains("--epochs=20"))
        #expect(script.contains("--lr=0.001"))
        #expect(script.contains("--obs_secret_key=\"$obs_secret_key\""))
        #expect(script.contains(": \"${obs_secret_key:?"))
        #expect(!script.contains(ParameterRedactor.marker))
        #expect(try Self.bashSyntaxOK(script))
    }

    @Test("shell quoting survives hostile values")
    func quoting() throws {
        #expect(ShellQuote.quote("plain-1.0") == "plain-1.0")
        #expect(ShellQuote.quote("it's") == #"'it'\''s'"#)
        #expect(ShellQuote.quote("") == "''")
        #expect(ShellQuote.quote("$(rm -rf /)") == "'$(rm -rf /)'")
        let hostile = "a'b\"c$d`e\\f\ng; rm -rf ~"
        let script = "x=" + ShellQuote.quote(hostile) + "\nprintf '%s' \"$x\"\n"
        let dir = try TemporaryDirectory()
        let path = dir.path("q.sh")
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == hostile)
    }
}
