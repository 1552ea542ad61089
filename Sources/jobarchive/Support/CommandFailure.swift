import ArgumentParser
import ArchiveStore
import Clone
import Foundation
import Replay

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("jobarchive: \(message)\n".utf8))
}

/// Runs a command body; any error becomes one stderr line and an exit status: 64 (`EX_USAGE`) for a usage
/// error found after parsing (a `ValidationError`, a bad `serve` option or unsafe bind, a bad clone override),
/// 1 for everything else.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        printError(error.message)
        throw ExitCode.validationFailure
    } catch let error as ReplayError {
        printError(error.message)
        switch error.code {
        case .invalidOption, .unsafeBind: throw ExitCode.validationFailure
        case .archive, .credentials, .startFailed: throw ExitCode.failure
        }
    } catch let error as CloneError {
        printError(error.message)
        throw error.code == .invalidOption ? ExitCode.validationFailure : ExitCode.failure
    } catch let error as ArchiveError {
        printError(error.message)
        throw ExitCode.failure
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

/// Writes a Codable value to standard output as JSON in the one convention (``JSONOutput``: snake_case keys).
func printJSON(_ value: some Encodable) throws {
    let data = try JSONOutput.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Human-readable byte counts (1.5 MB style, base 1000).
func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}
