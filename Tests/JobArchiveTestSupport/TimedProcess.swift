import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process in its own process group, with its output in files, waited for with a deadline.
///
/// Made for runs that may crash or hang (damaged archives): how it ended is reported as an exit status or
/// the signal that killed it, and a run past its deadline has its whole process group killed.
public final class TimedProcess: @unchecked Sendable {
    /// How a run ended.
    public enum Ending: Sendable, Equatable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal killed it (a crash: SIGILL for a Swift trap, SIGSEGV, SIGABRT…).
        case signaled(Int32)
        /// It was still running at the deadline; its process group was killed.
        case timedOut

        public var description: String {
            switch self {
            case .exited(let status): return "exit \(status)"
            case .signaled(let signal): return "killed by signal \(signal)"
            case .timedOut: return "still running at the deadline (killed)"
            }
        }
    }

    /// What a finished run produced.
    public struct Result: Sendable {
        /// How it ended.
        public var ending: Ending
        /// Standard output.
        public var stdout: [UInt8]
        /// Standard error.
        public var stderr: String
        /// Standard output as text.
        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The process id (also its process group id).
    public let pid: pid_t
    /// Where standard output goes.
    public let stdoutPath: String
    /// Where standard error goes.
    public let stderrPath: String
    private var ended: Ending?

    /// Starts `executable ARGS…` with standard input from /dev/null and output into files in `directory`.
    public init(_ executable: String, _ arguments: [String], directory: String) throws {
        let tag = UUID().uuidString.prefix(8)
        stdoutPath = "\(directory)/stdout-\(tag)"
        stderrPath = "\(directory)/stderr-\(tag)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TimedProcessError("cannot start \(executable): \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// Whether it has ended (reaping it if so).
    public var isRunning: Bool {
        if ended != nil { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid {
            ended = TimedProcess.ending(status)
            return false
        }
        return r == 0
    }

    /// Waits until it ends or `timeout` seconds pass; past the deadline its process group is killed.
    public func wait(timeout: Double) -> Ending {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
                ended = .timedOut
                break
            }
            usleep(5_000)
        }
        return ended ?? .timedOut
    }

    /// Sends `signal` to its whole process group, waits up to `timeout` seconds, then kills the group.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Double = 10) -> Ending {
        guard isRunning else { return ended ?? .timedOut }
        kill(-pid, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning, Date() < deadline { usleep(10_000) }
        if isRunning {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            ended = .timedOut
        }
        return ended ?? .timedOut
    }

    /// The output so far.
    public func result() -> Result {
        let out = (try? Data(contentsOf: URL(fileURLWithPath: stdoutPath))) ?? Data()
        let err = (try? Data(contentsOf: URL(fileURLWithPath: stderrPath))) ?? Data()
        return Result(ending: ended ?? .timedOut, stdout: [UInt8](out), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Removes the output files.
    public func removeFiles() {
        try? FileManager.default.removeItem(atPath: stdoutPath)
        try? FileManager.default.removeItem(atPath: stderrPath)
    }

    /// Runs to the end (or the deadline) and returns what it produced; the output files are removed.
    public static func run(_ executable: String, _ arguments: [String], directory: String, timeout: Double) throws -> Result {
        let process = try TimedProcess(executable, arguments, directory: directory)
        defer { process.removeFiles() }
        _ = process.wait(timeout: timeout)
        return process.result()
    }

    /// ``run(_:_:directory:timeout:)`` on a thread of its own, awaited, so the wait never blocks a thread of
    /// Swift's cooperative pool.
    public static func runAsync(_ executable: String, _ arguments: [String], directory: String, timeout: Double) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try run(executable, arguments, directory: directory, timeout: timeout) })
            }
        }
    }

    private static func ending(_ status: Int32) -> Ending {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }
}

/// A child process that could not be started.
public struct TimedProcessError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
