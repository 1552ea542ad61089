import Foundation

/// Timing, statistics and shell helpers for the benchmarks.
enum BenchSupport {
    /// Seconds since an arbitrary point, monotonic.
    static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    /// Runs `body` and returns its wall-clock seconds.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// (min, p50, p99, max) of samples.
    static func summary(_ samples: [Double]) -> (min: Double, p50: Double, p99: Double, max: Double) {
        let s = samples.sorted()
        guard !s.isEmpty else { return (0, 0, 0, 0) }
        func pct(_ p: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))] }
        return (s[0], pct(0.5), pct(0.99), s[s.count - 1])
    }

    /// Runs a shell command, returning (stdout, exit status).
    @discardableResult
    static func shell(_ command: String) throws -> (String, Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (out, p.terminationStatus)
    }

    /// Whether a command is on PATH.
    static func has(_ tool: String) -> Bool {
        (try? shell("command -v \(tool)").1) == 0  // try?: a shell that cannot run means the tool is not there
    }

    /// Milliseconds with two decimals.
    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
}
