import ArchiveStore
import Foundation
import JobArchiveTestSupport
import SampleProject
import Testing

/// Runs `jobarchive` command lines: in this process (``run(_:environment:)``, the way most tests do) or as
/// the built executable (``runBinary(_:environment:)``, for the end-to-end checks of exit codes and streams).
enum CLI {
    /// What a run produced.
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var seconds: Double

        var text: String { String(decoding: stdout, as: UTF8.self) }

        /// Standard output parsed as JSON.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout), options: [.fragmentsAllowed])
        }

        func object() throws -> [String: Any] {
            try #require(try json() as? [String: Any], "stdout is not a JSON object: \(text.prefix(300))")
        }

        func array() throws -> [[String: Any]] {
            try #require(try json() as? [[String: Any]], "stdout is not a JSON array of objects: \(text.prefix(300))")
        }
    }

    /// The `jobarchive` executable next to the test bundle (``CommandRunner/builtBinary``, shared by every test target).
    static var executable: URL? { CommandRunner.builtBinary }

    /// Parses and runs `jobarchive args…` in this process (``CommandRunner/runInProcess(_:environment:)``).
    static func run(_ args: [String], environment: [String: String] = [:]) async -> Result {
        let start = Date()
        let r = await CommandRunner.runInProcess(args, environment: environment)
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: Date().timeIntervalSince(start))
    }

    /// Runs the built `jobarchive args…` as a subprocess; output goes through files so large outputs cannot block
    /// the pipe.
    static func runBinary(_ args: [String], environment: [String: String] = [:]) throws -> Result {
        let exe = try #require(executable, "the jobarchive executable is not built; run `swift build` first")
        let dir = try TemporaryDirectory()
        let outPath = dir.path("stdout")
        let errPath = dir.path("stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let outHandle = try #require(FileHandle(forWritingAtPath: outPath))
        let errHandle = try #require(FileHandle(forWritingAtPath: errPath))
        let process = Process()
        process.executableURL = exe
        process.arguments = args
        process.environment = CommandRunner.commandEnvironment(environment)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try outHandle.close()
        try errHandle.close()
        let stdout = [UInt8](try Data(contentsOf: URL(fileURLWithPath: outPath)))
        let stderr = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr, seconds: seconds)
    }
}

/// Archives shared by the CLI tests, built once per test process.
enum Fixtures {
    /// Where the shared fixtures live; removed when the test process exits.
    nonisolated(unsafe) static var root: String?

    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jobarchive-cli-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        root = url.path
        atexit {
            if let root = Fixtures.root { try? FileManager.default.removeItem(atPath: root) }
        }
        return url
    }()

    /// The default sample project (`SampleProjectOptions()`: v1 jobs only, 2 MB of logs).
    static let sample: String = {
        let path = directory.appendingPathComponent("sample.sqlite").path
        do {
            try SampleArchiveWriter.writeArchive(SampleProjectOptions(), to: path)
        } catch {
            Issue.record("cannot write the sample archive: \(error)")
        }
        return path
    }()

    /// The sample plus a second capture: a status change, a parameter change, a job gone upstream.
    static let twoCaptures: String = {
        let path = directory.appendingPathComponent("two-captures.sqlite").path
        do {
            try FileManager.default.copyItem(atPath: sample, toPath: path)
            let archive = try Archive.open(at: path, mode: .readWrite)
            let capture = try archive.captures.begin(source: "test second capture")
            func edit(_ kind: EntityKind, _ key: String, _ replacements: [(String, String)]) throws {
                let entity = try archive.entities.entity(kind: kind, key: key)
                let raw = try #require(entity?.raw)
                var text = String(decoding: raw, as: UTF8.self)
                for (from, to) in replacements {
                    #expect(text.contains(from), "\(kind) \(key) has no \(from)")
                    text = text.replacingOccurrences(of: from, with: to)
                }
                try archive.entities.put(kind: kind, key: key, raw: Array(text.utf8), capture: capture)
            }
            try edit(.job, "585024", [("\"status\":6", "\"status\":10")])
            try edit(.version, "585024/1121512", [("\"status\":6", "\"status\":10"), ("{\"label\":\"n_estimators\",\"value\":100}", "{\"label\":\"n_estimators\",\"value\":200}")])
            try edit(.versionDetail, "585024/1121512", [("\"status\":6", "\"status\":10"), ("{\"label\":\"n_estimators\",\"value\":100}", "{\"label\":\"n_estimators\",\"value\":200}")])
            try archive.entities.markDeleted(kind: .job, key: "585560", capture: capture)
            try archive.entities.markMissing(kind: .version, prefix: "585560/", present: [], capture: capture)
            try archive.captures.finish(capture, complete: true)
            try archive.close()
        } catch {
            Issue.record("cannot build the two-capture archive: \(error)")
        }
        return path
    }()

    /// Real training logs from ../shared/corpus/real-logs (about 3 MB), one file per job; nil without the corpus.
    static let realLogs: (path: String, files: [(jobID: Int64, name: String, content: [UInt8])])? = {
        let urls = SharedFolder.realLogs
        guard !urls.isEmpty else { return nil }
        let path = directory.appendingPathComponent("real-logs.sqlite").path
        var files: [(Int64, String, [UInt8])] = []
        do {
            let archive = try Archive.create(at: path, projectID: "real-logs")
            let capture = try archive.captures.begin(source: "test real logs")
            var total = 0
            for (i, url) in urls.enumerated() {
                let content = [UInt8](try Data(contentsOf: url))
                if total + content.count > 3_000_000 { continue }
                total += content.count
                let jobID = Int64(1000 + i)
                try archive.logs.write(jobID: jobID, versionID: 1, fileName: url.lastPathComponent, content: content, capture: capture)
                files.append((jobID, url.lastPathComponent, content))
            }
            try archive.captures.finish(capture, complete: true)
            try archive.close()
        } catch {
            Issue.record("cannot build the real-logs archive: \(error)")
            return nil
        }
        return (path, files)
    }()

    /// The archive's log contents keyed by (job, version, file name), read through the store.
    static func logContents(_ path: String) throws -> [String: [UInt8]] {
        let archive = try Archive.open(at: path)
        var out: [String: [UInt8]] = [:]
        for file in try archive.logs.files() {
            out["\(file.jobID)/\(file.versionID)/\(file.fileName)"] = try archive.logs.content(fileID: file.id)
        }
        return out
    }
}

/// The lines of a byte buffer, each with its terminator.
func splitLines(_ content: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    for (i, b) in content.enumerated() where b == 0x0A {
        lines.append(Array(content[start...i]))
        start = i + 1
    }
    if start < content.count { lines.append(Array(content[start...])) }
    return lines
}
