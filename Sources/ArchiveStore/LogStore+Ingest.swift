import Crypto
import Foundation
import GRDB

extension LogStore {
    /// How many chunks one write transaction holds (about 1 MiB of raw log).
    static let chunksPerTransaction = 16

    /// Stores a whole log file byte-exact: new, unchanged, grown (appended) or replaced.
    ///
    /// A log that grew since the last capture is appended to; any other change replaces the stored
    /// bytes. Work is committed in transactions of about 1 MiB, so an interrupted write leaves a valid,
    /// shorter file marked incomplete.
    @discardableResult
    package func write(
        jobID: Int64, versionID: Int64, fileName: String, content: [UInt8], capture: Int64, complete: Bool = true
    ) throws -> LogFileInfo {
        try write(.v1(jobID: jobID, versionID: versionID, fileName: fileName), content: content, capture: capture, complete: complete)
    }

    /// Stores the whole log of `owner` byte-exact (see ``write(jobID:versionID:fileName:content:capture:complete:)``).
    @discardableResult
    package func write(_ owner: LogOwner, content: [UInt8], capture: Int64, complete: Bool = true) throws -> LogFileInfo {
        if let existing = try file(owner) {
            if existing.byteCount == content.count, existing.sha256 == Archive.sha256Hex(content) {
                try markComplete(fileID: existing.id, complete: complete, capture: capture)
                return try file(id: existing.id)
            }
            if content.count > existing.byteCount,
                Archive.sha256Hex(content[0..<existing.byteCount]) == existing.sha256
            {
                return try append(fileID: existing.id, data: Array(content[existing.byteCount...]), capture: capture, complete: complete)
            }
            try clear(fileID: existing.id)
            return try append(fileID: existing.id, data: content, capture: capture, complete: complete)
        }
        let fileID = try insertFile(owner, capture: capture)
        return try append(fileID: fileID, data: content, capture: capture, complete: complete)
    }

    /// The log file of a version with this name, created empty (and incomplete) when absent.
    package func ensureFile(jobID: Int64, versionID: Int64, fileName: String, capture: Int64) throws -> LogFileInfo {
        try ensureFile(.v1(jobID: jobID, versionID: versionID, fileName: fileName), capture: capture)
    }

    /// The log file of `owner`, created empty (and incomplete) when absent.
    package func ensureFile(_ owner: LogOwner, capture: Int64) throws -> LogFileInfo {
        if let existing = try file(owner) { return existing }
        return try file(id: try insertFile(owner, capture: capture))
    }

    /// Adds the empty, incomplete row of a new log file; its id.
    private func insertFile(_ owner: LogOwner, capture: Int64) throws -> Int64 {
        let key = owner.columns
        return try withWriter { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO log_files(job_id, version_id, v2_job_id, file_name, run, sha256, complete, first_capture_id, last_capture_id)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
                    """,
                arguments: [key.jobID, key.versionID, key.v2JobID, key.fileName, key.run, Archive.sha256Hex([UInt8]()), capture, capture])
            let id = db.lastInsertedRowID
            try LogStore.recordExtent(db, fileID: id, capture: capture)
            return id
        }
    }

    /// Records whether a stored log is complete, and that `capture` confirmed it.
    package func markComplete(fileID: Int64, complete: Bool, capture: Int64) throws {
        try withWriter { db in
            try db.execute(
                sql: "UPDATE log_files SET complete = ?, last_capture_id = ? WHERE id = ?", arguments: [complete, capture, fileID])
            try LogStore.recordExtent(db, fileID: fileID, capture: capture)
        }
    }

    /// Records the log's current extent as `capture`'s (what `--at capture` reads), replacing what the same
    /// capture recorded before.
    static func recordExtent(_ db: Database, fileID: Int64, capture: Int64) throws {
        // A cached statement: every stored batch of every log records its extent.
        try db.cachedStatement(
            sql: """
                INSERT INTO log_extents(file_id, capture_id, line_count, byte_count, sha256, complete)
                SELECT id, ?, line_count, byte_count, sha256, complete FROM log_files WHERE id = ?
                ON CONFLICT(file_id, capture_id) DO UPDATE SET line_count = excluded.line_count,
                    byte_count = excluded.byte_count, sha256 = excluded.sha256, complete = excluded.complete
                """
        ).execute(arguments: [capture, fileID])
    }

    /// Appends bytes to a stored log (a log that grew between captures, or a resumed crawl).
    ///
    /// Work is committed in transactions of about 1 MiB (``chunksPerTransaction`` chunks), so an interrupted
    /// write leaves a valid, shorter file marked incomplete.
    @discardableResult
    package func append(fileID: Int64, data: [UInt8], capture: Int64, complete: Bool) throws -> LogFileInfo {
        var appender = try appender(fileID: fileID)
        try appender.prepare(data, complete: complete) { try commit($0, capture: capture) }
        return try file(id: fileID)
    }

    /// An appender standing at the stored end of a log (see ``LogAppender``).
    ///
    /// - Throws: ``ArchiveError`` when the log is missing or damaged.
    package func appender(fileID: Int64) throws -> LogAppender {
        let info = try file(id: fileID)
        // Re-open the last chunk when it is small or ends in a partial line, so chunks stay whole-line and ~64 KiB.
        let last = try withReader { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line DESC LIMIT 1"),
                arguments: [fileID])
        }
        let lastLength = try translating { try last?.stored("log_chunks").count("raw_length") }
        var tail: LogAppender.Tail? = nil
        var hasher: RunningHash
        if let last, let lastLength, !info.endsWithNewline || lastLength < LogText.chunkTarget / 2 {
            let raw = try LogStore.inflate(row: last, fileID: fileID)
            let firstLine = try translating { try last.stored("log_chunks").count("first_line") }
            guard raw.count <= info.byteCount, firstLine <= info.lineCount else {
                throw ArchiveError(.corrupted, "log file \(fileID): its last chunk (line \(firstLine), \(raw.count) bytes) lies past its stored end")
            }
            let before = try hashState(fileID: fileID, byteCount: info.byteCount - raw.count, lines: 0..<firstLine)
            tail = LogAppender.Tail(firstLine: firstLine, raw: raw, hashBefore: before)
            hasher = before
            hasher.state.update(data: raw)
        } else {
            hasher = try hashState(fileID: fileID, byteCount: info.byteCount, lines: 0..<info.lineCount)
        }
        // The index block of the last line: its entry holds those lines' text and is rewritten when it gains lines.
        var block: LogAppender.OpenBlock? = nil
        if info.lineCount > 0 {
            let number = LineBlocks.block(ofLine: info.lineCount - 1)
            var scratch: [UInt8] = []
            let lines = try readLines(fileID: fileID, range: LineBlocks.firstLine(ofBlock: number)..<info.lineCount).map { line in
                line.withUnsafeBufferPointer { LogText.indexText($0, into: &scratch) }
                return scratch
            }
            var open = LogAppender.OpenBlock(number: number, lines: lines, indexed: nil)
            open.indexed = open.text
            block = open
        }
        return LogAppender(
            fileID: fileID, lineCount: info.lineCount, byteCount: info.byteCount, endsWithNewline: info.endsWithNewline,
            hasher: hasher, tail: tail, block: block)
    }

    /// The running hash of a log's first `byteCount` bytes (its lines `lines`): remembered, or read.
    private func hashState(fileID: Int64, byteCount: Int, lines: Range<Int>) throws -> RunningHash {
        if byteCount == 0 { return RunningHash() }
        if let cached = logHashes.state(fileID: fileID, byteCount: byteCount) { return RunningHash(cached) }
        var hasher = SHA256()
        try stream(fileID: fileID, lines: lines) { hasher.update(bufferPointer: $0) }
        return RunningHash(hasher)
    }

    /// Writes one prepared batch of an append in one transaction.
    ///
    /// - Throws: ``ArchiveError`` from SQLite, or `.invalidArgument` when the stored log no longer ends where the
    ///   batch continues it; nothing of the batch is then stored.
    package func commit(_ batch: PreparedAppend, capture: Int64) throws {
        try withWriter { db in
            if let first = batch.replacesChunkAt {
                try db.cachedStatement(sql: "DELETE FROM log_chunks WHERE file_id = ? AND first_line = ?").execute(arguments: [batch.fileID, first])
            }
            let insertChunk = try RawStatement(
                db, "INSERT INTO log_chunks(file_id, first_line, line_count, raw_length, crc32, data) VALUES (?, ?, ?, ?, ?, ?)")
            for chunk in batch.chunks {
                insertChunk.bind(1, batch.fileID)
                insertChunk.bind(2, Int64(chunk.firstLine))
                insertChunk.bind(3, Int64(chunk.lineCount))
                insertChunk.bind(4, Int64(chunk.rawLength))
                insertChunk.bind(5, Int64(chunk.crc32))
                try chunk.data.withUnsafeBytes { z in
                    insertChunk.bindBlob(6, z.baseAddress, count: z.count)
                    try insertChunk.run()
                }
            }
            if !batch.index.isEmpty {
                let insertFTS = try RawStatement(db, "INSERT INTO log_fts(rowid, line) VALUES (?, ?)")
                let deleteFTS = try RawStatement(db, "INSERT INTO log_fts(log_fts, rowid, line) VALUES('delete', ?, ?)")
                for change in batch.index {
                    switch change {
                    case .delete(let entry): try entry.delete(using: deleteFTS)
                    case .insert(let entry): try entry.insert(using: insertFTS)
                    }
                }
            }
            try db.cachedStatement(
                sql: """
                    UPDATE log_files SET line_count = ?, byte_count = ?, ends_with_newline = ?, sha256 = ?,
                        complete = ?, last_capture_id = ? WHERE id = ? AND line_count = ? AND byte_count = ?
                    """
            ).execute(arguments: [
                batch.lineCount, batch.byteCount, batch.endsWithNewline, batch.sha256, batch.complete, capture, batch.fileID,
                batch.after.lineCount, batch.after.byteCount,
            ])
            // The log changed since the appender read it (another writer, or an earlier batch not committed):
            // nothing of this batch is kept.
            guard db.changesCount == 1 else {
                throw ArchiveError(
                    .invalidArgument,
                    "log file \(batch.fileID) no longer ends at line \(batch.after.lineCount), byte \(batch.after.byteCount): its append was not stored")
            }
            try LogStore.recordExtent(db, fileID: batch.fileID, capture: capture)
        }
        // Only after the commit: the cached state always matches what is stored.
        logHashes.remember(fileID: batch.fileID, states: batch.hashStates.map { ($0.byteCount, $0.state.state) })
    }

    /// Removes a log's chunks, index entries and pages (before a replacement).
    func clear(fileID: Int64) throws {
        logHashes.forget(fileID: fileID)
        try withWriter { db in
            let delete = try RawStatement(db, "INSERT INTO log_fts(log_fts, rowid, line) VALUES('delete', ?, ?)")
            var blocks = BlockIndexWriter(fileID: fileID)
            for row in try Row.fetchAll(
                db, sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line",
                arguments: [fileID])
            {
                let raw = try LogStore.inflate(row: row, fileID: fileID)
                let first = try row.stored("log_chunks").count("first_line")
                try LogStore.forEachLine(raw) { index, line in
                    try blocks.add(line: first + index, text: line, completed: { try $0.delete(using: delete) })
                }
            }
            try blocks.finish { try $0.delete(using: delete) }
            try db.execute(sql: "DELETE FROM log_chunks WHERE file_id = ?", arguments: [fileID])
            try db.execute(sql: "DELETE FROM log_pages WHERE file_id = ?", arguments: [fileID])
            try db.execute(
                sql: "UPDATE log_files SET line_count = 0, byte_count = 0, ends_with_newline = 1, sha256 = ?, complete = 0 WHERE id = ?",
                arguments: [Archive.sha256Hex([UInt8]()), fileID])
            // The replaced bytes are gone: no capture's extent may point into the new ones.
            try db.execute(sql: "DELETE FROM log_extents WHERE file_id = ?", arguments: [fileID])
        }
    }
}
