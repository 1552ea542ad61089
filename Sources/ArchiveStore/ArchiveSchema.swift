import GRDB

/// The archive's schema: named, ordered migrations and the format constants.
///
/// `archives/FORMAT.md` documents every table and column defined here; keep them in step.
public enum ArchiveSchema {
    /// `PRAGMA application_id` of every jobarchive archive ("JOBA" in ASCII).
    public static let applicationID: Int32 = 0x4A4F_4241
    /// `PRAGMA user_version`: the archive format version this build writes and reads.
    ///
    /// 1: v1 training jobs. 2: adds the v2 training API's tables (`v2_jobs`); a format-1 archive is migrated
    /// when it is opened for writing and read as it is otherwise (its v2 tables are then empty). 3: v2 task logs
    /// in `log_files` (`v2_job_id`, `run`) and each log's extent per capture (`log_extents`); an older archive
    /// is migrated on a writing open, and read as it is otherwise. 4: clone records of v2 jobs
    /// (`clone_records.source_v2_job_id`).
    public static let formatVersion: Int32 = 4
    /// The FTS5 table definition (contentless, detail=none; see FORMAT.md for why).
    static let ftsDefinition = """
        CREATE VIRTUAL TABLE log_fts USING fts5(
            line, content='', detail=none, columnsize=0,
            tokenize="unicode61 remove_diacritics 0 tokenchars '_'")
        """

    /// The migrator that brings an empty database to the current format.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.execute(sql: coreV1)
        }
        migrator.registerMigration("v1-typed") { db in
            try db.execute(sql: typedV1)
        }
        migrator.registerMigration("v1-logs") { db in
            try db.execute(sql: logsV1)
            try db.execute(sql: ftsDefinition)
        }
        migrator.registerMigration("v1-current-index") { db in
            // "As of capture N" reads (kind, key, capture_id, deleted) for many keys: a covering index keeps
            // those reads off the rows that hold the raw JSON.
            try db.execute(sql: "CREATE INDEX revisions_current ON revisions(kind, key, capture_id, deleted)")
        }
        registerClones(&migrator)
        registerV2(&migrator)
        registerV2Logs(&migrator)
        registerV2Clones(&migrator)
        return migrator
    }

    static let coreV1 = """
        CREATE TABLE archive_meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE captures (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            source      TEXT NOT NULL,
            options     TEXT NOT NULL DEFAULT '{}',
            status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'complete', 'partial')),
            counts      TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE capture_gaps (
            id          INTEGER PRIMARY KEY,
            capture_id  INTEGER NOT NULL REFERENCES captures(id),
            kind        TEXT NOT NULL,
            key         TEXT NOT NULL,
            http_status INTEGER,
            error_code  TEXT,
            message     TEXT NOT NULL
        );
        CREATE INDEX capture_gaps_capture ON capture_gaps(capture_id);
        CREATE TABLE revisions (
            id         INTEGER PRIMARY KEY,
            kind       TEXT NOT NULL,
            key        TEXT NOT NULL,
            capture_id INTEGER NOT NULL REFERENCES captures(id),
            deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            raw        BLOB,
            sha256     TEXT,
            CHECK ((deleted = 1 AND raw IS NULL) OR (deleted = 0 AND raw IS NOT NULL AND sha256 IS NOT NULL)),
            UNIQUE (kind, key, capture_id)
        );
        CREATE INDEX revisions_capture ON revisions(capture_id);
        CREATE TABLE list_templates (
            revision_id  INTEGER PRIMARY KEY REFERENCES revisions(id),
            items_key    TEXT NOT NULL,
            items_offset INTEGER NOT NULL,
            item_kind    TEXT NOT NULL,
            separators   TEXT NOT NULL,
            item_keys    TEXT NOT NULL
        );
        """

    static let typedV1 = """
        CREATE TABLE jobs (
            revision_id   INTEGER PRIMARY KEY REFERENCES revisions(id),
            job_id        INTEGER NOT NULL,
            job_name      TEXT,
            version_id    INTEGER,
            status        INTEGER,
            create_time   INTEGER,
            duration      INTEGER,
            job_desc      TEXT,
            version_count INTEGER
        );
        CREATE INDEX jobs_job ON jobs(job_id);
        CREATE TABLE versions (
            revision_id       INTEGER PRIMARY KEY REFERENCES revisions(id),
            job_id            INTEGER NOT NULL,
            version_id        INTEGER NOT NULL,
            version_name      TEXT,
            pre_version_id    INTEGER,
            status            INTEGER,
            engine_type       INTEGER,
            engine_name       TEXT,
            engine_id         INTEGER,
            engine_version    TEXT,
            spec_id           INTEGER,
            spec_code         TEXT,
            flavor_code       TEXT,
            core              TEXT,
            cpu               TEXT,
            gpu_num           INTEGER,
            gpu_type          TEXT,
            worker_server_num INTEGER,
            pool_id           TEXT,
            pool_name         TEXT,
            pool_type         TEXT,
            dataset_id        TEXT,
            dataset_version_id TEXT,
            dataset_name      TEXT,
            data_url          TEXT,
            train_url         TEXT,
            log_url           TEXT,
            app_url           TEXT,
            boot_file_url     TEXT,
            model_id          INTEGER,
            user_image_url    TEXT,
            user_command      TEXT,
            create_time       INTEGER,
            start_time        INTEGER,
            duration          INTEGER,
            metric_interval   INTEGER
        );
        CREATE INDEX versions_job ON versions(job_id, version_id);
        CREATE TABLE parameters (
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            position    INTEGER NOT NULL,
            label       TEXT NOT NULL,
            value_json  TEXT NOT NULL,
            value_text  TEXT,
            redacted    INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (revision_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX parameters_label ON parameters(label, value_text);
        CREATE TABLE data_sources (
            revision_id     INTEGER NOT NULL REFERENCES revisions(id),
            position        INTEGER NOT NULL,
            type            TEXT,
            dataset_id      TEXT,
            dataset_version TEXT,
            data_url        TEXT,
            PRIMARY KEY (revision_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE volumes (
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            position    INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            volume_id   TEXT,
            src_path    TEXT,
            dest_path   TEXT,
            read_only   INTEGER,
            PRIMARY KEY (revision_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE model_metrics (
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            position    INTEGER NOT NULL,
            class_id    TEXT,
            class_name  TEXT,
            metric      TEXT NOT NULL,
            value_json  TEXT NOT NULL,
            value       REAL,
            PRIMARY KEY (revision_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE system_metrics (
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            series      TEXT NOT NULL,
            position    INTEGER NOT NULL,
            value       REAL,
            PRIMARY KEY (revision_id, series, position)
        ) WITHOUT ROWID;
        CREATE TABLE configs (
            revision_id       INTEGER PRIMARY KEY REFERENCES revisions(id),
            config_type       TEXT NOT NULL,
            config_name       TEXT NOT NULL,
            config_desc       TEXT,
            create_time       INTEGER,
            engine_type       INTEGER,
            engine_name       TEXT,
            engine_id         INTEGER,
            engine_version    TEXT,
            spec_id           INTEGER,
            spec_code         TEXT,
            worker_server_num INTEGER,
            app_url           TEXT,
            boot_file_url     TEXT,
            data_url          TEXT,
            train_url         TEXT,
            log_url           TEXT,
            model_id          INTEGER,
            user_image_url    TEXT,
            user_command      TEXT,
            pool_id           TEXT,
            pool_name         TEXT
        );
        CREATE TABLE resource_specs (
            revision_id    INTEGER PRIMARY KEY REFERENCES revisions(id),
            spec_id        INTEGER NOT NULL,
            spec_code      TEXT,
            core           TEXT,
            cpu            TEXT,
            gpu_num        INTEGER,
            gpu_type       TEXT,
            max_num        INTEGER,
            unit_num       INTEGER,
            storage        TEXT,
            interface_type INTEGER,
            no_resource    INTEGER
        );
        CREATE TABLE ai_engines (
            revision_id    INTEGER PRIMARY KEY REFERENCES revisions(id),
            engine_id      INTEGER NOT NULL,
            engine_type    INTEGER,
            engine_name    TEXT,
            engine_version TEXT
        );
        CREATE TABLE algorithms (
            revision_id     INTEGER PRIMARY KEY REFERENCES revisions(id),
            model_id        INTEGER NOT NULL,
            model_name      TEXT,
            model_usage     INTEGER,
            model_precision TEXT,
            model_size      INTEGER,
            engine_id       INTEGER,
            engine_name     TEXT,
            engine_version  TEXT,
            create_time     INTEGER
        );
        CREATE TABLE visualization_jobs (
            revision_id INTEGER PRIMARY KEY REFERENCES revisions(id),
            job_id      TEXT NOT NULL,
            job_name    TEXT,
            status      INTEGER,
            create_time INTEGER,
            duration    INTEGER,
            job_desc    TEXT,
            service_url TEXT,
            train_url   TEXT,
            resource_id TEXT
        );
        """

    static let logsV1 = """
        CREATE TABLE log_files (
            id                INTEGER PRIMARY KEY,
            job_id            INTEGER NOT NULL,
            version_id        INTEGER NOT NULL,
            file_name         TEXT NOT NULL,
            line_count        INTEGER NOT NULL DEFAULT 0,
            byte_count        INTEGER NOT NULL DEFAULT 0,
            ends_with_newline INTEGER NOT NULL DEFAULT 1,
            sha256            TEXT NOT NULL,
            complete          INTEGER NOT NULL DEFAULT 0,
            first_capture_id  INTEGER NOT NULL REFERENCES captures(id),
            last_capture_id   INTEGER NOT NULL REFERENCES captures(id),
            UNIQUE (job_id, version_id, file_name)
        );
        CREATE TABLE log_chunks (
            id         INTEGER PRIMARY KEY,
            file_id    INTEGER NOT NULL REFERENCES log_files(id),
            first_line INTEGER NOT NULL,
            line_count INTEGER NOT NULL,
            raw_length INTEGER NOT NULL,
            crc32      INTEGER NOT NULL,
            data       BLOB NOT NULL,
            UNIQUE (file_id, first_line)
        );
        CREATE TABLE log_pages (
            id              INTEGER PRIMARY KEY,
            file_id         INTEGER NOT NULL REFERENCES log_files(id),
            capture_id      INTEGER NOT NULL REFERENCES captures(id),
            base_line       TEXT,
            page_order      TEXT,
            lines_requested INTEGER,
            start_line      TEXT,
            end_line        TEXT,
            first_line      INTEGER NOT NULL,
            line_count      INTEGER NOT NULL,
            style           TEXT NOT NULL CHECK (style IN ('concat', 'joined')),
            envelope        BLOB NOT NULL,
            content_offset  INTEGER NOT NULL,
            content_literal BLOB,
            content_sha256  TEXT NOT NULL,
            body_sha256     TEXT NOT NULL
        );
        CREATE INDEX log_pages_file ON log_pages(file_id, first_line);
        CREATE INDEX log_pages_cursor ON log_pages(file_id, start_line);
        """
}
