import ModelArtsAPI

/// A request built from an archive: where it goes, its body, and how it differs from the archived object.
public struct CloneRequest: Sendable {
    /// What the request creates, as stored in `clone_records.kind`.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A v1 version of the same job.
        case version
        /// A new v1 job.
        case job
        /// A v2 training job.
        case v2Job = "v2-job"
        /// A new v1 training-job config.
        case configCreate = "config-create"
        /// An update of an existing v1 training-job config.
        case configUpdate = "config-update"
    }

    /// What it creates.
    public var kind: Kind
    /// `POST` or `PUT`.
    public var method: String
    /// The API version prefix: `v1` or `v2`.
    public var apiVersion: String
    /// Path segments after `/{api}/{project_id}/`, unencoded.
    public var path: [String]
    /// The body.
    public var body: JSONValue
    /// The diff against the archived object (unchanged fields included, symbol `=`).
    public var changes: [FieldChange]
    /// Labels whose value is still the redaction marker; submission is refused while not empty.
    public var blockedLabels: [String]

    /// Creates a request description.
    public init(kind: Kind, method: String, apiVersion: String, path: [String], body: JSONValue, changes: [FieldChange], blockedLabels: [String]) {
        self.kind = kind
        self.method = method
        self.apiVersion = apiVersion
        self.path = path
        self.body = body
        self.changes = changes
        self.blockedLabels = blockedLabels
    }

    /// The exact body bytes sent (compact JSON).
    public var bodyBytes: [UInt8] { body.serializedBytes() }

    /// `POST /v1/{project_id}/training-jobs/10/versions`, with the project id when given.
    public func displayPath(projectID: String? = nil) -> String {
        "\(method) /\(apiVersion)/\(projectID ?? "{project_id}")/" + path.joined(separator: "/")
    }

    /// Fails with the redacted labels when the body still holds redaction markers.
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) naming the labels whose values are still `[redacted by
    ///   jobarchive]`.
    public func checkSubmittable() throws(CloneError) {
        guard blockedLabels.isEmpty else {
            let list = blockedLabels.joined(separator: ", ")
            let environments = blockedLabels.contains { $0.hasPrefix("environments") } ? " (an environment variable: --config algorithm.environments.NAME=VALUE)" : ""
            throw CloneError(.invalidOption, "refusing to submit: redacted parameter(s) \(list) would be sent as \"\(ParameterRedactor.marker)\"; give real values with --set LABEL=VALUE or drop them with --unset LABEL\(environments)")
        }
    }

    /// The dry-run text: request line, pretty body, then the diff (changed lines, and a count of unchanged ones).
    public func dryRunText(projectID: String? = nil) -> String {
        var lines = ["# dry run: nothing sent (add --submit with an endpoint and credentials to send it)", displayPath(projectID: projectID), PrettyJSON.render(body), "", "# diff against the archived version"]
        let changed = changes.filter { $0.symbol != "=" || $0.note != nil }
        lines.append(contentsOf: changed.map(\.line))
        lines.append("(\(changes.count - changed.count) fields unchanged)")
        if !blockedLabels.isEmpty {
            lines.append("# BLOCKED: redacted parameter(s) \(blockedLabels.joined(separator: ", ")): --submit refuses until they are --set or --unset")
        }
        return lines.joined(separator: "\n")
    }

    /// The dry run as one JSON object for `--json`.
    public func json(projectID: String? = nil) -> JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("method", .string(method)),
            ("path", .string("/\(apiVersion)/\(projectID ?? "{project_id}")/" + path.joined(separator: "/"))),
            ("body", body),
            ("diff", .array(changes.map(\.json))),
            ("blocked_labels", .array(blockedLabels.map { .string($0) })),
        ])
    }
}
