import ArchiveStore
import Foundation
import ModelArtsAPI
import ModelArtsClient

/// Sends clone and restore requests upstream (no retries: a create is not idempotent) and records them.
public struct Submitter: Sendable {
    /// Where requests go.
    public var endpoint: ModelArtsEndpoint
    /// How to authenticate.
    public var credentials: ClientCredentials
    /// Seconds one request may take.
    public var timeout: Double

    /// Creates a submitter.
    public init(endpoint: ModelArtsEndpoint, credentials: ClientCredentials, timeout: Double = 60) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.timeout = timeout
    }

    /// Sends `request` once (a create is not idempotent), v1 or v2 as the request says.
    ///
    /// - Throws: ``CloneError`` `.invalidOption` for a request of an unknown API generation, `.request` when no answer came.
    public func send(_ request: CloneRequest) async throws -> SubmitResponse {
        guard let generation = APIGeneration(rawValue: request.apiVersion) else {
            throw CloneError(.invalidOption, "unknown API generation '\(request.apiVersion)'")
        }
        return try await once(generation, method: request.method, path: request.path, query: [], body: request.bodyBytes)
    }

    /// One call with retries off; every answer is returned, whatever its status.
    ///
    /// - Throws: ``CloneError`` `.request` when no answer came (refused transport, timeout, IAM login refused).
    public func once(_ generation: APIGeneration, method: String, path: [String], query: [(String, String)], body: [UInt8]) async throws -> SubmitResponse {
        var configuration = ClientConfiguration()
        configuration.requestTimeout = timeout
        let client = ModelArtsClient(endpoint: endpoint, credentials: credentials, configuration: configuration)
        do {
            let response = try await client.send(generation, method: method, path: path, query: query, body: body, retries: .never)
            try await client.shutdown()
            return SubmitResponse(status: response.status, body: response.body)
        } catch {
            // try?: cleanup on the way out; the send error is what the user needs.
            try? await client.shutdown()
            throw CloneError(.request, "\(error)")
        }
    }

    /// Whether config `name` exists upstream (`GET training-job-configs/{name}?config_type=custom` answers success).
    public func configExists(_ name: String) async throws -> Bool {
        let response = try await once(.v1, method: "GET", path: V1Endpoint.config(name: name).segments, query: [("config_type", "custom")], body: [])
        // try?: an answer that is not JSON does not show that the config exists.
        guard (200...299).contains(response.status), let json = try? RawJSON.parse(response.body) else { return false }
        return json["is_success"]?.bool ?? true
    }

    /// Whether a response means the API accepted the request: 2xx and, for v1, `is_success` true.
    public static func accepted(_ response: SubmitResponse, apiVersion: String) -> Bool {
        guard (200...299).contains(response.status) else { return false }
        guard apiVersion == "v1" else { return true }
        // try?: a v1 answer that is not JSON is not an acceptance.
        return (try? RawJSON.parse(response.body))?["is_success"]?.bool == true
    }

    /// The record of a sent request: source, overrides, body, response and the ids the response names.
    public func record(
        _ request: CloneRequest, response: SubmitResponse?, sourceJobID: Int64?, sourceVersionID: Int64?, sourceConfig: String?,
        sourceCaptureID: Int64, sourceSHA256: String, overrides: [String]
    ) -> CloneRecord {
        // try?: the record keeps the response body byte for byte; only the ids read from it are absent.
        let json = response.flatMap { try? RawJSON.parse($0.body) }
        var resultJob = json?["job_id"]?.string
        var resultVersion = json?["version_id"]?.string
        if request.apiVersion == "v2" {
            resultJob = json?["metadata"]?["id"]?.string
            resultVersion = nil
        }
        let overridesJSON = JSONValue.array(overrides.map { .string($0) }).serialized()
        return CloneRecord(
            kind: request.kind.rawValue, sourceJobID: sourceJobID, sourceVersionID: sourceVersionID, sourceConfig: sourceConfig,
            sourceCaptureID: sourceCaptureID, sourceSHA256: sourceSHA256, overrides: overridesJSON, endpoint: endpoint.baseURL,
            method: request.method, path: request.displayPath(projectID: endpoint.projectID).split(separator: " ", maxSplits: 1).last.map(String.init) ?? "",
            requestBody: String(decoding: request.bodyBytes, as: UTF8.self), httpStatus: response?.status,
            responseBody: response.map { String(decoding: $0.body, as: UTF8.self) },
            succeeded: response.map { Submitter.accepted($0, apiVersion: request.apiVersion) } ?? false,
            resultJobID: resultJob, resultVersionID: resultVersion)
    }
}
