import Foundation

/// Runs the built `jobarchive` binary the way a user would, capturing its output.
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
        FileManager.default.createFile(atPath: errPath.path, contents: nil)
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
