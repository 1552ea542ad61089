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

/// Runs a query command's body with a buffered ``Output``; errors become one stderr line.
///
/// Exit status: 0 success; 1 failure or nothing found (`ArchiveError`, I/O); 64 bad usage
/// (`UsageError`, a malformed search query). `ValidationError` is left to ArgumentParser (usage, 64).
func runQuery(style: Style = Style(enabled: false), _ body: (Output) async throws -> Void) async throws {
    let out = Output(style: style)
    do {
        try await body(out)
        out.flush()
    } catch let error as ExitCode {
        out.flush()
        throw error
    } catch let error as CleanExit {
        out.flush()
        throw error
    } catch let error as ValidationError {
        out.flush()
        throw error
    } catch let error as UsageError {
        out.flush()
        printError(error.message)
        throw usageExitCode
    } catch let error as SearchQueryError {
        out.flush()
        printError(error.description)
        throw usageExitCode
    } catch let error as ArchiveError {
        out.flush()
        printError(error.message)
        throw ExitCode.failure
    } catch {
        out.flush()
        printError("\(error)")
        throw ExitCode.failure
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

extension Archive {
    /// Resolves a job and version typed by the user (version nil: the latest).
    func resolve(job: String, version: String?, asOf capture: Int64?) throws -> ResolvedVersion {
        let jobID = try resolveJob(job, asOf: capture)
        let versionID = try resolveVersion(jobID: jobID, version, asOf: capture)
        return ResolvedVersion(jobID: jobID, versionID: versionID)
    }
}
