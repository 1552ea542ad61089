import Foundation
import GRDB
import ModelArtsAPI

extension JobReader {
    /// Common table expressions `v2all` and `v2cur` (see ``BrowseSQL/merged(_:all:list:detail:keyRange:)``).
    static var v2CTEs: String {
        "WITH " + BrowseSQL.merged("v2cur", all: "v2all", list: .v2Job, detail: .v2JobDetail) + "\n"
    }

    /// The v2 training jobs as of a capture (nil = latest), filtered in SQL, oldest first (ties by id).
    ///
    /// An archive of format 1 (read without migrating) has none.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func v2Jobs(_ filter: V2JobFilter = V2JobFilter(), asOf capture: Int64? = nil) throws -> [V2JobSummary] {
        var args: [String: DatabaseValue] = ["cap": (capture ?? Int64.max).databaseValue]
        var conditions: [String] = []
        switch filter.deleted {
        case .live: conditions.append("v2cur.gone = 0")
        case .deleted: conditions.append("v2cur.gone = 1")
        case .all: break
        }
        if !filter.phases.isEmpty {
            var names: [String] = []
            for (i, phase) in filter.phases.enumerated() {
                args["phase\(i)"] = phase.lowercased().databaseValue
                names.append(":phase\(i)")
            }
            conditions.append("lower(j.phase) IN (\(names.joined(separator: ", ")))")
        }
        func contains(_ name: String, _ text: String?, columns: [String]) {
            guard let text else { return }
            args[name] = BrowseSQL.containsPattern(text).databaseValue
            conditions.append("(" + columns.map { "\($0) LIKE :\(name) ESCAPE '\\'" }.joined(separator: " OR ") + ")")
        }
        contains("name", filter.name, columns: ["j.name"])
        contains("engine", filter.engine, columns: ["j.engine_name", "j.engine_version", "j.engine_id", "j.image_url"])
        contains("pool", filter.pool, columns: ["j.pool_id"])
        contains("flavor", filter.flavor, columns: ["j.flavor_id", "j.flavor_name"])
        conditions += BrowseSQL.timeRange(column: "j.create_time", since: filter.since, until: filter.until, into: &args)
        return try withReader { db in
            guard try db.tableExists("v2_jobs") else { return [] }
            return try V2JobSummary.checkedRows(
                db, table: "v2_jobs",
                sql: JobReader.v2CTEs + """
                    SELECT v2cur.live_id AS revision_id, v2cur.key AS job_id, coalesce(v2cur.gone, 0) AS deleted,
                      v2cur.first_capture, v2cur.live_capture AS revision_capture, j.*
                    FROM v2cur LEFT JOIN v2_jobs j ON j.revision_id = v2cur.live_id
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                    ORDER BY j.create_time, v2cur.key
                    """,
                arguments: StatementArguments(args))
        }
    }

    /// The raw search items (`v2_job`) of the live v2 jobs as of a capture, oldest first: what a search of
    /// every job returns, item by item.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    package func v2SearchItems(asOf capture: Int64? = nil) throws -> [[UInt8]] {
        try withReader { db in
            guard try db.tableExists("v2_jobs") else { return [] }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH cur AS (\(BrowseSQL.current(.v2Job)))
                    SELECT r.id, r.raw FROM cur JOIN revisions r ON r.id = cur.live_id LEFT JOIN v2_jobs j ON j.revision_id = r.id
                    WHERE cur.gone = 0 ORDER BY j.create_time, cur.key
                    """,
                arguments: ["cap": capture ?? Int64.max])
            return try rows.map { row in
                let raw: [UInt8] = [UInt8](try row.stored("revisions")["raw"] as Data)
                return raw
            }
        }
    }

    /// Whether any v2 job search page was captured as of `capture`: whether the archive's service offered v2.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when the file is damaged.
    package func v2SearchCaptured(asOf capture: Int64? = nil) throws -> Bool {
        try archive.lists.anyCaptured(prefix: EntityKey.v2JobSearchPrefix, asOf: capture)
    }

    /// A v2 job's stored events as of a capture, raw, in position order (oldest first).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    package func v2EventBodies(jobID: String, asOf capture: Int64? = nil) throws -> [[UInt8]] {
        let keys = EntityKey.sortedByPosition(try archive.entities.liveKeys(kind: .v2Event, prefix: EntityKey.v2JobPrefix(jobID), asOf: capture))
        let revisions = try archive.entities.entities(kind: .v2Event, keys: keys, asOf: capture)
        return keys.compactMap { revisions[$0]?.raw }
    }

    /// The v2 job a user named: its UUID, or a name exactly one v2 job has; nil when none has it.
    ///
    /// - Throws: ``ArchiveError``: `.invalidArgument` when several v2 jobs have that name; `.damagedValue` or `.corrupted` when the file is damaged.
    public func resolveV2Job(_ text: String, asOf capture: Int64? = nil) throws -> V2JobSummary? {
        var filter = V2JobFilter()
        filter.deleted = .all
        let all = try v2Jobs(filter, asOf: capture)
        if let byID = all.first(where: { $0.jobID == text }) { return byID }
        let named = all.filter { $0.name == text }
        if named.count > 1 {
            throw ArchiveError(.invalidArgument, "v2 job name '\(text)' matches jobs \(named.map(\.jobID).joined(separator: ", ")); give the job id")
        }
        return named.first
    }

    /// The job `text` names: a v1 job (its id or exact name), else a v2 job (its UUID or exact name).
    ///
    /// - Throws: ``ArchiveError``: the v1 lookup's `.noSuchItem` (listing what exists) when neither generation has
    ///   it; `.invalidArgument` for a name several jobs share; `.damagedValue` or `.corrupted` when the file is damaged.
    public func resolveAnyJob(_ text: String, asOf capture: Int64? = nil) throws -> JobReference {
        do {
            return .v1(try resolveJob(text, asOf: capture))
        } catch let error as ArchiveError where error.code == .noSuchItem {
            guard let v2 = try resolveV2Job(text, asOf: capture) else { throw error }
            return .v2(v2)
        }
    }

    /// The captured metrics of each of `tasks` of v2 job `jobID` as of a capture, `-1` (no data) as nil; a task
    /// without a metrics body that parses is left out.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    func v2TaskMetrics(jobID: String, tasks: [String], asOf capture: Int64?) throws -> [V2TaskMetrics] {
        var metrics: [V2TaskMetrics] = []
        for task in tasks {
            guard let raw = try archive.entities.liveEntity(kind: .v2Metrics, key: EntityKey.v2Metrics(jobID: jobID, taskID: task), asOf: capture)?.raw,
                let body = try? RawJSON.parse(raw)  // try?: a metrics body that does not parse has no series to show
            else { continue }
            let series = (body["metrics"]?.array ?? []).map { m in
                V2MetricSeries(
                    metric: m["metric"]?.string ?? "?",
                    values: (m["value"]?.array ?? []).map { v in v.double.flatMap { $0 == -1 ? nil : $0 } })
            }
            metrics.append(V2TaskMetrics(task: task, series: series))
        }
        return metrics
    }

    /// A v2 job's captured JSON as of a capture: the details body, else the search item; the revision and its
    /// parsed JSON.
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the archive has no such v2 job then; `.corrupted` when its stored JSON does not parse; `.damagedValue` for a damaged row.
    public func v2JobBody(jobID: String, asOf capture: Int64? = nil) throws -> (revision: EntityRevision, json: JSONValue) {
        let key = EntityKey.v2Job(jobID)
        guard let revision = try archive.entities.liveEntity(kind: .v2JobDetail, key: key, asOf: capture)
            ?? archive.entities.liveEntity(kind: .v2Job, key: key, asOf: capture),
            let raw = revision.raw
        else {
            throw ArchiveError(.noSuchItem, "no v2 job \(jobID)\(capture.map { " as of capture \($0)" } ?? "")")
        }
        do {
            return (revision, try RawJSON.parse(raw))
        } catch {
            throw ArchiveError(.corrupted, "\(revision.kind.rawValue) \(revision.key) (revision \(revision.id)): \(error)")
        }
    }

    /// A v2 job's details as of a capture, from its details body (or its search item when no details were captured).
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when the archive has no such v2 job; `.corrupted` when its stored JSON does not parse; `.damagedValue` for a damaged row.
    public func v2JobDetail(_ job: V2JobSummary, asOf capture: Int64? = nil) throws -> V2JobDetail {
        let key = EntityKey.v2Job(job.jobID)
        let (revision, json) = try v2JobBody(jobID: job.jobID, asOf: capture)
        let algorithm = json["algorithm"]
        let parameters = (algorithm?["parameters"]?.array ?? []).map { p in
            V2Parameter(
                name: p["name"]?.string ?? "?", value: JobReader.fieldText(p["value"])?.text,
                sensitive: p["constraint"]?["sensitive"]?.bool ?? false)
        }
        let tasks = (json["status"]?["tasks"]?.array ?? []).compactMap(\.string)
        let events = try v2EventBodies(jobID: job.jobID, asOf: capture).compactMap { raw -> V2Event? in
            // try?: an event that does not parse is still stored; it is left out of the summary.
            guard let e = try? RawJSON.parse(raw) else { return nil }
            return V2Event(time: e["time"]?.string, level: e["level"]?.string, source: e["source"]?.string, message: e["message"]?.string)
        }
        let metrics = try v2TaskMetrics(jobID: job.jobID, tasks: tasks, asOf: capture)
        return V2JobDetail(
            job: job, description: json["metadata"]?["description"]?.string, codeDir: algorithm?["code_dir"]?.string,
            bootFile: algorithm?["boot_file"]?.string, command: algorithm?["command"]?.string,
            flavorName: json["spec"]?["resource"]?["flavor_name"]?.string, parameters: parameters,
            tasks: tasks, events: events, metrics: metrics,
            logs: try archive.logs.asOf(archive.logs.files(v2JobID: job.jobID), capture: capture), source: revision.kind.rawValue,
            revisions: try archive.entities.revisionInfos(kinds: [.v2Job, .v2JobDetail], key: key))
    }
}
