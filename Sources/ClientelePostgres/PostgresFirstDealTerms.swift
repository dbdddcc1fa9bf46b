import Foundation
import ClienteleCore
import ClienteleSQLite

/// Issue 20 item 3 on PostgreSQL (the SQLite store's `v10-first-deal-terms`): the override an
/// order was let through with, the first-deal terms' settings, the credit settings' descriptions
/// (net wholesale amounts), and the audit and masked views following the new column.
enum PostgresFirstDealTerms {
    static func migrate(_ tx: PostgresTransaction) throws {
        try tx.execute("ALTER TABLE orders ADD COLUMN override_reason text")
        for s in Schema.allDefaultSettings {
            try tx.execute("INSERT INTO settings (key, type, value, default_value, description) VALUES ($1, $2, $3, $3, $4) ON CONFLICT (key) DO NOTHING",
                           .positional([.text(s.key), .text(s.type), .text(s.value), .text(s.description)]))
        }
        for d in Schema.settingDescriptions {
            try tx.execute("UPDATE settings SET description = $1 WHERE key = $2", .positional([.text(d.description), .text(d.key)]))
        }
        try PostgresAudit.refresh("orders", in: tx)
        try PostgresRoles.refreshMaskedViews(tx)
    }
}
