/// Every v1 endpoint jobarchive reads or writes, without its path parameters' values: the one place a
/// v1 path, the query the crawl sends, and the archive key a list is stored under are spelled.
///
/// The snapshot crawl, the replay router, clone, the sample project and the bench all build paths and
/// keys from here (``V1Endpoint`` for a path with its values, ``EntityKey`` for archive keys).
public enum V1Route: String, Sendable, CaseIterable, Hashable {
    /// `training-jobs`: the job list (GET) and job creation (POST).
    case jobs
    /// `training-jobs/{job_id}/versions`: a job's version list (GET) and version creation (POST).
    case versions
    /// `training-jobs/{job_id}/versions/{version_id}`: one version's details.
    case version
    /// `training-jobs/{job_id}/versions/{version_id}/log/file-names`: a version's log file names.
    case logFileNames
    /// `training-jobs/{job_id}/versions/{version_id}/aom-log`: one page of a log, by line cursor.
    case aomLog
    /// `training-job-configs`: the saved configs of one `config_type` (GET) and config creation (POST).
    case configs
    /// `training-job-configs/{config_name}`: one saved config.
    case config
    /// `job/resource-specs`: the resource specs (flavors).
    case resourceSpecs
    /// `job/ai-engines`: the AI engines.
    case aiEngines
    /// `built-in-algorithms`: the built-in algorithms ("models").
    case builtInAlgorithms
    /// `visualization-jobs`: the TensorBoard / MindInsight jobs.
    case visualizationJobs
    /// `visualization-jobs/{job_id}`: one visualization job.
    case visualizationJob

    /// The path after `/v1/{project_id}/`, each path parameter as `{name}`.
    public var template: String {
        switch self {
        case .jobs: "training-jobs"
        case .versions: "training-jobs/{job_id}/versions"
        case .version: "training-jobs/{job_id}/versions/{version_id}"
        case .logFileNames: "training-jobs/{job_id}/versions/{version_id}/log/file-names"
        case .aomLog: "training-jobs/{job_id}/versions/{version_id}/aom-log"
        case .configs: "training-job-configs"
        case .config: "training-job-configs/{config_name}"
        case .resourceSpecs: "job/resource-specs"
        case .aiEngines: "job/ai-engines"
        case .builtInAlgorithms: "built-in-algorithms"
        case .visualizationJobs: "visualization-jobs"
        case .visualizationJob: "visualization-jobs/{job_id}"
        }
    }

    /// The values of `config_type` (``configs`` and ``config``), in the order the crawl reads them.
    public static let configTypes = ["custom", "sample"]

    /// The template as a router pattern: `{name}` written `:name` (Hummingbird's spelling).
    public var routerPattern: String { V1Route.routerPattern(of: template) }

    /// A path template as a router pattern: `{name}` written `:name`.
    static func routerPattern(of template: String) -> String {
        template.split(separator: "/").map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The query the snapshot crawl sends (list pages as large as the API allows; `page`, `config_type`
    /// and the log cursor are added per request).
    public var crawlQuery: [(String, String)] {
        switch self {
        case .jobs, .configs, .visualizationJobs: [("per_page", "1000")]
        case .builtInAlgorithms: [("per_page", "100")]
        case .versions: [("page", "0")]
        default: []
        }
    }

    /// For a list endpoint, the member holding its items.
    public var itemsKey: String? {
        switch self {
        case .jobs, .visualizationJobs: "jobs"
        case .versions: "versions"
        case .configs: "configs"
        case .resourceSpecs: "specs"
        case .aiEngines: "engines"
        case .builtInAlgorithms: "models"
        default: nil
        }
    }

    /// For a list endpoint, the id one of its items is archived under (before any key prefix): numeric
    /// ids in decimal, config names and visualization job ids as written; nil when the item has none.
    public func itemID(_ item: JSONValue) -> String? {
        switch self {
        case .jobs: item["job_id"]?.int64.map(String.init)
        case .versions: item["version_id"]?.int64.map(String.init)
        case .configs: item["config_name"]?.string
        case .resourceSpecs: item["spec_id"]?.int64.map(String.init)
        case .aiEngines: item["engine_id"]?.int64.map(String.init)
        case .builtInAlgorithms: item["model_id"]?.int64.map(String.init)
        case .visualizationJobs: item["job_id"]?.string
        default: nil
        }
    }
}
