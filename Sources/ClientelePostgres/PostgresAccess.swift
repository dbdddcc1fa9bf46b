import Foundation
import ClienteleCore
import PostgresNIO

/// Who this connection is on the team store, read once when the store opens: the login,
/// its role from `clientele_logins` (nil: none, or a store made before roles), and whether
/// the confidential columns are hidden from it (it then reads the masked views).
package struct TeamAccess: Sendable, Equatable {
    package var login: String
    package var role: String?
    package var curator: String?
    package var personal: Bool
    package var masked: Bool

    /// "login anna (an analyst)", "login dorlov (curator Дмитрий Орлов)".
    package var who: String {
        switch role {
        case "curator"?: return "login \(login) (curator \(curator ?? ""))"
        case "analyst"?: return "login \(login) (an analyst\(personal ? " with personal data" : ""))"
        case let r?: return "login \(login) (a \(r))"
        case nil: return "login \(login) (no role on this store)"
        }
    }

    /// What the role may do, said when PostgreSQL refuses something.
    var rights: String {
        switch role {
        case "head"?: return "a head may do everything but change the store's tables"
        case "analyst"?: return "an analyst changes clients, contacts, orders and payments, not the discount policy, settings, scenarios or roles, nor the confidential fields unless granted personal data"
        case "curator"?: return "a curator sees and changes only the clients whose curator they are, with their contacts, orders and payments"
        case "viewer"?: return "a viewer only reads"
        default: return "a head of sales grants roles (grant analyst to login \(login))"
        }
    }

    /// The server's refusal (permission, row-level security, a masked column of a view) as a
    /// sentence; nil for other errors. Never quotes a value: the server's texts name only
    /// tables and columns.
    func refusal(state: String, message: String) -> String? {
        switch state {
        case "42501":
            if message.hasPrefix("only the head of sales") {
                return "\(message); \(who) cannot"
            }
            if let table = Self.quoted(message, after: "row-level security policy for table ") {
                return "the team store refuses this row of \(table) to \(who): \(rights)"
            }
            if message.hasPrefix("permission denied for function clientele_") {
                return "only the head of sales manages roles on this team store; \(who) cannot"
            }
            if message.hasPrefix("permission denied for") {
                let object = message.split(separator: " ").last.map(String.init) ?? "it"
                return "the team store refuses this to \(who): \(rights) (no right on \(object))"
            }
            return nil
        case "0A000":
            // "cannot update column "notes" of view "clients"": a masked column.
            guard message.contains(" of view "), let column = Self.quoted(message, after: "column ") else { return nil }
            let view = Self.quoted(message, after: " of view ") ?? "this object"
            return "\(column) of \(view) is confidential and masked for \(who): it cannot be changed without the personal data grant"
        default:
            return nil
        }
    }

    /// The name in double quotes after `marker` in a server message.
    static func quoted(_ message: String, after marker: String) -> String? {
        guard let r = message.range(of: marker + "\"") else { return nil }
        let rest = message[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

extension PostgresStore {
    /// Reads who this connection is and, for a masked role, puts the masked views first on
    /// the search path (outside any transaction: for the whole session).
    static func readAccess(_ tx: any StoreTransaction) throws -> TeamAccess? {
        guard try tx.fetchOne("SELECT to_regclass('public.clientele_logins') IS NOT NULL")?.first?.int64 == 1 else { return nil }
        guard let row = try tx.fetchOne("""
            SELECT current_user::text, l.role, l.curator, coalesce(l.personal, 0),
                   NOT has_column_privilege('public.clients', 'notes', 'SELECT')
            FROM (SELECT 1) AS one LEFT JOIN clientele_logins AS l ON l.login = current_user
            """) else { return nil }
        return TeamAccess(login: row[0].string ?? "", role: row[1].string, curator: row[2].string,
                          personal: row[3].int64 == 1, masked: row[4].int64 == 1)
    }

    /// A login without any privilege on the store: a sentence instead of "permission denied".
    static func refuseStranger(_ c: PostgresConnection, _ url: PostgresURL) throws {
        let stranger = try scalar(c, """
            SELECT CASE WHEN to_regclass('public.schema_migrations') IS NOT NULL
                         AND NOT has_table_privilege('public.schema_migrations', 'SELECT') THEN 1 ELSE 0 END
            """)
        if stranger == 1 {
            throw StoreError(.other, "login \(url.user) has no role on the team store \(url): ask its head of sales to grant one (for example: grant analyst to login \(url.user))")
        }
    }
}
