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
/// Only when the file has many rows, at least half as many as the table (rebuilding costs
/// a sort of the whole table: at 2 million orders each row inserted into the live indexes
/// cost about 11 µs more, the build about 1.3 µs a row of the table, so half is on the safe
/// side); only for tables whose triggers do not read them.
/// The builds do not use SQLite's worker threads (`PRAGMA threads`): each thread sorts in a
/// buffer of the cache's size, and at 2 million orders that took the peak from 166 to 199 MiB.
struct IndexRebuild {
    private var indexes: [(name: String, sql: String)] = []
    static let minimumRows = 50_000

    init(_ db: Database, table: String, expectedRows: Int, minimumRows: Int = IndexRebuild.minimumRows) throws {
        guard expectedRows >= minimumRows else { return }
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        guard expectedRows * 2 >= existing else { return }
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
            """, arguments: [table])
        indexes = rows.map { ($0[0], $0[1]) }
        for index in indexes {
            try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)")
        }
        // The order facts version moves once for the whole load, not once per row.
        if table == "orders" {
            insertMark = try FactsVersionMigration.suspendInserts(db)
            suspendedFactsTriggers = true
        }
    }

    private var suspendedFactsTriggers = false
    private var insertMark: FactsVersionMigration.InsertMark?

    /// Whether indexes were dropped.
    var isActive: Bool { !indexes.isEmpty }

    /// Builds the dropped indexes again, with their original definitions.
    func restore(_ db: Database) throws {
        for index in indexes { try db.execute(sql: index.sql) }
        if suspendedFactsTriggers { try FactsVersionMigration.restoreInserts(db, insertMark) }
    }
}

/// The triggers that move the order facts counter (`FactsVersionMigration`) dropped for an
/// import and put back at its end with one bump, inside the import's savepoint: the counter
/// only has to differ once the import is kept, and a bump per row was a trigger program
/// run per row. A failed or rolled back import takes the drop back with everything else.
///
/// An import of orders keeps the update and delete triggers (`suspendInserts`): what it
/// inserted can then be appended to the persisted order columns. Payments update their
/// orders through the rollup, a rewrite whatever is done, so all the triggers go.
struct FactsTriggersSuspension {
    private var active = false
    /// Set when only the insert trigger went (`restoreInserts` of nil is a full `restore`).
    private var mark: FactsVersionMigration.InsertMark?

    init(_ db: Database, insertsOnly: Bool = false) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'orders_facts_insert'") == 1
        else { return }
        if insertsOnly { mark = try FactsVersionMigration.suspendInserts(db) } else { try FactsVersionMigration.suspend(db) }
        active = true
    }

    func restore(_ db: Database) throws {
        if active { try FactsVersionMigration.restoreInserts(db, mark) }
    }
}

/// The store's guard on an order's amounts (`OrderAmountsMigration`, a BEFORE INSERT trigger
/// per row) replaced, for the rows of one import, by one check of every row it inserted at
/// its end, in the same savepoint: the same rule, the same message, nothing kept that breaks
/// it. A trigger that can abort makes SQLite open a statement journal for every INSERT and
/// copy the page it writes into it (two writes to a temporary file per row, half the time of
/// the inserts); without triggers an INSERT needs none. Updates keep their trigger.
///
/// The table's CHECK on the status (`status IN ('shipped','returned','cancelled')`) goes the
/// same way for the import's INSERT: SQLite checks a constant list of three or more with a
/// small temporary b-tree it opens, fills and closes for every row (about half the writer's
/// time at 2 million orders). `PRAGMA ignore_check_constraints` is on from the INSERT's
/// compilation (`prepareUnchecked`) to `restore` (turning it off makes SQLite compile every
/// statement again, the INSERT with its CHECK); the same end-of-import query checks the
/// status of every row inserted, with SQLite's own message. Before any other statement runs
/// (an upsert's UPDATE, order lines, categories), the connection turns the CHECKs back on
/// for the rest of the load (`checkAgain`), so that statement and the INSERTs after it are
/// checked row by row as usual. The pragma is off again when the load ends, kept or not.
struct AmountsCheckSuspension {
    private var trigger: String?
    private var before: Int64 = 0
    /// The orders table's CHECK (`Schema`), as SQLite names it when a row breaks it.
    static let statusCheck = "status IN ('shipped','returned','cancelled')"

    init(_ db: Database) throws {
        before = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM orders") ?? 0
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'orders_amounts_insert'")
        else { return }
        try db.execute(sql: "DROP TRIGGER orders_amounts_insert")
        trigger = sql
    }

    /// The import's INSERT into orders, compiled without the table's CHECK constraint, which
    /// stays off until `restore` checks the rows, or `checkAgain` before another statement.
    func prepareUnchecked(_ db: Database, _ sql: String) throws -> BulkInsert {
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        return try BulkInsert(db, sql)
    }

    /// Turns the CHECK constraints back on (`end`: also after a failed or refused load).
    static func checkAgain(_ db: Database) throws {
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
    }

    /// Checks the rows inserted since `init` and puts the trigger back.
    func restore(_ db: Database) throws {
        try AmountsCheckSuspension.checkAgain(db)
        let rule = trigger == nil ? nil : OrderAmountsMigration.rules.first { $0.name == "orders_amounts" }
        let amounts = rule?.condition("") ?? "1"
        let broken = try Row.fetchAll(db, sql: """
            SELECT id, (\(amounts)) FROM orders WHERE id > ? AND NOT ((\(amounts)) AND \(AmountsCheckSuspension.statusCheck))
            ORDER BY id LIMIT 10
            """, arguments: [before])
        let amountsBroken = broken.filter { !($0[1] as Bool) }.map { $0[0] as Int64 }
        if let rule, !amountsBroken.isEmpty {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT,
                                message: "\(rule.message) (\(rule.label) \(amountsBroken.map(String.init).joined(separator: ", ")))")
        }
        if !broken.isEmpty {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "CHECK constraint failed: \(AmountsCheckSuspension.statusCheck)")
        }
        if let trigger { try db.execute(sql: trigger) }
    }
}

/// The import's prepared statements are `BulkInsert`s: bound and stepped through the C API.
extension BulkInsert: ImportStatement {
    func bind(_ value: Int64) { int(value) }
    func bind(_ value: String) { text(value) }
    func bindNull() { null() }
    func bind(_ date: CalendarDate) { isoDate(date) }
}
