/// The keys archived entities and lists are stored under: the one place they are spelled and read back.
///
/// Item keys: a job `JOB_ID`, a version (and its details and log file list) `JOB_ID/VERSION_ID`, a log
/// file `JOB_ID/VERSION_ID/FILE`, a config `TYPE/NAME`. List keys name the list an envelope belongs to:
/// the route's path for catalogs (`resource-specs`, `ai-engines` without their `job/`), `training-jobs@page=N` for later job-list pages,
/// `versions/JOB_ID` and `configs/TYPE`. archives/FORMAT.md documents the same spellings.
public enum EntityKey {
    /// A job's key.
    public static func job(_ jobID: Int64) -> String { String(jobID) }

    /// A version's key (also its details' and its log file list's).
    public static func version(jobID: Int64, versionID: Int64) -> String { "\(jobID)/\(versionID)" }

    /// A log file's key.
    public static func logFile(jobID: Int64, versionID: Int64, fileName: String) -> String { "\(jobID)/\(versionID)/\(fileName)" }

    /// A saved config's key.
    public static func config(type: String, name: String) -> String { "\(type)/\(name)" }

    /// The prefix every key of a job's versions starts with.
    public static func versionPrefix(jobID: Int64) -> String { "\(jobID)/" }

    /// The prefix every key of one config type starts with.
    public static func configPrefix(type: String) -> String { "\(type)/" }

    /// The (job, version) a version key names, or nil when `key` is not one.
    public static func versionParts(_ key: String) -> (jobID: Int64, versionID: Int64)? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let job = Int64(parts[0]), let version = Int64(parts[1]) else { return nil }
        return (job, version)
    }

    /// The (type, name) a config key names, or nil when `key` has no type.
    public static func configParts(_ key: String) -> (type: String, name: String)? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }

    // MARK: Lists

    /// The list key of a catalog list (job list page 1, resource specs, AI engines, algorithms, visualization
    /// jobs): the route's path without the `job/` group of the two job catalogs.
    public static func list(_ route: V1Route) -> String {
        switch route {
        case .resourceSpecs: "resource-specs"
        case .aiEngines: "ai-engines"
        default: route.template
        }
    }

    /// The list key of a job-list page (`training-jobs` for page 1).
    public static func jobListPage(_ page: Int) -> String { page == 1 ? list(.jobs) : "\(list(.jobs))@page=\(page)" }

    /// The list key of a job's version list.
    public static func versionList(jobID: Int64) -> String { "versions/\(jobID)" }

    /// The list key of one config type's list.
    public static func configList(type: String) -> String { "configs/\(type)" }

    /// The config type a config list key names, or nil when `listKey` is not a config list's.
    public static func configListType(_ listKey: String) -> String? {
        listKey.hasPrefix("configs/") ? String(listKey.dropFirst("configs/".count)) : nil
    }

    // MARK: v2

    /// A v2 job's key (its search item's and its details'): the job's UUID.
    public static func v2Job(_ id: String) -> String { id }

    /// The list key of a v2 job search page, by the request's `offset` and `limit` (the crawl's search: no
    /// filters, `sort_by` create_time, `order` asc).
    public static func v2JobSearch(offset: Int, limit: Int) -> String { "\(v2JobSearchPrefix)\(offset)&limit=\(limit)" }

    /// The start of every v2 job search list key.
    public static let v2JobSearchPrefix = "v2/training-job-searches@offset="

    /// A v2 job's event at `position` (0-based, oldest first): `UUID/000042`.
    public static func v2Event(jobID: String, position: Int) -> String {
        let digits = String(position)
        return "\(jobID)/" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The prefix of every key of a v2 job's events (and metrics): `UUID/`.
    public static func v2JobPrefix(_ jobID: String) -> String { "\(jobID)/" }

    /// A v2 task's metrics key: `UUID/TASK`.
    public static func v2Metrics(jobID: String, taskID: String) -> String { "\(jobID)/\(taskID)" }

    /// What gaps of a v2 task log name: `UUID/TASK` (the log itself is a `log_files` row, not an entity).
    public static func v2Log(jobID: String, taskID: String) -> String { "\(jobID)/\(taskID)" }

    /// The list key of a page of a v2 job's events, by the request's `offset` and `limit` (`order` asc).
    public static func v2Events(jobID: String, offset: Int, limit: Int) -> String { "\(v2EventsPrefix(jobID))offset=\(offset)&limit=\(limit)" }

    /// The start of every list key of a v2 job's events pages: `v2/events/UUID@`.
    public static func v2EventsPrefix(_ jobID: String) -> String { "v2/events/\(jobID)@" }

    /// Event keys of one job in position order (`…/000042` before `…/1000000`: shorter first, then as text).
    public static func sortedByPosition(_ keys: [String]) -> [String] {
        keys.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count < $1.utf8.count : $0 < $1 }
    }

    /// The list key of a v2 catalog answered whole: `v2/training-job-flavors`, `v2/training-job-engines`,
    /// `v2/pools` (the first page; later pages `v2/pools@continue=TOKEN`).
    public static func v2Catalog(_ endpoint: V2Endpoint, continue token: String? = nil) -> String {
        "v2/\(endpoint.path)" + (token.map { "@continue=\($0)" } ?? "")
    }

    /// The list key of a page of v2 algorithms, by the request's `offset` and `limit`.
    public static func v2Algorithms(offset: Int, limit: Int) -> String { "\(v2AlgorithmsPrefix)offset=\(offset)&limit=\(limit)" }

    /// The start of every list key of a v2 algorithms page.
    public static let v2AlgorithmsPrefix = "v2/algorithms@"
}
