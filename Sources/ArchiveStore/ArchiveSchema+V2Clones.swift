import Foundation
import GRDB

extension ArchiveSchema {
    /// `clone_records` as of format 4: `source_v2_job_id` added, and the check allowing it as the source.
    static let cloneRecordsV4 = """
        CREATE TABLE clone_records (
            id                INTEGER PRIMARY KEY,
            created_at        TEXT NOT NULL,
            kind              TEXT NOT NULL CHECK (kind IN ('version', 'job', 'v2-job', 'config-create', 'config-update')),
            source_job_id     INTEGER,
            source_version_id INTEGER,
            source_config     TEXT,
            source_v2_job_id  TEXT,
            source_capture_id INTEGER NOT NULL REFERENCES captures(id),
            source_sha256     TEXT NOT NULL,
            overrides         TEXT NOT NULL DEFAULT '[]',
            endpoint          TEXT NOT NULL,
            method            TEXT NOT NULL,
            path              TEXT NOT NULL,
            request_body      BLOB NOT NULL,
            http_status       INTEGER,
            response_body     BLOB,
            succeeded         INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
            result_job_id     TEXT,
            result_version_id TEXT,
            CHECK (source_config IS NOT NULL OR source_v2_job_id IS NOT NULL OR (source_job_id IS NOT NULL AND source_version_id IS NOT NULL))
        )
        """

    /// Registers "v2-clones" on `migrator` (after "v2-logs"; format 4): `clone_records` rebuilt with
    /// `source_v2_job_id`, the archived v2 job (a UUID) a clone came from, and its check widened to allow it
    /// as the source (ids kept).
    static func registerV2Clones(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-clones") { db in
            try db.execute(sql: cloneRecordsV4.replacingOccurrences(of: "CREATE TABLE clone_records (", with: "CREATE TABLE clone_records_v4 ("))
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
