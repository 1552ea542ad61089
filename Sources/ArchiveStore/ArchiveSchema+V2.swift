import GRDB

extension ArchiveSchema {
    /// The typed table of v2 training jobs (format 2): one row per revision of a search item (`v2_job`) or a
    /// details body (`v2_job_detail`), from `metadata`, `status`, `algorithm` (and its `engine`) and
    /// `spec.resource`.
    static let jobsV2 = """
        CREATE TABLE v2_jobs (
            revision_id     INTEGER PRIMARY KEY REFERENCES revisions(id),
            job_id          TEXT NOT NULL,
            kind            TEXT,
            name            TEXT,
            description     TEXT,
            create_time     INTEGER,
            user_name       TEXT,
            workspace_id    TEXT,
            phase           TEXT,
            secondary_phase TEXT,
            duration        INTEGER,
            start_time      INTEGER,
            task_count      INTEGER,
            algorithm_id    TEXT,
            algorithm_name  TEXT,
            code_dir        TEXT,
            boot_file       TEXT,
            command         TEXT,
            engine_id       TEXT,
            engine_name     TEXT,
            engine_version  TEXT,
            image_url       TEXT,
            flavor_id       TEXT,
            flavor_name     TEXT,
            node_count      INTEGER,
            pool_id         TEXT
        );
        CREATE INDEX v2_jobs_job ON v2_jobs(job_id);
        """

    /// Registers "v2-jobs" on `migrator` (after "v1-clones"): the v2 tables, then rows for any v2 revision an
    /// archive already holds (none before format 2; the rebuild keeps the migration correct either way).
    static func registerV2(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-jobs") { db in
            try db.execute(sql: jobsV2)
        }
    }
}
