/// One request built from the archive and sent upstream (a row of `clone_records`): the lineage of a clone.
public struct CloneRecord: Sendable, Equatable, Codable {
    /// The row id (0 before it is stored).
    public var id: Int64
    /// When it was sent (ISO 8601 UTC); set when stored.
    public var createdAt: String
    /// `version`, `job`, `v2-job`, `config-create` or `config-update`.
    public var kind: String
    /// The archived job the request came from (nil for configs).
    public var sourceJobID: Int64?
    /// The archived version the request came from (nil for configs).
    public var sourceVersionID: Int64?
    /// The archived config key (`custom/NAME`) the request came from (nil for versions).
    public var sourceConfig: String?
    /// The archived v2 job (a UUID) the request came from (nil for v1 versions and configs).
    public var sourceV2JobID: String? = nil
    /// The capture whose revision was read.
    public var sourceCaptureID: Int64
    /// SHA-256 of that revision's raw bytes.
    public var sourceSHA256: String
    /// The overrides given, as a JSON array of strings (`["--set learning_rate=0.02"]`).
    public var overrides: String
    /// The endpoint, without credentials or query.
    public var endpoint: String
    /// `POST` or `PUT`.
    public var method: String
    /// The request path (`/v1/{project}/training-jobs/10/versions`).
    public var path: String
    /// The exact body bytes sent, as text.
    public var requestBody: String
    /// The HTTP status received (nil when nothing came back).
    public var httpStatus: Int?
    /// The response body, as text.
    public var responseBody: String?
    /// Whether the API accepted the request.
    public var succeeded: Bool
    /// The created job id (numeric for v1, a UUID for v2), when the response named one.
    public var resultJobID: String?
    /// The created version id, when the response named one.
    public var resultVersionID: String?

    /// Creates a record (id and time are set when stored).
    public init(
        kind: String, sourceJobID: Int64?, sourceVersionID: Int64?, sourceConfig: String?, sourceCaptureID: Int64,
        sourceSHA256: String, overrides: String, endpoint: String, method: String, path: String, requestBody: String,
        httpStatus: Int?, responseBody: String?, succeeded: Bool, resultJobID: String?, resultVersionID: String?
    ) {
        self.id = 0
        self.createdAt = ""
        self.kind = kind
        self.sourceJobID = sourceJobID
        self.sourceVersionID = sourceVersionID
        self.sourceConfig = sourceConfig
        self.sourceCaptureID = sourceCaptureID
        self.sourceSHA256 = sourceSHA256
        self.overrides = overrides
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.requestBody = requestBody
        self.httpStatus = httpStatus
        self.responseBody = responseBody
        self.succeeded = succeeded
        self.resultJobID = resultJobID
        self.resultVersionID = resultVersionID
    }

    /// The source, as `job 10 version 10`, `v2 job UUID` or `config custom/NAME`.
    public var sourceDescription: String {
        if let sourceConfig { return "config \(sourceConfig)" }
        if let sourceV2JobID { return "v2 job \(sourceV2JobID)" }
        return "job \(sourceJobID.map(String.init) ?? "?") version \(sourceVersionID.map(String.init) ?? "?")"
    }

    /// One line for listings: `#1 2025-… version from job 10 version 10 (capture 1) → job 10 version 11: HTTP 200 ok`.
    public var summaryLine: String {
        var result = ""
        if let resultJobID { result += " → job \(resultJobID)" }
        if let resultVersionID { result += " version \(resultVersionID)" }
        let status = httpStatus.map { "HTTP \($0)" } ?? "no response"
        return "#\(id) \(createdAt) \(kind) from \(sourceDescription) (capture \(sourceCaptureID))\(result): \(status) \(succeeded ? "ok" : "FAILED")"
    }
}
