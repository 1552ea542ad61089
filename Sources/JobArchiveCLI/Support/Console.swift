import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes: the process's standard streams, or in-memory buffers that an in-process
/// caller (a test, an embedding tool) reads back after ``JobArchiveCLI/run(_:console:)``.
///
/// Every write of the CLI goes through ``current`` — table and JSON output, `print`-style lines, errors,
/// progress — so a command run in-process produces the same bytes it would on file descriptors 1 and 2.
public final class Console: @unchecked Sendable {
    /// The console of the running command (the process's standard streams unless a caller binds another).
    @TaskLocal public static var current = Console.standard

    /// The process's standard output and standard error.
    public static let standard = Console(
        sink: .descriptors, environment: ProcessInfo.processInfo.environment,
        stdoutIsTTY: isatty(1) == 1, stderrIsTTY: isatty(2) == 1)

    private enum Sink {
        case descriptors
        case buffers
    }

    private let sink: Sink
    private let lock = NSLock()
    private var outBytes: [UInt8] = []
    private var errBytes: [UInt8] = []

    /// The environment commands read (credentials, `NO_COLOR`, `TERM`, `COLUMNS`).
    public let environment: [String: String]
    /// Whether standard output is a terminal.
    public let stdoutIsTTY: Bool
    /// Whether standard error is a terminal.
    public let stderrIsTTY: Bool

    private init(sink: Sink, environment: [String: String], stdoutIsTTY: Bool, stderrIsTTY: Bool) {
        self.sink = sink
        self.environment = environment
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY
    }

    /// A console that keeps what is written in memory (never a terminal), reading `environment`.
    public static func capturing(environment: [String: String] = [:]) -> Console {
        Console(sink: .buffers, environment: environment, stdoutIsTTY: false, stderrIsTTY: false)
    }

    /// The bytes written to standard output so far (empty for ``standard``).
    public var stdout: [UInt8] { lock.withLock { outBytes } }

    /// The text written to standard error so far (empty for ``standard``).
    public var stderr: String { lock.withLock { String(decoding: errBytes, as: UTF8.self) } }

    /// Writes bytes to standard output, unchanged.
    func writeOut(_ bytes: UnsafeRawBufferPointer) {
        switch sink {
        case .descriptors: Console.writeAll(.standardOutput, bytes)
        case .buffers: lock.withLock { outBytes.append(contentsOf: bytes) }
        }
    }

    /// Writes text to standard output.
    func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { writeOut(UnsafeRawBufferPointer($0)) }
    }

    /// Writes text to standard error.
    func writeErr(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            switch sink {
            case .descriptors: Console.writeAll(.standardError, UnsafeRawBufferPointer(bytes))
            case .buffers: lock.withLock { errBytes.append(contentsOf: bytes) }
            }
        }
    }

    /// Writes every byte to a file descriptor (swift-system retries short writes and `EINTR`); ends the
    /// process quietly when the reader is gone (`| head`): there is no one left to tell.
    private static func writeAll(_ fd: FileDescriptor, _ bytes: UnsafeRawBufferPointer) {
        do {
            _ = try fd.writeAll(bytes)
        } catch {
            exit(0)
        }
    }
}

/// Writes one line (or `text` and `terminator`) to the current console's standard output.
func printOut(_ text: String, terminator: String = "\n") {
    Console.current.writeOut(text + terminator)
}

/// Writes `jobarchive: MESSAGE` as one line to the current console's standard error.
func printError(_ message: String) {
    Console.current.writeErr("jobarchive: \(message)\n")
}
