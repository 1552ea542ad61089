import ArchiveStore
import ArgumentParser
import Clone
import Replay

/// The `jobarchive` command line as a library: parse and run one command line in this process.
///
/// The executable is `exit(await JobArchiveCLI.run(CommandLine.arguments.dropFirst()))`; tests call the same
/// function with a ``Console/capturing(environment:)`` console and read back the exit status and both streams.
public enum JobArchiveCLI {
    /// Parses and runs `arguments` (without the program name), writing to `console`; returns the exit status.
    ///
    /// This is the one error funnel: a parse error or help request prints ArgumentParser's message (help on
    /// standard output, errors on standard error); an error thrown while running becomes one
    /// `jobarchive: MESSAGE` line on standard error and the status ``outcome(for:)`` gives.
    public static func run(_ arguments: some Collection<String>, console: Console = .standard) async -> Int32 {
        await Console.$current.withValue(console) {
            let command: any ParsableCommand
            do {
                command = try JobArchiveCommand.parseAsRoot(Array(arguments))
            } catch {
                return reportParseFailure(error)
            }
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    var command = command
                    try command.run()
                }
                return 0
            } catch {
                return report(error)
            }
        }
    }

    /// Prints ArgumentParser's message for a parse error, `--help` or `--version` and returns its status.
    private static func reportParseFailure(_ error: any Error) -> Int32 {
        let message = JobArchiveCommand.fullMessage(for: error)
        let status = JobArchiveCommand.exitCode(for: error).rawValue
        if !message.isEmpty {
            if status == 0 {
                Console.current.writeOut(message + "\n")
            } else {
                Console.current.writeErr(message + "\n")
            }
        }
        return status
    }

    /// Prints one line for an error thrown while a command ran and returns its exit status.
    ///
    /// ArgumentParser's own errors (`--help` and `help` are a built-in command whose run throws a help
    /// request; a clean exit carries a message) get ArgumentParser's rendering, as at parse time.
    private static func report(_ error: any Error) -> Int32 {
        if error is CleanExit || isArgumentParserError(error) { return reportParseFailure(error) }
        let (message, status) = outcome(for: error)
        if let message { printError(message) }
        return status
    }

    /// Whether `error` is one of ArgumentParser's internal types (a parse error, a help request), which only
    /// ArgumentParser knows how to render. `ValidationError` and `ExitCode`, its public ones, are not.
    private static func isArgumentParserError(_ error: any Error) -> Bool {
        guard !(error is ValidationError), !(error is ExitCode) else { return false }
        return String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// The one-line message (nil for an ``ExitCode``, which has nothing to say) and the exit status for an error
    /// thrown while running: 64 (`EX_USAGE`) for a usage problem found after parsing (a `ValidationError`, a bad
    /// search query, a bad `serve` option or unsafe bind, a bad clone override), an ``ExitCode``'s own value,
    /// 1 for everything else.
    static func outcome(for error: any Error) -> (message: String?, status: Int32) {
        let usage = usageExitCode.rawValue
        let failure = ExitCode.failure.rawValue
        switch error {
        case let error as ExitCode: return (nil, error.rawValue)
        case let error as ValidationError: return (error.message, usage)
        case let error as UsageError: return (error.message, usage)
        case let error as SearchQueryError: return (error.description, usage)
        case let error as ReplayError:
            switch error.code {
            case .invalidOption, .unsafeBind: return (error.message, usage)
            case .archive, .credentials, .startFailed: return (error.message, failure)
            }
        case let error as CloneError: return (error.message, error.code == .invalidOption ? usage : failure)
        case let error as ArchiveError: return (error.message, failure)
        default: return ("\(error)", failure)
        }
    }
}
