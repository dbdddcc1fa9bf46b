import ClienteleCore
import ClienteleSQLite

/// The audit log on PostgreSQL (docs/team.md, "Audit log"): the SQLite store's `audit`
/// table and JSON spelling (`AuditLog`), kept by triggers whose functions are SECURITY
/// DEFINER, owned by the schema's owner (the login that ran the migrations). Clientele's
/// roles get no privilege on `audit` but SELECT where granted: they cannot write, change or
/// delete its rows, and their changes to the audited tables are logged all the same, as
/// made by `session_user` (the login that connected: `SET ROLE` does not change it, and
/// inside the definer functions `current_user` is the owner).
///
/// An INSERT statement is logged by a statement trigger over its transition table: one
/// `add` row per inserted row when the statement inserts one row (or into a table without
/// ids), else one row for the whole statement (row count and id ranges; the action and
/// source from the transaction's `clientele.audit_action` / `clientele.audit_source`
/// settings when set, as an import sets them). Updates and deletes are logged row by row.
package enum PostgresAudit {
    static let table = """
        CREATE TABLE audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            changed_at text NOT NULL DEFAULT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'),
            user_name text NOT NULL,
            action text NOT NULL CONSTRAINT audit_action CHECK (action IN ('add', 'update', 'delete', 'import')),
            object text NOT NULL,
            key text,
            client_id bigint,
            old_values text,
            new_values text)
        """

    /// The table, its append-only guard, its privileges, and every audited table attached.
    static func migrate(_ tx: PostgresTransaction) throws {
        try tx.execute(table)
        try tx.execute("CREATE INDEX audit_by_client ON audit(client_id)")
        try tx.execute("""
            CREATE FUNCTION clientele_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = 'the audit log cannot be changed'; END $$
            """)
        try tx.execute("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION clientele_audit_append_only()")
        try tx.execute("CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION clientele_audit_append_only()")
        try tx.execute("REVOKE ALL ON audit FROM PUBLIC")
        for t in AuditLog.tables { try attach(t, in: tx) }
    }

    /// Logs every change to `table` from now on (its columns as they are now). A table added
    /// by a later migration (roles) calls this in that migration.
    package static func attach(_ table: AuditLog.Table, in tx: any StoreTransaction) throws {
        for s in statements(table, columns: try columns(of: table.name, in: tx)) { try tx.execute(s) }
    }

    /// A table's columns as they are now, in order.
    static func columns(of table: String, in tx: any StoreTransaction) throws -> [String] {
        try tx.fetchAll("""
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, .positional([.text(table)])).compactMap { $0.first?.string }
    }

    /// Makes a table's audit functions again after a migration added columns to it (the
    /// triggers call the functions by name and stay).
    static func refresh(_ name: String, in tx: any StoreTransaction) throws {
        guard let table = AuditLog.tables.first(where: { $0.name == name }) else { return }
        for s in statements(table, columns: try columns(of: name, in: tx)) where s.hasPrefix("CREATE FUNCTION") {
            try tx.execute("CREATE OR REPLACE FUNCTION" + s.dropFirst("CREATE FUNCTION".count))
        }
    }

    static func statements(_ t: AuditLog.Table, columns: [String]) -> [String] {
        let insertInto = "INSERT INTO audit (user_name, action, object, key, client_id, old_values, new_values)"
        func json(_ value: String) -> String { "COALESCE(to_json(\(value))::text, 'null')" }
        func client(_ row: String) -> String {
            switch t.client {
            case .none: return "NULL::bigint"
            case .column(let c): return "\(row).\(c)"
            case .throughOrder(let c): return "(SELECT o.client_id FROM orders o WHERE o.id = \(row).\(c))"
            }
        }
        func whole(_ row: String) -> String {
            "'{' || " + columns.enumerated().map { i, c in
                "'\(i == 0 ? "" : ",")\"\(c)\":' || \(json("\(row).\(c)"))"
            }.joined(separator: " || ") + " || '}'"
        }
        let watched = columns.filter { !t.derived.contains($0) }
        func changed(_ row: String) -> String {
            "'{' || concat_ws(',', " + watched.map { c in
                "CASE WHEN OLD.\(c) IS DISTINCT FROM NEW.\(c) THEN '\"\(c)\":' || \(json("\(row).\(c)")) END"
            }.joined(separator: ", ") + ") || '}'"
        }
        let definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
        let perRow = "\(insertInto) SELECT session_user, 'add', '\(t.name)', r.\(t.key)::text, \(client("r")), NULL, \(whole("r")) FROM audit_new_rows r;"
        let insertBody: String
        if t.hasID {
            insertBody = """
                IF (SELECT count(*) FROM audit_new_rows) <= 1 THEN
                  \(perRow)
                ELSE
                  \(insertInto)
                  SELECT session_user, COALESCE(NULLIF(current_setting('clientele.audit_action', true), ''), 'add'), '\(t.name)',
                         ranges, NULL, NULL,
                         '{"source":' || \(json("NULLIF(current_setting('clientele.audit_source', true), '')")) || ',"rows":' || n
                           || ',"ids":' || to_json(ranges)::text || '}'
                  FROM (SELECT sum(hi - lo + 1) AS n,
                               string_agg(CASE WHEN lo = hi THEN lo::text ELSE lo || '-' || hi END, ',' ORDER BY lo) AS ranges
                        FROM (SELECT min(id) AS lo, max(id) AS hi
                              FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM audit_new_rows) s GROUP BY run) g) x;
                END IF;
                """
        } else {
            insertBody = perRow
        }
        let anyChange = watched.map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR ")
        return [
            """
            CREATE FUNCTION clientele_audit_\(t.name)_insert() RETURNS trigger \(definer) AS $$
            BEGIN
              \(insertBody)
              RETURN NULL;
            END $$
            """,
            """
            CREATE FUNCTION clientele_audit_\(t.name)_change() RETURNS trigger \(definer) AS $$
            BEGIN
              IF TG_OP = 'UPDATE' THEN
                \(insertInto) VALUES (session_user, 'update', '\(t.name)', NEW.\(t.key)::text, \(client("NEW")), \(changed("OLD")), \(changed("NEW")));
              ELSE
                \(insertInto) VALUES (session_user, 'delete', '\(t.name)', OLD.\(t.key)::text, \(client("OLD")), \(whole("OLD")), NULL);
              END IF;
              RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER audit_\(t.name)_insert AFTER INSERT ON \(t.name) REFERENCING NEW TABLE AS audit_new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION clientele_audit_\(t.name)_insert()
            """,
            """
            CREATE TRIGGER audit_\(t.name)_update AFTER UPDATE OF \(watched.joined(separator: ", ")) ON \(t.name)
            FOR EACH ROW WHEN (\(anyChange)) EXECUTE FUNCTION clientele_audit_\(t.name)_change()
            """,
            """
            CREATE TRIGGER audit_\(t.name)_delete AFTER DELETE ON \(t.name)
            FOR EACH ROW EXECUTE FUNCTION clientele_audit_\(t.name)_change()
            """,
        ]
    }

    /// Labels the multi-row inserts of the rest of this transaction as an import of `source`
    /// (what a bulk import on this store sets before it writes).
    package static func markImport(_ tx: any StoreTransaction, source: String) throws {
        try tx.execute("SELECT set_config('clientele.audit_action', 'import', true), set_config('clientele.audit_source', $1, true)",
                       .positional([.text(source)]))
    }
}
