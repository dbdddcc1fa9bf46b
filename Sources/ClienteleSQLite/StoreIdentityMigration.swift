import GRDB
import ClienteleCore

/// v17-columns-stamp (issue 23): what the persisted order columns (ColumnFile) are checked
/// against.
///
/// - `store_identity.token`: 32 random hex digits made once per store, so a column file
///   written for another store (copied or moved beside this one) is never used. A copy of
///   the store file keeps the token (it is the same data until one of them changes; see
///   docs/architecture.md for what that leaves open).
/// - `facts_version.rewrites`: moves with every delete of an order, every update of a
///   column the facts carry, and every insert whose id is not above every id inserted
///   before (`top`); `facts_version.top` is the highest order id ever inserted. While
///   `rewrites` stands still, the orders that changed since a snapshot are exactly those
///   with an id above its `top`: they can be appended instead of rebuilding everything.
///   Payments update their order's paid amount (the payment rollup), so they count as
///   rewrites.
enum StoreIdentityMigration {
    static let orderTriggers = [
        """
        CREATE TRIGGER orders_facts_insert AFTER INSERT ON orders BEGIN
        UPDATE facts_version SET n = n + 1, rewrites = rewrites + (NEW.rowid <= top), top = max(top, NEW.rowid); END
        """,
        "CREATE TRIGGER orders_facts_delete AFTER DELETE ON orders BEGIN UPDATE facts_version SET n = n + 1, rewrites = rewrites + 1; END",
        """
        CREATE TRIGGER orders_facts_update AFTER UPDATE OF client_id, order_date, due_date, net_minor, status, paid_minor, last_paid
        ON orders BEGIN UPDATE facts_version SET n = n + 1, rewrites = rewrites + 1; END
        """,
    ]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE store_identity (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL);
            INSERT INTO store_identity (id, token) VALUES (1, lower(hex(randomblob(16))));
            ALTER TABLE facts_version ADD COLUMN rewrites INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE facts_version ADD COLUMN top INTEGER NOT NULL DEFAULT 0;
            UPDATE facts_version SET top = coalesce((SELECT max(rowid) FROM orders), 0);
            """)
        for name in FactsVersionMigration.triggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
        for t in orderTriggers { try db.execute(sql: t) }
    }

    /// Whether the store has the columns above (false for an older store opened read-only).
    static func applied(_ db: Database) -> Bool {
        (try? db.tableExists("store_identity")) ?? false
    }

    /// The store's token, nil in an older store.
    static func token(_ db: Database) -> String? {
        try? String.fetchOne(db, sql: "SELECT token FROM store_identity WHERE id = 1")
    }
}
