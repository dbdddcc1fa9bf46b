import GRDB
import ClienteleCore

/// Issue 20: credit control for every client (docs/segmentation.md). A credit limit stored
/// per client (empty: the first-deal limit or credit.default_limit), the overdue stop's
/// grace period, and which orders payment risk judges.
enum CreditMigration {
    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("credit.default_limit", "money", "none",
         "credit limit of an established client whose own credit_limit is not set (none: no limit); net wholesale amounts"),
        ("credit.overdue_grace_days", "integer", "0",
         "established clients: shipments stop while a shipped order is unpaid more than this many days after its due date"),
        ("risk.debts", "label", "open",
         "which orders payment risk judges: open (the period's, plus earlier ones still open at its end) or period (the period's only)"),
    ]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE clients ADD COLUMN credit_limit_minor INTEGER CHECK (credit_limit_minor >= 0)")
        // A change of a client's credit limit is a change of its dossier: logged like the rest.
        try AuditLog.reattach(db, "clients") {}
        try AuditLog.reattach(db, "settings") { try insert(settings, db) }
    }

    /// New settings with their defaults: written by the migration, not a change by anyone,
    /// so not logged (`reattach`).
    static func insert(_ settings: [(key: String, type: String, value: String, description: String)], _ db: Database) throws {
        for s in settings {
            try db.execute(sql: "INSERT OR IGNORE INTO settings(key, type, value, default_value, description) VALUES (?, ?, ?, ?, ?)",
                           arguments: [s.key, s.type, s.value, s.value, s.description])
        }
    }
}
