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

    /// The built binary: beside the test bundle in the build folder.
    public static var binary: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        // On Linux the runner is `.build/<config>/jobarchivePackageTests.xctest`; on macOS it sits inside a bundle.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("jobarchive").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("jobarchive")
    }

    /// The package root (for files such as archives/sample.sqlite).
    public static var packageRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }

    /// Runs `jobarchive ARGS…` and waits for it.
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
