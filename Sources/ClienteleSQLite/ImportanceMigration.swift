import GRDB
import ClienteleCore

/// Issue 20 item 5: importance per direction, or per territory for the territorial
/// directions, as the handbook says (docs/segmentation.md, "Importance"). A new setting,
/// and `importance.per` defaults to `direction_or_territory`: in a store that still had the
/// old default (`none`, the whole base), the value follows; a value the user chose stays.
enum ImportanceMigration {
    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("importance.territorial_directions", "text", "retail",
         "importance per direction_or_territory: the sales directions sold by territory (comma-separated); their clients are ranked within their region, the others within their direction"),
    ]
    static let perDefault = "direction_or_territory"
    static let perDescription = "importance: ranked within each direction, or region for the territorial directions (direction_or_territory, the handbook's reading); over the whole base (none or global); or within each region, direction, curator, activity or source"

    /// The statements, with their arguments: the same for the PostgreSQL store's pg4-importance-per-direction
    /// (with $1, $2 for ?).
    static let statements: [(sql: String, arguments: [String])] = [
        ("UPDATE settings SET value = ? WHERE key = 'importance.per' AND value = 'none' AND default_value = 'none'", [perDefault]),
        ("UPDATE settings SET default_value = ?, description = ? WHERE key = 'importance.per'", [perDefault, perDescription]),
    ]

    static func migrate(_ db: Database) throws {
        try AuditLog.reattach(db, "settings") {
            try CreditMigration.insert(settings, db)
            for s in statements { try db.execute(sql: s.sql, arguments: StatementArguments(s.arguments)) }
        }
    }
}
