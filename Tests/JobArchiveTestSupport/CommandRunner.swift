import Foundation
import JobArchiveCLI

/// Runs `jobarchive` command lines, capturing their output: in this process through the CLI library
/// (``runInProcess(_:environment:)``, what most tests use) or as the built binary the way a user would
/// (``run(_:stdin:)``, for the end-to-end checks of exit codes, signals and streams).
public struct CommandRunner {
    /// What a run produced.
    public struct Result: Sendable {
        /// Exit status.
        public var status: Int32
        /// Standard output bytes.
        public var stdout: [UInt8]
        /// Standard error text.
        public var stderr: String
        /// Standard output as text.
        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The built `jobarchive` binary, found beside the running test bundle in whichever build folder
    /// (`.build/debug`, `.build/release`, a custom `--build-path`) the tests were built into; nil when absent.
    ///
    /// The one place tests locate the binary: `swift test -c release` runs the release binary.
    public static let builtBinary: URL? = {
        var starts: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        starts.append(Bundle.main.bundleURL)
        // On Linux the runner is `.build/<config>/jobarchivePackageTests.xctest`; on macOS it sits inside a bundle.
        for start in starts {
            var dir = start
            while dir.path != "/" {
                let candidate = dir.appendingPathComponent("jobarchive")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }()

    /// The built binary; a path that does not exist when it was not built (running it then fails with that path).
    public static var binary: URL {
        builtBinary ?? packageRoot.appendingPathComponent(".build/debug/jobarchive")
    }

    /// The package root (for files such as archives/sample.sqlite).
    public static var packageRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }

    /// Parses and runs `jobarchive ARGS…` in this process through ``JobArchiveCLI/run(_:console:)`` — the
    /// executable's one call — with both streams captured (never a terminal). `environment` is added to this
    /// process's environment, without `NO_COLOR`.
    public static func runInProcess(_ arguments: [String], environment: [String: String] = [:]) async -> Result {
        let console = Console.capturing(environment: commandEnvironment(environment))
        let status = await JobArchiveCLI.run(arguments, console: console)
        return Result(status: status, stdout: console.stdout, stderr: console.stderr)
    }

    /// The environment a command under test sees: this process's, without `NO_COLOR` (tests read plain
    /// output), plus `extra`.
    public static func commandEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = nil
        for (key, value) in extra { merged[key] = value }
        return merged
    }

    /// Runs `jobarchive ARGS…` on a thread of its own and awaits it, so the wait never blocks a thread of
    /// Swift's cooperative pool — use this from async tests, above all while an in-process server (which
    /// needs that pool to answer) is the binary's upstream.
    public static func runAsync(_ arguments: [String], stdin: Data? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try run(arguments, stdin: stdin))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// Runs `jobarchive ARGS…` and waits for it (blocking the calling thread).
    public static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        // Standard error goes to a file, so that reading stdout to its end cannot dead-lock on a full stderr pipe.
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("jobarchive-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errPath) }
        let errHandle = try FileHandle(forWritingTo: errPath)
        process.standardOutput = out
        process.standardError = errHandle
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        // Read stdout before waiting, so a large output cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let stderrData = (try? Data(contentsOf: errPath)) ?? Data()
        return Result(status: process.terminationStatus, stdout: [UInt8](stdoutData), stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
