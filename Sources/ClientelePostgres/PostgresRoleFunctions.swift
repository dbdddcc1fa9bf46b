import Foundation

/// The functions through which a head manages roles (`grant ... to login ...` calls them;
/// so can psql). SECURITY DEFINER: they run as the store's owner, who may grant the group
/// roles, and check themselves that the caller (session_user) is a head; EXECUTE is granted
/// to the head group only, so PostgreSQL refuses anyone else before they run.
///
/// They only map logins that exist on the server: creating logins and their passwords stays
/// with whoever administers the server (CREATE ROLE … LOGIN), so a head needs no CREATEROLE.
enum PostgresRoleFunctions {
    static func statements(prefix p: String) -> [String] {
        let head = PostgresRoles.ident("\(p)_head")
        let checks = """
              IF NOT clientele_is_head() THEN
                RAISE EXCEPTION 'only the head of sales manages roles on this team store' USING ERRCODE = '42501';
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolcanlogin) THEN
                RAISE EXCEPTION 'there is no login % on this server: its administrator creates it first (CREATE ROLE % LOGIN), then a head grants it a role', p_login, quote_ident(p_login) USING ERRCODE = '42704';
              END IF;
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolsuper) THEN
                RAISE EXCEPTION 'login % is a PostgreSQL superuser: it sees and changes everything whatever its role; give roles to ordinary logins', p_login USING ERRCODE = '22023';
              END IF;
              IF p_login = (SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'public.clients'::regclass) THEN
                RAISE EXCEPTION 'login % owns this team store: it is always a head', p_login USING ERRCODE = '22023';
              END IF;
            """
        // Drops the login from every group of this store.
        let leaveGroups = """
              FOREACH g IN ARRAY ARRAY['head', 'analyst', 'curator', 'viewer', 'personal'] LOOP
                IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                           WHERE r.rolname = clientele_group(g) AND u.rolname = p_login) THEN
                  EXECUTE format('REVOKE %I FROM %I', clientele_group(g), p_login);
                END IF;
              END LOOP;
            """
        // Where the login's unqualified table names point (psql included); a convenience
        // only: the store sets it itself, and the privileges hold whatever the search path.
        let searchPath = """
              BEGIN
                IF masked THEN
                  EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = \(PostgresRoles.maskedSchema), public', p_login, current_database());
                ELSE
                  EXECUTE format('ALTER ROLE %I IN DATABASE %I RESET search_path', p_login, current_database());
                END IF;
              EXCEPTION WHEN insufficient_privilege THEN NULL;
              END;
            """
        let security = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
        return [
            """
            CREATE FUNCTION clientele_grant_role(p_login text, p_role text, p_curator text) RETURNS void \(security) AS $$
            DECLARE g text; keep_personal bigint; masked boolean;
            BEGIN
            \(checks)
              IF p_role NOT IN ('head', 'analyst', 'curator', 'viewer') THEN
                RAISE EXCEPTION 'there is no role %: the roles are head, analyst, curator and viewer', p_role USING ERRCODE = '22023';
              END IF;
              IF (p_role = 'curator') <> (coalesce(btrim(p_curator), '') <> '') THEN
                RAISE EXCEPTION 'a curator login is granted with its curator name (grant curator "Name" to login ...), and only a curator' USING ERRCODE = '22023';
              END IF;
              SELECT personal INTO keep_personal FROM clientele_logins WHERE login = p_login AND role = 'analyst';
              IF p_role <> 'analyst' THEN keep_personal := 0; END IF;
            \(leaveGroups)
              EXECUTE format('GRANT %I TO %I', clientele_group(p_role), p_login);
              IF coalesce(keep_personal, 0) = 1 THEN EXECUTE format('GRANT %I TO %I', clientele_group('personal'), p_login); END IF;
              INSERT INTO clientele_logins AS l (login, role, curator, personal)
                VALUES (p_login, p_role, CASE WHEN p_role = 'curator' THEN btrim(p_curator) END, coalesce(keep_personal, 0))
                ON CONFLICT (login) DO UPDATE SET role = excluded.role, curator = excluded.curator, personal = excluded.personal,
                  granted_by = session_user, granted_at = \(PostgresSchema.now);
              masked := p_role IN ('analyst', 'viewer') AND coalesce(keep_personal, 0) = 0;
            \(searchPath)
            END $$
            """,
            """
            CREATE FUNCTION clientele_grant_personal(p_login text, p_granted boolean) RETURNS void \(security) AS $$
            DECLARE current_role_name text; masked boolean;
            BEGIN
            \(checks)
              SELECT role INTO current_role_name FROM clientele_logins WHERE login = p_login;
              IF current_role_name IS NULL THEN
                RAISE EXCEPTION 'login % has no role on this team store: grant it analyst first', p_login USING ERRCODE = '22023';
              END IF;
              IF current_role_name <> 'analyst' THEN
                RAISE EXCEPTION 'personal data is granted to analysts only, and % is a %: a head sees everything, a curator the whole dossier of their own clients, a viewer is always masked', p_login, current_role_name USING ERRCODE = '22023';
              END IF;
              IF p_granted THEN
                EXECUTE format('GRANT %I TO %I', clientele_group('personal'), p_login);
              ELSIF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                            WHERE r.rolname = clientele_group('personal') AND u.rolname = p_login) THEN
                EXECUTE format('REVOKE %I FROM %I', clientele_group('personal'), p_login);
              END IF;
              UPDATE clientele_logins SET personal = CASE WHEN p_granted THEN 1 ELSE 0 END,
                granted_by = session_user, granted_at = \(PostgresSchema.now) WHERE login = p_login;
              masked := NOT p_granted;
            \(searchPath)
            END $$
            """,
            """
            CREATE FUNCTION clientele_revoke_access(p_login text) RETURNS void \(security) AS $$
            DECLARE g text; masked boolean := false;
            BEGIN
            \(checks)
              IF NOT EXISTS (SELECT 1 FROM clientele_logins WHERE login = p_login) THEN
                RAISE EXCEPTION 'login % has no role on this team store', p_login USING ERRCODE = '22023';
              END IF;
            \(leaveGroups)
              DELETE FROM clientele_logins WHERE login = p_login;
            \(searchPath)
            END $$
            """,
            "REVOKE ALL ON FUNCTION clientele_grant_role(text, text, text), clientele_grant_personal(text, boolean), clientele_revoke_access(text) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION clientele_grant_role(text, text, text), clientele_grant_personal(text, boolean), clientele_revoke_access(text) TO \(head)",
        ]
    }
}
