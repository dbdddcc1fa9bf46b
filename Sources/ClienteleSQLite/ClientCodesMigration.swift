import GRDB

/// Issue 18 part 1: clients get an external code (1C «Код», a CRM's customer id), unique
/// when set, which imports match before the tax id and the name.
enum ClientCodesMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE clients ADD COLUMN code TEXT")
        try db.execute(sql: "CREATE UNIQUE INDEX clients_by_code ON clients(code)")
        // The audit triggers list the columns they log: make them again with the new one.
        try AuditLog.reattach(db, "clients") {}
    }
}
