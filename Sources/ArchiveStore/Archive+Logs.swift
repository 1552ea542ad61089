import Crypto
import Foundation
import GRDB

extension Archive {
    /// How many chunks one write transaction holds (about 1 MiB of raw log).
    static let chunksPerTransaction = 16

    /// Stores a whole log file byte-exact: new, unchanged, grown (appended) or replaced.
    ///
    /// A log that grew since the last capture is appended to; any other change replaces the stored
    /// bytes. Work is committed in transactions of about 1 MiB, so an interrupted write leaves a valid,
    /// shorter file marked incomplete.
    @discardableResult
    public func writeLog(
        jobID: Int64, versionID: Int64, fileName: String, content: [UInt8], capture: Int64, complete: Bool = true
    ) throws -> LogFileInfo {
        if let existing = try logFile(jobID: jobID, versionID: versionID, fileName: fileName) {
            if existing.byteCount == content.count, existing.sha256 == Archive.sha256Hex(content) {
                try withWriter { db in
                    try db.execute(
                        sql: "UPDATE log_files SET last_capture_id = ?, complete = ? WHERE id = ?",
                        arguments: [capture, complete, existing.id])
                }
                return try logFile(id: existing.id)
            }
            if content.count > existing.byteCount,
                Archive.sha256Hex(content[0..<existing.byteCount]) == existing.sha256
            {
                return try appendLog(fileID: existing.id, data: Array(content[existing.byteCount...]), capture: capture, complete: complete)
            }
            try clearLog(fileID: existing.id)
            return try ingest(fileID: existing.id, replaceFrom: nil, data: content, capture: capture, complete: complete)
        }
        let fileID = try withWriter { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO log_files(job_id, version_id, file_name, sha256, first_capture_id, last_capture_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [jobID, versionID, fileName, Archive.sha256Hex([UInt8]()), capture, capture])
            return db.lastInsertedRowID
        }
        return try ingest(fileID: fileID, replaceFrom: nil, data: content, capture: capture, complete: complete)
    }

    /// The log file of a version with this name, created empty (and incomplete) when absent.
    public func ensureLogFile(jobID: Int64, versionID: Int64, fileName: String, capture: Int64) throws -> LogFileInfo {
        if let existing = try logFile(jobID: jobID, versionID: versionID, fileName: fileName) { return existing }
        let id = try withWriter { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO log_files(job_id, version_id, file_name, sha256, complete, first_capture_id, last_capture_id)
                    VALUES (?, ?, ?, ?, 0, ?, ?)
                    """,
                arguments: [jobID, versionID, fileName, Archive.sha256Hex([UInt8]()), capture, capture])
            return db.lastInsertedRowID
        }
        return try logFile(id: id)
    }

    /// Records whether a stored log is complete, and that `capture` confirmed it.
    public func markLogComplete(fileID: Int64, complete: Bool, capture: Int64) throws {
        try withWriter { db in
            try db.execute(
                sql: "UPDATE log_files SET complete = ?, last_capture_id = ? WHERE id = ?", arguments: [complete, capture, fileID])
        }
    }

    /// Appends bytes to a stored log (a log that grew between captures, or a resumed crawl).
    @discardableResult
    public func appendLog(fileID: Int64, data: [UInt8], capture: Int64, complete: Bool) throws -> LogFileInfo {
        let info = try logFile(id: fileID)
        // Re-open the last chunk when it is small or ends in a partial line, so chunks stay whole-line and ~64 KiB.
        let last = try withReader { db in
            try Row.fetchOne(
                db, sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line DESC LIMIT 1",
                arguments: [fileID])
        }
        let lastLength = try translating { try last?.stored("log_chunks").count("raw_length") }
        guard let last, let lastLength, (!info.endsWithNewline || lastLength < LogText.chunkTarget / 2) else {
            return try ingest(fileID: fileID, replaceFrom: nil, data: data, capture: capture, complete: complete)
        }
        let chunk = try Archive.inflate(row: last, fileID: fileID)
        let firstLine = try translating { try last.stored("log_chunks").count("first_line") }
        return try ingest(
            fileID: fileID, replaceFrom: (firstLine: firstLine, raw: chunk, partialLast: !info.endsWithNewline),
            data: data, capture: capture, complete: complete)
    }

    /// Removes a log's chunks, index entries and pages (before a replacement).
    func clearLog(fileID: Int64) throws {
        logHashes.forget(fileID: fileID)
        try withWriter { db in
            let delete = try RawStatement(db, "INSERT INTO log_fts(log_fts, rowid, line) VALUES('delete', ?, ?)")
            var blocks = BlockIndexWriter(fileID: fileID)
            for row in try Row.fetchAll(
                db, sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line",
                arguments: [fileID])
            {
                let raw = try Archive.inflate(row: row, fileID: fileID)
                let first = try row.stored("log_chunks").count("first_line")
                try Archive.forEachLine(raw) { index, line in
                    try blocks.add(line: first + index, text: line, completed: { try $0.delete(using: delete) })
                }
            }
            try blocks.finish { try $0.delete(using: delete) }
            try db.execute(sql: "DELETE FROM log_chunks WHERE file_id = ?", arguments: [fileID])
            try db.execute(sql: "DELETE FROM log_pages WHERE file_id = ?", arguments: [fileID])
            try db.execute(
                sql: "UPDATE log_files SET line_count = 0, byte_count = 0, ends_with_newline = 1, sha256 = ?, complete = 0 WHERE id = ?",
                arguments: [Archive.sha256Hex([UInt8]()), fileID])
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
        let info = try logFile(id: fileID)
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
                try streamLog(fileID: fileID, lines: 0..<startLine) { hasher.update(bufferPointer: $0) }
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
            while batchChunks.count < Archive.chunksPerTransaction, lineIndex < ends.count {
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
                    try db.execute(
                        sql: """
                            UPDATE log_files SET line_count = ?, byte_count = ?, ends_with_newline = ?, sha256 = ?,
                                complete = ?, last_capture_id = ? WHERE id = ?
                            """,
                        arguments: [totalLines, totalBytes, endsNL, shaText, done && complete, capture, fileID])
                }
                // Only after the commit: the cached state always matches what is stored.
                var remembered = [(byteCount: bytesAfter, state: stateAfter)]
                if let lastChunkStart { remembered.append((lastChunkStart.bytes, lastChunkStart.state)) }
                logHashes.remember(fileID: fileID, states: remembered)
            }
        } while lineIndex < ends.count
        return try logFile(id: fileID)
    }

    // MARK: - Reading

    /// The log file with this id.
    public func logFile(id: Int64) throws -> LogFileInfo {
        let info = try withReader { db in
            try Row.fetchOne(db, sql: "SELECT * FROM log_files WHERE id = ?", arguments: [id]).map(Archive.logFileInfo(from:))
        }
        guard let info else { throw ArchiveError(.noSuchItem, "no log file with id \(id)") }
        return info
    }

    /// The log file of a version with this name, or nil.
    public func logFile(jobID: Int64, versionID: Int64, fileName: String) throws -> LogFileInfo? {
        try withReader { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM log_files WHERE job_id = ? AND version_id = ? AND file_name = ?",
                arguments: [jobID, versionID, fileName]
            ).map(Archive.logFileInfo(from:))
        }
    }

    /// Every log file, optionally of one job or one version, ordered by job, version and name.
    public func logFiles(jobID: Int64? = nil, versionID: Int64? = nil) throws -> [LogFileInfo] {
        try withReader { db in
            var sql = "SELECT * FROM log_files WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let jobID { sql += " AND job_id = ?"; args.append(jobID) }
            if let versionID { sql += " AND version_id = ?"; args.append(versionID) }
            sql += " ORDER BY job_id, version_id, file_name"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Archive.logFileInfo(from:))
        }
    }

    static func logFileInfo(from row: Row) throws -> LogFileInfo {
        let row = row.stored("log_files")
        return try LogFileInfo(
            id: row["id"], jobID: row["job_id"], versionID: row["version_id"], fileName: row["file_name"],
            lineCount: row.count("line_count"), byteCount: row.count("byte_count"), endsWithNewline: row.flag("ends_with_newline"),
            sha256: row["sha256"], complete: row.flag("complete"), firstCaptureID: row["first_capture_id"],
            lastCaptureID: row["last_capture_id"])
    }

    /// Streams the bytes of `lines` (default: all) of a log to `sink`, one piece per chunk, without holding the log in memory.
    public func streamLog(fileID: Int64, lines: Range<Int>? = nil, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withReader { db in
            let lower = lines?.lowerBound ?? 0
            let upper = lines?.upperBound ?? Int.max
            guard lower < upper else { return }
            let startChunk = try Int.fetchOne(
                db, sql: "SELECT max(first_line) FROM log_chunks WHERE file_id = ? AND first_line <= ?",
                arguments: [fileID, lower]) ?? 0
            let cursor = try Row.fetchCursor(
                db,
                sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? AND first_line >= ? AND first_line < ? ORDER BY first_line",
                arguments: [fileID, startChunk, upper])
            while let row = try cursor.next() {
                let stored = row.stored("log_chunks")
                let first = try stored.count("first_line")
                let count = try stored.count("line_count")
                let raw = try Archive.inflate(row: row, fileID: fileID)
                if first >= lower, first + count <= upper {
                    try raw.withUnsafeBytes(sink)
                    continue
                }
                let ends = raw.withUnsafeBytes { LogText.lineEnds($0) }
                let from = max(lower - first, 0)
                let to = min(upper - first, ends.count)
                guard from < to else { continue }
                let startByte = from == 0 ? 0 : ends[from - 1]
                let endByte = ends[to - 1]
                try raw.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[startByte..<endByte])) }
            }
        }
    }

    /// The lines `range` of a log, each with its own terminator.
    public func readLines(fileID: Int64, range: Range<Int>) throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(range.count)
        try streamLog(fileID: fileID, lines: range) { piece in
            var start = 0
            for end in LogText.lineEnds(piece) {
                out.append(Array(piece[start..<end]))
                start = end
            }
        }
        return out
    }

    /// A whole log's bytes.
    public func logContent(fileID: Int64) throws -> [UInt8] {
        var out: [UInt8] = []
        try streamLog(fileID: fileID) { out.append(contentsOf: $0) }
        return out
    }

    static func inflate(row: Row, fileID: Int64) throws -> [UInt8] {
        let stored = row.stored("log_chunks")
        let data: Data = try stored["data"]
        let rawLength = try stored.count("raw_length")
        let first = try stored.count("first_line")
        // zlib's deflate never compresses better than about 1032:1: a larger length is damage, not a buffer to allocate.
        guard rawLength <= data.count * 1100 + 1024 else {
            throw ArchiveError(.corrupted, "log file \(fileID), chunk at line \(first): raw_length \(rawLength) is impossible for \(data.count) compressed bytes")
        }
        do {
            return try data.withUnsafeBytes { try Zlib.inflate($0, rawLength: rawLength) }
        } catch {
            throw ArchiveError(.corrupted, "log file \(fileID), chunk at line \(first): \(error)")
        }
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

    /// Lowercase hex of bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
