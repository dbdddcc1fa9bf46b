import GRDB
import GRDBSQLite
import ClienteleCore

extension Interruption {
    /// Runs `body` with this interruption watching `db`'s statements and the passes in Swift.
    package func watching<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let connection = db.sqliteConnection
        sqlite3_progress_handler(connection, 1000, { context in
            Unmanaged<Interruption>.fromOpaque(context!).takeUnretainedValue().isRequested ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        // The handler points at this object: never leave it on the connection afterwards.
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        return try Interruption.$current.withValue(self) { try body() }
    }
}
