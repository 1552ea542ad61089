import ModelArtsAPI

/// Builds v1 create-version and create-job requests (reference §1.7–1.8) from an archived version.
public enum V1RequestBuilder {
    /// The request for `options` (target v1): only documented create-API fields, in documented types.
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) when an override or the resolved data and resource do not make a
    ///   valid create request (see ``ResolvedConfig/resolve(_:options:)``).
    public static func build(_ source: ArchivedVersion, options: CloneOptions) throws(CloneError) -> CloneRequest {
        let resolved = try ResolvedConfig.resolve(source, options: options)
        var config = configMembers(resolved)
        var changes = resolved.changes
        let desc = options.description ?? source.jobDesc
        if let desc { try CloneOptions.checkDescription(desc) }
        var top: [(key: String, value: JSONValue)] = []
        let kind: CloneRequest.Kind
        let path: [String]
        switch options.mode {
        case .newVersion:
            config.append(("pre_version_id", .number(String(source.versionID))))
            changes.append(FieldChange(field: "pre_version_id", archived: source.version.preVersionID.map { .number(String($0)) }, requested: .number(String(source.versionID)), note: "the archived version is the new version's predecessor"))
            kind = .version
            path = V1Endpoint.versions(jobID: source.jobID).segments
        case .newJob(let name):
            try CloneOptions.checkJobName(name)
            top.append(("job_name", .string(name)))
            changes.append(FieldChange(field: "job_name", archived: source.jobName.map { .string($0) }, requested: .string(name)))
            kind = .job
            path = V1Endpoint.jobs.segments
        }
        if let desc { top.append(("job_desc", .string(desc))) }
        changes.append(FieldChange(field: "job_desc", archived: source.jobDesc.map { .string($0) }, requested: desc.map { .string($0) }))
        top.append(("config", .object(config)))
        return CloneRequest(kind: kind, method: "POST", apiVersion: "v1", path: path, body: .object(top), changes: changes, blockedLabels: resolved.blockedLabels)
    }

    /// The `config` members: fields in order, `parameter` after `boot_file_url`, `flavor` beside the resource.
    static func configMembers(_ resolved: ResolvedConfig) -> [(key: String, value: JSONValue)] {
        var out: [(key: String, value: JSONValue)] = []
        let parameter: JSONValue = .array(resolved.parameters.map { .object([("label", .string($0.label)), ("value", $0.value)]) })
        var parameterPlaced = false
        for (name, value) in resolved.fields {
            if !parameterPlaced, !["worker_server_num", "app_url", "boot_file_url"].contains(name) {
                out.append(("parameter", parameter))
                parameterPlaced = true
            }
            if name == "engine_id", let code = resolved.flavorCode {
                out.append(("flavor", .object([("code", .string(code))])))
            }
            out.append((name, value))
        }
        if !parameterPlaced { out.append(("parameter", parameter)) }
        if let code = resolved.flavorCode, !out.contains(where: { $0.key == "flavor" }) {
            out.append(("flavor", .object([("code", .string(code))])))
        }
        return out
    }
}
