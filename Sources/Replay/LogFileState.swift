import ArchiveStore
import Foundation
import ModelArtsAPI

/// What the server keeps about one log file: its size, its cursor scheme and its captured pages.
struct LogFileState: Sendable {
    /// The stored file.
    var info: LogFileInfo
    /// Line ↔ cursor.
    var map: LogCursorMap
    /// How `content` is laid out (the style of the newest captured page; `concat` without pages).
    var style: PageStyle
    /// Normalized captured request → captured page id (the newest capture at or before the served one).
    var capturedPages: [String: Int64]

    /// Loads the state of `info` as of `capture`.
    static func load(_ info: LogFileInfo, archive: Archive, capture: Int64, syntheticBase: UInt64) throws -> LogFileState {
        let pages = try archive.pages.list(fileID: info.id).filter { $0.captureID <= capture }
        var byKey: [String: CapturedPage] = [:]
        var newest: CapturedPage?
        for page in pages {
            let key = LogPageRequest.key(baseLine: page.baseLine, order: page.order, lines: page.linesRequested)
            if let existing = byKey[key], (existing.captureID, existing.id) > (page.captureID, page.id) { continue }
            byKey[key] = page
            if newest.map({ ($0.captureID, $0.id) < (page.captureID, page.id) }) ?? true { newest = page }
        }
        // Newest captures first, so that their cursors win over older conflicting ones.
        let ordered = pages.sorted { ($0.captureID, $0.id) > ($1.captureID, $1.id) }
        var ranked: [(line: Int, literal: String)] = []
        for page in ordered where page.lineCount > 0 {
            if let start = page.startLine { ranked.append((page.firstLine, start)) }
            if let end = page.endLine { ranked.append((page.firstLine + page.lineCount - 1, end)) }
        }
        return LogFileState(
            info: info,
            map: LogCursorMap(lineCount: info.lineCount, candidates: ranked, syntheticBase: syntheticBase),
            style: newest?.style ?? .concat,
            capturedPages: byKey.mapValues(\.id))
    }

    /// The synthetic cursor base of a version: its start (or create) time in nanoseconds.
    static func syntheticBase(versionJSON: JSONValue?) -> UInt64 {
        let fallback: UInt64 = 1_500_000_000_000_000_000
        for field in ["start_time", "create_time"] {
            if let ms = versionJSON?[field]?.int64, ms >= 1_000_000_000_000, ms < 9_000_000_000_000 {
                return UInt64(ms) * 1_000_000
            }
        }
        return fallback
    }
}
