import Crypto
import Foundation

/// Appends bytes to one stored log, the CPU work (chunking, compression, checksums, the running SHA-256, index
/// text) done by ``prepare(_:complete:_:)`` on whichever thread calls it, so that ``LogStore/commit(_:capture:)``
/// has only SQLite work left.
///
/// An appender holds the log's stored tail: its counts and running hash, the last chunk when the next bytes
/// join it (a short one, or one ending in an unfinished line), and the index block of the last stored line. Get one
/// with ``LogStore/appender(fileID:)``; it stays true to the archive while every write of that log goes through
/// it and every batch it prepares is committed, in order.
package struct LogAppender: Sendable {
    /// The log file.
    package let fileID: Int64
    /// Lines stored once the batches prepared so far are committed.
    package private(set) var lineCount: Int
    /// Bytes stored once the batches prepared so far are committed.
    package private(set) var byteCount: Int
    /// Whether the stored bytes end in `\n` (or there are none).
    package private(set) var endsWithNewline: Bool
    /// The running hash of the `byteCount` stored bytes.
    private var hasher: RunningHash
    /// The last chunk, when the next append rewrites it together with the new bytes.
    private var tail: Tail?
    /// The index block holding the last stored line.
    private var block: OpenBlock?

    /// A stored chunk that the next append re-opens.
    struct Tail: Sendable {
        var firstLine: Int
        var raw: [UInt8]
        /// The running hash of the bytes before it.
        var hashBefore: RunningHash
    }

    /// An index block that may still gain or change lines.
    struct OpenBlock: Sendable {
        var number: Int
        /// The index text of each of its stored lines.
        var lines: [[UInt8]]
        /// The text its index entry holds now (nil: no entry yet).
        var indexed: [UInt8]?

        var text: [UInt8] { LineBlocks.entryText(lines) }
    }

    init(fileID: Int64, lineCount: Int, byteCount: Int, endsWithNewline: Bool, hasher: RunningHash, tail: Tail?, block: OpenBlock?) {
        self.fileID = fileID
        self.lineCount = lineCount
        self.byteCount = byteCount
        self.endsWithNewline = endsWithNewline
        self.hasher = hasher
        self.tail = tail
        self.block = block
    }

    /// Works out the writes that append `data`, one batch of up to ``LogStore/chunksPerTransaction`` chunks at a
    /// time, handing each to `batch` (at least one, also for no data); the appender then stands after them.
    ///
    /// With `complete`, the last batch marks the log complete. If `batch` throws, the appender no longer matches
    /// the archive: make a new one.
    package mutating func prepare(_ data: [UInt8], complete: Bool, _ batch: (PreparedAppend) throws -> Void) throws {
        var payload = data
        var startLine = lineCount
        var bytesBefore = byteCount
        var running = hasher
        var replaces: Int? = nil
        // The first line whose index text is new or changes (an unfinished last line is indexed again, whole).
        let indexFrom = endsWithNewline ? lineCount : lineCount - 1
        if let tail {
            payload = tail.raw + data
            startLine = tail.firstLine
            bytesBefore = byteCount - tail.raw.count
            running = tail.hashBefore
            replaces = tail.firstLine
        }
        if !endsWithNewline, var open = block, !open.lines.isEmpty {
            open.lines.removeLast()
            block = open
        }
        let ends = payload.withUnsafeBytes { LogText.lineEnds($0) }
        var lineIndex = 0
        var byteOffset = 0
        var scratch: [UInt8] = []
        var lastChunk: (firstLine: Int, range: Range<Int>, hashBefore: RunningHash)? = nil
        repeat {
            var prepared = PreparedAppend(fileID: fileID, replacesChunkAt: replaces)
            prepared.after = (lineCount, byteCount)
            replaces = nil
            while prepared.chunks.count < LogStore.chunksPerTransaction, lineIndex < ends.count {
                let chunkStart = byteOffset
                let firstLineOfChunk = lineIndex
                while lineIndex < ends.count {
                    let end = ends[lineIndex]
                    if end - chunkStart > LogText.chunkTarget, lineIndex > firstLineOfChunk { break }
                    lineIndex += 1
                    byteOffset = end
                    if end - chunkStart >= LogText.chunkTarget { break }
                }
                let range = chunkStart..<byteOffset
                lastChunk = (startLine + firstLineOfChunk, range, running)
                try payload.withUnsafeBufferPointer { all in
                    let slice = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(all)[range])
                    prepared.chunks.append(PreparedAppend.Chunk(
                        firstLine: startLine + firstLineOfChunk, lineCount: lineIndex - firstLineOfChunk, rawLength: range.count,
                        crc32: Zlib.crc32(slice), data: try Zlib.compress(slice)))
                    running.state.update(bufferPointer: slice)
                    var lineStart = chunkStart
                    for li in firstLineOfChunk..<lineIndex {
                        let absolute = startLine + li
                        if absolute >= indexFrom {
                            LogText.indexText(UnsafeBufferPointer(rebasing: all[lineStart..<ends[li]]), into: &scratch)
                            add(line: absolute, text: scratch, to: &prepared)
                        }
                        lineStart = ends[li]
                    }
                }
            }
            // The block left open is written as it stands; a later line rewrites it.
            if var open = block {
                let text = open.text
                if open.indexed != text {
                    prepared.rewrite(block: open.number, from: open.indexed, to: text)
                    open.indexed = text
                    block = open
                }
            }
            prepared.lineCount = startLine + lineIndex
            prepared.byteCount = bytesBefore + byteOffset
            prepared.endsWithNewline = byteOffset == 0 ? endsWithNewline : payload[byteOffset - 1] == 0x0A
            let done = lineIndex == ends.count
            prepared.complete = done && complete
            prepared.sha256 = Archive.hex(Array(running.state.finalize()))
            prepared.hashStates = [(prepared.byteCount, running)]
            if let lastChunk { prepared.hashStates.append((bytesBefore + lastChunk.range.lowerBound, lastChunk.hashBefore)) }
            lineCount = prepared.lineCount
            byteCount = prepared.byteCount
            endsWithNewline = prepared.endsWithNewline
            hasher = running
            try batch(prepared)
        } while lineIndex < ends.count
        // The next append re-opens the last chunk when it is short or ends in an unfinished line.
        tail = nil
        if let lastChunk, !endsWithNewline || lastChunk.range.count < LogText.chunkTarget / 2 {
            tail = Tail(firstLine: lastChunk.firstLine, raw: Array(payload[lastChunk.range]), hashBefore: lastChunk.hashBefore)
        }
    }

    /// Adds a line's index text to its block, completing the block before it.
    private mutating func add(line: Int, text: [UInt8], to prepared: inout PreparedAppend) {
        let number = LineBlocks.block(ofLine: line)
        if var open = block, open.number != number {
            let done = open.text
            if open.indexed != done { prepared.rewrite(block: open.number, from: open.indexed, to: done) }
            open = OpenBlock(number: number, lines: [], indexed: nil)
            block = open
        }
        if block == nil { block = OpenBlock(number: number, lines: [], indexed: nil) }
        block?.lines.append(text)
    }
}

/// The writes of one append batch, worked out by ``LogAppender/prepare(_:complete:_:)``: what
/// ``LogStore/commit(_:capture:)`` runs in one transaction.
package struct PreparedAppend: Sendable {
    /// A compressed chunk to insert.
    struct Chunk: Sendable {
        var firstLine: Int
        var lineCount: Int
        var rawLength: Int
        var crc32: UInt32
        var data: [UInt8]
    }

    /// A change to the full-text index (its entries are deleted with the very text they were inserted with).
    enum IndexChange: Sendable {
        case delete(BlockIndexWriter.Entry)
        case insert(BlockIndexWriter.Entry)
    }

    /// The log file.
    package let fileID: Int64
    /// The first line of the stored chunk these chunks replace (re-opened), if any.
    var replacesChunkAt: Int?
    var chunks: [Chunk] = []
    var index: [IndexChange] = []
    /// The stored log's lines and bytes the batch continues (a batch of a stale appender is refused).
    var after: (lineCount: Int, byteCount: Int) = (0, 0)
    /// The log's state after the batch.
    var lineCount = 0
    var byteCount = 0
    var endsWithNewline = true
    var complete = false
    var sha256 = ""
    /// Running hashes to remember after the commit: at the end, and where the last chunk starts.
    var hashStates: [(byteCount: Int, state: RunningHash)] = []

    init(fileID: Int64, replacesChunkAt: Int?) {
        self.fileID = fileID
        self.replacesChunkAt = replacesChunkAt
    }

    /// Replaces a block's index entry (`old`: what it holds now, nil for none) by `new`.
    mutating func rewrite(block: Int, from old: [UInt8]?, to new: [UInt8]) {
        let rowID = LineBlocks.rowID(fileID: fileID, block: block)
        if let old { index.append(.delete(BlockIndexWriter.Entry(rowID: rowID, text: old))) }
        index.append(.insert(BlockIndexWriter.Entry(rowID: rowID, text: new)))
    }
}

/// A running SHA-256, passed between threads: swift-crypto's `SHA256` is a value (a copy is independent of the
/// original), which its declarations do not yet say.
struct RunningHash: @unchecked Sendable {
    var state: SHA256

    init(_ state: SHA256 = SHA256()) { self.state = state }
}
