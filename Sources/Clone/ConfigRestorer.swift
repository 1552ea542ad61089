import ArchiveStore
import ModelArtsAPI

/// Re-creates a saved training-job configuration (reference §1.10) from an archive.
public struct ConfigRestorer: Sendable {
    /// The archived config's key (`custom/NAME` or `sample/NAME`).
    public var key: String
    /// The archived details body, parsed.
    public var json: JSONValue
    /// The decoded config.
    public var config: V1Config
    /// The capture that wrote the revision used.
    public var captureID: Int64
    /// SHA-256 of the revision's raw bytes.
    public var sha256: String

    /// The fields a create/update body carries after `config_name`/`config_desc`, in order (parameter placed after boot_file_url).
    static let bodyFields = ["worker_server_num", "app_url", "boot_file_url", "model_id", "spec_id", "data_source", "dataset_id", "dataset_version_id", "data_url", "engine_id", "train_url", "log_url", "user_image_url", "user_command"]

    /// Loads config `name` (custom first, then sample) as of `capture` (nil = latest).
    public static func load(from archive: Archive, name: String, capture: Int64? = nil) throws -> ConfigRestorer {
        let asOf = try archive.captures.resolve(capture)
        for type in V1Route.configTypes {
            let key = EntityKey.config(type: type, name: name)
            guard let revision = try archive.entities.entity(kind: .config, key: key, asOf: asOf), !revision.deleted, let raw = revision.raw else { continue }
            do {
                let json = try RawJSON.parse(raw)
                return ConfigRestorer(key: key, json: json, config: try V1Config(json: json), captureID: revision.captureID, sha256: revision.sha256 ?? Archive.sha256Hex(raw))
            } catch {
                throw CloneError(.archive, "\(archive.path): config \(key) does not decode: \(error)")
            }
        }
        throw CloneError(.archive, "\(archive.path): no config named \(name) (custom or sample) as of capture \(asOf)")
    }

    /// The request: `POST training-job-configs` (create) or `PUT training-job-configs/{name}` (update, no `config_name`).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) for a bad name, description or override.
    public func request(name newName: String?, description: String?, overrides: [ParameterOverride], update: Bool) throws(CloneError) -> CloneRequest {
        let name = newName ?? config.configName
        try ConfigRestorer.checkConfigName(name)
        let desc = description ?? config.configDesc
        if let desc { try CloneOptions.checkDescription(desc) }
        let (parameters, parameterChanges) = try ResolvedConfig.applyParameters(config.parameters, overrides: overrides, owner: "config \(config.configName)")
        var members: [(key: String, value: JSONValue)] = []
        var changes: [FieldChange] = []
        if !update { members.append(("config_name", .string(name))) }
        changes.append(FieldChange(field: "config_name", archived: .string(config.configName), requested: .string(name)))
        if let desc { members.append(("config_desc", .string(desc))) }
        let dataKinds: [[String]] = [["data_source"], ["dataset_id", "dataset_version_id"], ["data_url"]]
        let dataKind = dataKinds.first { kind in kind.allSatisfy { archivedValue($0) != nil } } ?? []
        for field in ConfigRestorer.bodyFields {
            var value = archivedValue(field)
            let isData = dataKinds.contains { $0.contains(field) }
            if isData, value != nil, !dataKind.contains(field) {
                changes.append(FieldChange(field: field, archived: value, requested: nil, note: "not sent: \(dataKind.joined(separator: "+")) is the data source; the API takes exactly one"))
                value = nil
            }
            if let value {
                members.append((field, value))
                changes.append(FieldChange(field: field, archived: value, requested: value))
            }
            if field == "boot_file_url" {
                members.append(("parameter", .array(parameters.map { .object([("label", .string($0.label)), ("value", $0.value)]) })))
                changes.append(contentsOf: parameterChanges)
            }
        }
        let blocked = parameters.filter { $0.value == .string(ParameterRedactor.marker) }.map(\.label)
        return CloneRequest(
            kind: update ? .configUpdate : .configCreate, method: update ? "PUT" : "POST", apiVersion: "v1",
            path: update ? V1Endpoint.config(name: name).segments : V1Endpoint.configs.segments, body: .object(members), changes: changes,
            blockedLabels: blocked)
    }

    /// The archived value of a body field in its documented type; nil when absent, null or empty.
    func archivedValue(_ field: String) -> JSONValue? {
        switch field {
        case "worker_server_num": return config.workerServerNum.map { .number(String($0)) }
        case "spec_id": return config.specID.map { .number(String($0)) }
        case "engine_id": return config.engineID.map { .number(String($0)) }
        case "model_id": return config.modelID.flatMap { $0 > 0 ? .number(String($0)) : nil }
        case "data_source":
            guard let list = json["data_source"]?.array, !list.isEmpty else { return nil }
            return .array(list.map(ResolvedConfig.documentedDataSource))
        default:
            guard let text = json[field]?.string, !text.isEmpty else { return nil }
            return .string(text)
        }
    }

    /// Checks a config name: 1–64 characters of `[0-9A-Za-z_-]` (reference §1.10).
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) naming the rule the name breaks.
    public static func checkConfigName(_ name: String) throws(CloneError) {
        do {
            try CloneOptions.checkJobName(name)
        } catch {
            throw CloneError(.invalidOption, "config name '\(name)' must be 1-64 characters of letters, digits, _ and -")
        }
    }
}
