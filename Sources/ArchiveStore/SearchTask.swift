import GRDB

/// One unit of a search's work, in (file, line) order.
enum SearchTask: Sendable {
    /// Lines of one stored chunk to check: ascending, disjoint ranges of 0-based file lines from the chunk's first
    /// line (those past the lines it holds are not there to check).
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

/// A stored chunk's place in its file: from its first line to the next chunk's (the chunk's own line count is
/// not trusted: the lines it really holds are what its bytes hold).
struct ChunkSpan {
    var fileID: Int64
    var id: Int64
    var firstLine: Int
    /// The next chunk's first line (`Int.max` for the last chunk), and its id.
    var end: Int
    var next: Int64?

    func holds(_ fileID: Int64, _ line: Int) -> Bool { fileID == self.fileID && firstLine <= line && line < end }
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
    /// The chunk the last candidate line fell in.
    private var span: ChunkSpan?
    private var lookedUp: (id: Int64, info: LogFileInfo?) = (-1, nil)
    /// `log_files` by id; a file's chunk at or before a line, and the one after a line: prepared once per search.
    private let fileRow: Statement
    private let chunkAtOrBefore: Statement
    private let chunkAfter: Statement
    private var finished = false
    /// An error met while making tasks, thrown once the tasks made before it are taken.
    private var failure: (any Error)?

    /// - Parameters:
    ///   - fts: the index expression, or nil to check every line.
    ///   - files: the files to search (as some capture left them), or nil for all.
    init(_ db: Database, fts: String?, files: [LogFileInfo]?) throws {
        self.db = db
        // `SELECT *`: the columns of the archive's format (one read transaction: the schema cannot change under it).
        fileRow = try db.makeStatement(sql: "SELECT * FROM log_files WHERE id = ?")
        chunkAtOrBefore = try db.cachedStatement(
            sql: "SELECT id, first_line FROM log_chunks WHERE file_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1")
        chunkAfter = try db.cachedStatement(
            sql: "SELECT id, first_line FROM log_chunks WHERE file_id = ? AND first_line > ? ORDER BY first_line LIMIT 1")
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
    ///
    /// - Throws: an error reading a row (a damaged one), after every task made before it.
    mutating func next() throws -> SearchTask? {
        while readyIndex == ready.count {
            if let failure {
                self.failure = nil
                finished = true
                throw failure
            }
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if finished { return nil }
            do {
                try produce()
            } catch {
                // The tasks made so far go first.
                failure = error
            }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// Makes tasks from the next file to scan or the next index hit (or finishes).
    private mutating func produce() throws {
        if let scanFiles {
            if scanIndex < scanFiles.count {
                let file = scanFiles[scanIndex]
                scanIndex += 1
                try add(file, lines: 0..<checkedLines(file))
            } else {
                finish()
            }
        } else if let rowID = try rowIDs?.next(db) {
            guard let file = try info(rowID >> 32) else { return }
            let first = LineBlocks.firstLine(ofBlock: Int(rowID & 0xFFFF_FFFF))
            let end = min(first + LineBlocks.linesPerBlock, checkedLines(file))
            if first < end { try add(file, lines: first..<end) }
        } else {
            finish()
        }
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
    ///
    /// Chunks are looked up as the lines reach them, so a damaged chunk row is an error only where the search
    /// gets to it.
    private mutating func add(_ file: LogFileInfo, lines: Range<Int>) throws {
        if openFile?.id != file.id {
            close()
            emitCuts(before: file.id)
        }
        var rest = lines
        while !rest.isEmpty {
            let line = rest.lowerBound
            if span?.holds(file.id, line) != true {
                if let previous = span, previous.fileID == file.id, previous.end == line, let next = previous.next {
                    span = try self.span(file.id, id: next, firstLine: line)
                } else if let row = try Row.fetchOne(chunkAtOrBefore, arguments: [file.id, line]) {
                    let stored = row.stored("log_chunks")
                    span = try self.span(file.id, id: stored[0], firstLine: stored.count(at: 1))
                } else {
                    // Before the file's first chunk (never in a consistent file): on from that chunk.
                    guard let row = try Row.fetchOne(chunkAfter, arguments: [file.id, line]) else { return }
                    let first = try row.stored("log_chunks").count(at: 1)
                    rest = min(first, rest.upperBound)..<rest.upperBound
                    continue
                }
            }
            guard let chunk = span, chunk.holds(file.id, line) else { return }
            let piece = rest.clamped(to: chunk.firstLine..<chunk.end)
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
            rest = piece.upperBound..<rest.upperBound
        }
    }

    /// The span of a file's chunk: up to the next chunk's first line.
    private func span(_ fileID: Int64, id: Int64, firstLine: Int) throws -> ChunkSpan {
        guard let row = try Row.fetchOne(chunkAfter, arguments: [fileID, firstLine]) else {
            return ChunkSpan(fileID: fileID, id: id, firstLine: firstLine, end: .max, next: nil)
        }
        let stored = row.stored("log_chunks")
        return try ChunkSpan(fileID: fileID, id: id, firstLine: firstLine, end: stored.count(at: 1), next: stored[0])
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
