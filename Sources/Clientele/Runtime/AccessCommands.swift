import Foundation
import ClienteleCore

/// `grant`, `revoke` and `logins` (docs/team.md, "Roles"). On a team store they call the
/// store's SECURITY DEFINER functions (`clientele_grant_role`...), which PostgreSQL lets
/// only a head run and which check it again; the interpreter adds nothing PostgreSQL does
/// not enforce. On a SQLite file they are refused: whoever can read the file sees it all.
struct AccessCommands {
    let interpreter: Interpreter

    static let sqliteRefusal = "roles are a team store's (PostgreSQL): a SQLite file has no logins, and whoever can read the file sees everything in it; its security boundary is the file's permissions"

    func run(_ command: AccessCommand, in tx: any StoreTransaction) throws -> Output {
        guard interpreter.engine.dialect.name == "PostgreSQL" else {
            throw RuntimeError.message("\(command.verb) is refused: " + AccessCommands.sqliteRefusal)
        }
        switch command {
        case .list:
            return .table(try list(in: tx))
        case .grantRole(let role, let curator, let login):
            try tx.execute("SELECT clientele_grant_role($1, $2, $3)",
                           .positional([.text(login), .text(role), curator.map { .text($0) } ?? .null]))
            let what = role == "curator" ? "curator \(curator ?? "")" : role
            return .message("login \(login) is now \(AccessCommands.article(role)) \(what).")
        case .grantPersonal(let login):
            try tx.execute("SELECT clientele_grant_personal($1, true)", .positional([.text(login)]))
            return .message("login \(login) now sees personal and confidential data.")
        case .revokePersonal(let login):
            try tx.execute("SELECT clientele_grant_personal($1, false)", .positional([.text(login)]))
            return .message("login \(login) no longer sees personal and confidential data (masked as \(AccessCommands.marker)).")
        case .revoke(let role, let login):
            if let role {
                let current = try tx.fetchOne("SELECT role FROM clientele_logins WHERE login = $1", .positional([.text(login)]))?.first?.string
                if let current, current != role {
                    throw RuntimeError.message("login \(login) is \(AccessCommands.article(current)) \(current), not \(AccessCommands.article(role)) \(role): nothing revoked (revoke access from login \(login) removes any role)")
                }
            }
            try tx.execute("SELECT clientele_revoke_access($1)", .positional([.text(login)]))
            return .message("login \(login) no longer has a role on this store.")
        }
    }

    static let marker = "•••"

    static func article(_ role: String) -> String { role == "analyst" ? "an" : "a" }

    /// The logins the caller may see: all for a head, their own for the others.
    func list(in tx: any StoreTransaction) throws -> Table {
        var rows: [[Value]] = []
        try tx.stream("""
            SELECT login, role, curator, personal, granted_by, granted_at FROM clientele_logins
            ORDER BY CASE role WHEN 'head' THEN 1 WHEN 'analyst' THEN 2 WHEN 'curator' THEN 3 ELSE 4 END, login
            """, .none) { r in
            let role = r[1].string ?? ""
            let confidential = role == "head" ? "all" : role == "curator" ? "own clients" : r[3].int64 == 1 ? "granted" : "masked"
            rows.append([.text(r[0].string ?? ""), .text(role), r[2].string.map { .text($0) } ?? .null,
                         .text(confidential), .text(r[4].string ?? ""), .text(r[5].string ?? "")])
        }
        return Table(columns: [Column(name: "login", type: .text), Column(name: "role", type: .text),
                               Column(name: "curator", type: .text), Column(name: "confidential", type: .text),
                               Column(name: "granted_by", type: .text), Column(name: "granted_at", type: .text)],
                     rows: rows)
    }
}
