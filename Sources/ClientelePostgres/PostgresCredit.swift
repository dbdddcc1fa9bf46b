import Foundation
import ClienteleCore
import ClienteleSQLite

/// Issue 20 on PostgreSQL (the SQLite store's `v7-credit`): the per-client credit limit, the
/// settings of credit control, the audit and the masked view of clients following the new column.
enum PostgresCredit {
    static func migrate(_ tx: PostgresTransaction) throws {
        try tx.execute("ALTER TABLE clients ADD COLUMN credit_limit_minor bigint CONSTRAINT clients_credit_limit CHECK (\(PostgresSchema.checks["clients_credit_limit"] ?? "true"))")
        // A new store already has them (pg1-defaults copies the SQLite defaults); an older one gets them here.
        for s in Schema.allDefaultSettings {
            try tx.execute("INSERT INTO settings (key, type, value, default_value, description) VALUES ($1, $2, $3, $3, $4) ON CONFLICT (key) DO NOTHING",
                           .positional([.text(s.key), .text(s.type), .text(s.value), .text(s.description)]))
        }
        // The audit functions and the masked views list their columns: made again with the new one.
        try PostgresAudit.refresh("clients", in: tx)
        try PostgresRoles.refreshMaskedViews(tx)
    }
}
