/// A v1 endpoint with the values of its path parameters (``V1Route`` is the endpoint without them).
public enum V1Endpoint: Sendable, Hashable {
    /// `training-jobs`.
    case jobs
    /// `training-jobs/{job_id}/versions`.
    case versions(jobID: Int64)
    /// `training-jobs/{job_id}/versions/{version_id}`.
    case version(jobID: Int64, versionID: Int64)
    /// `training-jobs/{job_id}/versions/{version_id}/log/file-names`.
    case logFileNames(jobID: Int64, versionID: Int64)
    /// `training-jobs/{job_id}/versions/{version_id}/aom-log`.
    case aomLog(jobID: Int64, versionID: Int64)
    /// `training-job-configs`.
    case configs
    /// `training-job-configs/{config_name}`.
    case config(name: String)
    /// `job/resource-specs`.
    case resourceSpecs
    /// `job/ai-engines`.
    case aiEngines
    /// `built-in-algorithms`.
    case builtInAlgorithms
    /// `visualization-jobs`.
    case visualizationJobs
    /// `visualization-jobs/{job_id}`.
    case visualizationJob(id: String)

    /// The endpoint without its values.
    public var route: V1Route {
        switch self {
        case .jobs: .jobs
        case .versions: .versions
        case .version: .version
        case .logFileNames: .logFileNames
        case .aomLog: .aomLog
        case .configs: .configs
        case .config: .config
        case .resourceSpecs: .resourceSpecs
        case .aiEngines: .aiEngines
        case .builtInAlgorithms: .builtInAlgorithms
        case .visualizationJobs: .visualizationJobs
        case .visualizationJob: .visualizationJob
        }
    }

    /// The values of the path parameters, by name.
    public var parameters: [String: String] {
        switch self {
        case .jobs, .configs, .resourceSpecs, .aiEngines, .builtInAlgorithms, .visualizationJobs: [:]
        case .versions(let job): ["job_id": String(job)]
        case .version(let job, let version), .logFileNames(let job, let version), .aomLog(let job, let version):
            ["job_id": String(job), "version_id": String(version)]
        case .config(let name): ["config_name": name]
        case .visualizationJob(let id): ["job_id": id]
        }
    }

    /// The path segments after `/v1/{project_id}/`, not yet percent-encoded.
    public var segments: [String] {
        let values = parameters
        return route.template.split(separator: "/").map { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return String(segment) }
            return values[String(segment.dropFirst().dropLast())] ?? ""
        }
    }

    /// The path after `/v1/{project_id}/`, not yet percent-encoded.
    public var path: String { segments.joined(separator: "/") }
}
