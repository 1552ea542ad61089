import Foundation
import GRDB

/// Sizes and counts of an archive, for `jobarchive info`.
public struct ArchiveStatistics: Sendable, Equatable, Codable {
    /// `PRAGMA user_version`.
    public var formatVersion: Int
    /// The project the archive holds.
    public var projectID: String
    /// The tool version that created it.
    public var createdBy: String
    /// When it was created.
    public var createdAt: String
    /// Where it was captured from (no credentials).
    public var sourceEndpoint: String
    /// Captures recorded.
    public var captures: Int
    /// The newest capture's id and status.
    public var latestCapture: CaptureInfo?
    /// Live v1 jobs at the latest capture.
    public var jobs: Int
    /// Live v2 training jobs at the latest capture.
    public var v2Jobs: Int
    /// Live versions at the latest capture.
    public var versions: Int
    /// Jobs marked deleted upstream.
    public var deletedJobs: Int
    /// Live configs (custom and sample).
    public var configs: Int
    /// Entity revisions stored in all.
    public var revisions: Int
    /// Log files.
    public var logFiles: Int
    /// Log lines.
    public var logLines: Int
    /// Raw log bytes.
    public var logBytes: Int
    /// Compressed chunk bytes.
    public var storedLogBytes: Int
    /// Raw ÷ stored (0 when there are no logs).
    public var compressionRatio: Double
    /// Bytes of the full-text index.
    public var indexBytes: Int
    /// Captured API pages.
    public var capturedPages: Int
    /// Gaps recorded across captures.
    public var gaps: Int
    /// The archive file's size on disk.
    public var fileBytes: Int
}

extension Archive {
    /// Counts and sizes of the archive.
    public func statistics() throws -> ArchiveStatistics {
        let meta = try metadata()
        let caps = try captures.list()
        let jobs = try entities.liveKeys(kind: .job).count
        let v2Jobs = try entities.liveKeys(kind: .v2Job).count
        let versions = try entities.liveKeys(kind: .version).count
        let configs = try entities.liveKeys(kind: .config).count
        return try withReader { db in
            let logs = try Row.fetchOne(db, sql: "SELECT count(*) AS n, coalesce(sum(line_count), 0) AS lines, coalesce(sum(byte_count), 0) AS bytes FROM log_files")?.stored("log_files")
            let stored = try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(data)), 0) FROM log_chunks") ?? 0
            let index = try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(block)), 0) FROM log_fts_data") ?? 0
            let pages = try Int.fetchOne(db, sql: "SELECT count(*) FROM log_pages") ?? 0
            let gaps = try Int.fetchOne(db, sql: "SELECT count(*) FROM capture_gaps") ?? 0
            let revisions = try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions") ?? 0
            let deletedJobs = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM revisions r WHERE r.kind = 'job' AND r.deleted = 1
                      AND r.capture_id = (SELECT max(capture_id) FROM revisions r2 WHERE r2.kind = 'job' AND r2.key = r.key)
                    """) ?? 0
            let rawBytes: Int = try logs?.count("bytes") ?? 0
            // try?: the file size is informational (info); 0 when the file cannot be stat-ed
            let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return ArchiveStatistics(
                formatVersion: Int(meta["format_version"] ?? "") ?? 0, projectID: meta["project_id"] ?? "",
                createdBy: meta["tool_version"] ?? "", createdAt: meta["created_at"] ?? "",
                sourceEndpoint: meta["source_endpoint"] ?? "", captures: caps.count, latestCapture: caps.last,
                jobs: jobs, v2Jobs: v2Jobs, versions: versions, deletedJobs: deletedJobs, configs: configs, revisions: revisions,
                logFiles: try logs?.count("n") ?? 0, logLines: try logs?.count("lines") ?? 0, logBytes: rawBytes, storedLogBytes: stored,
                compressionRatio: stored > 0 ? Double(rawBytes) / Double(stored) : 0, indexBytes: index,
                capturedPages: pages, gaps: gaps, fileBytes: fileSize)
        }
    }
}
