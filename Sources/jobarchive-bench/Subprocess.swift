import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `jobarchive` binary beside this benchmark binary, and helpers to run it.
enum JobArchiveBinary {
    /// The path of `jobarchive` next to `jobarchive-bench`.
    static var path: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("jobarchive").path
    }

    /// Starts `jobarchive serve ARCHIVE --port 0 …` and returns the process and its base URL; with
    /// `requestLog`, the server logs one line per request (`--log-level info`) into that file.
    static func serve(_ archive: String, extra: [String] = [], requestLog: String? = nil) throws -> (Process, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["serve", archive, "--port", "0", "--log-level", requestLog == nil ? "error" : "info"] + extra
        let out = Pipe()
        p.standardOutput = out
        var logHandle: FileHandle? = nil
        if let requestLog {
            guard FileManager.default.createFile(atPath: requestLog, contents: nil), let handle = FileHandle(forWritingAtPath: requestLog) else {
                throw BenchError("cannot write \(requestLog)")
            }
            logHandle = handle
        }
        p.standardError = logHandle ?? FileHandle.nullDevice
        try p.run()
        // try?: the child has its own copy of the log's descriptor; failing to close ours leaks one descriptor, no more.
        try? logHandle?.close()
        var line: [UInt8] = []
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let b = byte.first else { break }
            if b == 0x0A { break }
            line.append(b)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else {
            p.terminate()
            throw BenchError("serve did not print its address: \(text)")
        }
        return (p, String(text[range.lowerBound...]))
    }

    /// What ``measure(_:)`` found.
    typealias Measurement = (seconds: Double, maxRSS: Int, cpuSeconds: Double?, status: Int32)

    /// Runs `jobarchive ARGS…`; returns wall seconds, peak RSS in bytes, CPU seconds (user + system, when GNU
    /// time is there to say) and the exit status.
    static func measure(_ arguments: [String]) throws -> Measurement {
        let p = Process()
        // GNU time reports the child's own peak RSS and CPU time; getrusage(RUSAGE_CHILDREN) is the RSS fallback.
        let timeFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-rss-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: timeFile) }  // try?: scratch files; a leftover is harmless
        let gnuTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        if gnuTime {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            p.arguments = ["-f", "%M %U %S", "-o", timeFile, path] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = arguments
        }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let start = BenchSupport.now()
        try p.run()
        p.waitUntilExit()
        let seconds = BenchSupport.now() - start
        // The largest peak RSS of the children waited for so far: the snapshot is by far the biggest.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        var kilobytes = Int(usage.ru_maxrss)
        var cpu: Double? = nil
        // try?: without GNU time's file the getrusage figure above stands and the CPU time is unknown.
        if gnuTime, let text = try? String(contentsOfFile: timeFile, encoding: .utf8),
            let fields = text.split(separator: "\n").last?.split(separator: " "), fields.count == 3, let rss = Int(fields[0])
        {
            kilobytes = rss
            if let user = Double(fields[1]), let system = Double(fields[2]) { cpu = user + system }
        }
        return (seconds, kilobytes * 1024, cpu, p.terminationStatus)
    }
}

/// A benchmark that could not run, with why.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
