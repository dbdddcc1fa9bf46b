import GRDB
import GRDBSQLite
import ClienteleCore

extension Statement {
    /// Steps through the rows with the SQLite C API, handing `body` the statement handle at
    /// each row (read its columns with `sqlite3_column_*`), then resets the statement. For
    /// scans of millions of rows, where building GRDB `Row`s would cost more than the query.
    /// A failed step (an interrupt, a full disk, SQLite's integer overflow) throws SQLite's
    /// own error, so the engine explains it as it explains every other.
    package func forEachRawRow(_ body: (OpaquePointer) throws -> Void) throws {
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc),
                                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
            }
            try body(handle)
        }
    }
}
