import ClienteleCore

/// The payment facts on orders (`paid_minor`, `last_paid`) across a `clientele copy` into a
/// server. The row trigger `payments_rollup_insert` updates a payment's order for every
/// payment inserted, and each of those updates fires `orders_facts_update`, which bumps the
/// one row of `facts_version`: hundreds of thousands of updates of one row in one
/// transaction, each walking a longer chain of its dead versions (docs/team.md, "Moving a
/// store"). So, in the copy's transaction, the payments go in with that trigger disabled,
/// and afterwards one UPDATE sets every order's facts from its payments, and
/// `facts_version` moves by as many steps as the row triggers would have moved it (one per
/// payment): the store is exactly what the triggers would have made.
///
/// `ALTER TABLE … DISABLE TRIGGER` is transactional: a failed copy rolls it back with
/// everything else, and no other session sees the trigger disabled (the ALTER holds its
/// table's lock until the commit). It needs the owner of the tables, as `CopyAudit` does.
enum CopyPaymentFacts {
    /// Before the tables are copied (a PostgreSQL target).
    static func suspend(_ tx: any StoreTransaction) throws {
        try tx.execute("ALTER TABLE payments DISABLE TRIGGER payments_rollup_insert")
    }

    /// After every table is copied, before the counts and facts are checked: the facts of
    /// every paid order in one statement (orders are copied with `paid_minor` 0 and
    /// `last_paid` NULL, what an order without payments has), the trigger back, and the
    /// change counter moved once per payment.
    static func finish(_ tx: any StoreTransaction) throws {
        try tx.execute("ALTER TABLE orders DISABLE TRIGGER orders_facts_update")
        try tx.execute("""
            UPDATE orders SET paid_minor = p.paid, last_paid = p.last
            FROM (SELECT order_id, SUM(amount_minor) AS paid, MAX(date) AS last FROM payments GROUP BY order_id) AS p
            WHERE orders.id = p.order_id
            """)
        try tx.execute("ALTER TABLE orders ENABLE TRIGGER orders_facts_update")
        try tx.execute("ALTER TABLE payments ENABLE TRIGGER payments_rollup_insert")
        try tx.execute("UPDATE facts_version SET n = n + (SELECT count(*) FROM payments)")
    }
}
