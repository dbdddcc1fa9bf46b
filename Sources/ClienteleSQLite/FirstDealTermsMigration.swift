import GRDB
import ClienteleCore

/// Issue 20 item 3: the first-deal terms enforced where orders are made (docs/segmentation.md,
/// "First-deal terms at add orders"). An order records the override that let it through
/// (`orders.override`); the terms' switches and the assortment share are settings; the credit
/// settings' descriptions say what the amounts are (net wholesale, not retail prices).
enum FirstDealTermsMigration {
    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("first_deal.contract_required", "label", "yes",
         "first deal: a supply contract (clients.contract_signed, on or before the order date) is required before the first shipment (yes / no)"),
        ("first_deal.fast_moving_only", "label", "yes",
         "first deal: the first shipment's lines are fast-moving categories only (categories.fast_moving; yes / no)"),
        ("first_deal.class_a_min_share", "percent", "50%",
         "first deal: class A categories (categories.goods_class) make at least this share of the first shipment's lines (\"mostly category-A goods\")"),
    ]

    /// The credit settings count net wholesale amounts (orders' net), not the handbook's
    /// recommended retail prices: their descriptions say so.
    static let descriptions: [(key: String, description: String)] = [
        ("first_deal.credit_per_outlet",
         "first-deal credit (maximum shipment) per outlet, on net wholesale amounts (orders' net; the handbook's 200 is at recommended retail prices: set it lower by the retail markup)"),
        ("credit.default_limit",
         "credit limit of an established client whose own credit_limit is not set (none: no limit); on net wholesale amounts (orders' net), like the open balance it is held against"),
    ]

    static func migrate(_ db: Database) throws {
        try AuditLog.reattach(db, "orders") {
            try db.execute(sql: "ALTER TABLE orders ADD COLUMN override_reason TEXT")
        }
        try AuditLog.reattach(db, "settings") {
            try CreditMigration.insert(settings, db)
            for d in descriptions {
                try db.execute(sql: "UPDATE settings SET description = ? WHERE key = ?", arguments: [d.description, d.key])
            }
        }
    }
}
