import Foundation
import GRDB

extension ArchiveSchema {
    /// Registers "v2-clones" on `migrator` (after "v2-logs"; format 4): `clone_records` rebuilt with
    /// `source_v2_job_id`, the archived v2 job (a UUID) a clone came from, and its check widened to allow it
    /// as the source (ids kept).
    static func registerV2Clones(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-clones") { db in
            // The table part of the format-1 definition (its index is made again below, once the table is renamed).
            let table = clonesV1.components(separatedBy: "CREATE INDEX")[0]
            let v4 = table
                .replacingOccurrences(of: "CREATE TABLE clone_records (", with: "CREATE TABLE clone_records_v4 (")
                .replacingOccurrences(of: "source_config     TEXT,", with: "source_config     TEXT, source_v2_job_id TEXT,")
                .replacingOccurrences(
                    of: "CHECK (source_config IS NOT NULL OR (source_job_id IS NOT NULL AND source_version_id IS NOT NULL))",
                    with: "CHECK (source_config IS NOT NULL OR source_v2_job_id IS NOT NULL OR (source_job_id IS NOT NULL AND source_version_id IS NOT NULL))")
            guard v4.contains("source_v2_job_id TEXT,"), v4.contains("source_v2_job_id IS NOT NULL") else {
                throw ArchiveError(.corrupted, "internal: the clone_records migration does not match the format-1 schema")
            }
            try db.execute(sql: v4)
            try db.execute(
                sql: """
                    INSERT INTO clone_records_v4(id, created_at, kind, source_job_id, source_version_id, source_config, source_capture_id,
                        source_sha256, overrides, endpoint, method, path, request_body, http_status, response_body, succeeded,
                        result_job_id, result_version_id)
                    SELECT id, created_at, kind, source_job_id, source_version_id, source_config, source_capture_id,
                        source_sha256, overrides, endpoint, method, path, request_body, http_status, response_body, succeeded,
                        result_job_id, result_version_id FROM clone_records
                    """)
            try db.execute(sql: "DROP TABLE clone_records")
            try db.execute(sql: "ALTER TABLE clone_records_v4 RENAME TO clone_records")
            try db.execute(sql: "CREATE INDEX clone_records_source ON clone_records(source_job_id, source_version_id)")
            try db.execute(sql: "CREATE INDEX clone_records_source_v2 ON clone_records(source_v2_job_id)")
        }
    }
}
