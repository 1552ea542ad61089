/// The full-text index covers blocks of consecutive lines, not single lines.
///
/// A training log repeats the same words on line after line; indexing 8-line blocks stores each word
/// once per block, which makes the index about 2× smaller on real logs. A hit names a block; each of its
/// lines is then checked exactly, so results are unchanged.
enum LineBlocks {
    /// Lines per index block.
    static let linesPerBlock = 8

    /// The block holding a 0-based line.
    @inline(__always)
    static func block(ofLine line: Int) -> Int { line / linesPerBlock }

    /// The first line of a block.
    @inline(__always)
    static func firstLine(ofBlock block: Int) -> Int { block * linesPerBlock }

    /// The index rowid of a block: file id in the high 32 bits, block number in the low 32.
    @inline(__always)
    static func rowID(fileID: Int64, block: Int) -> Int64 { fileID << 32 | Int64(block) }

    /// A block's index entry text: its lines' index text, each after the first preceded by `\n` — except while
    /// the text is still empty (leading blank lines add nothing), as entries have always been written.
    static func entryText(_ lines: [[UInt8]]) -> [UInt8] {
        var text: [UInt8] = []
        for line in lines {
            if !text.isEmpty { text.append(0x0A) }
            text.append(contentsOf: line)
        }
        return text
    }

    /// Every rowid a file's blocks can have.
    static func rowIDs(ofFile fileID: Int64) -> ClosedRange<Int64> { (fileID << 32)...((fileID << 32) | 0xFFFF_FFFF) }
}

/// Builds the index text of blocks line by line and hands each finished block to a callback (to delete a log's
/// entries, block by block, with the text they were inserted with).
struct BlockIndexWriter {
    /// One index entry: a block's rowid and the exact text it was indexed with.
    struct Entry: Sendable {
        var rowID: Int64
        var text: [UInt8]

        func insert(using stmt: RawStatement) throws { try bind(stmt) }
        func delete(using stmt: RawStatement) throws { try bind(stmt) }

        private func bind(_ stmt: RawStatement) throws {
            stmt.bind(1, rowID)
            var blank: UInt8 = 0x20
            try text.withUnsafeBufferPointer { t in
                if let base = t.baseAddress, t.count > 0 {
                    stmt.bindText(2, base, count: t.count)
                    try stmt.run()
                } else {
                    try withUnsafePointer(to: &blank) { p in
                        stmt.bindText(2, p, count: 0)
                        try stmt.run()
                    }
                }
            }
        }
    }

    let fileID: Int64
    private var block = -1
    private var text: [UInt8] = []
    private var scratch: [UInt8] = []

    init(fileID: Int64) {
        self.fileID = fileID
        text.reserveCapacity(2048)
    }

    /// Adds a line's text; when the line starts a new block, the previous one is completed.
    mutating func add(line: Int, text lineText: UnsafeBufferPointer<UInt8>, completed: (Entry) throws -> Void) throws {
        let b = LineBlocks.block(ofLine: line)
        if b != block {
            if block >= 0 { try completed(Entry(rowID: LineBlocks.rowID(fileID: fileID, block: block), text: text)) }
            block = b
            text.removeAll(keepingCapacity: true)
        }
        LogText.indexText(lineText, into: &scratch)
        if !text.isEmpty { text.append(0x0A) }
        text.append(contentsOf: scratch)
    }

    /// Completes the last block.
    mutating func finish(_ completed: (Entry) throws -> Void) throws {
        if block >= 0 { try completed(Entry(rowID: LineBlocks.rowID(fileID: fileID, block: block), text: text)) }
        block = -1
        text.removeAll(keepingCapacity: true)
    }
}
