import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange
import ClienteleDemo

extension BulkInsert {
    /// A date bound as ISO text (`2025-01-31`) without building a `String`.
    func isoDate(_ d: CalendarDate) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buf in
            func put(_ n: Int, _ at: Int, _ width: Int) {
                var v = n
                for k in stride(from: at + width - 1, through: at, by: -1) { buf[k] = UInt8(0x30 + v % 10); v /= 10 }
            }
            put(d.year, 0, 4); buf[4] = 0x2D; put(d.month, 5, 2); buf[7] = 0x2D; put(d.day, 8, 2)
            text(bytes: UnsafeRawPointer(buf.baseAddress!), count: 10)
        }
    }
}

/// The secondary indexes of a table dropped for a large import and built again at its end,
/// inside the import's own savepoint: SQLite builds an index from sorted rows far faster
/// than it inserts millions of rows into it one by one (on 2 million orders, 10 s against
/// 19 s in the sqlite3 shell alone). Schema changes are transactional in SQLite, so a
/// failed, rolled back or killed import leaves the indexes exactly as they were.
///
/// Only when the file has at least as many rows as the table (rebuilding costs a sort of
/// the whole table) and many rows; only for tables whose triggers do not read them.
struct IndexRebuild {
    private var indexes: [(name: String, sql: String)] = []
    static let minimumRows = 50_000

    init(_ db: Database, table: String, expectedRows: Int, minimumRows: Int = IndexRebuild.minimumRows) throws {
        guard expectedRows >= minimumRows else { return }
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        guard expectedRows >= existing else { return }
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
            """, arguments: [table])
        indexes = rows.map { ($0[0], $0[1]) }
        for index in indexes {
            try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)")
        }
        // The order facts version moves once for the whole load, not once per row.
        if table == "orders" {
            try FactsVersionMigration.suspend(db)
            suspendedFactsTriggers = true
        }
    }

    private var suspendedFactsTriggers = false

    /// Whether indexes were dropped.
    var isActive: Bool { !indexes.isEmpty }

    /// Builds the dropped indexes again, with their original definitions.
    func restore(_ db: Database) throws {
        for index in indexes { try db.execute(sql: index.sql) }
        if suspendedFactsTriggers { try FactsVersionMigration.restore(db) }
    }
}
