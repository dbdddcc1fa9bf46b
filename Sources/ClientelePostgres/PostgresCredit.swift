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
        // The audit triggers list the columns they log: made again with the new one.
        if let clients = AuditLog.tables.first(where: { $0.name == "clients" }),
           try tx.fetchOne("SELECT to_regprocedure('clientele_audit_clients_insert()') IS NOT NULL")?.first?.int64 == 1 {
            try tx.execute("DROP FUNCTION clientele_audit_clients_insert() CASCADE")
            try tx.execute("DROP FUNCTION clientele_audit_clients_change() CASCADE")
            try PostgresAudit.attach(clients, in: tx)
        }
        // The masked view of clients lists its columns: the new one is added at its end.
        let view = "\(PostgresRoles.maskedSchema).clients"
        if try tx.fetchOne("SELECT to_regclass($1) IS NOT NULL", .positional([.text(view)]))?.first?.int64 == 1 {
            let masked = PostgresRoles.maskedColumns["clients"] ?? [:]
            let columns = try tx.fetchAll("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'clients' ORDER BY ordinal_position
                """).compactMap { $0.first?.string }
            let list = columns.map { c in masked[c].map { "\($0) AS \(c)" } ?? c }.joined(separator: ", ")
            try tx.execute("CREATE OR REPLACE VIEW \(view) WITH (security_barrier) AS SELECT \(list) FROM public.clients")
        }
    }
}
