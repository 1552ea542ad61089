import GRDB
import ModelArtsAPI

/// Reads the archived training jobs and their versions: lists, filters, resolving what a user typed, details and field-by-field comparison.
///
/// Reach it as ``Archive/jobs``.
public struct JobReader: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension JobReader {
    /// The jobs as of a capture (nil = latest), filtered and sorted in SQL.
    ///
    /// - Parameters:
    ///   - filter: job conditions, and version conditions a job matches when any of its versions does.
    ///   - sort: the order; ties break by job id.
    ///   - descending: reverse the order.
    ///   - limit: at most this many rows.
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func list(
        _ filter: JobFilter = JobFilter(), sort: JobSort = .id, descending: Bool = false, limit: Int? = nil,
        asOf capture: Int64? = nil
    ) throws -> [JobSummary] {
        var args: [String: DatabaseValue] = ["cap": (capture ?? Int64.max).databaseValue]
        var conditions: [String] = []
        switch filter.deleted {
        case .live: conditions.append("jcur.gone = 0")
        case .deleted: conditions.append("jcur.gone = 1")
        case .all: break
        }
        if let jobID = filter.jobID {
            args["jobkey"] = String(jobID).databaseValue
            BrowseSQL.bindPrefix(jobID, into: &args)
            conditions.append("jcur.key = :jobkey")
        }
        if !filter.statuses.isEmpty {
            conditions.append("j.status IN (\(filter.statuses.map(String.init).joined(separator: ", ")))")
        }
        if let name = filter.name {
            args["name"] = BrowseSQL.containsPattern(name).databaseValue
            conditions.append("j.job_name LIKE :name ESCAPE '\\'")
        }
        conditions += BrowseSQL.timeRange(column: "j.create_time", since: filter.since, until: filter.until, into: &args)
        if !filter.versions.isEmpty {
            let versionConditions = BrowseSQL.versionConditions(filter.versions, into: &args)
            conditions.append(
                "CAST(jcur.key AS INTEGER) IN (SELECT v.job_id FROM vcur JOIN versions v ON v.revision_id = vcur.live_id WHERE "
                    + versionConditions.joined(separator: " AND ") + ")")
        }
        let order: String
        switch sort {
        case .id: order = "CAST(jcur.key AS INTEGER)"
        case .name: order = "j.job_name COLLATE NOCASE"
        case .created: order = "j.create_time"
        case .status: order = "j.status"
        case .duration: order = "j.duration"
        case .versions: order = "j.version_count"
        }
        let direction = descending ? "DESC" : "ASC"
        // Per job: the archived version count, and the newest archived version's engine for a job whose latest
        // version is not archived (SQLite takes the bare columns from the row holding the max()).
        var sql = BrowseSQL.ctes(jobPrefix: filter.jobID) + """
            , pv AS (
              SELECT v.job_id, count(*) AS n, \(JobReader.engineSQL("v")) AS engine,
                max(coalesce(v.create_time, 0) * 1000000 + (v.version_id % 1000000)) AS newest
              FROM vcur JOIN versions v ON v.revision_id = vcur.live_id GROUP BY v.job_id)
            SELECT jcur.live_id AS revision_id, CAST(jcur.key AS INTEGER) AS job_id, jcur.gone AS deleted, jcur.first_capture, lr.capture_id AS revision_capture,
              j.job_name, j.version_id AS latest_version_id, j.status, j.create_time, j.duration, j.job_desc, j.version_count,
              coalesce(pv.n, 0) AS archived_versions,
              coalesce(
                (SELECT \(JobReader.engineSQL("v")) FROM revisions r JOIN versions v ON v.revision_id = r.id
                  WHERE r.kind IN ('version_detail', 'version') AND r.key = jcur.key || '/' || j.version_id
                    AND r.deleted = 0 AND r.capture_id <= :cap ORDER BY r.capture_id DESC LIMIT 1),
                pv.engine) AS engine
            FROM jcur JOIN revisions lr ON lr.id = jcur.live_id LEFT JOIN jobs j ON j.revision_id = jcur.live_id
              LEFT JOIN pv ON pv.job_id = CAST(jcur.key AS INTEGER)
            """
        if !conditions.isEmpty { sql += "\nWHERE " + conditions.joined(separator: " AND ") }
        sql += "\nORDER BY \(order) \(direction), CAST(jcur.key AS INTEGER) \(direction)"
        if let limit { sql += "\nLIMIT \(max(0, limit))" }
        return try withReader { db in
            try JobSummary.checkedRows(db, table: "jobs", sql: sql, arguments: StatementArguments(args)).map { job in
                var job = job
                job.statusName = JobStatus.shortName(job.status)
                return job
            }
        }
    }

    /// The versions of one job (or of every job when `jobID` is nil) as of a capture, oldest first.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func versions(jobID: Int64? = nil, filter: VersionFilter = VersionFilter(), asOf capture: Int64? = nil) throws
        -> [VersionSummary]
    {
        var args: [String: DatabaseValue] = ["cap": (capture ?? Int64.max).databaseValue]
        var conditions = BrowseSQL.versionConditions(filter, into: &args)
        if let jobID {
            BrowseSQL.bindPrefix(jobID, into: &args)
            args["job"] = jobID.databaseValue
            conditions.append("v.job_id = :job")
        }
        var sql = BrowseSQL.ctes(jobPrefix: jobID) + """
            SELECT vcur.live_id AS revision_id, coalesce(vcur.gone, 0) AS deleted, coalesce(vcur.live_capture, 0) AS revision_capture,
              v.job_id, v.version_id, v.version_name, v.pre_version_id, v.status,
              v.engine_name, v.engine_version, v.engine_id, v.spec_id, coalesce(v.spec_code, v.flavor_code) AS spec_code,
              v.worker_server_num AS workers, v.gpu_num, v.gpu_type, v.pool_id, v.pool_name, v.pool_type, v.dataset_name, v.data_url, v.create_time,
              v.start_time, v.duration,
              (SELECT count(*) FROM log_files lf WHERE lf.job_id = v.job_id AND lf.version_id = v.version_id) AS log_files
            FROM vcur JOIN versions v ON v.revision_id = vcur.live_id
            """
        if !conditions.isEmpty { sql += "\nWHERE " + conditions.joined(separator: " AND ") }
        sql += "\nORDER BY v.job_id, v.create_time, v.version_id"
        return try withReader { db in
            try VersionSummary.checkedRows(db, table: "versions", sql: sql, arguments: StatementArguments(args)).map { version in
                var version = version
                version.statusName = JobStatus.shortName(version.status)
                return version
            }
        }
    }

    /// Job ids and names as of a capture, live or deleted: a light list for resolving and labelling.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func jobNames(asOf capture: Int64? = nil) throws -> [(jobID: Int64, name: String?)] {
        try withReader { db in
            try Row.fetchAll(
                db,
                sql: "WITH jcur AS (\(BrowseSQL.current(.job))) SELECT jcur.key, j.job_name FROM jcur LEFT JOIN jobs j ON j.revision_id = jcur.live_id ORDER BY CAST(jcur.key AS INTEGER)",
                arguments: ["cap": capture ?? Int64.max]
            ).map { row in
                let row = row.stored("jobs")
                return (Int64(try row[0] as String) ?? 0, try row[1])
            }
        }
    }

    /// Version names as of a capture, keyed by job then version: a light list for labelling.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func versionNames(asOf capture: Int64? = nil) throws -> [Int64: [Int64: String]] {
        try withReader { db in
            var out: [Int64: [Int64: String]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: BrowseSQL.ctes(jobPrefix: nil) + "SELECT v.job_id, v.version_id, v.version_name FROM vcur JOIN versions v ON v.revision_id = vcur.live_id",
                arguments: ["cap": capture ?? Int64.max])
            while let row = try rows.next()?.stored("versions") {
                if let name: String = try row[2] { out[try row[0], default: [:]][try row[1]] = name }
            }
            return out
        }
    }

    /// SQL for a version row's engine as listings show it: `engine_name engine_version`, or whichever of the two
    /// there is (NULL when neither); `alias` names the `versions` row.
    static func engineSQL(_ alias: String) -> String {
        """
        CASE WHEN \(alias).engine_name IS NULL THEN \(alias).engine_version WHEN \(alias).engine_version IS NULL THEN \(alias).engine_name \
        ELSE \(alias).engine_name || ' ' || \(alias).engine_version END
        """
    }

    // MARK: - Resolving what the user typed

    /// Resolves a job given by id or exact name as of a capture; the error names the jobs that exist.
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when no job has that id or name, `.invalidArgument` when a name matches several jobs; `.damagedValue` or `.corrupted` when the file is damaged.
    public func resolveJob(_ text: String, asOf capture: Int64? = nil) throws -> Int64 {
        let all = try jobNames(asOf: capture).map { (jobID: $0.jobID, jobName: $0.name) }
        if let id = Int64(text) {
            if all.contains(where: { $0.jobID == id }) { return id }
            let hasVersions = try withReader { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM versions WHERE job_id = ?)", arguments: [id]) ?? false
            }
            if hasVersions { return id }
        } else {
            let named = all.filter { $0.jobName == text }
            if named.count == 1 { return named[0].jobID }
            if named.count > 1 {
                throw ArchiveError(
                    .invalidArgument,
                    "job name '\(text)' matches jobs \(named.map { String($0.jobID) }.joined(separator: ", ")); give the job id")
            }
        }
        let what = Int64(text) != nil ? "no job \(text)" : "no job named '\(text)'"
        throw ArchiveError(.noSuchItem, "\(what) in \(path)\(capture.map { " as of capture \($0)" } ?? ""); \(JobReader.listing("jobs", all.map { String($0.jobID) }, hint: "list them with: jobarchive jobs \(path)"))")
    }

    /// Resolves a version of a job given by id or name (`V0003`) as of a capture; nil `text` means the latest version.
    ///
    /// The error names the versions that exist: "no version 12 in job 10; versions: 1, 2, 5".
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the job has no such version (or no archived version); `.damagedValue` or `.corrupted` when the file is damaged.
    public func resolveVersion(jobID: Int64, _ text: String?, asOf capture: Int64? = nil) throws -> Int64 {
        let all = try versions(jobID: jobID, asOf: capture)
        guard let text else {
            var oneJob = JobFilter.everything
            oneJob.jobID = jobID
            if let latest = try list(oneJob, asOf: capture).first?.latestVersionID,
                all.contains(where: { $0.versionID == latest })
            {
                return latest
            }
            guard let last = all.max(by: { ($0.createTime ?? 0, $0.versionID) < ($1.createTime ?? 0, $1.versionID) }) else {
                throw ArchiveError(.noSuchItem, "job \(jobID) has no archived versions")
            }
            return last.versionID
        }
        if let id = Int64(text), all.contains(where: { $0.versionID == id }) { return id }
        if let byName = all.first(where: { $0.versionName?.lowercased() == text.lowercased() }) { return byName.versionID }
        let names = all.map { v in v.versionName.map { "\(v.versionID) (\($0))" } ?? String(v.versionID) }
        throw ArchiveError(.noSuchItem, "no version \(text) in job \(jobID); \(JobReader.listing("versions", names, hint: "list them with: jobarchive versions \(path) \(jobID)"))")
    }

    /// "jobs: 1, 2, 3" — the first 20 names, then a count and a hint.
    static func listing(_ noun: String, _ names: [String], hint: String) -> String {
        if names.isEmpty { return "the archive holds no \(noun)" }
        if names.count <= 20 { return "\(noun): " + names.joined(separator: ", ") }
        return "\(noun): " + names.prefix(20).joined(separator: ", ") + ", … (\(names.count) in all; \(hint))"
    }
}

extension JobFilter {
    /// Every job, live or deleted.
    static var everything: JobFilter {
        var filter = JobFilter()
        filter.deleted = .all
        return filter
    }
}
