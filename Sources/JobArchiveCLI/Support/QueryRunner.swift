import ArchiveStore
import ArgumentParser
import Foundation

/// A usage problem found at run time: one stderr line, exit status 64.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Exit status of a usage error (`EX_USAGE`).
let usageExitCode = ExitCode(64)

/// Runs a query command's body with a buffered ``Output``, flushed whether the body finishes or throws
/// (``JobArchiveCLI/run(_:console:)`` turns the error into one stderr line and an exit status).
func runQuery(style: Style = Style(enabled: false), _ body: (Output) async throws -> Void) async throws {
    let out = Output(style: style)
    defer { out.flush() }
    try await body(out)
}

/// Runs a query command's body on one archive opened read-only, read as of `capture` (a capture that does not
/// exist fails before the body runs), with a buffered ``Output``.
func runQuery(
    archive path: String, asOf capture: Int64? = nil, style: Style, _ body: (Archive, Output) async throws -> Void
) async throws {
    try await runQuery(style: style) { out in
        let archive = try openArchive(path)
        if let capture { _ = try archive.captures.resolve(capture) }
        try await body(archive, out)
    }
}

/// Runs a listing over one archive as of its latest capture, coloured when the terminal allows (the ma-cli
/// aliases: they take no `--at` or `--color`).
func runListing<Row: Encodable>(
    _ listing: Listing<Row>, of path: String, output: RowOutputOptions, rows: (Archive) throws -> [Row]
) async throws {
    try await runQuery(archive: path, style: Style(enabled: Terminal.colorByDefault)) { archive, out in
        try listing.write(try rows(archive), output: output, to: out)
    }
}

/// Opens an archive read-only.
func openArchive(_ path: String) throws -> Archive {
    try Archive.open(at: path, mode: .readOnly)
}

/// Resolves `JOB[/VERSION]` texts against an archive: the job id and, when asked, a version id.
struct ResolvedVersion {
    var jobID: Int64
    var versionID: Int64
}

extension JobReader {
    /// Resolves a job and version typed by the user (version nil: the latest).
    func resolve(job: String, version: String?, asOf capture: Int64?) throws -> ResolvedVersion {
        let jobID = try resolveJob(job, asOf: capture)
        let versionID = try resolveVersion(jobID: jobID, version, asOf: capture)
        return ResolvedVersion(jobID: jobID, versionID: versionID)
    }
}
