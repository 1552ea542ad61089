import ModelArtsAPI

/// How one v1 list endpoint pages, sorts and filters (reference §1.3, §1.4, §1.10, §1.11, §1.13).
struct ListSpec: Sendable {
    /// The list endpoint (its items member comes from the catalogue).
    var route: V1Route
    /// The envelope member counting matches, rewritten when a filter is active.
    var countMember: String?
    /// Allowed `per_page`; nil when the endpoint does not page.
    var perPage: ClosedRange<Int>?
    /// `per_page` when absent.
    var defaultPerPage = 10
    /// Whether `page=0` (everything) is allowed, and the default.
    var pageZeroMeansAll = false
    /// `sortBy` value → item field.
    var sortFields: [String: String] = [:]
    /// `sortBy` when only `order` is given.
    var defaultSort: String?
    /// `order` when only `sortBy` is given.
    var defaultDescending = false
    /// The item field `search_content` matches (case-insensitive substring).
    var searchField: String?
    /// Whether `status` filters on the item's `status`.
    var statusFilter = false
    /// Whether `workspace_id` filters on the item's `workspace_id` (absent counts as "0").
    var workspaceFilter = false

    /// The member holding the items.
    var itemsKey: String { route.itemsKey ?? "" }

    /// Every item field sorting or filtering may read.
    var fieldNames: Set<String> {
        var names = Set(sortFields.values)
        if let searchField { names.insert(searchField) }
        if statusFilter { names.insert("status") }
        if workspaceFilter { names.insert("workspace_id") }
        return names
    }

    /// `GET training-jobs` (§1.3).
    static let trainingJobs = ListSpec(
        route: .jobs, countMember: "job_total_count", perPage: 1...1000,
        sortFields: [
            "job_name": "job_name", "job_desc": "job_desc", "status": "status", "duration": "duration",
            "version_count": "version_count", "create_time": "create_time", "engine_type": "engine_type",
        ],
        defaultSort: "job_name", defaultDescending: false, searchField: "job_name", statusFilter: true,
        workspaceFilter: true)

    /// `GET training-jobs/{id}/versions` (§1.4): `page=0` (the default) returns every version.
    static let versions = ListSpec(route: .versions, countMember: nil, perPage: 1...1000, pageZeroMeansAll: true)

    /// `GET training-job-configs` (§1.10).
    static let configs = ListSpec(
        route: .configs, countMember: "config_total_count", perPage: 1...1000,
        sortFields: ["config_name": "config_name", "config_desc": "config_desc", "create_time": "create_time"],
        defaultSort: "config_name", defaultDescending: true, searchField: "config_name")

    /// `GET built-in-algorithms` (§1.11).
    static let algorithms = ListSpec(
        route: .builtInAlgorithms, countMember: "model_total_count", perPage: 1...100,
        sortFields: [
            "engine": "engine_name", "model_name": "model_name", "model_precision": "model_precision",
            "model_usage": "model_usage", "model_size": "model_size", "create_time": "create_time",
            "parameter": "parameter",
        ],
        defaultSort: "engine", defaultDescending: true, searchField: "model_name")

    /// `GET visualization-jobs` (§1.13).
    static let visualizationJobs = ListSpec(
        route: .visualizationJobs, countMember: "job_total_count", perPage: 1...1000,
        sortFields: [
            "job_id": "job_id", "job_name": "job_name", "job_desc": "job_desc", "create_time": "create_time",
            "status": "status",
        ],
        defaultSort: "job_id", defaultDescending: false, searchField: "job_name", statusFilter: true,
        workspaceFilter: true)

    /// `GET job/resource-specs`: served whole, as captured.
    static let resourceSpecs = ListSpec(route: .resourceSpecs, countMember: "spec_total_count", perPage: nil)

    /// `GET job/ai-engines`: served whole, as captured.
    static let aiEngines = ListSpec(route: .aiEngines, countMember: nil, perPage: nil)
}
