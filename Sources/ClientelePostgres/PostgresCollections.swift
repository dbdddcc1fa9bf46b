import Foundation
import ClienteleCore
import ClienteleSQLite

/// Issue 20 item 4 on PostgreSQL (the SQLite store's `v11-collections`): debt-collection work
/// as a client-linked table with the same privileges and row-level security as interactions
/// (a curator sees and changes only their clients' rows), and its audit.
enum PostgresCollections {
    static let curatorCondition = "client_id IN (SELECT id FROM clients)"

    static func migrate(_ tx: PostgresTransaction) throws {
        try tx.execute("""
            CREATE TABLE collections (
                \(PostgresSchema.id), client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                order_id bigint REFERENCES orders(id) ON DELETE SET NULL,
                date date NOT NULL, action text NOT NULL, result text, promised_date date,
                promised_minor bigint CONSTRAINT collections_promised CHECK (\(PostgresSchema.checks["collections_promised"]!)))
            """)
        try tx.execute("CREATE INDEX collections_by_client ON collections(client_id, promised_date)")
        try tx.execute("CREATE INDEX collections_by_order ON collections(order_id)")
        try tx.execute("CREATE TRIGGER collections_follow_ids AFTER INSERT ON collections FOR EACH STATEMENT EXECUTE FUNCTION clientele_follow_ids()")
        if let database = try tx.fetchOne("SELECT current_database()")?.first?.string {
            let p = PostgresRoles.prefix(database: database)
            func g(_ role: String) -> String { PostgresRoles.ident("\(p)_\(role)") }
            try tx.execute("REVOKE ALL ON collections FROM PUBLIC")
            try tx.execute("GRANT SELECT ON collections TO \(PostgresRoles.roles.map(g).joined(separator: ", "))")
            try tx.execute("GRANT INSERT, UPDATE, DELETE ON collections TO \(["head", "curator", "analyst"].map(g).joined(separator: ", "))")
            try tx.execute("ALTER TABLE collections ENABLE ROW LEVEL SECURITY")
            try tx.execute("CREATE POLICY clientele_all_rows ON collections TO \(g("head")), \(g("analyst")), \(g("viewer")), \(g("personal")) USING (true) WITH CHECK (true)")
            try tx.execute("CREATE POLICY clientele_curator_rows ON collections TO \(g("curator")) USING (\(curatorCondition)) WITH CHECK (\(curatorCondition))")
        }
        if try tx.fetchOne("SELECT to_regclass('public.audit') IS NOT NULL")?.first?.int64 == 1 {
            try PostgresAudit.attach(AuditLog.collections, in: tx)
        }
    }
}
