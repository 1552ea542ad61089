import Crypto
import Foundation
import GRDB

/// One jobarchive archive: a single SQLite file holding captures, entity revisions, logs and their index.
///
/// Open an existing archive with ``open(at:mode:)`` or make a new one with ``create(at:projectID:sourceEndpoint:)``.
/// Every error thrown by this type is an ``ArchiveError``.
public final class Archive: Sendable {
    /// How an archive is opened.
    public enum Mode: Sendable, Equatable {
        /// Reads and writes (snapshot, sample generation).
        case readWrite
        /// Reads only; SQLite refuses every write (serve, query commands).
        case readOnly
    }

    /// The archive file's path.
    public let path: String
    /// How the archive was opened.
    public let mode: Mode
    let dbQueue: DatabaseQueue
    /// Running SHA-256 states of logs being appended to, so an append hashes only its new bytes.
    let logHashes = LogHashCache()

    private init(path: String, mode: Mode, dbQueue: DatabaseQueue) {
        self.path = path
        self.mode = mode
        self.dbQueue = dbQueue
    }

    /// The tool version written into new archives' metadata.
    public static let toolVersion = "0.1.0"

    /// Creates a new, empty archive at `path`; fails if a file is already there.
    ///
    /// The file is built under a temporary name beside `path` and renamed into place only when its schema
    /// and metadata are complete, so a process killed while creating never leaves a half-made archive.
    public static func create(at path: String, projectID: String, sourceEndpoint: String? = nil) throws -> Archive {
        if FileManager.default.fileExists(atPath: path) {
            throw ArchiveError(.invalidArgument, "\(path): a file already exists there; refusing to overwrite it")
        }
        let temporary = path + ".creating-\(UUID().uuidString)"
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Before any table exists: 4 KiB pages waste least around ~7 KiB compressed chunks (measured:
            // 1.53x gzip -6 for the whole archive against 1.59x at 8 KiB, 1.98x at 16 KiB); incremental
            // auto-vacuum lets `close()` return the pages that index merges free.
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
        }
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: config)
            try ArchiveSchema.migrator.migrate(queue)
            try queue.write { db in
                try db.execute(sql: "PRAGMA application_id = \(ArchiveSchema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(ArchiveSchema.formatVersion)")
                let now = Archive.timestamp()
                let meta: [(String, String)] = [
                    ("format_version", String(ArchiveSchema.formatVersion)),
                    ("tool_version", toolVersion),
                    ("project_id", projectID),
                    ("source_endpoint", sourceEndpoint.map(Archive.redactedEndpoint) ?? ""),
                    ("created_at", now),
                ]
                for (key, value) in meta {
                    try db.execute(sql: "INSERT INTO archive_meta(key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
            try queue.close()
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch let error as ArchiveError {
            try? FileManager.default.removeItem(atPath: temporary)  // try?: cleanup of a half-made file; the real error is thrown next
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)  // try?: cleanup of a half-made file; the real error is thrown next
            if FileManager.default.fileExists(atPath: path) {
                throw ArchiveError(.invalidArgument, "\(path): a file already exists there; refusing to overwrite it")
            }
            throw Archive.translate(error, path: path)
        }
        return try open(at: path, mode: .readWrite)
    }

    /// Opens an existing archive, checking that it is a jobarchive archive of a format this build reads.
    public static func open(at path: String, mode: Mode = .readOnly) throws -> Archive {
        try checkHeader(path: path)
        var config = Configuration()
        config.readonly = (mode == .readOnly)
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let (appID, version) = try queue.read { db -> (Int32, Int32) in
                let app = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let ver = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                return (app, ver)
            }
            guard appID == ArchiveSchema.applicationID else {
                throw ArchiveError(.notAnArchive, "\(path): not a jobarchive archive (SQLite application_id is \(appID), expected \(ArchiveSchema.applicationID))")
            }
            guard version <= ArchiveSchema.formatVersion else {
                throw ArchiveError(.newerFormat, "\(path): archive format version \(version) is newer than this jobarchive reads (\(ArchiveSchema.formatVersion)); upgrade jobarchive")
            }
            if mode == .readWrite {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                try ArchiveSchema.migrator.migrate(queue)
                if version < ArchiveSchema.formatVersion {
                    // An archive of an earlier format, now migrated: it says so (its content is unchanged).
                    try queue.write { db in
                        try db.execute(sql: "PRAGMA user_version = \(ArchiveSchema.formatVersion)")
                        try db.execute(
                            sql: "INSERT INTO archive_meta(key, value) VALUES ('format_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                            arguments: [String(ArchiveSchema.formatVersion)])
                    }
                }
            }
            return Archive(path: path, mode: mode, dbQueue: queue)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw Archive.translate(error, path: path)
        }
    }

    /// Merges the full-text index into one segment (smaller and faster to search).
    ///
    /// Writers call it when a batch of work ends (about 0.1 s per million log lines).
    public func optimizeIndex() throws {
        try withWriter { db in
            try db.execute(sql: "INSERT INTO log_fts(log_fts) VALUES('optimize')")
        }
    }

    /// Returns free pages to the file system, checkpoints the write-ahead log and returns the file to a
    /// single self-contained SQLite file.
    ///
    /// Call it when a writing session ends; a read-only archive needs nothing.
    public func close() throws {
        guard mode == .readWrite else { return }
        do {
            try dbQueue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
        } catch {
            throw Archive.translate(error, path: path)
        }
    }

    private static func checkHeader(path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ArchiveError(.notFound, "\(path): no such file")
        }
        guard !isDir.boolValue else {
            throw ArchiveError(.notAnArchive, "\(path): is a directory, not an archive file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ArchiveError(.notFound, "\(path): cannot be opened for reading")
        }
        defer { try? handle.close() }  // try?: closing a file only read from
        // try?: an unreadable header is reported below as not an archive, naming the file
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        if header.isEmpty {
            throw ArchiveError(.notAnArchive, "\(path): empty file, not an archive")
        }
        guard header.count >= 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw ArchiveError(.notAnArchive, "\(path): not a jobarchive archive (not an SQLite database file)")
        }
        // application_id lives at offset 68, big-endian.
        let bytes = [UInt8](header)
        let appID = Int32(bitPattern: UInt32(bytes[68]) << 24 | UInt32(bytes[69]) << 16 | UInt32(bytes[70]) << 8 | UInt32(bytes[71]))
        guard appID == ArchiveSchema.applicationID else {
            throw ArchiveError(.notAnArchive, "\(path): not a jobarchive archive (SQLite application_id is \(appID), expected \(ArchiveSchema.applicationID))")
        }
    }

    // MARK: - Access

    /// Runs `body` in a read transaction, translating errors to ``ArchiveError``.
    func withReader<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbQueue.read(body)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw Archive.translate(error, path: path)
        }
    }

    /// Runs `body` in one write transaction, translating errors to ``ArchiveError``.
    func withWriter<T>(_ body: (Database) throws -> T) throws -> T {
        guard mode == .readWrite else {
            throw ArchiveError(.readOnly, "\(path): archive is opened read-only; refusing to write")
        }
        do {
            return try dbQueue.write(body)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw Archive.translate(error, path: path)
        }
    }

    /// Runs `body` outside a transaction (on rows already fetched), translating errors to ``ArchiveError``.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Archive.translate(error, path: path)
        }
    }

    static func translate(_ error: any Error, path: String) -> ArchiveError {
        if let error = error as? ArchiveError { return error }
        if let damaged = error as? DamagedValue {
            return ArchiveError(.damagedValue, "\(path): \(damaged)")
        }
        if let decoding = error as? RowDecodingError {
            // GRDB's message: "could not decode Int64 from database value NULL - column: …, row: …, sql: `…`".
            let text = "\(decoding)"
            let head = text.range(of: " - ").map { String(text[..<$0.lowerBound]) } ?? text
            // The column GRDB names after the dash (`column: "spec_id"`), without the row's values or the SQL.
            let column = text.range(of: " - column: \"").flatMap { start in
                text[start.upperBound...].firstIndex(of: "\"").map { String(text[start.upperBound..<$0]) }
            }
            let place = column.map { " in column \(StoredRow.clip($0, 64))" } ?? ""
            return ArchiveError(.damagedValue, "\(path): damaged value\(place): \(StoredRow.clip(head, 200))")
        }
        if let db = error as? DatabaseError {
            let base = db.resultCode
            let sqlite = db.extendedResultCode.rawValue
            let message = (db.message ?? "\(db)").split(whereSeparator: \.isNewline).joined(separator: " ")
            switch base {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return ArchiveError(.corrupted, "\(path): archive is damaged (SQLite: \(message))", sqliteResultCode: sqlite)
            case .SQLITE_READONLY:
                return ArchiveError(.readOnly, "\(path): archive is read-only (SQLite: \(message))", sqliteResultCode: sqlite)
            case .SQLITE_CANTOPEN:
                return ArchiveError(.notFound, "\(path): cannot open (SQLite: \(message))", sqliteResultCode: sqlite)
            default:
                return ArchiveError(.database, "\(path): SQLite error: \(message)", sqliteResultCode: sqlite)
            }
        }
        return ArchiveError(.database, "\(path): \("\(error)".split(whereSeparator: \.isNewline).joined(separator: " "))")
    }

    // MARK: - Metadata

    /// The `archive_meta` table as a dictionary.
    public func metadata() throws -> [String: String] {
        try withReader { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM archive_meta") {
                let row = row.stored("archive_meta")
                out[try row["key"]] = try row["value"] as String
            }
            return out
        }
    }

    /// Sets one metadata value (never a credential: endpoints are stored without user info or query).
    public func setMetadata(_ key: String, _ value: String) throws {
        try withWriter { db in
            try db.execute(sql: "INSERT INTO archive_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        }
    }

    /// An endpoint URL reduced to scheme, host, port and path: no user info, query or fragment.
    public static func redactedEndpoint(_ endpoint: String) -> String {
        guard var comps = URLComponents(string: endpoint) else { return "" }
        comps.user = nil
        comps.password = nil
        comps.query = nil
        comps.fragment = nil
        return comps.string ?? ""
    }

    /// The current time as ISO 8601 UTC with milliseconds.
    static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    /// Lowercase hex of bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
