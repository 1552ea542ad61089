import Foundation
import GRDB

/// A chunk's compressed bytes as read from `log_chunks`, to inflate on any thread.
struct StoredChunk: Sendable {
    /// The log file it belongs to (for messages).
    var fileID: Int64
    /// Its first line in the file (for messages).
    var firstLine: Int
    /// Its uncompressed length.
    var rawLength: Int
    /// The zlib stream.
    var data: Data

    /// Reads a `log_chunks` row holding `first_line`, `raw_length` and `data`.
    ///
    /// - Throws: ``ArchiveError`` `.damagedValue` when a column is missing or of the wrong type.
    init(row: Row, fileID: Int64) throws {
        let stored = row.stored("log_chunks")
        try self.init(fileID: fileID, firstLine: stored.count("first_line"), rawLength: stored.count("raw_length"), data: stored["data"])
    }

    /// Reads a row of exactly `first_line, raw_length, data` by position (for the many chunks a search reads).
    ///
    /// - Throws: ``ArchiveError`` `.damagedValue` when a column is of the wrong type.
    init(positionalRow row: Row, fileID: Int64) throws {
        let stored = row.stored("log_chunks")
        try self.init(fileID: fileID, firstLine: stored.count(at: 0), rawLength: stored.count(at: 1), data: stored[2])
    }

    private init(fileID: Int64, firstLine: Int, rawLength: Int, data: Data) {
        self.fileID = fileID
        self.firstLine = firstLine
        self.rawLength = rawLength
        self.data = data
    }

    /// The chunk's bytes.
    ///
    /// - Throws: ``ArchiveError`` `.corrupted` when the length is impossible or the stream does not inflate to it.
    func inflate() throws(ArchiveError) -> [UInt8] {
        // zlib's deflate never compresses better than about 1032:1: a larger length is damage, not a buffer to allocate.
        guard rawLength <= data.count * 1100 + 1024 else {
            throw ArchiveError(.corrupted, "log file \(fileID), chunk at line \(firstLine): raw_length \(rawLength) is impossible for \(data.count) compressed bytes")
        }
        do {
            return try data.withUnsafeBytes { (buf) throws(ArchiveError) -> [UInt8] in try Zlib.inflate(buf, rawLength: rawLength) }
        } catch {
            throw ArchiveError(.corrupted, "log file \(fileID), chunk at line \(firstLine): \(error)")
        }
    }
}
