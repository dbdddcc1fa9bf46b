import GRDB
import ClienteleCore

/// Issue 19 item 7: richer discount rules (docs/discounts.md "Rule kinds"): a fixed amount off
/// each order, marginal (cumulative) tiers, a minimum margin per category that no discount
/// goes below, and the largest discount per order and per client and year, as settings.
enum RuleKindsMigration {
    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("discount.max_per_order", "money", "0.00",
         "the largest discount one order gets from the rules together (0: no limit)"),
        ("discount.max_per_client", "money", "0.00",
         "the largest discount one client gets from the rules in a calendar year, orders taken in date order (0: no limit)"),
    ]

    static let statements = [
        "ALTER TABLE rules ADD COLUMN amount_minor INTEGER CHECK (amount_minor > 0)",
        "ALTER TABLE rules ADD COLUMN tier_mode TEXT NOT NULL DEFAULT 'step' CHECK (tier_mode IN ('step','marginal'))",
        "ALTER TABLE categories ADD COLUMN min_margin_bp INTEGER CHECK (min_margin_bp BETWEEN 0 AND 10000)",
    ]

    static func migrate(_ db: Database) throws {
        // The audit triggers list the columns they log: made again with the new ones.
        try AuditLog.reattach(db, "rules") {
            try AuditLog.reattach(db, "categories") {
                for s in statements { try db.execute(sql: s) }
            }
        }
        try AuditLog.reattach(db, "settings") { try CreditMigration.insert(settings, db) }
    }
}
