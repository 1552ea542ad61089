import Foundation
import Hummingbird
public import Logging

/// Runs the replay server as `jobarchive serve` does: logging to stderr, the listening line on
/// stdout, graceful shutdown on SIGINT and SIGTERM.
public enum ReplayServer {
    /// Parses `--log-level` (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`).
    ///
    /// - Throws: ``ReplayError`` (`.invalidOption`) naming the accepted levels.
    public static func logLevel(_ text: String) throws(ReplayError) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ReplayError(.invalidOption, "--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(text)'")
        }
        return level
    }

    /// Serves until SIGINT or SIGTERM, then drains in-flight requests and returns.
    ///
    /// `announce` receives `listening on http://HOST:PORT` once the socket is bound (the CLI prints it as
    /// the first line on standard output); request logs go to standard error through a swift-log stream
    /// handler of this logger's own (the process-wide `LoggingSystem` is left alone, so a process may serve
    /// more than once).
    public static func run(
        _ configuration: ReplayConfiguration, logLevel: Logger.Level, announce: @escaping @Sendable (String) -> Void
    ) async throws {
        var logger = Logger(label: "jobarchive.serve") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        logger.logLevel = logLevel
        let app = try buildApplication(configuration, logger: logger) { url in
            announce("listening on \(url)")
        }
        logger.notice(
            "serving archive",
            metadata: [
                "archive": "\(configuration.archivePath)",
                "auth": "\(configuration.requiresAuth ? "required" : "none")",
                "faults": "\(configuration.faults.isActive ? "rate \(configuration.faults.rate)" : "off")",
            ])
        try await app.runService()
        logger.notice("server stopped")
    }
}
