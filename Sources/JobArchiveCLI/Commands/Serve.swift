import ArgumentParser
import ArchiveStore
import Foundation
import Replay

extension JobArchiveCommand {
    /// `jobarchive serve`: re-serve an archive as the ModelArts v1 API.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-serve an archive as the ModelArts v1 training API (read-only).",
            discussion: """
                Scripts and SDK clients keep working against the archive: entity answers are the captured
                bytes, lists page, sort and filter the captured items, and aom-log pages any window of the
                stored logs with stable cursors. The first line on stdout is `listening on http://HOST:PORT`.

                By default the server binds 127.0.0.1 without authentication. Binding any other address
                needs --token/--token-file or --ak/--sk/--credentials.

                Examples:
                  jobarchive serve archives/sample.sqlite --port 0
                  jobarchive serve archive.sqlite --host 0.0.0.0 --token-file tokens.txt
                  jobarchive serve archive.sqlite --fault-rate 0.1 --fault-kinds 500,429,reset --seed 7
                """)

        @OptionGroup var path: ArchivePathArgument

        @Option(help: "Address to bind.")
        var host = "127.0.0.1"

        @Option(help: "Port to bind; 0 picks a free one.")
        var port = 8080

        @OptionGroup var captureOption: CaptureOption

        @Option(name: .customLong("token"), help: "Require this X-Auth-Token (repeatable).")
        var tokens: [String] = []

        @Option(name: .customLong("token-file"), help: "Require one of the tokens in this file (one per line).")
        var tokenFile: String?

        @Option(help: "Access key accepted for SDK-HMAC-SHA256 signatures (with --sk).")
        var ak: String?

        @Option(help: "Secret key for --ak.")
        var sk: String?

        @Option(name: .customLong("credentials"), help: "AK/SK pairs file: 'AK SK' per line, or Huawei's credentials.csv.")
        var credentialsFile: String?

        @Option(name: .customLong("fault-rate"), help: "Probability (0-1) that a request gets an injected fault.")
        var faultRate: Double = 0

        @Option(name: .customLong("fault-kinds"), help: "Faults to inject: comma list of 500,503,429,reset,truncate,slow.")
        var faultKinds = "500,503,429,reset,truncate,slow"

        @Option(help: "Seed of the fault generator.")
        var seed: UInt64 = 0

        @Option(name: .customLong("fault-delay-ms"), help: "How long a 'slow' fault waits.")
        var faultDelayMs = 2000

        @Option(name: .customLong("max-rps"), help: "Answer 429 with Retry-After above this many requests per second.")
        var maxRPS: Int?

        @Option(help: "Read-only archive connections for concurrent requests (default: 2 per core).")
        var readers: Int?

        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"

        @Option(name: .customLong("log-link-seconds"), help: "How long a v2 log's download link (logs/url) is valid (the service's: 300).")
        var logLinkSeconds: Double = 300

        func run() async throws {
            var config = ReplayConfiguration(archivePath: path.archive)
            config.host = host
            config.port = port
            config.capture = captureOption.capture
            config.tokens = tokens
            if let tokenFile { config.tokens += try CredentialFiles.tokens(at: tokenFile) }
            switch (ak, sk) {
            case let (ak?, sk?): config.credentials[ak] = sk
            case (nil, nil): break
            default: throw ReplayError(.invalidOption, "--ak and --sk go together")
            }
            if let credentialsFile {
                config.credentials.merge(try CredentialFiles.credentials(at: credentialsFile)) { _, new in new }
            }
            config.faults = FaultPlan(
                rate: faultRate, kinds: try FaultPlan.parseKinds(faultKinds), seed: seed,
                slowDelayMilliseconds: faultDelayMs)
            config.maxRequestsPerSecond = maxRPS
            if let readers { config.readers = readers }
            config.logLinkLifetime = logLinkSeconds
            let level = try ReplayServer.logLevel(logLevel)
            let console = Console.current
            try await ReplayServer.run(config, logLevel: level) { line in console.writeOut(line + "\n") }
        }
    }
}
