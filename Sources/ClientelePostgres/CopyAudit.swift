import Foundation
import ClienteleCore
import ClienteleSQLite
import ClienteleInterchange

/// The audit log across `clientele copy` (either way): the source's rows are the target's
/// history, with their ids, times and users as they were, and the copy itself is one more
/// row (action `import`, object `store`, the source and the rows copied), by the user
/// copying. The rows the copy's own inserts would log are not kept: on SQLite the audit
/// triggers are set aside for the copy and made again after it; on PostgreSQL the rows
/// they wrote are removed. Both happen in the copy's one transaction, past the log's
/// append-only guard, which is back in place before it commits (on PostgreSQL that needs
/// the owner of the target's tables: the login that made the store).
enum CopyAudit {
    static let columns = ["id", "changed_at", "user_name", "action", "object", "key", "client_id", "old_values", "new_values"]

    /// Before the tables are copied (SQLite target): the audit triggers' definitions, then
    /// the triggers dropped. Returns what `finish` puts back.
    static func suspend(_ tx: any StoreTransaction, targetIsPostgres: Bool) throws -> [String] {
        guard !targetIsPostgres else { return [] }
        let triggers = try tx.fetchAll("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%' ORDER BY name")
        for t in triggers { if let name = t[0].string { try tx.execute("DROP TRIGGER \"\(name)\"") } }
        return triggers.compactMap { $0[1].string }
    }

    /// After the tables: the target's log replaced by the source's, the copy's row added,
    /// the guard (and on SQLite the triggers) back; then the count checked.
    static func finish(from src: any StoreTransaction, to tx: any StoreTransaction, targetIsPostgres: Bool,
                       suspended: [String], source: String, rows: Int) throws {
        if targetIsPostgres { try tx.execute("ALTER TABLE audit DISABLE TRIGGER audit_append_only") }
        try tx.execute("DELETE FROM audit")
        let list = columns.joined(separator: ", ")
        let overriding = targetIsPostgres ? " OVERRIDING SYSTEM VALUE" : ""
        let perStatement = PostgresCopy.valuesPerStatement / columns.count
        var batch: [SQLValue] = [], inBatch = 0, carried = 0
        func flush() throws {
            guard inBatch > 0 else { return }
            var n = 0
            let tuples = (0..<inBatch).map { _ in "(" + columns.map { _ in n += 1; return "$\(n)" }.joined(separator: ", ") + ")" }
            try tx.execute("INSERT INTO audit (\(list))\(overriding) VALUES \(tuples.joined(separator: ", "))", .positional(batch))
            batch.removeAll(keepingCapacity: true)
            inBatch = 0
        }
        try src.stream("SELECT \(list) FROM audit ORDER BY id", .none) { row in
            batch.append(contentsOf: row)
            inBatch += 1
            carried += 1
            if inBatch == perStatement { try flush() }
        }
        try flush()

        let user = targetIsPostgres ? "session_user" : "COALESCE((SELECT user_name FROM audit_session WHERE id = 1), '\(AuditLog.outsideUser)')"
        let values = "{\"source\":" + JSONTableWriter.string(source) + ",\"rows\":\(rows),\"audit rows\":\(carried)}"
        try tx.execute("INSERT INTO audit (user_name, action, object, key, client_id, old_values, new_values) VALUES (\(user), 'import', 'store', NULL, NULL, NULL, $1)",
                       .positional([.text(values)]))
        if targetIsPostgres {
            try tx.execute("SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT max(id) FROM audit))")
            try tx.execute("ALTER TABLE audit ENABLE TRIGGER audit_append_only")
        } else {
            for sql in suspended { try tx.execute(sql) }
        }
        let inSource = try src.fetchOne("SELECT count(*) FROM audit")?.first?.int64
        let inTarget = try tx.fetchOne("SELECT count(*) FROM audit")?.first?.int64
        guard inSource == Int64(carried), inTarget == Int64(carried + 1) else {
            throw PostgresCopy.Mismatch(description: "copy check failed for audit: \(inSource ?? -1) rows in the source, \((inTarget ?? 0) - 1) carried; nothing was copied")
        }
    }
}
