import ArchiveStore
import ModelArtsAPI

/// Builds the v2 `POST /v2/{project_id}/training-jobs` body from an archived v2 job: the documented create
/// fields as archived (`kind`, `metadata` name, description and workspace, `algorithm` code, boot file,
/// command, engine, parameters, inputs, outputs, environments, `spec.resource` flavor, node count and pool,
/// volumes, log export path), with the typed overrides.
///
/// Parameters are v2 strings: `--set NAME=VALUE` replaces an archived parameter's value, `--unset NAME` drops
/// it, `--add NAME=VALUE` appends one. `--config PATH=VALUE` sets a create field by its dotted path
/// (`spec.resource.node_count=2`, `algorithm.command=…`), typed like the archived value. Status, times, ids
/// and the other read-only fields are not sent (the diff says so).
public enum V2JobRequestBuilder {
    static let algorithmKeys: Set<String> = [
        "id", "subscription_id", "item_version_id", "code_dir", "boot_file", "command", "engine", "parameters", "inputs", "outputs",
        "environments", "local_code_dir", "working_dir", "policies",
    ]
    static let engineKeys: Set<String> = ["engine_id", "engine_name", "engine_version", "image_url"]
    static let channelKeys: Set<String> = ["name", "description", "remote", "local_dir", "access_method"]
    static let resourceKeys: Set<String> = ["flavor_id", "node_count", "pool_id"]
    static let specKeys: Set<String> = ["resource", "volumes", "log_export_path"]

    /// The v2 request; `name` defaults to `{name}-clone`.
    ///
    /// - Throws: ``CloneError``: `.invalidOption` for an override or name the v2 API would refuse (an unknown
    ///   parameter for `--set`/`--unset`, an existing one for `--add`, a `--config` path that is not a create field
    ///   or a value not of the archived type), `.archive` when the archived job has no algorithm or flavor.
    public static func build(_ source: ArchivedV2Job, options: CloneOptions) throws(CloneError) -> CloneRequest {
        let json = source.json
        var changes: [FieldChange] = []
        let name: String
        switch options.mode {
        case .newJob(let given): name = given
        case .newVersion: name = defaultName(source)
        }
        do { try CloneOptions.checkJobName(name) } catch {
            throw CloneError(.invalidOption, "\(error.message)\(options.mode == .newVersion ? " (the default name from the archived one); give --as-job NAME" : "")")
        }
        let archivedDesc = json["metadata"]?["description"]?.string
        let desc = options.description ?? archivedDesc
        if let desc { try CloneOptions.checkDescription(desc) }
        var metadata: [(key: String, value: JSONValue)] = [("name", .string(name))]
        if let desc { metadata.append(("description", .string(desc))) }
        for key in ["workspace_id", "annotations"] {
            if let value = json["metadata"]?[key], !value.isNull { metadata.append((key, value)) }
        }
        for (key, value) in json["metadata"]?.object ?? [] where !["name", "description", "workspace_id", "annotations"].contains(key) && !value.isNull {
            changes.append(FieldChange(field: "metadata.\(key)", archived: value, requested: nil, note: "read-only; not sent"))
        }
        for (key, value) in json.object ?? [] where !["kind", "metadata", "algorithm", "spec"].contains(key) && !value.isNull {
            changes.append(FieldChange(field: key, archived: value, requested: nil, note: "read-only; not sent"))
        }
        if source.kind == .v2Job {
            changes.append(FieldChange(field: "source", archived: nil, requested: nil, note: "built from the job's search item: no details body was captured, so fields the search leaves out are missing"))
        }
        changes.append(FieldChange(field: "metadata.name", archived: source.name.map { .string($0) }, requested: .string(name)))
        changes.append(FieldChange(field: "metadata.description", archived: archivedDesc.map { .string($0) }, requested: desc.map { .string($0) }))

        guard let archivedAlgorithm = json["algorithm"]?.object else {
            throw CloneError(.archive, "v2 job \(source.jobID) has no algorithm in the archive (\(source.kind.rawValue)); nothing to run")
        }
        var algorithm: [(key: String, value: JSONValue)] = []
        for (key, value) in archivedAlgorithm where !value.isNull {
            let field = "algorithm.\(key)"
            guard algorithmKeys.contains(key) else {
                changes.append(FieldChange(field: field, archived: value, requested: nil, note: "read-only; not sent"))
                continue
            }
            let sent: JSONValue
            switch key {
            case "parameters": continue
            case "engine": sent = only(value, engineKeys)
            case "inputs", "outputs": sent = .array((value.array ?? []).map { only($0, channelKeys) })
            default: sent = value
            }
            algorithm.append((key, sent))
            changes.append(FieldChange(field: field, archived: value, requested: sent, note: sent == value ? nil : "read-only parts not sent"))
        }

        // Parameters, as v2 strings, with the overrides in order.
        let archivedParameters = source.parameters.map { (name: $0.name, value: JSONValue.string(V2RequestBuilder.text($0.value))) }
        var parameters = archivedParameters
        for override in options.parameterOverrides {
            let index = parameters.firstIndex { $0.name == override.label }
            let known = parameters.map(\.name).joined(separator: ", ")
            switch override {
            case .set(let label, let value):
                guard let index else {
                    throw CloneError(.invalidOption, "--set \(label): v2 job \(source.jobID) has no parameter \(label) (parameters: \(known.isEmpty ? "none" : known)); add it with --add")
                }
                parameters[index].value = .string(value)
            case .unset(let label):
                guard let index else {
                    throw CloneError(.invalidOption, "--unset \(label): v2 job \(source.jobID) has no parameter \(label) (parameters: \(known.isEmpty ? "none" : known))")
                }
                parameters.remove(at: index)
            case .add(let label, let value):
                guard index == nil else { throw CloneError(.invalidOption, "--add \(label): v2 job \(source.jobID) already has it; change it with --set") }
                parameters.append((label, .string(value)))
            }
        }
        for p in archivedParameters {
            changes.append(FieldChange(field: "parameter \(p.name)", archived: p.value, requested: parameters.first { $0.name == p.name }?.value))
        }
        for p in parameters where !archivedParameters.contains(where: { $0.name == p.name }) {
            changes.append(FieldChange(field: "parameter \(p.name)", archived: nil, requested: p.value))
        }
        if !parameters.isEmpty {
            // A parameter archived without a value is sent without one.
            algorithm.append(("parameters", .array(parameters.map { p in
                .object([("name", .string(p.name))] + (p.value.isNull ? [] : [("value", p.value)]))
            })))
        }

        var spec: [(key: String, value: JSONValue)] = []
        for (key, value) in json["spec"]?.object ?? [] where !value.isNull {
            let field = "spec.\(key)"
            guard specKeys.contains(key) else {
                changes.append(FieldChange(field: field, archived: value, requested: nil, note: "read-only; not sent"))
                continue
            }
            var sent = key == "resource" ? only(value, resourceKeys) : value
            if key == "resource", let flavor = options.flavor {
                sent = setting(sent, path: ["flavor_id"], to: .string(flavor))
            }
            spec.append((key, sent))
            changes.append(FieldChange(field: field, archived: value, requested: sent, note: sent == value ? nil : (options.flavor != nil && key == "resource" ? "--flavor" : "read-only parts not sent")))
        }
        if let flavor = options.flavor, !spec.contains(where: { $0.key == "resource" }) {
            spec.append(("resource", .object([("flavor_id", .string(flavor))])))
            changes.append(FieldChange(field: "spec.resource.flavor_id", archived: nil, requested: .string(flavor), note: "--flavor"))
        }
        var body: JSONValue = .object([
            ("kind", json["kind"] ?? .string("job")), ("metadata", .object(metadata)), ("algorithm", .object(algorithm)), ("spec", .object(spec)),
        ])
        for assignment in options.configAssignments {
            let (path, given) = try ParameterOverride.splitAssignment(assignment, option: "--config")
            let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, ["metadata", "algorithm", "spec"].contains(parts[0]), !parts.contains(""),
                !(parts[0] == "algorithm" && parts[1] == "parameters")
            else {
                throw CloneError(.invalidOption, "--config \(path): give a create field's dotted path under metadata, algorithm or spec (spec.resource.node_count, algorithm.command); parameters take --set/--unset/--add")
            }
            if parts[0] == "metadata", parts[1] == "name" || parts[1] == "description" {
                throw CloneError(.invalidOption, "--config \(path): the name is --as-job NAME, the description --desc TEXT")
            }
            // Each step of the path must be an object (or not there yet): a path into an array or a string
            // would replace it with an object.
            for depth in 1..<parts.count {
                if let step = value(at: Array(parts[..<depth]), in: body), step.object == nil {
                    throw CloneError(.invalidOption, "--config \(path): \(parts[..<depth].joined(separator: ".")) is not an object in the request; give its whole value as JSON instead")
                }
            }
            let root = parts[0]
            let allowed: Bool
            switch root {
            case "algorithm": allowed = algorithmKeys.contains(parts[1]) && (parts[1] != "engine" || parts.count == 3 && engineKeys.contains(parts[2]))
            case "spec": allowed = specKeys.contains(parts[1]) && (parts[1] != "resource" || parts.count == 3 && resourceKeys.contains(parts[2]))
            default: allowed = ["name", "description", "workspace_id"].contains(parts[1]) && parts.count == 2
            }
            guard allowed else { throw CloneError(.invalidOption, "--config \(path): not a v2 create field") }
            let current = value(at: parts, in: body)
            let typed: JSONValue
            switch current {
            case .object?, .array?:
                // A structured field takes JSON of the same shape.
                // try?: text that is not JSON is the usage error below.
                let parsed = try? RawJSON.parse(given)
                guard let parsed, (parsed.object != nil) == (current?.object != nil), (parsed.array != nil) == (current?.array != nil) else {
                    throw CloneError(.invalidOption, "--config \(path): is \(current?.object != nil ? "an object" : "an array") in the archive; give it as JSON of that shape")
                }
                typed = parsed
            default:
                typed = try ParameterOverride.typed(given, like: current ?? .null, label: path)
            }
            body = setting(body, path: parts, to: typed)
            changes.append(FieldChange(field: path, archived: value(at: parts, in: json), requested: typed, note: "--config"))
        }
        // What would still be sent redacted: parameters and environment variables, as the body stands now.
        let marker = JSONValue.string(ParameterRedactor.marker)
        var blocked: [String] = []
        for p in value(at: ["algorithm", "parameters"], in: body)?.array ?? [] where p["value"] == marker {
            blocked.append(p["name"]?.string ?? "?")
        }
        switch value(at: ["algorithm", "environments"], in: body) {
        case .object(let members)?:
            for (key, v) in members where v == marker { blocked.append("environments.\(key)") }
        case .array(let items)?:
            for (i, item) in items.enumerated() {
                for (key, v) in item.object ?? [] where v == marker { blocked.append("environments[\(i)].\(key)") }
            }
        default:
            break
        }
        guard value(at: ["spec", "resource", "flavor_id"], in: body)?.string?.isEmpty == false else {
            throw CloneError(.archive, "v2 job \(source.jobID) has no spec.resource.flavor_id in the archive; give --flavor ID")
        }
        return CloneRequest(kind: .v2Job, method: "POST", apiVersion: "v2", path: V2Endpoint.jobs.segments, body: body, changes: changes, blockedLabels: blocked)
    }

    /// `{name}-clone`, reduced to the allowed characters (at most 64).
    static func defaultName(_ source: ArchivedV2Job) -> String {
        let raw = "\(source.name ?? "job")-clone"
        return String(CloneOptions.nameCharacters(raw).suffix(64))
    }

    /// `value` with only the members named in `keys` (a non-object as it is).
    static func only(_ value: JSONValue, _ keys: Set<String>) -> JSONValue {
        guard let members = value.object else { return value }
        return .object(members.filter { keys.contains($0.key) && !$0.value.isNull })
    }

    /// The value at a dotted path of objects, or nil.
    static func value(at path: [String], in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        for key in path { current = current?[key] }
        return current
    }

    /// `value` with the member at `path` set (objects made on the way; a member replaced in place).
    static func setting(_ value: JSONValue, path: [String], to new: JSONValue) -> JSONValue {
        guard let key = path.first else { return new }
        var members = value.object ?? []
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = setting(members[i].value, path: Array(path.dropFirst()), to: new)
        } else {
            members.append((key, setting(.object([]), path: Array(path.dropFirst()), to: new)))
        }
        return .object(members)
    }
}
