import ModelArtsAPI

/// Builds the v2 `POST /v2/{project_id}/training-jobs` body (reference §5) from an archived v1 version.
///
/// Mapping: app_url → algorithm.code_dir; boot_file_url → algorithm.boot_file; user_command → algorithm.command;
/// user_image_url → algorithm.engine.image_url, else engine_name + engine_version; parameters → algorithm.parameters
/// (`{name, value}`, values as strings) for built-in engines, algorithm.environments for custom images (v1 passes
/// them to custom images as environment variables); data → algorithm.inputs `data_url`; train_url →
/// algorithm.outputs `train_url`; worker_server_num → spec.resource.node_count; flavor → spec.resource.flavor_id;
/// pool_id → spec.resource.pool_id; log_url → spec.log_export_path.obs_url; nfs volumes → spec.volumes.
public enum V2RequestBuilder {
    /// The v2 request; `name` defaults to `{job_name}-{version_name}`.
    ///
    /// - Throws: ``CloneError``: `.invalidOption` for an override or name the v2 API would refuse, `.archive` when
    ///   the archived version lacks what a v2 job needs.
    public static func build(_ source: ArchivedVersion, options: CloneOptions) throws(CloneError) -> CloneRequest {
        var v1Options = options
        v1Options.target = .v1
        let resolved = try ResolvedConfig.resolve(source, options: v1Options)
        var changes = resolved.changes
        let name: String
        switch options.mode {
        case .newJob(let given): name = given
        case .newVersion: name = defaultName(source)
        }
        try CloneOptions.checkJobName(name)
        let desc = options.description ?? source.jobDesc
        if let desc { try CloneOptions.checkDescription(desc) }

        var metadata: [(key: String, value: JSONValue)] = [("name", .string(name))]
        if let desc { metadata.append(("description", .string(desc))) }

        var algorithm: [(key: String, value: JSONValue)] = []
        if let app = resolved.value("app_url") { algorithm.append(("code_dir", app)) }
        if let boot = resolved.value("boot_file_url") { algorithm.append(("boot_file", boot)) }
        if let command = resolved.value("user_command") { algorithm.append(("command", command)) }
        let customImage = resolved.value("user_image_url")
        if customImage != nil {
            if !resolved.parameters.isEmpty {
                algorithm.append(("environments", .object(resolved.parameters.map { (key: $0.label, value: JSONValue.string(text($0.value))) })))
            }
        } else if !resolved.parameters.isEmpty {
            algorithm.append(("parameters", .array(resolved.parameters.map { .object([("name", .string($0.label)), ("value", .string(text($0.value)))]) })))
        }
        let inputs = self.inputs(resolved)
        if !inputs.isEmpty { algorithm.append(("inputs", .array(inputs))) }
        if let train = resolved.value("train_url") {
            algorithm.append(("outputs", .array([.object([("name", .string("train_url")), ("remote", obs(train))])])))
        }
        if let image = customImage {
            algorithm.append(("engine", .object([("image_url", image)])))
        } else if let engineName = source.version.engineName, let engineVersion = source.version.engineVersion {
            algorithm.append(("engine", .object([("engine_name", .string(engineName)), ("engine_version", .string(engineVersion))])))
        } else {
            throw CloneError(.archive, "job \(source.jobID) version \(source.versionID) has neither user_image_url nor engine_name/engine_version; v2 needs an engine")
        }

        var resource: [(key: String, value: JSONValue)] = []
        guard let flavor = options.flavor ?? resolved.flavorCode ?? source.version.flavorCode ?? source.version.specCode ?? source.listedSpecCode else {
            throw CloneError(.invalidOption, "no flavor code for job \(source.jobID) version \(source.versionID) (no flavor_code, spec_code or listed spec); give --flavor CODE, e.g. modelarts.vm.cpu.8u")
        }
        resource.append(("flavor_id", .string(flavor)))
        if let workers = resolved.value("worker_server_num") { resource.append(("node_count", workers)) }
        if let pool = resolved.value("pool_id") { resource.append(("pool_id", pool)) }
        var spec: [(key: String, value: JSONValue)] = [("resource", .object(resource))]
        var volumes: [JSONValue] = []
        for volume in resolved.value("volumes")?.array ?? [] {
            if let nfs = volume["nfs"] {
                var members: [(key: String, value: JSONValue)] = []
                if let src = nfs["src_path"]?.string { members.append(("nfs_server_path", .string(src))) }
                if let dest = nfs["dest_path"]?.string { members.append(("local_path", .string(dest))) }
                if let ro = nfs["read_only"]?.bool { members.append(("read_only", .bool(ro))) }
                volumes.append(.object([("nfs", .object(members))]))
            } else {
                changes.append(FieldChange(field: "volumes", archived: volume, requested: nil, note: "v2 has no equivalent of this volume type; not sent"))
            }
        }
        if !volumes.isEmpty { spec.append(("volumes", .array(volumes))) }
        if let log = resolved.value("log_url") { spec.append(("log_export_path", .object([("obs_url", log)]))) }

        for dropped in ["engine_id", "model_id", "spec_id"] {
            if let value = resolved.value(dropped) {
                changes.append(FieldChange(field: dropped, archived: value, requested: nil, note: "v1-only: v2 identifies engines and flavors by name"))
            }
        }
        changes.append(FieldChange(field: "spec.resource.flavor_id", archived: nil, requested: .string(flavor), note: options.flavor != nil ? "--flavor" : "from the archived flavor/spec code"))
        changes.append(FieldChange(field: "metadata.name", archived: source.jobName.map { .string($0) }, requested: .string(name)))
        let body: JSONValue = .object([
            ("kind", .string("job")),
            ("metadata", .object(metadata)),
            ("algorithm", .object(algorithm)),
            ("spec", .object(spec)),
        ])
        return CloneRequest(kind: .v2Job, method: "POST", apiVersion: "v2", path: V2Endpoint.jobs.segments, body: body, changes: changes, blockedLabels: resolved.blockedLabels)
    }

    /// `{job_name}-{version_name}` reduced to the allowed characters (at most 64).
    static func defaultName(_ source: ArchivedVersion) -> String {
        let raw = "\(source.jobName ?? "job\(source.jobID)")-\(source.version.versionName ?? "v\(source.versionID)")"
        return String(CloneOptions.nameCharacters(raw).prefix(64))
    }

    /// The data input(s): OBS paths or a dataset, each named `data_url` (then `data_url_1`, …).
    static func inputs(_ resolved: ResolvedConfig) -> [JSONValue] {
        var remotes: [JSONValue] = []
        if let url = resolved.value("data_url") {
            remotes.append(obs(url))
        } else if let id = resolved.value("dataset_id"), let version = resolved.value("dataset_version_id") {
            remotes.append(.object([("dataset", .object([("id", id), ("version_id", version)]))]))
        } else {
            for entry in resolved.value("data_source")?.array ?? [] {
                if entry["type"]?.string == "dataset", let id = entry["dataset_id"], let version = entry["dataset_version"] {
                    remotes.append(.object([("dataset", .object([("id", id), ("version_id", version)]))]))
                } else if let url = entry["data_url"] {
                    remotes.append(obs(url))
                }
            }
        }
        return remotes.enumerated().map { index, remote in
            JSONValue.object([("name", .string(index == 0 ? "data_url" : "data_url_\(index)")), ("remote", remote)])
        }
    }

    static func obs(_ url: JSONValue) -> JSONValue {
        .object([("obs", .object([("obs_url", url)]))])
    }

    /// A parameter value as v2 text: strings as they are, numbers by spelling, booleans as true/false.
    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.string ?? value.serialized()
    }
}
