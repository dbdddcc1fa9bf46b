import GRDB
import ClienteleCore

/// Payment facts kept on each order, so that payment discipline over a period is one
/// index scan instead of two payment lookups per order (docs/performance.md):
/// `orders.paid_minor` (sum of its payments) and `orders.last_paid` (date of its latest
/// payment), maintained by triggers on every insert, update and delete of a payment.
/// A covering index serves every per-period scan of orders.
package enum PaymentRollupMigration {
    static let triggers = [
        """
        CREATE TRIGGER payments_rollup_insert AFTER INSERT ON payments BEGIN
          UPDATE orders SET paid_minor = paid_minor + NEW.amount_minor,
                            last_paid = CASE WHEN last_paid IS NULL OR NEW.date > last_paid THEN NEW.date ELSE last_paid END
          WHERE id = NEW.order_id;
        END
        """,
        """
        CREATE TRIGGER payments_rollup_delete AFTER DELETE ON payments BEGIN
          UPDATE orders SET paid_minor = (SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE order_id = OLD.order_id),
                            last_paid = (SELECT MAX(date) FROM payments WHERE order_id = OLD.order_id)
          WHERE id = OLD.order_id;
        END
        """,
        """
        CREATE TRIGGER payments_rollup_update AFTER UPDATE OF order_id, date, amount_minor ON payments BEGIN
          UPDATE orders SET paid_minor = (SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE order_id = orders.id),
                            last_paid = (SELECT MAX(date) FROM payments WHERE order_id = orders.id)
          WHERE id IN (OLD.order_id, NEW.order_id);
        END
        """,
    ]

    /// Recomputes every order's payment facts from the payments (after a bulk load that
    /// ran without the triggers, and when the migration first runs).
    static let recompute = """
        UPDATE orders SET paid_minor = COALESCE(p.paid, 0), last_paid = p.last_paid
        FROM (SELECT order_id, SUM(amount_minor) AS paid, MAX(date) AS last_paid FROM payments GROUP BY order_id) AS p
        WHERE p.order_id = orders.id
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN paid_minor INTEGER NOT NULL DEFAULT 0")
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN last_paid TEXT")
        try db.execute(sql: recompute)
        for t in triggers { try db.execute(sql: t) }
        try db.execute(sql: """
            DROP INDEX IF EXISTS orders_by_date;
            CREATE INDEX orders_by_period ON orders(order_date, status, client_id, net_minor, due_date, paid_minor, last_paid);
            CREATE INDEX payments_by_date ON payments(date);
            """)
    }

    /// Drops the triggers for a bulk load (these and the facts-version ones); `restore`
    /// puts them back and recomputes.
    package static func suspend(_ db: Database) throws {
        try FactsVersionMigration.suspend(db)
        for name in ["payments_rollup_insert", "payments_rollup_delete", "payments_rollup_update"] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)")
        }
    }

    package static func restore(_ db: Database) throws {
        try db.execute(sql: recompute)
        for t in triggers { try db.execute(sql: t) }
        try FactsVersionMigration.restore(db)
    }
}
