import Foundation
import GRDB
import ModelArtsAPI

extension JobReader {
    /// Common table expressions `v2all` and `v2cur` (see ``BrowseSQL/merged(_:all:list:detail:keyRange:)``).
    static var v2CTEs: String {
        "WITH " + BrowseSQL.merged("v2cur", all: "v2all", list: .v2Job, detail: .v2JobDetail) + "\n"
    }

    /// The v2 training jobs as of a capture (nil = latest), oldest first; gone ones only with `includeDeleted`.
    ///
    /// An archive of format 1 (read without migrating) has none.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func v2Jobs(includeDeleted: Bool = false, asOf capture: Int64? = nil) throws -> [V2JobSummary] {
        try withReader { db in
            guard try db.tableExists("v2_jobs") else { return [] }
            return try V2JobSummary.checkedRows(
                db, table: "v2_jobs",
                sql: JobReader.v2CTEs + """
                    SELECT v2cur.live_id AS revision_id, v2cur.key AS job_id, coalesce(v2cur.gone, 0) AS deleted,
                      v2cur.first_capture, v2cur.live_capture AS revision_capture, j.*
                    FROM v2cur LEFT JOIN v2_jobs j ON j.revision_id = v2cur.live_id
                    \(includeDeleted ? "" : "WHERE v2cur.gone = 0")
                    ORDER BY j.create_time, v2cur.key
                    """,
                arguments: ["cap": capture ?? Int64.max])
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
        try withReader { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM revisions WHERE kind = 'list' AND key >= ? AND key < ? AND capture_id <= ?)",
                arguments: [EntityKey.v2JobSearchPrefix, EntityKey.v2JobSearchPrefix + "\u{10FFFF}", capture ?? Int64.max]) ?? false
        }
    }
}
