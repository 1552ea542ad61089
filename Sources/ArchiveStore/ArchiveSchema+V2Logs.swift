import Foundation
import GRDB

extension ArchiveSchema {
    /// `log_files` as of format 3: a v1 log is keyed by (`job_id`, `version_id`, `file_name`), a v2 log by
    /// (`v2_job_id`, `file_name` = task id, `run` = the task's scheduling run); the other key columns hold their
    /// defaults (`''` and `0` for a v1 log, `0` and `0` for a v2 log).
    static let logFilesV3 = """
        CREATE TABLE log_files (
            id                INTEGER PRIMARY KEY,
            job_id            INTEGER NOT NULL,
            version_id        INTEGER NOT NULL,
            v2_job_id         TEXT NOT NULL DEFAULT '',
            file_name         TEXT NOT NULL,
            run               INTEGER NOT NULL DEFAULT 0,
            line_count        INTEGER NOT NULL DEFAULT 0,
            byte_count        INTEGER NOT NULL DEFAULT 0,
            ends_with_newline INTEGER NOT NULL DEFAULT 1,
            sha256            TEXT NOT NULL,
            complete          INTEGER NOT NULL DEFAULT 0,
            first_capture_id  INTEGER NOT NULL REFERENCES captures(id),
            last_capture_id   INTEGER NOT NULL REFERENCES captures(id),
            UNIQUE (job_id, version_id, v2_job_id, file_name, run)
        )
        """

    /// Each log's extent as each capture left it: what `--at N` reads.
    static let logExtents = """
        CREATE TABLE log_extents (
            file_id    INTEGER NOT NULL REFERENCES log_files(id),
            capture_id INTEGER NOT NULL REFERENCES captures(id),
            line_count INTEGER NOT NULL,
            byte_count INTEGER NOT NULL,
            sha256     TEXT NOT NULL,
            complete   INTEGER NOT NULL,
            PRIMARY KEY (file_id, capture_id)
        ) WITHOUT ROWID
        """

    /// Registers "v2-logs" on `migrator` (after "v2-jobs"): `log_files` rebuilt with the v2 key columns (ids
    /// kept, so chunks, pages and index entries stay attached), and `log_extents` started with each log's
    /// extent at its last capture (earlier extents of an older archive are not known).
    static func registerV2Logs(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-logs") { db in
            // SQLite's way to change a table's constraints: a new table, the rows copied, the old one dropped, the
            // new one renamed (renaming the old one first would re-point the other tables' foreign keys at it).
            try db.execute(sql: logFilesV3.replacingOccurrences(of: "CREATE TABLE log_files (", with: "CREATE TABLE log_files_v3 ("))
            try db.execute(
                sql: """
                    INSERT INTO log_files_v3(id, job_id, version_id, file_name, line_count, byte_count, ends_with_newline, sha256,
                                          complete, first_capture_id, last_capture_id)
                    SELECT id, job_id, version_id, file_name, line_count, byte_count, ends_with_newline, sha256,
                           complete, first_capture_id, last_capture_id FROM log_files
                    """)
            try db.execute(sql: "DROP TABLE log_files")
            try db.execute(sql: "ALTER TABLE log_files_v3 RENAME TO log_files")
            try db.execute(sql: logExtents)
            try db.execute(
                sql: """
                    INSERT INTO log_extents(file_id, capture_id, line_count, byte_count, sha256, complete)
                    SELECT id, last_capture_id, line_count, byte_count, sha256, complete FROM log_files
                    """)
        }
    }
}
