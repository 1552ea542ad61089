import ModelArtsAPI

/// An archived version's create-API `config`, after overrides and the API's exclusivity rules.
///
/// Both the v1 and the v2 request bodies are built from it.
public struct ResolvedConfig: Sendable {
    /// The create-API fields sent, in documented types and `CreateField.all` order (parameter excluded).
    public var fields: [(name: String, value: JSONValue)]
    /// The run parameters sent, in order.
    public var parameters: [V1Parameter]
    /// `flavor.code`, when the resource is chosen by flavor (the shape real v1 requests use).
    public var flavorCode: String?
    /// Every difference from the archived version, plus the unchanged fields (symbol `=`).
    public var changes: [FieldChange]
    /// Labels still holding the redaction marker: submission is refused while this is not empty.
    public var blockedLabels: [String]

    /// The value of a field sent, if any.
    public func value(_ name: String) -> JSONValue? {
        fields.first { $0.name == name }?.value
    }

    /// Applies `options` to `source` and the rules of reference §1.7.
    ///
    /// - Data: exactly one of `data_source`, `dataset_id`+`dataset_version_id`, `data_url`: an overridden one wins,
    ///   else the archive's first present in that order; the others are not sent (listed in `changes`).
    /// - Resource: `spec_id` or `pool_id` (an override wins; a non-`SYSTEM_DEFINED` pool uses `pool_id`), or
    ///   `flavor: {code}` when the archive has `flavor_code` (real responses; the real create request uses it).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) for conflicting or ill-typed data or resource overrides (e.g. a
    ///   dataset id without its version, both a spec and a flavor).
    public static func resolve(_ source: ArchivedVersion, options: CloneOptions) throws(CloneError) -> ResolvedConfig {
        let (parameters, parameterChanges) = try applyParameters(
            source.parameters, overrides: options.parameterOverrides, owner: "job \(source.jobID) version \(source.versionID)")

        // Archived values in documented types, then overrides.
        var archived: [String: JSONValue] = [:]
        for field in CreateField.all {
            if let value = archivedValue(field, in: source) { archived[field.name] = value }
        }
        var overrides: [String: JSONValue] = [:]
        for assignment in options.configAssignments {
            let (field, value) = try CreateField.parse(assignment)
            overrides[field.name] = value
        }
        var chosen = archived.merging(overrides) { $1 }
        var notes: [String: String] = [:]

        // Data source: exactly one kind.
        let dataKinds: [[String]] = [["data_source"], ["dataset_id", "dataset_version_id"], ["data_url"]]
        let overriddenKind = dataKinds.first { kind in kind.contains { overrides[$0] != nil } }
        let presentKind = dataKinds.first { kind in kind.allSatisfy { chosen[$0] != nil } && !(kind == ["data_source"] && chosen["data_source"]?.array?.isEmpty == true) }
        if let kind = overriddenKind ?? presentKind {
            for name in kind where chosen[name] == nil {
                throw CloneError(.invalidOption, "--config \(name) is needed with \(kind.filter { $0 != name }.joined(separator: ", ")): the API takes dataset_id and dataset_version_id together")
            }
            for other in dataKinds where other != kind {
                for name in other where chosen[name] != nil {
                    chosen[name] = nil
                    notes[name] = "not sent: \(kind.joined(separator: "+")) is the data source; the API takes exactly one"
                }
            }
        }

        // Resource: spec_id, pool_id or flavor.
        var flavorCode: String?
        if overrides["spec_id"] != nil, overrides["pool_id"] != nil {
            throw CloneError(.invalidOption, "--config spec_id and --config pool_id exclude each other (public pool or dedicated pool)")
        }
        let poolType = source.version.poolType
        let dedicated = poolType != nil && poolType != "SYSTEM_DEFINED"
        let usePool = overrides["pool_id"] != nil || (overrides["spec_id"] == nil && chosen["pool_id"] != nil && (dedicated || chosen["spec_id"] == nil))
        if usePool {
            if chosen["spec_id"] != nil { notes["spec_id"] = "not sent: pool_id selects the dedicated pool; the API takes one of spec_id and pool_id" }
            chosen["spec_id"] = nil
        } else {
            if chosen["pool_id"] != nil { notes["pool_id"] = "not sent: spec_id selects the public pool; the API takes one of spec_id and pool_id" }
            chosen["pool_id"] = nil
            if overrides["spec_id"] == nil, let code = source.version.flavorCode, !code.isEmpty {
                flavorCode = code
                if chosen["spec_id"] != nil { notes["spec_id"] = "not sent: the archived flavor_code is sent as flavor.code, as real create requests do" }
                chosen["spec_id"] = nil
            }
        }
        if chosen["spec_id"] == nil, chosen["pool_id"] == nil, flavorCode == nil {
            throw CloneError(.invalidOption, "job \(source.jobID) version \(source.versionID) has no spec_id, pool_id or flavor_code; give --config spec_id=N or --config pool_id=ID")
        }

        // Required fields and their relations.
        guard chosen["worker_server_num"] != nil else {
            throw CloneError(.invalidOption, "job \(source.jobID) version \(source.versionID) has no worker_server_num; give --config worker_server_num=N")
        }
        let hasCode = chosen["app_url"] != nil && chosen["boot_file_url"] != nil
        guard hasCode || chosen["model_id"] != nil || chosen["user_image_url"] != nil else {
            throw CloneError(.invalidOption, "the request needs app_url and boot_file_url (or model_id, or user_image_url); give them with --config")
        }
        if let app = chosen["app_url"]?.string, let boot = chosen["boot_file_url"]?.string, !boot.hasPrefix(app.hasSuffix("/") ? app : app + "/") {
            throw CloneError(.invalidOption, "boot_file_url \(boot) must sit inside app_url \(app)")
        }

        // Fields in order, and the diff.
        var fields: [(name: String, value: JSONValue)] = []
        var changes: [FieldChange] = []
        for field in CreateField.all {
            if let value = chosen[field.name] { fields.append((field.name, value)) }
            if archived[field.name] != nil || chosen[field.name] != nil {
                let note = notes[field.name] ?? (overrides[field.name] != nil ? "--config" : nil)
                changes.append(FieldChange(field: field.name, archived: archived[field.name], requested: chosen[field.name], note: note))
            }
            if field.name == "boot_file_url" { changes.append(contentsOf: parameterChanges) }
        }
        if let flavorCode {
            changes.append(FieldChange(field: "flavor.code", archived: nil, requested: .string(flavorCode), note: "from the archived flavor_code"))
        }
        let blocked = parameters.filter { $0.value == .string(ParameterRedactor.marker) }.map(\.label)
        return ResolvedConfig(fields: fields, parameters: parameters, flavorCode: flavorCode, changes: changes, blockedLabels: blocked)
    }

    /// Applies `--set/--unset/--add` in order; returns the parameters sent and their diff lines.
    public static func applyParameters(
        _ original: [V1Parameter], overrides: [ParameterOverride], owner: String
    ) throws(CloneError) -> ([V1Parameter], [FieldChange]) {
        var parameters = original
        for override in overrides {
            let index = parameters.firstIndex { $0.label == override.label }
            switch override {
            case .set(let label, let text):
                guard let index else {
                    let known = parameters.map(\.label).joined(separator: ", ")
                    throw CloneError(.invalidOption, "--set \(label): \(owner) has no parameter \(label) (it has: \(known.isEmpty ? "none" : known)); use --add \(label)=VALUE to add one")
                }
                parameters[index].value = try ParameterOverride.typed(text, like: parameters[index].value, label: label)
            case .unset(let label):
                guard let index else {
                    throw CloneError(.invalidOption, "--unset \(label): \(owner) has no parameter \(label)")
                }
                parameters.remove(at: index)
            case .add(let label, let text):
                guard !label.isEmpty else { throw CloneError(.invalidOption, "--add needs a non-empty label") }
                guard index == nil else {
                    throw CloneError(.invalidOption, "--add \(label): parameter \(label) already exists; use --set \(label)=VALUE to change it")
                }
                parameters.append(V1Parameter(label: label, value: ParameterOverride.inferred(text)))
            }
        }
        var changes: [FieldChange] = []
        for old in original {
            let now = parameters.first { $0.label == old.label }
            changes.append(FieldChange(field: "parameter \(old.label)", archived: old.value, requested: now?.value))
        }
        for added in parameters where !original.contains(where: { $0.label == added.label }) {
            changes.append(FieldChange(field: "parameter \(added.label)", archived: nil, requested: added.value))
        }
        return (parameters, changes)
    }

    /// The archived value of a create field in its documented type; nil when absent, null or empty.
    static func archivedValue(_ field: CreateField, in source: ArchivedVersion) -> JSONValue? {
        let v = source.version
        switch field.name {
        case "worker_server_num": return v.workerServerNum.map { .number(String($0)) }
        case "spec_id": return v.specID.map { .number(String($0)) }
        case "engine_id": return v.engineID.map { .number(String($0)) }
        case "model_id": return v.modelID.flatMap { $0 > 0 ? .number(String($0)) : nil }
        case "data_source":
            guard let list = source.field("data_source")?.array, !list.isEmpty else { return nil }
            return .array(list.map(documentedDataSource))
        case "volumes":
            guard let list = source.field("volumes")?.array, !list.isEmpty else { return nil }
            return .array(list)
        default:
            guard let text = source.field(field.name)?.string, !text.isEmpty else { return nil }
            return .string(text)
        }
    }

    /// A `data_source[]` entry reduced to its documented keys, as strings, nulls dropped.
    static func documentedDataSource(_ entry: JSONValue) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for key in ["dataset_id", "dataset_version", "type", "data_url"] {
            if let text = entry[key]?.string { members.append((key, .string(text))) }
        }
        return .object(members)
    }
}
