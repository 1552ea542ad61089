import GRDB

/// One unit of a search's work, in (file, line) order.
enum SearchTask: Sendable {
    /// Lines of one stored chunk to check: ascending, disjoint ranges of 0-based file lines inside the chunk.
    case chunk(file: LogFileInfo, chunkID: Int64, firstLine: Int, lines: [Range<Int>])
    /// A file's last line as an earlier capture left it (unfinished then): checked as those bytes.
    case cutLine(file: LogFileInfo, line: Int, text: [UInt8])

    /// The file the task searches.
    var file: LogFileInfo {
        switch self {
        case .chunk(let file, _, _, _), .cutLine(let file, _, _): file
        }
    }
}

/// A stored chunk's place in its file.
struct ChunkSpan {
    var id: Int64
    var firstLine: Int
    var lineCount: Int
}

/// Turns a search into its tasks, lazily and in (file, line) order: each chunk that may hold a hit once,
/// with the lines of it to check.
///
/// With an index expression, the candidates are the lines of the index blocks that match it; without one,
/// every line of the files. A file given as an earlier capture left it has its cut last line checked as a
/// task of its own after its other lines.
struct SearchTaskSource {
    private let db: Database
    /// The files searched when given (by id); nil: every file, looked up as the index names them.
    private let given: [Int64: LogFileInfo]?
    /// Scan mode: the files whose every line is checked, by id; nil when the index proposes candidates.
    private let scanFiles: [LogFileInfo]?
    private var scanIndex = 0
    private var rowIDs: RowIDStream?
    private let cuts: [(file: LogFileInfo, line: Int, text: [UInt8])]
    private let cutFiles: Set<Int64>
    private var cutIndex = 0
    private var ready: [SearchTask] = []
    private var readyIndex = 0
    /// The chunk task being gathered: its file, chunk and lines so far.
    private var openFile: LogFileInfo?
    private var openChunk: ChunkSpan?
    private var openLines: [Range<Int>] = []
    private var chunkFile: Int64 = -1
    private var chunks: [ChunkSpan] = []
    private var lookedUp: (id: Int64, info: LogFileInfo?) = (-1, nil)
    /// `log_files` by id, and a file's chunks: prepared once per search.
    private let fileRow: Statement
    private let chunkRows: Statement
    private var finished = false

    /// - Parameters:
    ///   - fts: the index expression, or nil to check every line.
    ///   - files: the files to search (as some capture left them), or nil for all.
    init(_ db: Database, fts: String?, files: [LogFileInfo]?) throws {
        self.db = db
        // `SELECT *`: the columns of the archive's format (one read transaction: the schema cannot change under it).
        fileRow = try db.makeStatement(sql: "SELECT * FROM log_files WHERE id = ?")
        chunkRows = try db.cachedStatement(sql: "SELECT id, first_line, line_count FROM log_chunks WHERE file_id = ? ORDER BY first_line")
        var unique: [Int64: LogFileInfo]? = nil
        if let files { unique = Dictionary(files.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        given = unique
        let sorted = unique.map { $0.values.sorted { $0.id < $1.id } }
        var cuts: [(file: LogFileInfo, line: Int, text: [UInt8])] = []
        for file in sorted ?? [] {
            if let text = try LogStore.lastLineThen(db, file) { cuts.append((file, file.lineCount - 1, text)) }
        }
        self.cuts = cuts
        cutFiles = Set(cuts.map(\.file.id))
        if let fts {
            // A handful of files (or any with a cut line) are searched one id range at a time.
            let restrict = sorted.map { $0.count <= 64 || !cuts.isEmpty } ?? false
            rowIDs = RowIDStream(fts: fts, ranges: restrict ? sorted?.map { LineBlocks.rowIDs(ofFile: $0.id) } : nil)
            scanFiles = nil
        } else {
            scanFiles = try sorted ?? Row.fetchAll(db, sql: "SELECT * FROM log_files ORDER BY id").map(LogStore.logFileInfo(from:))
        }
    }

    /// The next task, or nil when there are no more.
    mutating func next() throws -> SearchTask? {
        while readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if finished { return nil }
            if let scanFiles {
                if scanIndex < scanFiles.count {
                    let file = scanFiles[scanIndex]
                    scanIndex += 1
                    try add(file, lines: 0..<checkedLines(file))
                } else {
                    finish()
                }
            } else if let rowID = try rowIDs?.next(db) {
                guard let file = try info(rowID >> 32) else { continue }
                let first = LineBlocks.firstLine(ofBlock: Int(rowID & 0xFFFF_FFFF))
                let end = min(first + LineBlocks.linesPerBlock, checkedLines(file))
                if first < end { try add(file, lines: first..<end) }
            } else {
                finish()
            }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// The lines of a file checked from its chunks: all but a cut last line.
    private func checkedLines(_ file: LogFileInfo) -> Int {
        cutFiles.contains(file.id) ? file.lineCount - 1 : file.lineCount
    }

    private mutating func info(_ id: Int64) throws -> LogFileInfo? {
        if let given { return given[id] }
        if lookedUp.id != id {
            let row = try Row.fetchOne(fileRow, arguments: [id])
            lookedUp = (id, try row.map(LogStore.logFileInfo(from:)))
        }
        return lookedUp.info
    }

    /// Adds candidate lines of a file (ascending across calls), split at chunk boundaries.
    private mutating func add(_ file: LogFileInfo, lines: Range<Int>) throws {
        if file.id != chunkFile {
            close()
            emitCuts(before: file.id)
            chunkFile = file.id
            chunks = try Row.fetchAll(chunkRows, arguments: [file.id]).map { row in
                let stored = row.stored("log_chunks")
                return try ChunkSpan(id: stored[0], firstLine: stored.count(at: 1), lineCount: stored.count(at: 2))
            }
        }
        var rest = lines
        while !rest.isEmpty {
            // The chunk holding the first line, or else the first one after it.
            var lo = 0, hi = chunks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if chunks[mid].firstLine + chunks[mid].lineCount <= rest.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            guard lo < chunks.count else { return }
            let chunk = chunks[lo]
            let piece = rest.clamped(to: chunk.firstLine..<(chunk.firstLine + chunk.lineCount))
            if !piece.isEmpty {
                if openChunk?.id != chunk.id {
                    close()
                    openFile = file
                    openChunk = chunk
                }
                if let last = openLines.last, last.upperBound >= piece.lowerBound {
                    openLines[openLines.count - 1] = last.lowerBound..<max(last.upperBound, piece.upperBound)
                } else {
                    openLines.append(piece)
                }
            }
            rest = min(max(rest.lowerBound, chunk.firstLine + chunk.lineCount), rest.upperBound)..<rest.upperBound
        }
    }

    private mutating func close() {
        if let openFile, let openChunk {
            ready.append(.chunk(file: openFile, chunkID: openChunk.id, firstLine: openChunk.firstLine, lines: openLines))
        }
        openFile = nil
        openChunk = nil
        openLines = []
    }

    private mutating func emitCuts(before id: Int64) {
        while cutIndex < cuts.count, cuts[cutIndex].file.id < id {
            let cut = cuts[cutIndex]
            ready.append(.cutLine(file: cut.file, line: cut.line, text: cut.text))
            cutIndex += 1
        }
    }

    private mutating func finish() {
        close()
        emitCuts(before: .max)
        finished = true
    }
}

/// The index's matching rowids in order, over the whole index or one file's id range after another.
private struct RowIDStream {
    let fts: String
    let ranges: [ClosedRange<Int64>]?
    private var next = 0
    private var cursor: FastDatabaseValueCursor<Int64>?

    init(fts: String, ranges: [ClosedRange<Int64>]?) {
        self.fts = fts
        self.ranges = ranges
    }

    mutating func next(_ db: Database) throws -> Int64? {
        while true {
            if let cursor, let rowID = try cursor.next() { return rowID }
            if let ranges {
                guard next < ranges.count else { return nil }
                let range = ranges[next]
                next += 1
                cursor = try Int64.fetchCursor(
                    db, sql: "SELECT rowid FROM log_fts WHERE log_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid",
                    arguments: [fts, range.lowerBound, range.upperBound])
            } else {
                guard cursor == nil else { return nil }
                cursor = try Int64.fetchCursor(db, sql: "SELECT rowid FROM log_fts WHERE log_fts MATCH ? ORDER BY rowid", arguments: [fts])
            }
        }
    }
}
