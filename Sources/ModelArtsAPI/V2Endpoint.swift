/// A v2 endpoint with the values of its path parameters: the one place a v2 path is spelled.
///
/// Paths as Huawei's SDK builds them, after `/v2/{project_id}/`; the replay router matches the same
/// ``template`` strings.
public enum V2Endpoint: Sendable, Hashable {
    /// `training-jobs`: creates a training job (POST).
    case jobs
    /// `training-job-searches`: a page of the project's training jobs (POST, a read).
    case jobSearches
    /// `training-jobs/{training_job_id}`: one job's details.
    case job(id: String)
    /// `training-jobs/{training_job_id}/tasks`: the job's tasks (workers) per scheduling run.
    case tasks(jobID: String)
    /// `training-jobs/{training_job_id}/stages`: the job's running records and their stages.
    case stages(jobID: String)
    /// `training-jobs/{training_job_id}/events`: the job's events, paged by `offset`/`limit`.
    case events(jobID: String)
    /// `training-jobs/{training_job_id}/metrics/{task_id}`: a task's utilisation series.
    case metrics(jobID: String, taskID: String)
    /// `training-jobs/{training_job_id}/logs/{task_id}`: a task's log by line cursor.
    case log(jobID: String, taskID: String)
    /// `training-jobs/{training_job_id}/tasks/{task_id}/logs/url`: a temporary OBS link to a task's log.
    case logURL(jobID: String, taskID: String)
    /// `training-jobs/{training_job_id}/tasks/{task_id}/logs/preview`: at most the last 5 MB of a task's log.
    case logPreview(jobID: String, taskID: String)
    /// `training-job-flavors`.
    case flavors
    /// `training-job-engines`.
    case engines
    /// `algorithms`.
    case algorithms
    /// `pools`.
    case pools

    /// The endpoint's path template, parameters in braces.
    public var template: String {
        switch self {
        case .jobs: "training-jobs"
        case .jobSearches: "training-job-searches"
        case .job: "training-jobs/{training_job_id}"
        case .tasks: "training-jobs/{training_job_id}/tasks"
        case .stages: "training-jobs/{training_job_id}/stages"
        case .events: "training-jobs/{training_job_id}/events"
        case .metrics: "training-jobs/{training_job_id}/metrics/{task_id}"
        case .log: "training-jobs/{training_job_id}/logs/{task_id}"
        case .logURL: "training-jobs/{training_job_id}/tasks/{task_id}/logs/url"
        case .logPreview: "training-jobs/{training_job_id}/tasks/{task_id}/logs/preview"
        case .flavors: "training-job-flavors"
        case .engines: "training-job-engines"
        case .algorithms: "algorithms"
        case .pools: "pools"
        }
    }

    /// The most jobs one search page may ask for (`limit`). The snapshot asks for this many, the replay refuses more.
    public static let maxSearchLimit = 50
    /// The most events one `events` request may ask for.
    public static let maxEventLimit = 100
    /// The most lines one `logs/{task_id}` page may ask for.
    public static let maxLogLines = 500
    /// The most algorithms one `algorithms` request may ask for.
    public static let maxAlgorithmLimit = 50

    /// The body of a crawl's `POST training-job-searches` for one `offset`: every job, oldest first.
    public static func searchBody(offset: Int, limit: Int) -> [UInt8] {
        Array(#"{"offset":\#(offset),"limit":\#(limit),"sort_by":"create_time","order":"asc"}"#.utf8)
    }

    /// The template as a router pattern: `{name}` written `:name` (Hummingbird's spelling).
    public var routerPattern: String { V1Route.routerPattern(of: template) }

    /// The values of the path parameters, by name.
    public var parameters: [String: String] {
        switch self {
        case .jobs, .jobSearches, .flavors, .engines, .algorithms, .pools: [:]
        case .job(let id), .tasks(let id), .stages(let id), .events(let id): ["training_job_id": id]
        case .metrics(let job, let task), .log(let job, let task), .logURL(let job, let task), .logPreview(let job, let task):
            ["training_job_id": job, "task_id": task]
        }
    }

    /// The path segments after `/v2/{project_id}/`, not yet percent-encoded.
    public var segments: [String] {
        let values = parameters
        return template.split(separator: "/").map { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return String(segment) }
            return values[String(segment.dropFirst().dropLast())] ?? ""
        }
    }

    /// The path after `/v2/{project_id}/`, not yet percent-encoded.
    public var path: String { segments.joined(separator: "/") }

    /// The endpoint the path segments after `/v2/{project_id}/` name, or nil for none of the catalogue's.
    public init?(segments: [String]) {
        let s = segments
        switch s.count {
        case 1:
            switch s[0] {
            case "training-jobs": self = .jobs
            case "training-job-searches": self = .jobSearches
            case "training-job-flavors": self = .flavors
            case "training-job-engines": self = .engines
            case "algorithms": self = .algorithms
            case "pools": self = .pools
            default: return nil
            }
        case 2 where s[0] == "training-jobs": self = .job(id: s[1])
        case 3 where s[0] == "training-jobs":
            switch s[2] {
            case "tasks": self = .tasks(jobID: s[1])
            case "stages": self = .stages(jobID: s[1])
            case "events": self = .events(jobID: s[1])
            default: return nil
            }
        case 4 where s[0] == "training-jobs":
            switch s[2] {
            case "metrics": self = .metrics(jobID: s[1], taskID: s[3])
            case "logs": self = .log(jobID: s[1], taskID: s[3])
            default: return nil
            }
        case 6 where s[0] == "training-jobs" && s[2] == "tasks" && s[4] == "logs":
            switch s[5] {
            case "url": self = .logURL(jobID: s[1], taskID: s[3])
            case "preview": self = .logPreview(jobID: s[1], taskID: s[3])
            default: return nil
            }
        default: return nil
        }
    }
}
