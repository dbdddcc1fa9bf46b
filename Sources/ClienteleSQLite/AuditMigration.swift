import Foundation
import GRDB
import ClienteleCore

/// The audit log (docs/team.md, "Audit log"): every change to the audited tables leaves a
/// row in `audit` (when, who, which action on which object and key, the client where it
/// applies, the old and the new values as JSON), written by triggers, so that no path
/// that changes a table (the language, an import, another program such as the sqlite3
/// shell) can skip it.
///
/// Who: the OS user of the program that writes. `Store.write` puts it in `audit_session`
/// at the start of every write transaction and removes it before the commit, so the row
/// never outlives the transaction; a write by another program finds no row there and is
/// logged as `AuditLog.outsideUser`.
///
/// What: an insert logs the new row, a delete the old row, an update only the columns it
/// changed (old and new), each as a JSON object of the stored columns (money in minor units,
/// percents in basis points, dates as ISO text). An import logs one row per import for the
/// rows it inserted (file, count, id ranges: the rows themselves hold their values, and any
/// later change to them is logged with its old values), and one row per updated row.
package enum AuditLog {
    /// The user a write made outside Clientele is logged as.
    package static let outsideUser = "(outside clientele)"

    /// How an audited table names the client its rows belong to.
    package enum ClientLink: Sendable {
        case none
        /// A column of the row holds the client's id.
        case column(String)
        /// The row names an order (`order_id`), which names the client.
        case throughOrder(String)
    }

    /// A table whose changes are logged.
    package struct Table: Sendable {
        package var name: String
        /// The column that names a row for a reader (`key` in the log).
        package var key: String
        package var client: ClientLink
        /// Columns computed by the store itself (triggers), whose changes are not changes by
        /// anyone: an update of only these is not logged.
        package var derived: Set<String> = []
        /// Whether rows are numbered by `id` (bulk inserts are logged as id ranges).
        package var hasID: Bool { !["settings", "activities"].contains(name) }

        package init(name: String, key: String, client: ClientLink, derived: Set<String> = []) {
            self.name = name
            self.key = key
            self.client = client
            self.derived = derived
        }
    }

    /// The audited tables: every table a user changes. A table added later is attached with
    /// one call (`attach` here, `PostgresAudit.attach` on PostgreSQL) in its own migration.
    package static let tables: [Table] = [
        Table(name: "clients", key: "id", client: .column("id")),
        Table(name: "contacts", key: "id", client: .column("client_id")),
        Table(name: "interactions", key: "id", client: .column("client_id")),
        Table(name: "contracts", key: "id", client: .column("client_id")),
        Table(name: "conflicts", key: "id", client: .column("client_id")),
        Table(name: "categories", key: "name", client: .none),
        Table(name: "orders", key: "id", client: .column("client_id"), derived: ["paid_minor", "last_paid"]),
        Table(name: "order_lines", key: "id", client: .throughOrder("order_id")),
        Table(name: "payments", key: "id", client: .throughOrder("order_id")),
        Table(name: "activities", key: "name", client: .none),
        Table(name: "settings", key: "key", client: .none),
        Table(name: "rules", key: "name", client: .none),
        Table(name: "scenarios", key: "name", client: .none),
        Table(name: "scenario_changes", key: "id", client: .none),
    ]

    package static func table(_ name: String) -> Table? { (tables + [collections]).first { $0.name == name } }

    // MARK: - Migration

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),  -- UTC
                user_name TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('add', 'update', 'delete', 'import')),
                object TEXT NOT NULL,
                key TEXT,
                client_id INTEGER,
                old_values TEXT,                -- JSON object of the stored columns
                new_values TEXT
            );
            CREATE INDEX audit_by_client ON audit(client_id);
            CREATE TABLE audit_session (id INTEGER PRIMARY KEY CHECK (id = 1), user_name TEXT NOT NULL);
            CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
            CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
            """)
        for t in tables { try attach(db, t) }
    }

    /// Logs every change to `table` from now on: its insert, update and delete triggers.
    package static func attach(_ db: Database, _ table: Table) throws {
        let columns = try db.columns(in: table.name).map(\.name)
        for sql in triggers(table, columns: columns) { try db.execute(sql: sql) }
    }

    /// Runs `body` (a migration's own writes, which nobody made) without logging `table`, whose
    /// triggers are then made again for its columns as they are now (a column added is logged).
    static func reattach(_ db: Database, _ table: String, _ body: () throws -> Void) throws {
        guard let t = tables.first(where: { $0.name == table }), try db.tableExists("audit") else { return try body() }
        for action in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER IF EXISTS audit_\(table)_\(action)") }
        try body()
        try attach(db, t)
    }

    static func triggers(_ t: Table, columns: [String]) -> [String] {
        let user = "COALESCE((SELECT user_name FROM audit_session WHERE id = 1), '\(outsideUser)')"
        let insertInto = "INSERT INTO audit (user_name, action, object, key, client_id, old_values, new_values)"
        func client(_ row: String) -> String {
            switch t.client {
            case .none: return "NULL"
            case .column(let c): return "\(row).\(c)"
            case .throughOrder(let c): return "(SELECT client_id FROM orders WHERE id = \(row).\(c))"
            }
        }
        func whole(_ row: String) -> String {
            "'{' || " + columns.enumerated().map { i, c in
                "'\(i == 0 ? "" : ",")\"\(c)\":' || json_quote(\(row).\(c))"
            }.joined(separator: " || ") + " || '}'"
        }
        let watched = columns.filter { !t.derived.contains($0) }
        func changed(_ row: String) -> String {
            "'{' || substr(" + watched.map { c in
                "CASE WHEN OLD.\(c) IS NOT NEW.\(c) THEN ',\"\(c)\":' || json_quote(\(row).\(c)) ELSE '' END"
            }.joined(separator: " || ") + ", 2) || '}'"
        }
        let anyChange = watched.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
        return [
            """
            CREATE TRIGGER audit_\(t.name)_insert AFTER INSERT ON \(t.name) BEGIN
              \(insertInto) VALUES (\(user), 'add', '\(t.name)', NEW.\(t.key), \(client("NEW")), NULL, \(whole("NEW")));
            END
            """,
            """
            CREATE TRIGGER audit_\(t.name)_update AFTER UPDATE OF \(watched.joined(separator: ", ")) ON \(t.name)
            WHEN \(anyChange) BEGIN
              \(insertInto) VALUES (\(user), 'update', '\(t.name)', NEW.\(t.key), \(client("NEW")), \(changed("OLD")), \(changed("NEW")));
            END
            """,
            """
            CREATE TRIGGER audit_\(t.name)_delete AFTER DELETE ON \(t.name) BEGIN
              \(insertInto) VALUES (\(user), 'delete', '\(t.name)', OLD.\(t.key), \(client("OLD")), \(whole("OLD")), NULL);
            END
            """,
        ]
    }

    // MARK: - Who writes

    /// The OS user running this program: the login name of the effective user id, else
    /// `$USER`, else the number.
    package static let osUser: String = {
        let uid = geteuid()
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name, let s = String(validatingUTF8: name), !s.isEmpty { return s }
        if let s = ProcessInfo.processInfo.environment["USER"], !s.isEmpty { return s }
        return "uid \(uid)"
    }()

    /// Marks the transaction's changes as made by `user` (the start of a write transaction).
    static func begin(_ db: Database, user: String) throws {
        guard try hasLog(db) else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO audit_session (id, user_name) VALUES (1, ?)", arguments: [user])
    }

    /// Removes the mark before the commit: the next writer, whichever program, starts without one.
    static func end(_ db: Database) throws {
        guard try hasLog(db) else { return }
        try db.execute(sql: "DELETE FROM audit_session")
    }

    private static func hasLog(_ db: Database) throws -> Bool {
        try db.tableExists("audit_session")
    }

    // MARK: - Bulk loads

    /// An import or a demo load: the insert trigger of its table is dropped for the load and
    /// one row logs what it inserted (count and id ranges); updates and deletes stay logged
    /// row by row. Inside the caller's transaction: a rollback restores the trigger.
    package struct BulkLoad {
        let table: Table
        let trigger: String?
        let before: Int64

        package init(_ db: Database, table name: String) throws {
            guard let t = AuditLog.table(name), t.hasID,
                  let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                arguments: ["audit_\(name)_insert"]) else {
                table = AuditLog.Table(name: name, key: "id", client: .none); trigger = nil; before = 0
                return
            }
            table = t
            trigger = sql
            before = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM \(name)") ?? 0
            try db.execute(sql: "DROP TRIGGER audit_\(name)_insert")
        }

        /// Puts the trigger back and logs the rows inserted since `init` (none: no row).
        package func finish(_ db: Database, action: String, source: String?) throws {
            guard let trigger else { return }
            try db.execute(sql: trigger)
            // The rows a load inserts take the ids after the largest, one after the other: one
            // range, found from the ends of the table's b-tree and a count of the new rows,
            // without numbering every row in a window (a tenth of a second per million rows).
            if let r = try Row.fetchOne(db, sql: "SELECT count(*), MIN(id), MAX(id) FROM \(table.name) WHERE id > ?", arguments: [before]) {
                let n: Int64 = r[0]
                guard n > 0 else { return }
                let lo: Int64 = r[1], hi: Int64 = r[2]
                if hi - lo + 1 == n {
                    let range = lo == hi ? "\(lo)" : "\(lo)-\(hi)"
                    try db.execute(sql: """
                        INSERT INTO audit (user_name, action, object, key, client_id, old_values, new_values)
                        SELECT COALESCE((SELECT user_name FROM audit_session WHERE id = 1), '\(outsideUser)'), ?, ?, ?, NULL, NULL,
                               json_object('source', ?, 'rows', ?, 'ids', ?)
                        """, arguments: [action, table.name, range, source, n, range])
                    return
                }
            }
            try db.execute(sql: """
                INSERT INTO audit (user_name, action, object, key, client_id, old_values, new_values)
                SELECT COALESCE((SELECT user_name FROM audit_session WHERE id = 1), '\(outsideUser)'), ?, ?, ranges, NULL, NULL,
                       json_object('source', ?, 'rows', n, 'ids', ranges)
                FROM (SELECT SUM(hi - lo + 1) AS n, group_concat(CASE WHEN lo = hi THEN lo ELSE lo || '-' || hi END, ',') AS ranges
                      FROM (SELECT MIN(id) AS lo, MAX(id) AS hi
                            FROM (SELECT id, id - ROW_NUMBER() OVER (ORDER BY id) AS run FROM \(table.name) WHERE id > ?)
                            GROUP BY run ORDER BY lo))
                WHERE n > 0
                """, arguments: [action, table.name, source, before])
        }
    }
}
