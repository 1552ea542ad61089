import ArchiveStore
import ArgumentParser
import Foundation
import SampleProject

#if canImport(Glibc)
import Glibc
#endif

extension Bench {
    /// Kill-and-resume rounds and fault-injection runs, counted.
    struct Reliability: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SIGKILL a snapshot at random moments N times (verify after each, resume to the same digest); snapshots through 10 % injected faults.")

        @Option(help: "Kill rounds.")
        var rounds: Int = 20

        @Option(help: "Fault-injection runs (each with its own seed).")
        var faultRuns: Int = 5

        @Option(name: .customLong("log-mb"), help: "Raw log megabytes in the sample project.")
        var logMB: Double = 20

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func validate() throws {
            guard rounds >= 1 else { throw ValidationError("--rounds must be 1 or more") }
            guard faultRuns >= 1 else { throw ValidationError("--fault-runs must be 1 or more") }
        }

        func run() async throws {
            try FigureReport.emit(try await measure(), json: json)
        }

        /// Kill rounds whose archive verifies and whose resume reaches the uninterrupted digest; fault runs with it.
        func measure() async throws -> [Figure] {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-rel-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }  // try?: scratch files; a leftover is harmless
            let source = work.appendingPathComponent("source.sqlite").path
            var options = SampleArchiveWriter.bundledOptions
            options.v2Jobs = 0
            options.jobs = 30
            options.logBytes = Int(logMB * 1_000_000)
            try SampleArchiveWriter.writeArchive(options, to: source)
            let project = try Archive.open(at: source).metadata()["project_id"] ?? ""
            let expected = try Archive.open(at: source).contentDigest()
            // Kill and resume.
            let (server, url) = try JobArchiveBinary.serve(source)
            defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
            let output = work.appendingPathComponent("killed.sqlite").path
            var survived = 0
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<rounds {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: JobArchiveBinary.path)
                p.arguments = ["snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-redact", "--quiet"]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                // try?: a cancelled sleep only kills sooner; the snapshot is killed and reaped either way.
                try? await Task.sleep(nanoseconds: UInt64.random(in: 50_000_000...1_500_000_000, using: &generator))
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                // try?: an archive that cannot even be opened counts as not surviving the kill.
                if !FileManager.default.fileExists(atPath: output) || (try? Archive.open(at: output).verify().ok) == true { survived += 1 }
            }
            let final = try JobArchiveBinary.measure(["snapshot", "--endpoint", url, "--project-id", project, "-o", output, "--no-redact", "--quiet"])
            // try?: a resume that left no readable archive is a resume that failed, not a benchmark that could not run.
            let resumedDigest = (try? Archive.open(at: output).contentDigest()) ?? "unreadable"
            server.terminate()
            server.waitUntilExit()
            FigureReport.progress("kill rounds: \(survived)/\(rounds) left an archive that verifies; resume exit \(final.status), digest \(resumedDigest == expected ? "identical" : "DIFFERENT") to an uninterrupted run")
            // Faults.
            var identical = 0
            for seed in stride(from: 1, through: faultRuns, by: 1) {
                let (faulty, furl) = try JobArchiveBinary.serve(source, extra: ["--fault-rate", "0.1", "--seed", String(seed), "--fault-delay-ms", "200"])
                defer { faulty.terminate(); faulty.waitUntilExit() }
                let out = work.appendingPathComponent("faults-\(seed).sqlite").path
                let m = try JobArchiveBinary.measure(["snapshot", "--endpoint", furl, "--project-id", project, "-o", out, "--no-redact", "--quiet"])
                // try?: an archive whose digest cannot be computed counts as not identical.
                if m.status == 0, (try? Archive.open(at: out).contentDigest()) == expected { identical += 1 }
            }
            FigureReport.progress("fault runs (10 % of 500, 503, 429, reset, truncate, slow): \(identical)/\(faultRuns) complete with the identical digest")
            let resumed = final.status == 0 && resumedDigest == expected
            return [
                Figure(name: "snapshot killed with SIGKILL at random moments", measured: Double(survived), unit: "count", baseline: Double(rounds),
                       target: "every kill verifies; resume ends with the uninterrupted digest", met: survived == rounds && resumed,
                       detail: "resume exit \(final.status), digest \(resumedDigest == expected ? "identical" : "different")"),
                Figure(name: "snapshot through 10 % upstream faults", measured: Double(identical), unit: "count", baseline: Double(faultRuns),
                       target: "every run completes with the identical digest", met: identical == faultRuns,
                       detail: "500, 503, 429, reset, truncate, slow; seeds 1-\(faultRuns)"),
            ]
        }
    }
}
