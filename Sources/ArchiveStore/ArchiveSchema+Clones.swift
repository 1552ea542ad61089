import GRDB

extension ArchiveSchema {
    /// Migration "v1-clones": the `clone_records` table (lineage of requests built from the archive and sent).
    static let clonesV1 = """
        CREATE TABLE clone_records (
            id                INTEGER PRIMARY KEY,
            created_at        TEXT NOT NULL,
            kind              TEXT NOT NULL CHECK (kind IN ('version', 'job', 'v2-job', 'config-create', 'config-update')),
            source_job_id     INTEGER,
            source_version_id INTEGER,
            source_config     TEXT,
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
            CHECK (source_config IS NOT NULL OR (source_job_id IS NOT NULL AND source_version_id IS NOT NULL))
        );
        CREATE INDEX clone_records_source ON clone_records(source_job_id, source_version_id);
        """

    /// Registers "v1-clones" on `migrator` (after "v1-logs").
    static func registerClones(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-clones") { db in
            try db.execute(sql: clonesV1)
        }
    }
}
