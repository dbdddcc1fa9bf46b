import GRDB
import ClienteleCore

/// Issue 21 item 6: the monthly discount rate of client lifetime value (docs/analytics.md).
enum ModelSettingsMigration {
    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("clv.monthly_discount", "percent", "1%",
         "clv(PERIOD, N months): each month's expected purchases are discounted by this rate per month"),
    ]

    static func migrate(_ db: Database) throws {
        try AuditLog.reattach(db, "settings") { try CreditMigration.insert(settings, db) }
    }
}
