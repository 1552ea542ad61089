import ArgumentParser
import ArchiveStore
import Foundation

extension JobArchiveCommand {
    /// `jobarchive verify`: every integrity check, each failure named.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an archive's integrity; exit 0 only when every check passes.",
            discussion: """
                Checks: SQLite's integrity_check; every log chunk's zlib stream, CRC-32 and line count; every
                log's SHA-256 and size; every captured API page re-rendered against its SHA-256; every raw
                JSON revision against its SHA-256; typed columns re-derived from the raw JSON; the index.
                Also prints the archive's content digest (independent of insertion order).
                """)

        @OptionGroup var path: ArchivePathArgument
        @OptionGroup var output: OutputOptions

        struct Result: Encodable {
            var archive: String
            var ok: Bool
            var digest: String
            var checked: [String: Int]
            var failures: [VerifyFailure]
            var warnings: [VerifyFailure]
        }

        func run() async throws {
            var passed = true
            let archive = try Archive.open(at: path.archive)
            let report = try archive.verify()
            let digest = report.digest ?? "unavailable (see the digest failure)"
            passed = report.ok
            if output.json {
                try printJSON(Result(
                    archive: path.archive, ok: report.ok, digest: digest, checked: report.checked, failures: report.failures,
                    warnings: report.warnings))
            } else {
                for failure in report.failures {
                    printOut("FAIL \(failure.check): \(failure.item): \(failure.message)")
                }
                for warning in report.warnings {
                    printOut("WARN \(warning.check): \(warning.item): \(warning.message)")
                }
                let counts = report.checked.keys.sorted().map { "\($0) \(report.checked[$0] ?? 0)" }.joined(separator: ", ")
                printOut("checked: \(counts)")
                printOut("digest: \(digest)")
                printOut(report.ok ? "ok: every check passed" : "FAILED: \(report.failures.count) problem(s)")
            }
            if !passed { throw ExitCode.failure }
        }
    }
}
