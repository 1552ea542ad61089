import Foundation
import GRDB

/// One stored chunk of a log, inflated: whole lines `firstLine ..< firstLine + lineCount`.
package struct LogChunk: Sendable, Equatable {
    /// The 0-based number of the chunk's first line.
    package var firstLine: Int
    /// How many lines the chunk holds.
    package var lineCount: Int
    /// The chunk's raw bytes.
    package var bytes: [UInt8]

    /// The end offset (after its `\n`) of each line in `bytes`; a last line without `\n` ends at the end.
    package func lineEnds() -> [Int] {
        bytes.withUnsafeBytes { LogText.lineEnds($0) }
    }
}

/// The archive's training logs: byte-exact files stored as zlib chunks of whole lines, indexed for search.
///
/// Reach it as ``Archive/logs``; writing (in `LogStore+Ingest.swift`) is for the snapshot and sample writers.
public struct LogStore: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension LogStore {
    /// The log file with this id.
    ///
    /// - Throws: ``ArchiveError``: `.noSuchItem` when there is no log file `id`; `.damagedValue` or `.corrupted` when the file is damaged.
    public func file(id: Int64) throws -> LogFileInfo {
        let info = try withReader { db in
            try Row.fetchOne(db, sql: "SELECT * FROM log_files WHERE id = ?", arguments: [id]).map(LogStore.logFileInfo(from:))
        }
        guard let info else { throw ArchiveError(.noSuchItem, "no log file with id \(id)") }
        return info
    }

    /// The log file of a version with this name, or nil.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func file(jobID: Int64, versionID: Int64, fileName: String) throws -> LogFileInfo? {
        try file(.v1(jobID: jobID, versionID: versionID, fileName: fileName))
    }

    /// The log file of `owner`, or nil.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func file(_ owner: LogOwner) throws -> LogFileInfo? {
        try withReader { db in
            let key = owner.columns
            switch owner {
            case .v1:
                // Without the v2 columns: a format-1 or -2 archive read as it is has none.
                return try Row.fetchOne(
                    db, sql: "SELECT * FROM log_files WHERE job_id = ? AND version_id = ? AND file_name = ?",
                    arguments: [key.jobID, key.versionID, key.fileName]
                ).map(LogStore.logFileInfo(from:))
            case .v2:
                guard try LogStore.hasV2Logs(db) else { return nil }
                return try Row.fetchOne(
                    db, sql: "SELECT * FROM log_files WHERE job_id = 0 AND version_id = 0 AND v2_job_id = ? AND file_name = ? AND run = ?",
                    arguments: [key.v2JobID, key.fileName, key.run]
                ).map(LogStore.logFileInfo(from:))
            }
        }
    }

    /// Every v1 log file, optionally of one job or one version, ordered by job, version and name (v2 task logs:
    /// ``files(v2JobID:)``).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func files(jobID: Int64? = nil, versionID: Int64? = nil) throws -> [LogFileInfo] {
        try withReader { db in
            var sql = try LogStore.hasV2Logs(db) ? "SELECT * FROM log_files WHERE v2_job_id = ''" : "SELECT * FROM log_files WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let jobID { sql += " AND job_id = ?"; args.append(jobID) }
            if let versionID { sql += " AND version_id = ?"; args.append(versionID) }
            sql += " ORDER BY job_id, version_id, file_name"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(LogStore.logFileInfo(from:))
        }
    }

    /// The task logs of a v2 job, by task and scheduling run.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func files(v2JobID: String) throws -> [LogFileInfo] {
        try withReader { db in
            guard try LogStore.hasV2Logs(db) else { return [] }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM log_files WHERE job_id = 0 AND version_id = 0 AND v2_job_id = ? ORDER BY file_name, run",
                arguments: [v2JobID]
            ).map(LogStore.logFileInfo(from:))
        }
    }

    /// Every log file, v1 and v2, in id order (the order search reports them in).
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func allFiles() throws -> [LogFileInfo] {
        try withReader { db in
            try Row.fetchAll(db, sql: "SELECT * FROM log_files ORDER BY id").map(LogStore.logFileInfo(from:))
        }
    }

    /// `files` as capture `capture` left them (see ``asOf(_:capture:)``), leaving out those first stored after
    /// it; `files` unchanged when `capture` is nil.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func asOf(_ files: [LogFileInfo], capture: Int64?) throws -> [LogFileInfo] {
        guard let capture else { return files }
        return try withReader { db in try files.compactMap { try LogStore.asOf(db, $0, capture: capture) } }
    }

    /// `info` as capture `capture` left it (its lines, bytes, hash and completeness then), or nil when the log was
    /// first stored after that capture.
    ///
    /// A log's extent is recorded by every capture that writes or confirms it (format 3); before its first
    /// recorded extent (an archive made by an older format), the log reads as stored.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged.
    public func asOf(_ info: LogFileInfo, capture: Int64) throws -> LogFileInfo? {
        try withReader { db in try LogStore.asOf(db, info, capture: capture) }
    }

    static func asOf(_ db: Database, _ info: LogFileInfo, capture: Int64) throws -> LogFileInfo? {
        guard info.firstCaptureID <= capture else { return nil }
        guard capture < info.lastCaptureID, try hasV2Logs(db) else { return info }
        let statement = try db.cachedStatement(
            sql: """
                SELECT capture_id, line_count, byte_count, sha256, complete FROM log_extents
                WHERE file_id = ? AND capture_id <= ? ORDER BY capture_id DESC LIMIT 1
                """)
        guard let row = try Row.fetchOne(statement, arguments: [info.id, capture])?.stored("log_extents") else { return info }
        var then = info
        then.lineCount = try row.count("line_count")
        then.byteCount = try row.count("byte_count")
        then.sha256 = try row["sha256"]
        then.complete = try row.flag("complete")
        then.lastCaptureID = try row["capture_id"]
        if then.byteCount != info.byteCount {
            // Whether the log ended with a newline then: the last line as it was.
            then.endsWithNewline = try lastLineThen(db, then).map { $0.last == 0x0A } ?? true
        }
        return then
    }

    /// The last line of `info` when it differs from the stored last line: a view from ``asOf(_:capture:)`` whose
    /// final line was unfinished then and continued since, cut where it ended. Nil when the stored line is the
    /// line then (or the log is empty).
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` when a chunk fails its checks, `.damagedValue` for a damaged row.
    public func lastLineThen(_ info: LogFileInfo) throws -> [UInt8]? {
        try withReader { db in try LogStore.lastLineThen(db, info) }
    }

    static func lastLineThen(_ db: Database, _ info: LogFileInfo) throws -> [UInt8]? {
        guard info.lineCount > 0 else { return nil }
        let stored = try Row.fetchOne(db, sql: "SELECT byte_count FROM log_files WHERE id = ?", arguments: [info.id])?.stored("log_files")
        guard let stored, try stored.count("byte_count") != info.byteCount else { return nil }
        var text: [UInt8] = []
        try stream(db, fileID: info.id, lines: (info.lineCount - 1)..<info.lineCount, endByte: info.byteCount) { text.append(contentsOf: $0) }
        // A finished line is never changed by an append: only an unfinished one differs from the stored line.
        return text.last == 0x0A ? nil : text
    }

    /// Whether the archive has format 3's v2 log columns and extents (an older archive read as it is has not).
    static func hasV2Logs(_ db: Database) throws -> Bool {
        try db.tableExists("log_extents")
    }

    static func logFileInfo(from row: Row) throws -> LogFileInfo {
        let row = row.stored("log_files")
        // Absent before format 3, '' for a v1 log.
        let v2Job: String? = try row["v2_job_id"]
        let v2JobID = v2Job?.isEmpty == false ? v2Job : nil
        return try LogFileInfo(
            id: row["id"], jobID: row["job_id"], versionID: row["version_id"], fileName: row["file_name"],
            v2JobID: v2JobID, run: v2JobID == nil ? nil : row.count("run"),
            lineCount: row.count("line_count"), byteCount: row.count("byte_count"), endsWithNewline: row.flag("ends_with_newline"),
            sha256: row["sha256"], complete: row.flag("complete"), firstCaptureID: row["first_capture_id"],
            lastCaptureID: row["last_capture_id"])
    }

    /// Streams the bytes of `lines` (default: all) of a log to `sink`, one piece per chunk, without holding the log in memory.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` (or `.compression`) when a chunk fails its checks or the file is damaged, `.damagedValue` for a damaged row; errors `sink` throws pass through.
    public func stream(fileID: Int64, lines: Range<Int>? = nil, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withReader { db in try LogStore.stream(db, fileID: fileID, lines: lines, endByte: nil, sink) }
    }

    /// Streams the bytes of `lines` (default: all) of the log as `info` describes it — a view from
    /// ``asOf(_:capture:)`` gets the lines and bytes of its capture, a final line that was unfinished then cut
    /// where it ended.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` (or `.compression`) when a chunk fails its checks or the file is damaged, `.damagedValue` for a damaged row; errors `sink` throws pass through.
    public func stream(_ info: LogFileInfo, lines: Range<Int>? = nil, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let range = (lines ?? 0..<info.lineCount).clamped(to: 0..<info.lineCount)
        try withReader { db in try LogStore.stream(db, fileID: info.id, lines: range, endByte: info.byteCount, sink) }
    }

    /// Streams lines `lines` of log `fileID`; with `endByte`, nothing at or past that byte of the file.
    static func stream(
        _ db: Database, fileID: Int64, lines: Range<Int>?, endByte limit: Int?, _ sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let lower = lines?.lowerBound ?? 0
        let upper = lines?.upperBound ?? Int.max
        guard lower < upper else { return }
        let startChunk = try Int.fetchOne(
            db, sql: "SELECT max(first_line) FROM log_chunks WHERE file_id = ? AND first_line <= ?",
            arguments: [fileID, lower]) ?? 0
        // The file offset of the first chunk read, for the byte limit.
        var offset = 0
        if limit != nil {
            offset = try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(raw_length), 0) FROM log_chunks WHERE file_id = ? AND first_line < ?",
                arguments: [fileID, startChunk]) ?? 0
        }
        let cursor = try Row.fetchCursor(
            db,
            sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? AND first_line >= ? AND first_line < ? ORDER BY first_line",
            arguments: [fileID, startChunk, upper])
        while let row = try cursor.next() {
            let stored = row.stored("log_chunks")
            let first = try stored.count("first_line")
            let count = try stored.count("line_count")
            let raw = try LogStore.inflate(row: row, fileID: fileID)
            let chunkOffset = offset
            offset += raw.count
            var startByte = 0
            var endByte = raw.count
            if first < lower || first + count > upper {
                let ends = raw.withUnsafeBytes { LogText.lineEnds($0) }
                let from = max(lower - first, 0)
                let to = min(upper - first, ends.count)
                guard from < to else { continue }
                startByte = from == 0 ? 0 : ends[from - 1]
                endByte = ends[to - 1]
            }
            if let limit { endByte = min(endByte, max(limit - chunkOffset, 0)) }
            guard startByte < endByte else {
                if let limit, offset >= limit { return }
                continue
            }
            try raw.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[startByte..<endByte])) }
        }
    }

    /// The lines `range` of a log, each with its own terminator.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` (or `.compression`) when a chunk fails its checks or the file is damaged, `.damagedValue` for a damaged row.
    public func readLines(fileID: Int64, range: Range<Int>) throws -> [[UInt8]] {
        try readLines(range: range) { try stream(fileID: fileID, lines: range, $0) }
    }

    /// The lines `range` of the log as `info` describes it (see ``stream(_:lines:_:)``), each with its own terminator.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` (or `.compression`) when a chunk fails its checks or the file is damaged, `.damagedValue` for a damaged row.
    public func readLines(_ info: LogFileInfo, range: Range<Int>) throws -> [[UInt8]] {
        try readLines(range: range) { try stream(info, lines: range, $0) }
    }

    private func readLines(range: Range<Int>, _ streamer: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(range.count)
        try streamer { piece in
            var start = 0
            for end in LogText.lineEnds(piece) {
                out.append(Array(piece[start..<end]))
                start = end
            }
        }
        return out
    }

    /// A whole log's bytes.
    ///
    /// - Throws: ``ArchiveError``: `.corrupted` (or `.compression`) when a chunk fails its checks or the file is damaged, `.damagedValue` for a damaged row.
    public func content(fileID: Int64) throws -> [UInt8] {
        var out: [UInt8] = []
        try stream(fileID: fileID) { out.append(contentsOf: $0) }
        return out
    }

    static func inflate(row: Row, fileID: Int64) throws -> [UInt8] {
        try StoredChunk(row: row, fileID: fileID).inflate()
    }

    /// Calls `body` with each line (terminator included) of a buffer.
    static func forEachLine(_ raw: [UInt8], _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try raw.withUnsafeBufferPointer { buf in
            let ends = LogText.lineEnds(UnsafeRawBufferPointer(buf))
            var start = 0
            for (i, end) in ends.enumerated() {
                try body(i, UnsafeBufferPointer(rebasing: buf[start..<end]))
                start = end
            }
        }
    }

    /// The inflated chunk of a log that holds `line`, or nil when the log has no such line.
    ///
    /// The replay server caches chunks so that log pages are cut from memory.
    package func chunk(fileID: Int64, containing line: Int) throws -> LogChunk? {
        try withReader { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks
                    WHERE file_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [fileID, line]) else { return nil }
            let stored = row.stored("log_chunks")
            let first = try stored.count("first_line")
            let count = try stored.count("line_count")
            guard line < first + count else { return nil }
            return LogChunk(firstLine: first, lineCount: count, bytes: try LogStore.inflate(row: row, fileID: fileID))
        }
    }
}
