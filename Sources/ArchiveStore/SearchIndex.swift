import Foundation
import GRDB

/// One matching log line.
public struct SearchHit: Sendable, Equatable {
    /// The log file.
    public var fileID: Int64
    /// Its v1 job (0 for a v2 task log).
    public var jobID: Int64
    /// Its v1 version (0 for a v2 task log).
    public var versionID: Int64
    /// Its name; a v2 task log's task id.
    public var fileName: String
    /// The v2 job (a UUID) of a task log; nil for a v1 log.
    public var v2JobID: String?
    /// The scheduling run of a v2 task log; nil for a v1 log.
    public var run: Int?
    /// 0-based line number in the file.
    public var line: Int
    /// The line's bytes, terminator included.
    public var text: [UInt8]
}

/// How a search ran.
public struct SearchStats: Sendable, Equatable {
    /// Hits delivered.
    public var hits: Int = 0
    /// Lines examined by the exact check.
    public var candidates: Int = 0
    /// Whether the index narrowed the search (false: every line of the files was scanned).
    public var usedIndex: Bool = false
    /// Whether the search stopped at the limit.
    public var truncated: Bool = false
}

/// Searches the archived log lines through the full-text index, re-checking each candidate against the real line.
///
/// Reach it as ``Archive/search``.
public struct SearchIndex: ArchiveDomain {
    /// The archive this works on.
    let archive: Archive
}

extension SearchIndex {
    /// Searches every log line, v1 and v2 (or those of `files`), for `query`, calling `visit` per hit in (file, line) order.
    ///
    /// The index proposes candidate lines; each is re-checked against the real line, so hits are exact. A file
    /// given as an earlier capture left it (``LogStore/asOf(_:capture:)``) is searched as it was then: its lines
    /// then, the last one cut where it ended then.
    /// Return false from `visit` to stop.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged (a chunk that fails to inflate is `.corrupted`); errors `visit` throws pass through.
    @discardableResult
    public func each(
        _ query: SearchQuery, files: [LogFileInfo]? = nil, limit: Int? = nil, visit: (SearchHit) throws -> Bool
    ) throws -> SearchStats {
        let all = try files ?? archive.logs.allFiles()
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var stats = SearchStats()
        guard !all.isEmpty else { return stats }
        let fts = query.ftsExpression
        stats.usedIndex = fts != nil
        try withReader { db in
            var cache = ChunkCache()
            // A file as an earlier capture left it may end in a line unfinished then: that line's bytes then.
            var lastLines: [Int64: (line: Int, text: [UInt8])] = [:]
            if files != nil {
                for file in all {
                    if let text = try LogStore.lastLineThen(db, file) { lastLines[file.id] = (file.lineCount - 1, text) }
                }
            }
            func deliver(_ file: LogFileInfo, _ line: Int, _ text: [UInt8]) throws -> Bool {
                stats.hits += 1
                let keepGoing = try visit(SearchHit(
                    fileID: file.id, jobID: file.jobID, versionID: file.versionID, fileName: file.fileName,
                    v2JobID: file.v2JobID, run: file.run, line: line, text: text))
                if let limit, stats.hits >= limit {
                    stats.truncated = true
                    return false
                }
                return keepGoing
            }
            if let fts {
                // With a line cut as an earlier capture left it, the index (which holds the line as stored now)
                // cannot propose it: each file is searched on its own and its cut line checked after it.
                let restrict = files != nil && (all.count <= 64 || !lastLines.isEmpty)
                let sql = restrict
                    ? "SELECT rowid FROM log_fts WHERE log_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid"
                    : "SELECT rowid FROM log_fts WHERE log_fts MATCH ? ORDER BY rowid"
                var ranges: [(Int64, Int64)] = [(0, Int64.max)]
                if restrict {
                    let ids: [Int64] = all.map(\.id).sorted()
                    ranges = ids.map { id -> (Int64, Int64) in (id << 32, (id << 32) | 0xFFFF_FFFF) }
                }
                for (lo, hi) in ranges {
                    let args: StatementArguments = restrict ? [fts, lo, hi] : [fts]
                    let rowids = try Int64.fetchCursor(db, sql: sql, arguments: args)
                    while let rowid = try rowids.next() {
                        let fileID = rowid >> 32
                        guard let file = byID[fileID] else { continue }
                        let first = LineBlocks.firstLine(ofBlock: Int(rowid & 0xFFFF_FFFF))
                        let last = min(first + LineBlocks.linesPerBlock, file.lineCount)
                        guard first < last else { continue }
                        for line in first..<last where lastLines[fileID]?.line != line {
                            guard let text = try cache.line(db, fileID: fileID, line: line) else { break }
                            stats.candidates += 1
                            if query.matches(text), !(try deliver(file, line, text)) { return }
                        }
                    }
                    // The file's cut last line (restricted ranges hold one file each), after its other lines.
                    if restrict, let file = byID[lo >> 32], let cut = lastLines[file.id] {
                        stats.candidates += 1
                        if query.matches(cut.text), !(try deliver(file, cut.line, cut.text)) { return }
                    }
                }
            } else {
                for file in all.sorted(by: { $0.id < $1.id }) {
                    let chunks = try Row.fetchCursor(
                        db, sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? ORDER BY first_line",
                        arguments: [file.id])
                    while let row = try chunks.next() {
                        let raw = try LogStore.inflate(row: row, fileID: file.id)
                        let first = try row.stored("log_chunks").count("first_line")
                        var stop = false
                        try LogStore.forEachLine(raw) { index, line in
                            guard !stop, first + index < file.lineCount else { return }
                            stats.candidates += 1
                            if let cut = lastLines[file.id], cut.line == first + index {
                                if query.matches(cut.text), !(try deliver(file, cut.line, cut.text)) { stop = true }
                            } else if query.matches(line), !(try deliver(file, first + index, Array(line))) { stop = true }
                        }
                        if stop { return }
                    }
                }
            }
        }
        return stats
    }

    /// Every hit of a query, up to `limit`.
    ///
    /// - Throws: ``ArchiveError``: `.damagedValue` or `.corrupted` when the file is damaged (a chunk that fails to inflate is `.corrupted`).
    public func all(_ query: SearchQuery, files: [LogFileInfo]? = nil, limit: Int? = nil) throws -> [SearchHit] {
        var hits: [SearchHit] = []
        try each(query, files: files, limit: limit) { hits.append($0); return true }
        return hits
    }
}

/// The most recently inflated chunk, with its line offsets, for runs of hits in one chunk.
struct ChunkCache {
    private var fileID: Int64 = -1
    private var firstLine = 0
    private var raw: [UInt8] = []
    private var ends: [Int] = []

    mutating func line(_ db: Database, fileID: Int64, line: Int) throws -> [UInt8]? {
        if fileID != self.fileID || line < firstLine || line >= firstLine + ends.count {
            guard let row = try Row.fetchOne(
                db, sql: "SELECT first_line, line_count, raw_length, crc32, data FROM log_chunks WHERE file_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1",
                arguments: [fileID, line])
            else { return nil }
            raw = try LogStore.inflate(row: row, fileID: fileID)
            ends = raw.withUnsafeBytes { LogText.lineEnds($0) }
            firstLine = try row.stored("log_chunks").count("first_line")
            self.fileID = fileID
            guard line < firstLine + ends.count else { return nil }
        }
        let i = line - firstLine
        let start = i == 0 ? 0 : ends[i - 1]
        return Array(raw[start..<ends[i]])
    }
}
