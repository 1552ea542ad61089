import Foundation
import ModelArtsAPI

/// Everything `jobarchive serve` needs to start: the archive, the address, auth, test-client features.
public struct ReplayConfiguration: Sendable {
    /// The archive file.
    public var archivePath: String
    /// The capture to serve; nil serves the latest.
    public var capture: Int64?
    /// The address to bind (default loopback).
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// Accepted `X-Auth-Token` values.
    public var tokens: [String]
    /// AK → SK pairs accepted for `SDK-HMAC-SHA256` signatures.
    public var credentials: [String: String]
    /// Injected faults (off by default).
    public var faults: FaultPlan
    /// Requests per second above which 429 is answered; nil for no limit.
    public var maxRequestsPerSecond: Int?
    /// Read-only archive handles for concurrent requests (default: two per core, at least 2).
    public var readers: Int
    /// The server clock for signature dates (tests pin it).
    public var now: @Sendable () -> Date
    /// What `offset` counts in v2 job searches; nil answers as the captured service did
    /// (`archive_meta.v2_search_offset`, records when the archive does not say).
    public var v2Offset: V2OffsetMeaning?
    /// How v2 log cursors read; nil answers as the captured service did (`archive_meta.v2_log_reading`, the
    /// documented reading when the archive does not say).
    public var v2LogReading: LogReading?
    /// How long a v2 log's download link (`…/logs/url`) stays valid, in seconds (the service's: 5 minutes).
    public var logLinkLifetime: Double

    /// Creates a configuration with the defaults: 127.0.0.1:8080, latest capture, no auth, no faults.
    public init(archivePath: String) {
        self.archivePath = archivePath
        self.capture = nil
        self.host = "127.0.0.1"
        self.port = 8080
        self.tokens = []
        self.credentials = [:]
        self.faults = .none
        self.maxRequestsPerSecond = nil
        self.readers = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
        self.now = { Date() }
        self.v2Offset = nil
        self.v2LogReading = nil
        self.logLinkLifetime = 300
    }

    /// Whether any authentication is configured.
    public var requiresAuth: Bool { !tokens.isEmpty || !credentials.isEmpty }

    /// Whether `host` names a loopback address (`localhost`, `127.0.0.0/8`, `::1`).
    public static func isLoopback(_ host: String) -> Bool {
        LoopbackHost.isLoopback(host)
    }

    /// Checks option values and refuses a non-loopback bind without authentication.
    ///
    /// - Throws: ``ReplayError``: `.invalidOption` for a value out of range, `.unsafeBind` for a non-loopback bind
    ///   without authentication.
    public func validate() throws(ReplayError) {
        guard (0...65535).contains(port) else {
            throw ReplayError(.invalidOption, "--port must be between 0 and 65535, got \(port)")
        }
        guard !host.isEmpty else { throw ReplayError(.invalidOption, "--host must not be empty") }
        if let capture, capture < 1 {
            throw ReplayError(.invalidOption, "--at must be a capture number (captures are numbered from 1), got \(capture)")
        }
        guard logLinkLifetime >= 0, logLinkLifetime <= 86_400, !logLinkLifetime.isNaN else {
            throw ReplayError(.invalidOption, "--log-link-seconds must be between 0 and 86400, got \(logLinkLifetime)")
        }
        if let maxRequestsPerSecond, maxRequestsPerSecond < 1 {
            throw ReplayError(.invalidOption, "--max-rps must be at least 1, got \(maxRequestsPerSecond)")
        }
        guard readers >= 1, readers <= 256 else {
            throw ReplayError(.invalidOption, "--readers must be between 1 and 256, got \(readers)")
        }
        if tokens.contains(where: \.isEmpty) { throw ReplayError(.invalidOption, "--token must not be empty") }
        if credentials.contains(where: { $0.key.isEmpty || $0.value.isEmpty }) {
            throw ReplayError(.invalidOption, "--ak and --sk must both be non-empty")
        }
        try faults.validate()
        if !Self.isLoopback(host), !requiresAuth {
            throw ReplayError(
                .unsafeBind,
                "refusing to serve on \(host) without authentication: anyone who can reach that address could read the whole archive. Pass --token (or --token-file) or --ak/--sk (or --credentials), or bind 127.0.0.1"
            )
        }
    }
}
