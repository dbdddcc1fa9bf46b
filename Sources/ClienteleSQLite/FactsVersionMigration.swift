import GRDB
import ClienteleCore

/// A counter that changes whenever anything the in-memory order facts hold changes
/// (docs/performance.md, "Order facts cache"): triggers on orders bump it on every insert,
/// delete, and update of a column the facts carry. Payments reach it through the payment
/// rollup triggers, which update `orders.paid_minor` / `orders.last_paid`. A cached copy of
/// the facts is used only while the counter read in the query's own transaction equals
/// the one it was built from, so a cache can never answer for data it has not seen.
package enum FactsVersionMigration {
    static let triggerNames = ["orders_facts_insert", "orders_facts_delete", "orders_facts_update"]

    static let triggers = [
        "CREATE TRIGGER orders_facts_insert AFTER INSERT ON orders BEGIN UPDATE facts_version SET n = n + 1; END",
        "CREATE TRIGGER orders_facts_delete AFTER DELETE ON orders BEGIN UPDATE facts_version SET n = n + 1; END",
        """
        CREATE TRIGGER orders_facts_update AFTER UPDATE OF client_id, order_date, due_date, net_minor, status, paid_minor, last_paid
        ON orders BEGIN UPDATE facts_version SET n = n + 1; END
        """,
    ]

    static func migrate(_ db: Database) throws {
        // The territory x type breakdown (group region, sales_type) reads only this index
        // instead of every client row. Clients of a region still come in id order.
        try db.execute(sql: """
            DROP INDEX IF EXISTS clients_by_region;
            CREATE INDEX clients_by_region ON clients(region, id, sales_type, outlets);
            """)
        try db.execute(sql: "CREATE TABLE facts_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
        try db.execute(sql: "INSERT INTO facts_version (id, n) VALUES (1, 1)")
        for t in triggers { try db.execute(sql: t) }
    }

    /// What the what-if evaluation keeps of the orders (`PolicyLines`): their lines and the
    /// amounts a discount is computed on move the counter too (v14-lines-version).
    static let lineTriggerNames = ["order_lines_facts_insert", "order_lines_facts_delete", "order_lines_facts_update", "orders_amounts_facts_update"]

    static let lineTriggers = [
        "CREATE TRIGGER IF NOT EXISTS order_lines_facts_insert AFTER INSERT ON order_lines BEGIN UPDATE facts_version SET n = n + 1; END",
        "CREATE TRIGGER IF NOT EXISTS order_lines_facts_delete AFTER DELETE ON order_lines BEGIN UPDATE facts_version SET n = n + 1; END",
        "CREATE TRIGGER IF NOT EXISTS order_lines_facts_update AFTER UPDATE ON order_lines BEGIN UPDATE facts_version SET n = n + 1; END",
        """
        CREATE TRIGGER IF NOT EXISTS orders_amounts_facts_update AFTER UPDATE OF gross_minor, discount_minor
        ON orders BEGIN UPDATE facts_version SET n = n + 1; END
        """,
    ]

    /// v14-lines-version: the counter follows order lines and order amounts as well.
    static func migrateLines(_ db: Database) throws {
        for t in lineTriggers { try db.execute(sql: t) }
        try bump(db)
    }

    /// Drops the triggers for a bulk load; `restore` puts them back and bumps the counter once.
    package static func suspend(_ db: Database) throws {
        for name in triggerNames + lineTriggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
    }

    /// Puts back the triggers `suspend` dropped (only ever on a store migrated to the end),
    /// and counts a rewrite: what happened meanwhile is unknown (StoreIdentityMigration).
    package static func restore(_ db: Database) throws {
        for t in StoreIdentityMigration.orderTriggers + lineTriggers { try db.execute(sql: t) }
        try bump(db)
        try db.execute(sql: "UPDATE facts_version SET rewrites = rewrites + 1, top = max(top, coalesce((SELECT max(rowid) FROM orders), 0))")
    }

    /// Where the orders stood when an import suspended only the insert triggers.
    package struct InsertMark: Sendable {
        let highestID: Int64
        let top: Int64
    }

    /// For an import of orders: drops only what fires per inserted row (the insert trigger
    /// and the lines' counters); updates and deletes keep their triggers, so they still count
    /// as rewrites. `restoreInserts` then knows the rows it inserted are exactly those above
    /// the highest id of now (an INSERT without an id takes the highest plus one), so the
    /// persisted columns can append them. Falls back to `suspend` on a store without the stamp.
    package static func suspendInserts(_ db: Database) throws -> InsertMark? {
        guard StoreIdentityMigration.applied(db) else { try suspend(db); return nil }
        let highest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM orders") ?? 0
        let top = try Int64.fetchOne(db, sql: "SELECT top FROM facts_version WHERE id = 1") ?? 0
        for name in ["orders_facts_insert"] + lineTriggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
        return InsertMark(highestID: highest, top: top)
    }

    /// Puts back what `suspendInserts` dropped and moves the counter once; a rewrite only if
    /// a row was inserted at or below the stamp's top (ids freed by deleting the newest orders).
    package static func restoreInserts(_ db: Database, _ mark: InsertMark?) throws {
        guard let mark else { return try restore(db) }
        try db.execute(sql: StoreIdentityMigration.orderTriggers[0])
        for t in lineTriggers { try db.execute(sql: t) }
        try bump(db)
        try db.execute(sql: """
            UPDATE facts_version SET
              rewrites = rewrites + EXISTS (SELECT 1 FROM orders WHERE rowid > ? AND rowid <= ?),
              top = max(top, coalesce((SELECT max(rowid) FROM orders), 0))
            """, arguments: [mark.highestID, mark.top])
    }

    static func bump(_ db: Database) throws {
        try db.execute(sql: "UPDATE facts_version SET n = n + 1")
    }

    /// The counter as this transaction sees it; nil in a store without it (an older store
    /// opened read-only, so never migrated).
    static func read(_ db: Database) -> Int64? {
        try? Int64.fetchOne(db, sql: "SELECT n FROM facts_version WHERE id = 1")
    }
}
