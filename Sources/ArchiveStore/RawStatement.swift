import GRDB
import GRDBSQLite

/// SQLITE_STATIC: SQLite uses the bound buffer in place; it must outlive the next step.
let sqliteStatic = unsafeBitCast(OpaquePointer(bitPattern: 0), to: sqlite3_destructor_type.self)

/// A prepared statement on GRDB's raw connection, for the ingest hot path (no argument boxing).
///
/// Lives only inside one GRDB database access closure; finalized in `deinit`.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw ArchiveError(.database, "database connection is closed")
        }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            let message = String(cString: sqlite3_errmsg(connection))
            throw ArchiveError(.database, "SQLite prepare failed: \(message) (\(sql))")
        }
        self.handle = stmt
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Binds text in place (SQLITE_STATIC): `pointer` must stay valid until `step`.
    func bindText(_ index: Int32, _ pointer: UnsafePointer<UInt8>, count: Int) {
        pointer.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(count), sqliteStatic)
        }
    }

    /// Binds a blob in place (SQLITE_STATIC): `pointer` must stay valid until `step`.
    func bindBlob(_ index: Int32, _ pointer: UnsafeRawPointer?, count: Int) {
        if count == 0 {
            sqlite3_bind_zeroblob(handle, index, 0)
        } else {
            sqlite3_bind_blob(handle, index, pointer, Int32(count), sqliteStatic)
        }
    }

    /// Steps a statement that returns no rows, then resets it and clears bindings.
    func run() throws {
        let rc = sqlite3_step(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(connection))
            throw ArchiveError(.database, "SQLite step failed: \(message) (\(sql))")
        }
    }
}
