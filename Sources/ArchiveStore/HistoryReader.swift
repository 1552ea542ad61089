import GRDB
import ModelArtsAPI

/// One entity that a capture added, changed, marked deleted or brought back.
public struct EntityChange: Sendable, Equatable, Codable {
    /// What happened to an entity in a capture.
    public enum Change: String, Sendable, Equatable, Codable {
        /// First stored.
        case added
        /// Stored with different bytes.
        case changed
        /// Marked gone upstream.
        case deleted
        /// Seen again after being marked gone.
        case restored
    }

    /// The entity kind (`version` also covers the details body, `config` the config list element).
    public var kind: String
    /// The entity key.
    public var key: String
    /// What happened.
    public var change: Change
    /// The capture that stored the previous revision.
    public var previousCapture: Int64?
    /// The job, for jobs, versions and their log-file lists.
    public var jobID: Int64?
    /// The version, for versions and their log-file lists.
    public var versionID: Int64?
    /// `job_name`, `version_name` or `config_name` when known.
    public var name: String?
    /// The status before (jobs and versions; nil when unknown or unchanged kinds).
    public var statusBefore: Int?
    /// The status after.
    public var statusAfter: Int?
    /// The v2 job (its UUID), for v2 jobs and their tasks, stages, events and metrics.
    public var v2JobID: String? = nil
    /// The phase before (v2 jobs; nil when unknown).
    public var phaseBefore: String? = nil
    /// The phase after (v2 jobs).
    public var phaseAfter: String? = nil

    /// Whether the status (a v1 job's or version's) or the phase (a v2 job's) differs before and after (the
    /// archive's record of a job event).
    public var statusChanged: Bool {
        change == .changed && ((statusBefore != statusAfter && statusAfter != nil) || (phaseBefore != phaseAfter && phaseAfter != nil))
    }
}

/// What one capture did.
public struct CaptureHistory: Sendable, Equatable, Codable {
    /// The capture.
    public var capture: CaptureInfo
    /// Entity changes, by kind and key.
    public var changes: [EntityChange]
    /// Counts per kind and change.
    public var counts: [String: [String: Int]]
    /// Log files first stored by this capture.
    public var logFilesAdded: Int
    /// Gaps the capture recorded.
    public var gaps: [CaptureGap]
}

/// Reads what each capture added, changed or marked deleted.
///
/// Reach it as ``Archive/history``.
public struct HistoryReader: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension HistoryReader {
    /// What each capture added, changed or marked deleted, oldest first; optionally for one v1 job, one v2 job
    /// (`v2JobID`: its search item and details, tasks, stages, events and metrics) or one capture.
    ///
    /// Status (v1) and phase (v2) changes across captures are the archive's record of job events.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func changes(jobID: Int64? = nil, v2JobID: String? = nil, capture onlyCapture: Int64? = nil) throws -> [CaptureHistory] {
        var args: [String: DatabaseValue] = [:]
        var conditions = ["r.kind != 'list'"]
        if let v2JobID {
            args["v2"] = v2JobID.databaseValue
            args["v2lo"] = (v2JobID + "/").databaseValue
            args["v2hi"] = (v2JobID + "0").databaseValue
            conditions.append(
                "((r.kind IN ('v2_job', 'v2_job_detail', 'v2_tasks', 'v2_stages') AND r.key = :v2) OR (r.kind IN ('v2_event', 'v2_metrics') AND r.key >= :v2lo AND r.key < :v2hi))")
        }
        if let jobID {
            args["job"] = String(jobID).databaseValue
            BrowseSQL.bindPrefix(jobID, into: &args)
            conditions.append(
                "((r.kind = 'job' AND r.key = :job) OR (r.kind IN ('version', 'version_detail', 'log_file_list') AND r.key >= :klo AND r.key < :khi))")
        }
        if let onlyCapture {
            args["only"] = onlyCapture.databaseValue
            conditions.append("r.capture_id = :only")
        }
        let captureList = try archive.captures.list().filter { onlyCapture == nil || $0.id == onlyCapture }
        let allGaps = try archive.captures.gaps()
        return try withReader { db in
            // An archive older than format 2, read as it is, has no v2 tables.
            let hasV2 = try db.tableExists("v2_jobs")
            let hasV2Logs = try LogStore.hasV2Logs(db)
            let sql = """
                SELECT r.kind, r.key, r.capture_id, r.deleted, p.capture_id AS prev_capture, p.deleted AS prev_deleted,
                  coalesce(j.status, v.status) AS status_after, coalesce(pj.status, pv.status) AS status_before,
                  \(hasV2 ? "w.phase AS phase_after, pw.phase AS phase_before, coalesce(w.name, pw.name)" : "NULL AS phase_after, NULL AS phase_before, NULL") AS v2_name,
                  coalesce(j.job_name, pj.job_name) AS job_name, coalesce(v.version_name, pv.version_name) AS version_name
                FROM revisions r
                LEFT JOIN revisions p ON p.id = (SELECT p2.id FROM revisions p2 WHERE p2.kind = r.kind AND p2.key = r.key
                                                 AND p2.capture_id < r.capture_id ORDER BY p2.capture_id DESC LIMIT 1)
                LEFT JOIN jobs j ON j.revision_id = r.id
                LEFT JOIN versions v ON v.revision_id = r.id
                LEFT JOIN jobs pj ON pj.revision_id = p.id
                LEFT JOIN versions pv ON pv.revision_id = p.id
                \(hasV2 ? "LEFT JOIN v2_jobs w ON w.revision_id = r.id LEFT JOIN v2_jobs pw ON pw.revision_id = p.id" : "")
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY r.capture_id, r.kind, r.key
                """
            var byCapture: [Int64: [EntityChange]] = [:]
            var seen: Set<String> = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next()?.stored("revisions") {
                let rawKind: String = try row["kind"]
                let kind: String
                switch rawKind {
                case "version_detail": kind = "version"
                case "config_summary": kind = "config"
                case "v2_job_detail": kind = "v2_job"
                default: kind = rawKind
                }
                let key: String = try row["key"]
                let capture: Int64 = try row["capture_id"]
                let deleted = try row.flag("deleted")
                let prevCapture: Int64? = try row["prev_capture"]
                let prevDeleted: Bool = try row["prev_deleted"] ?? false
                let change: EntityChange.Change =
                    deleted ? .deleted : (prevCapture == nil ? .added : (prevDeleted ? .restored : .changed))
                let dedupe = "\(capture)\u{1}\(kind)\u{1}\(key)"
                if seen.contains(dedupe) {
                    // The details body and the list element of one version (or v2 job) changed together: report
                    // once, keeping a status or phase change if either side saw one.
                    if let i = byCapture[capture]?.lastIndex(where: { $0.kind == kind && $0.key == key }), byCapture[capture]?[i].statusChanged == false {
                        if let after: Int = try row["status_after"], let before: Int = try row["status_before"], after != before {
                            byCapture[capture]?[i].statusBefore = before
                            byCapture[capture]?[i].statusAfter = after
                        }
                        if let after: String = try row["phase_after"], let before: String = try row["phase_before"], after != before {
                            byCapture[capture]?[i].phaseBefore = before
                            byCapture[capture]?[i].phaseAfter = after
                        }
                    }
                    continue
                }
                seen.insert(dedupe)
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                var jobID: Int64?
                var versionID: Int64?
                var name: String?
                switch kind {
                case "job":
                    jobID = Int64(key)
                    name = try row["job_name"]
                case "version", "log_file_list":
                    jobID = parts.first.flatMap { Int64($0) }
                    versionID = parts.count > 1 ? Int64(parts[1]) : nil
                    name = kind == "version" ? try row["version_name"] : nil
                case "config":
                    name = parts.last
                default:
                    break
                }
                let isV2Job = ["v2_job", "v2_tasks", "v2_stages", "v2_event", "v2_metrics"].contains(kind)
                if kind == "v2_job" { name = try row["v2_name"] }
                byCapture[capture, default: []].append(try EntityChange(
                    kind: kind, key: key, change: change, previousCapture: prevCapture, jobID: jobID,
                    versionID: versionID, name: name, statusBefore: row["status_before"], statusAfter: row["status_after"],
                    v2JobID: isV2Job ? parts.first : nil, phaseBefore: row["phase_before"], phaseAfter: row["phase_after"]))
            }
            var out: [CaptureHistory] = []
            for capture in captureList {
                let changes = byCapture[capture.id] ?? []
                var counts: [String: [String: Int]] = [:]
                for c in changes { counts[c.kind, default: [:]][c.change.rawValue, default: 0] += 1 }
                let logs: Int
                if let v2JobID {
                    logs = hasV2Logs ? try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM log_files WHERE first_capture_id = ? AND v2_job_id = ?",
                        arguments: [capture.id, v2JobID]) ?? 0 : 0
                } else if let jobID {
                    logs = try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM log_files WHERE first_capture_id = ? AND job_id = ?",
                        arguments: [capture.id, jobID]) ?? 0
                } else {
                    logs = try Int.fetchOne(db, sql: "SELECT count(*) FROM log_files WHERE first_capture_id = ?", arguments: [capture.id]) ?? 0
                }
                let gaps = allGaps.filter { gap in
                    guard gap.captureID == capture.id else { return false }
                    // A v2 job's gaps name it in their key (`UUID/worker-0`, `v2/events/UUID@…`).
                    if let v2JobID { return gap.key.contains(v2JobID) }
                    return jobID.map { gap.key == String($0) || gap.key.hasPrefix("\($0)/") } ?? true
                }
                out.append(CaptureHistory(capture: capture, changes: changes, counts: counts, logFilesAdded: logs, gaps: gaps))
            }
            return out
        }
    }
}
