import ArgumentParser
import Foundation
import ModelArtsClient

/// Where the API is and how to authenticate: the flags `snapshot` takes, shared by the commands that send.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The API base URL (http only on loopback unless --insecure-http).")
    var endpoint: String?

    @Option(help: "A Huawei Cloud region, e.g. cn-north-4 (its public ModelArts endpoint).")
    var region: String?

    @Option(name: .customLong("project-id"), help: "The project id.")
    var projectID: String?

    @Option(help: "An IAM token (prefer the MODELARTS_TOKEN environment variable: flags show in process lists).")
    var token: String?

    @Option(help: "AK for request signing (prefer HUAWEICLOUD_SDK_AK).")
    var ak: String?

    @Option(help: "SK for request signing (prefer HUAWEICLOUD_SDK_SK).")
    var sk: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow plain http to a non-loopback endpoint.")
    var insecureHTTP = false

    @Option(help: "Seconds one request may take.")
    var timeout: Double = 60

    /// Whether any connection flag was given.
    var given: Bool { endpoint != nil || region != nil || projectID != nil || token != nil || ak != nil || sk != nil }

    /// Checks the flags for a command that sends.
    func validateForSending() throws {
        guard (endpoint != nil) != (region != nil) else { throw ValidationError("--submit needs exactly one of --endpoint or --region") }
        guard projectID != nil else { throw ValidationError("--submit needs --project-id") }
        if (ak == nil) != (sk == nil) { throw ValidationError("--ak and --sk go together") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        // A plain-http look-alike of loopback, a bad URL or project id: refused before anything is sent.
        do {
            _ = try resolvedEndpoint()
        } catch let error as ModelArtsClientError {
            throw ValidationError(error.message)
        }
    }

    /// The endpoint from --endpoint or --region and --project-id.
    func resolvedEndpoint() throws -> ModelArtsEndpoint {
        if let region { return try ModelArtsEndpoint(region: region, projectID: projectID ?? "") }
        return try ModelArtsEndpoint(url: endpoint ?? "", projectID: projectID ?? "", allowInsecureHTTP: insecureHTTP)
    }

    /// Credentials from the flags, else the environment (never printed or stored).
    func credentials() -> ClientCredentials {
        if let token { return .token(token) }
        if let ak, let sk { return .accessKey(ak: ak, sk: sk) }
        return ClientCredentials.fromEnvironment(Console.current.environment) ?? .none
    }
}
