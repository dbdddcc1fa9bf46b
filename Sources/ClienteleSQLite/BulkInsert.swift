import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore
import ClienteleInterchange
import ClienteleDemo

/// A prepared INSERT for bulk loads (the demo data, the orders import), bound and stepped
/// through the SQLite C API.
///
/// GRDB's `StatementArguments` box every value (an existential per column, an array per
/// row); at millions of rows that boxing costs more than SQLite's own work. The statement
/// is still prepared by GRDB, on GRDB's writer connection, inside `Store.write`'s
/// transaction; only binding and stepping bypass GRDB. Values are bound in the column
/// order of the SQL, then `run()` executes the row.
///
/// Because `run()` does not go through GRDB's statement hooks, GRDB transaction observers
/// (`ValueObservation`) are not told which tables changed: fine, Clientele registers none.
final class BulkInsert {
    private let statement: GRDB.Statement   // owns the sqlite3_stmt
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?
    private var column: Int32 = 0
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    func int(_ v: Int64) {
        column += 1
        sqlite3_bind_int64(handle, column, v)
    }

    func int(_ v: Int) { int(Int64(v)) }

    func null() {
        column += 1
        sqlite3_bind_null(handle, column)
    }

    func text(_ s: String) {
        column += 1
        var s = s
        s.withUTF8 { b in
            _ = sqlite3_bind_text(handle, column, b.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(b.count), BulkInsert.transient)
        }
    }

    func text(_ s: String?) {
        if let s { text(s) } else { null() }
    }

    /// Text given as UTF-8 bytes (copied by SQLite).
    func text(bytes: UnsafeRawPointer, count: Int) {
        column += 1
        sqlite3_bind_text(handle, column, bytes.assumingMemoryBound(to: CChar.self), Int32(count), BulkInsert.transient)
    }

    /// Text `prefix` followed by `n` zero-padded to `width` digits ("РН-0000042"), built
    /// without allocating.
    func numbered(_ prefix: [UInt8], _ n: Int64, width: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefix.count + 24) { buf in
            var len = 0
            for b in prefix { buf[len] = b; len += 1 }
            var digits = 0, m = n
            repeat { digits += 1; m /= 10 } while m > 0
            let total = max(width, digits)
            var v = n
            for i in stride(from: len + total - 1, through: len, by: -1) {
                buf[i] = UInt8(48 + v % 10)
                v /= 10
            }
            text(bytes: UnsafeRawPointer(buf.baseAddress!), count: len + total)
        }
    }

    /// Executes the row bound since the previous `run()`.
    func run() throws {
        column = 0
        let code = sqlite3_step(handle)
        if code != SQLITE_DONE {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    deinit { sqlite3_clear_bindings(handle) }
}
