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
            return try ingest(fileID: existing.id, replaceFrom: nil, data: content, capture: capture, complete: complete)
        }
        let fileID = try insertFile(owner, capture: capture)
        return try ingest(fileID: fileID, replaceFrom: nil, data: content, capture: capture, complete: complete)
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
    @discardableResult
    package func append(fileID: Int64, data: [UInt8], capture: Int64, complete: Bool) throws -> LogFileInfo {
        let info = try file(id: fileID)
        // Re-open the last chunk when it is small or ends in a partial line, so chunks stay whole-line and ~64 KiB.
        let last = try withReader { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line DESC LIMIT 1"),
                arguments: [fileID])
        }
        let lastLength = try translating { try last?.stored("log_chunks").count("raw_length") }
        guard let last, let lastLength, (!info.endsWithNewline || lastLength < LogText.chunkTarget / 2) else {
            return try ingest(fileID: fileID, replaceFrom: nil, data: data, capture: capture, complete: complete)
        }
        let chunk = try LogStore.inflate(row: last, fileID: fileID)
        let firstLine = try translating { try last.stored("log_chunks").count("first_line") }
        return try ingest(
            fileID: fileID, replaceFrom: (firstLine: firstLine, raw: chunk, partialLast: !info.endsWithNewline),
            data: data, capture: capture, complete: complete)
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

    /// The core write path: chunks, compresses and indexes `data` after the stored lines.
    ///
    /// With `replaceFrom`, the stored chunk starting at `firstLine` (whose bytes are `raw`) is rewritten
    /// together with the new data; only index blocks that gain or change lines are rewritten.
    private func ingest(
        fileID: Int64, replaceFrom: (firstLine: Int, raw: [UInt8], partialLast: Bool)?, data: [UInt8], capture: Int64,
        complete: Bool
    ) throws -> LogFileInfo {
        let info = try file(id: fileID)
        // Hash of everything before the bytes we (re)write.
        var hasher = SHA256()
        var startLine = info.lineCount
        var bytesBefore = info.byteCount
        var payload = data
        // The first line whose indexed text is new or changes.
        var indexFrom = info.lineCount
        if let replaceFrom {
            startLine = replaceFrom.firstLine
            bytesBefore = info.byteCount - replaceFrom.raw.count
            payload = replaceFrom.raw + data
            indexFrom = info.lineCount - (replaceFrom.partialLast ? 1 : 0)
        }
        if bytesBefore > 0 {
            if let cached = logHashes.state(fileID: fileID, byteCount: bytesBefore) {
                hasher = cached
            } else {
                try stream(fileID: fileID, lines: 0..<startLine) { hasher.update(bufferPointer: $0) }
            }
        }
        // The index block holding `indexFrom` may already hold earlier lines: its entry is replaced.
        var blocks = BlockIndexWriter(fileID: fileID)
        let firstBlockStart = LineBlocks.firstLine(ofBlock: LineBlocks.block(ofLine: indexFrom))
        var staleEntry: BlockIndexWriter.Entry? = nil
        if firstBlockStart < info.lineCount {
            var old = BlockIndexWriter(fileID: fileID)
            let oldLines = try readLines(fileID: fileID, range: firstBlockStart..<info.lineCount)
            for (k, line) in oldLines.enumerated() {
                try line.withUnsafeBufferPointer { try old.add(line: firstBlockStart + k, text: $0, completed: { _ in }) }
            }
            try old.finish { staleEntry = $0 }
            for (k, line) in oldLines.enumerated() where firstBlockStart + k < indexFrom {
                try line.withUnsafeBufferPointer { try blocks.add(line: firstBlockStart + k, text: $0, completed: { _ in }) }
            }
        }
        let ends = payload.withUnsafeBytes { LogText.lineEnds($0) }
        var lineIndex = 0  // index into `ends`
        var byteOffset = 0
        var firstBatch = true
        repeat {
            // One transaction: up to chunksPerTransaction chunks.
            var batchChunks: [(first: Int, lines: Int, range: Range<Int>)] = []
            while batchChunks.count < LogStore.chunksPerTransaction, lineIndex < ends.count {
                let chunkStart = byteOffset
                let firstLineOfChunk = lineIndex
                while lineIndex < ends.count {
                    let end = ends[lineIndex]
                    if end - chunkStart > LogText.chunkTarget, lineIndex > firstLineOfChunk { break }
                    lineIndex += 1
                    byteOffset = end
                    if end - chunkStart >= LogText.chunkTarget { break }
                }
                batchChunks.append((startLine + firstLineOfChunk, lineIndex - firstLineOfChunk, chunkStart..<byteOffset))
            }
            let isFirst = firstBatch
            firstBatch = false
            let consumed = byteOffset
            let linesDone = lineIndex
            try payload.withUnsafeBufferPointer { all in
                // Compress outside the transaction.
                var compressed: [[UInt8]] = []
                var crcs: [UInt32] = []
                var lastChunkStart: (bytes: Int, state: SHA256)? = nil
                for (k, chunk) in batchChunks.enumerated() {
                    if k == batchChunks.count - 1 { lastChunkStart = (bytesBefore + chunk.range.lowerBound, hasher) }
                    let slice = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(all)[chunk.range])
                    compressed.append(try Zlib.compress(slice))
                    crcs.append(Zlib.crc32(slice))
                    hasher.update(bufferPointer: slice)
                }
                let digest = hasher  // value copy: finalize without disturbing the running hash
                let shaText = Archive.hex(Array(digest.finalize()))
                let stateAfter = hasher
                let bytesAfter = bytesBefore + byteOffset
                try withWriter { db in
                    let insertFTS = try RawStatement(db, "INSERT INTO log_fts(rowid, line) VALUES (?, ?)")
                    let deleteFTS = try RawStatement(db, "INSERT INTO log_fts(log_fts, rowid, line) VALUES('delete', ?, ?)")
                    if isFirst {
                        if let replaceFrom {
                            try db.execute(sql: "DELETE FROM log_chunks WHERE file_id = ? AND first_line = ?", arguments: [fileID, replaceFrom.firstLine])
                        }
                        try staleEntry?.delete(using: deleteFTS)
                    }
                    // A block left open by the previous transaction is rewritten with its new lines.
                    try blocks.reopen(using: deleteFTS)
                    let insertChunk = try RawStatement(
                        db, "INSERT INTO log_chunks(file_id, first_line, line_count, raw_length, crc32, data) VALUES (?, ?, ?, ?, ?, ?)")
                    for (k, chunk) in batchChunks.enumerated() {
                        insertChunk.bind(1, fileID)
                        insertChunk.bind(2, Int64(chunk.first))
                        insertChunk.bind(3, Int64(chunk.lines))
                        insertChunk.bind(4, Int64(chunk.range.count))
                        insertChunk.bind(5, Int64(crcs[k]))
                        try compressed[k].withUnsafeBytes { z in
                            insertChunk.bindBlob(6, z.baseAddress, count: z.count)
                            try insertChunk.run()
                        }
                        var lineStart = chunk.range.lowerBound
                        let firstEndIndex = chunk.first - startLine
                        for li in firstEndIndex..<(firstEndIndex + chunk.lines) {
                            let end = ends[li]
                            let absolute = startLine + li
                            if absolute >= indexFrom {
                                try blocks.add(line: absolute, text: UnsafeBufferPointer(rebasing: all[lineStart..<end])) {
                                    try $0.insert(using: insertFTS)
                                }
                            }
                            lineStart = end
                        }
                    }
                    try blocks.flushOpen(using: insertFTS)
                    let totalLines = startLine + linesDone
                    let totalBytes = bytesBefore + consumed
                    let endsNL: Bool = consumed == 0 ? (replaceFrom == nil ? info.endsWithNewline : true)
                        : payload[consumed - 1] == 0x0A
                    let done = linesDone == ends.count
                    try db.cachedStatement(
                        sql: """
                            UPDATE log_files SET line_count = ?, byte_count = ?, ends_with_newline = ?, sha256 = ?,
                                complete = ?, last_capture_id = ? WHERE id = ?
                            """
                    ).execute(arguments: [totalLines, totalBytes, endsNL, shaText, done && complete, capture, fileID])
                    try LogStore.recordExtent(db, fileID: fileID, capture: capture)
                }
                // Only after the commit: the cached state always matches what is stored.
                var remembered = [(byteCount: bytesAfter, state: stateAfter)]
                if let lastChunkStart { remembered.append((lastChunkStart.bytes, lastChunkStart.state)) }
                logHashes.remember(fileID: fileID, states: remembered)
            }
        } while lineIndex < ends.count
        return try file(id: fileID)
    }
}
