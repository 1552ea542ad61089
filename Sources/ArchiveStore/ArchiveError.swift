import Foundation

/// An error raised by the archive store, with a one-line description that names the problem.
///
/// Follows the extensible-struct pattern (AsyncHTTPClient's `HTTPClientError`): match on `code`.
public struct ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, independent of the message text.
    public enum Code: String, Sendable, Equatable {
        /// The file does not exist.
        case notFound
        /// The file is not a jobarchive archive (wrong application id, not SQLite, or empty).
        case notAnArchive
        /// The archive was written by a newer format version than this tool reads.
        case newerFormat
        /// SQLite reports damage, or stored bytes fail a check (hash, zlib, offsets).
        case corrupted
        /// A stored value is NULL, of the wrong type or out of range where a typed value is expected;
        /// the message names the table, the row and the column.
        case damagedValue
        /// A write was attempted on an archive opened read-only.
        case readOnly
        /// A requested entity, log file or capture does not exist.
        case noSuchItem
        /// The caller passed an unusable value.
        case invalidArgument
        /// zlib failed to compress or inflate.
        case compression
        /// An underlying SQLite error.
        case database
    }

    /// The machine-readable kind of failure.
    public var code: Code
    /// A one-line human-readable message.
    public var message: String
    /// The extended result code SQLite reported, when SQLite is where the failure came from (its primary
    /// code is the low byte: 11 `SQLITE_CORRUPT`, 26 `SQLITE_NOTADB`, 8 `SQLITE_READONLY`, 5 `SQLITE_BUSY`,
    /// 13 `SQLITE_FULL`; extended ones say more, e.g. 266 `SQLITE_IOERR_READ`); nil for failures found by
    /// the store itself (a hash mismatch, a damaged value, a missing item).
    public var sqliteResultCode: Int32?

    /// The primary SQLite result code (``sqliteResultCode`` without its extended bits), when there is one.
    public var sqlitePrimaryResultCode: Int32? { sqliteResultCode.map { $0 & 0xFF } }

    /// Creates an error.
    public init(_ code: Code, _ message: String, sqliteResultCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.sqliteResultCode = sqliteResultCode
    }

    /// The one-line message.
    public var description: String { message }
}
