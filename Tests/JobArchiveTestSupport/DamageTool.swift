import Foundation
import GRDB

/// Damages archive files on purpose, through plain SQLite, the way a bad disk or a careless edit would.
public enum DamageTool {
    /// Flips one byte of a log chunk's zlib blob; returns the chunk's first line.
    @discardableResult
    public static func flipChunkByte(path: String, fileID: Int64, chunkIndex: Int, offset: Int) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, first_line, data FROM log_chunks WHERE file_id = ? ORDER BY first_line", arguments: [fileID])
            let row = rows[chunkIndex]
            var data: Data = row["data"]
            let i = data.startIndex + min(offset, data.count - 1)
            data[i] ^= 0x01
            try db.execute(sql: "UPDATE log_chunks SET data = ? WHERE id = ?", arguments: [data, row["id"] as Int64])
            return row["first_line"]
        }
    }

    /// Runs arbitrary SQL on an archive file.
    public static func execute(path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }
}
