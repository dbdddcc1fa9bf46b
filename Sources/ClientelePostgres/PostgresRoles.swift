import Foundation
import ClienteleCore
import ClienteleSQLite

/// Roles on the team store, enforced by PostgreSQL itself (docs/team.md, "Roles"):
///
/// - four group roles per store, `<prefix>_head`, `_analyst`, `_curator`, `_viewer`, and
///   `<prefix>_personal` for the personal-data grant (cluster-wide names: the prefix comes
///   from the database name, so two team stores in one cluster do not share them);
/// - `clientele_logins` maps existing login roles to a role (and a curator name), changed
///   only through SECURITY DEFINER functions that check the caller is a head;
/// - row-level security: a curator's policies let through only the clients whose `curator`
///   is their curator name and the rows hanging from them;
/// - masking: analysts and viewers have no privilege on `clients`, `contacts` and
///   `conflicts` at all; they read (and analysts change) them through the views of the
///   schema `clientele_masked`, where the confidential columns read `•••` (a birthday reads
///   NULL: a date column cannot hold a marker). The store puts that schema first on the
///   search path for them, so the engine's statements name the same tables.
package enum PostgresRoles {
    package static let maskedSchema = "clientele_masked"
    package static let marker = "•••"
    package static let roles = ["head", "analyst", "curator", "viewer"]
    static let groups = roles + ["personal"]

    /// The confidential columns of each table, with what the masked view shows instead.
    package static let maskedColumns: [String: [String: String]] = [
        "clients": ["bank_details": "'\(marker)'::text", "financial_condition": "'\(marker)'::text",
                    "reliability": "'\(marker)'::text", "notes": "'\(marker)'::text"],
        "contacts": ["home_phone": "'\(marker)'::text", "email": "'\(marker)'::text", "birthday": "NULL::date"],
        "conflicts": ["description": "'\(marker)'::text", "resolution": "'\(marker)'::text"],
    ]

    /// Tables under row-level security, with the condition a curator's rows meet.
    static let curatorRows: [(table: String, condition: String)] = [
        ("clients", "curator = clientele_my_curator()"),
        ("contacts", "client_id IN (SELECT id FROM clients)"),
        ("interactions", "client_id IN (SELECT id FROM clients)"),
        ("contracts", "client_id IN (SELECT id FROM clients)"),
        ("conflicts", "client_id IN (SELECT id FROM clients)"),
        ("orders", "client_id IN (SELECT id FROM clients)"),
        ("order_lines", "order_id IN (SELECT id FROM orders)"),
        ("payments", "order_id IN (SELECT id FROM orders)"),
    ]
    /// Tables a curator and an analyst may change (an analyst's masked ones through the views).
    static let clientTables = curatorRows.map(\.table)
    /// Policy: changed by a head only.
    static let policyTables = ["settings", "rules", "categories", "activities", "scenarios", "scenario_changes"]

    /// The group roles' prefix for a database: its name when that is a short plain
    /// identifier, else `clientele_` and a hash of it (role names are at most 63 bytes).
    package static func prefix(database: String) -> String {
        if database.count <= 40, database.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) {
            return database
        }
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in database.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return "clientele_" + String(hash, radix: 16)
    }

    /// The group role names of a database's store (for set-up and clean-up).
    package static func groupNames(database: String) -> [String] {
        groups.map { "\(prefix(database: database))_\($0)" }
    }

    package static func ident(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Makes the masked views again with their tables' columns as they are now: a migration
    /// that adds a column to a masked table calls this (CREATE OR REPLACE keeps the grants;
    /// a new column comes last, as in the table).
    static func refreshMaskedViews(_ tx: PostgresTransaction) throws {
        for table in maskedColumns.keys.sorted() {
            try tx.execute("CREATE OR REPLACE " + maskedView(table, columns: try PostgresAudit.columns(of: table, in: tx)))
        }
    }

    /// `VIEW clientele_masked.TABLE … AS SELECT …` over the table's columns, the confidential
    /// ones replaced by their mask (after CREATE or CREATE OR REPLACE).
    static func maskedView(_ table: String, columns: [String]) -> String {
        let masked = maskedColumns[table] ?? [:]
        let list = columns.map { c in masked[c].map { "\($0) AS \(c)" } ?? c }.joined(separator: ", ")
        return "VIEW \(maskedSchema).\(table) WITH (security_barrier) AS SELECT \(list) FROM public.\(table)"
    }

    /// The migration `pg2-roles`.
    static func migrate(_ tx: PostgresTransaction) throws {
        guard let database = try tx.fetchOne("SELECT current_database()")?.first?.string else { return }
        let canCreateRoles = try tx.fetchOne("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")?.first?.int64 == 1
        guard canCreateRoles else {
            throw StoreError(.other, "creating a team store needs a login that may create roles (CREATEROLE or superuser): the store makes its group roles (head, analyst, curator, viewer)")
        }
        var columns: [String: [String]] = [:]
        for table in maskedColumns.keys {
            columns[table] = try PostgresAudit.columns(of: table, in: tx)
        }
        let p = prefix(database: database)
        for s in statements(prefix: p, columns: columns) { try tx.execute(s) }
        // The audit log holds old and new values of every column, masked ones and other
        // curators' clients included: only the head reads it on the team store.
        if try tx.fetchOne("SELECT to_regclass('public.audit') IS NOT NULL")?.first?.int64 == 1 {
            let others = roles.filter { $0 != "head" }.map { ident("\(p)_\($0)") } + [ident("\(p)_personal")]
            try tx.execute("REVOKE ALL ON audit FROM \(others.joined(separator: ", "))")
            try tx.execute("GRANT SELECT ON audit TO \(ident("\(p)_head"))")
            // Role changes are changes: logged like any other.
            try PostgresAudit.attach(AuditLog.Table(name: "clientele_logins", key: "login", client: .none), in: tx)
        }
    }

    /// A table of the policy that a later migration makes (`rfm_segments`, `holidays`): every
    /// role reads it, only the head changes it, and its changes are audited, as `pg2-roles`
    /// and `pg2-audit` did for the policy tables that existed then.
    static func attachHeadManagedTable(_ audit: AuditLog.Table, in tx: PostgresTransaction) throws {
        if let database = try tx.fetchOne("SELECT current_database()")?.first?.string {
            let p = prefix(database: database)
            func g(_ role: String) -> String { ident("\(p)_\(role)") }
            try tx.execute("REVOKE ALL ON \(audit.name) FROM PUBLIC")
            try tx.execute("GRANT SELECT ON \(audit.name) TO \(roles.map(g).joined(separator: ", "))")
            try tx.execute("GRANT INSERT, UPDATE, DELETE ON \(audit.name) TO \(g("head"))")
        }
        if try tx.fetchOne("SELECT to_regclass('public.audit') IS NOT NULL")?.first?.int64 == 1 {
            try PostgresAudit.attach(audit, in: tx)
        }
    }

    static func statements(prefix p: String, columns: [String: [String]]) -> [String] {
        func g(_ role: String) -> String { ident("\(p)_\(role)") }
        let all = roles.map(g).joined(separator: ", ")
        var s: [String] = groups.map { role in
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal("\(p)_\(role)"))) THEN
                CREATE ROLE \(g(role)) NOLOGIN;
              END IF;
            END $$
            """
        }
        s += [
            "CREATE FUNCTION clientele_group(role text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT \(literal(p + "_")) || role $$",
            """
            CREATE TABLE clientele_logins (
                login text PRIMARY KEY,
                role text NOT NULL CONSTRAINT clientele_logins_role CHECK (role IN ('head', 'analyst', 'curator', 'viewer')),
                curator text,
                personal bigint NOT NULL DEFAULT 0,
                granted_by text NOT NULL DEFAULT session_user,
                granted_at text NOT NULL DEFAULT \(PostgresSchema.now),
                CONSTRAINT clientele_logins_curator CHECK ((role = 'curator') = (curator IS NOT NULL)))
            """,
            "INSERT INTO clientele_logins (login, role) VALUES (current_user, 'head')",
            "ALTER TABLE clientele_logins ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY clientele_own_login ON clientele_logins FOR SELECT USING (login = current_user)",
            "CREATE POLICY clientele_head_logins ON clientele_logins FOR SELECT TO \(g("head")) USING (true)",
            // Who the caller is. current_user in a policy is the login querying.
            """
            CREATE FUNCTION clientele_my_curator() RETURNS text LANGUAGE sql STABLE AS $$
              SELECT curator FROM public.clientele_logins WHERE login = current_user AND role = 'curator'
            $$
            """,
            // In a SECURITY DEFINER function current_user is the owner: the caller is session_user.
            """
            CREATE FUNCTION clientele_is_head() RETURNS boolean LANGUAGE sql STABLE AS $$
              SELECT pg_has_role(session_user, \(literal("\(p)_head")), 'MEMBER')
                  OR session_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.clients'::regclass)
            $$
            """,
        ]
        // Privileges: nothing for PUBLIC; reading for every role; writing by role.
        s += [
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(all)",
            "REVOKE SELECT ON clients, contacts, conflicts FROM \(g("analyst")), \(g("viewer"))",
            "GRANT INSERT, UPDATE, DELETE ON \((clientTables + policyTables).joined(separator: ", ")) TO \(g("head"))",
            "GRANT INSERT, UPDATE, DELETE ON \(clientTables.joined(separator: ", ")) TO \(g("curator"))",
            "GRANT INSERT, UPDATE, DELETE ON interactions, contracts, orders, order_lines, payments TO \(g("analyst"))",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON clients, contacts, conflicts TO \(g("personal"))",
            // No privilege on facts_version or the sequences: identity columns need none, and
            // the triggers that bump the counter and move the identities run as the owner.
        ]
        // The triggers that keep derived facts run as the owner: they must see every row (the
        // largest id, all payments of an order) whoever wrote, and read the tables, not the
        // masked views a masked writer's search path names first.
        s += ["clientele_follow_ids()", "clientele_facts_bump()", "clientele_payments_rollup()"].map {
            "ALTER FUNCTION \($0) SECURITY DEFINER SET search_path = public, pg_temp"
        }
        // Row-level security.
        for (table, condition) in curatorRows {
            s += [
                "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY clientele_all_rows ON \(table) TO \(g("head")), \(g("analyst")), \(g("viewer")), \(g("personal")) USING (true) WITH CHECK (true)",
                "CREATE POLICY clientele_curator_rows ON \(table) TO \(g("curator")) USING (\(condition)) WITH CHECK (\(condition))",
            ]
        }
        // The masked views (owned by the store's owner, so they read the tables without RLS:
        // analysts and viewers see every client).
        s += ["CREATE SCHEMA \(maskedSchema)",
              "GRANT USAGE ON SCHEMA \(maskedSchema) TO \(g("analyst")), \(g("viewer"))"]
        for table in maskedColumns.keys.sorted() {
            s += [
                "CREATE " + maskedView(table, columns: columns[table] ?? []),
                "GRANT SELECT ON \(maskedSchema).\(table) TO \(g("analyst")), \(g("viewer"))",
                "GRANT INSERT, UPDATE, DELETE ON \(maskedSchema).\(table) TO \(g("analyst"))",
            ]
        }
        s += PostgresRoleFunctions.statements(prefix: p)
        return s
    }
}
