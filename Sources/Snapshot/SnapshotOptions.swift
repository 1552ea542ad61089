import ModelArtsAPI

/// What a snapshot captures and how.
public struct SnapshotOptions: Sendable {
    /// Only these jobs (nil: all).
    public var jobIDs: Set<Int64>? = nil
    /// Only jobs created at or after this time, in Unix milliseconds (nil: all).
    public var sinceMilliseconds: Int64? = nil
    /// Only jobs created before this time, in Unix milliseconds (nil: all).
    public var untilMilliseconds: Int64? = nil
    /// Only jobs whose status is one of these codes (nil: all).
    public var statuses: Set<Int>? = nil
    /// The API generations to capture: v1 (jobs with versions), v2 (today's training jobs), or both.
    public var apis: Set<APIGeneration> = [.v1, .v2]
    /// Whether to fetch logs.
    public var includeLogs = true
    /// Re-fetch everything, even complete logs of finished versions, and compare.
    public var full = false
    /// Jobs crawled at once.
    public var concurrency = 8
    /// Lines per `aom-log` request (the API's maximum is 500).
    public var pageLines = 500
    /// How secret-looking parameters are redacted (nil: not at all).
    public var redactor: ParameterRedactor? = ParameterRedactor()

    /// The defaults: everything, logs included, redaction on.
    public init() {}

    /// The options as a JSON object for `captures.options` (no credentials are part of options).
    var json: String {
        var parts: [String] = []
        if let jobIDs { parts.append("\"jobs\":[\(jobIDs.sorted().map(String.init).joined(separator: ","))]") }
        if let sinceMilliseconds { parts.append("\"since_ms\":\(sinceMilliseconds)") }
        if let untilMilliseconds { parts.append("\"until_ms\":\(untilMilliseconds)") }
        if let statuses { parts.append("\"statuses\":[\(statuses.sorted().map(String.init).joined(separator: ","))]") }
        parts.append("\"api\":\"\(apis.count == 2 ? "both" : apis.first?.rawValue ?? "none")\"")
        parts.append("\"logs\":\(includeLogs)")
        parts.append("\"full\":\(full)")
        parts.append("\"concurrency\":\(concurrency)")
        parts.append("\"redact\":\(redactor != nil)")
        if let redactor { parts.append("\"redact_patterns\":[\(redactor.patterns.sorted().map { "\"\($0)\"" }.joined(separator: ","))]") }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
