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
        var stats = SearchStats()
        if let files, files.isEmpty { return stats }
        let fts = query.ftsExpression
        var visitError: (any Error)? = nil
        try withReader { db in
            // No log at all: nothing narrowed, nothing scanned.
            if files == nil, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM log_files)") != true { return }
            stats.usedIndex = fts != nil
            var source = try SearchTaskSource(db, fts: fts, files: files)
            var runner = SearchRunner(query)
            defer { stats.candidates = runner.candidates }
            try runner.run(db, &source) { file, line, text in
                stats.hits += 1
                let keepGoing: Bool
                do {
                    keepGoing = try visit(SearchHit(
                        fileID: file.id, jobID: file.jobID, versionID: file.versionID, fileName: file.fileName,
                        v2JobID: file.v2JobID, run: file.run, line: line, text: text))
                } catch {
                    // Thrown after the read, as it was thrown (not as an archive error).
                    visitError = error
                    return false
                }
                if let limit, stats.hits >= limit {
                    stats.truncated = true
                    return false
                }
                return keepGoing
            }
        }
        if let visitError { throw visitError }
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
