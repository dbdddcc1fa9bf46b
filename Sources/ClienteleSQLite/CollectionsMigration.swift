import GRDB
import ClienteleCore

/// Issue 20 item 4: debt-collection work (what was done about a receivable: date, action,
/// result, a promised payment date and amount), linked to a client and, when it concerns
/// one, to an order. Audited like the rest of the dossier.
enum CollectionsMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE collections (
                id INTEGER PRIMARY KEY,
                client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL,
                date TEXT NOT NULL,
                action TEXT NOT NULL,            -- call, letter, claim, visit, court...
                result TEXT,
                promised_date TEXT,              -- the payment date the client promised
                promised_minor INTEGER CHECK (promised_minor >= 0)
            );
            CREATE INDEX collections_by_client ON collections(client_id, promised_date);
            CREATE INDEX collections_by_order ON collections(order_id);
            """)
        if try db.tableExists("audit") { try AuditLog.attach(db, AuditLog.collections) }
    }
}

extension AuditLog {
    /// collections, audited from the migration that makes it.
    package static let collections = Table(name: "collections", key: "id", client: .column("client_id"))
}
