/// Role commands of the team store (docs/team.md, "Roles"):
///
///     grant head | analyst | viewer to login anna
///     grant curator "Дмитрий Орлов" to login dorlov
///     grant personal data to login anna
///     revoke personal data from login anna
///     revoke access from login anna        (or: revoke analyst from login anna)
///     logins
package enum AccessCommand: Hashable, Sendable {
    case grantRole(role: String, curator: String?, login: String)
    case grantPersonal(login: String)
    case revokePersonal(login: String)
    /// `revoke access`: nil; `revoke analyst`: the role the login must have.
    case revoke(role: String?, login: String)
    case list

    package var mutates: Bool { self != .list }
}

extension Parser {
    static let accessRoles = ["head", "analyst", "curator", "viewer"]

    /// `grant ...`, `revoke ...`, or `logins` alone; nil when the word starts something else.
    package mutating func accessStatement(_ word: String) throws -> StatementSyntax? {
        let start = current.span
        switch word {
        case "logins":
            guard atStatementEnd(after: 1) else { return nil }
            _ = advance()
            return .access(.list, start)
        case "grant":
            _ = advance()
            if isWord("personal") {
                _ = advance()
                _ = try expectWord("data", "after 'personal' (grant personal data to login anna)")
                return .access(.grantPersonal(login: try login(to: "to")), start.through(tokens[pos - 1].span))
            }
            let role = try accessRole("grant")
            var curator: String?
            if role == "curator" {
                let (name, _) = try stringLiteral("the curator's name after 'curator' (grant curator \"Дмитрий Орлов\" to login dorlov)")
                curator = name
            }
            return .access(.grantRole(role: role, curator: curator, login: try login(to: "to")), start.through(tokens[pos - 1].span))
        case "revoke":
            _ = advance()
            if isWord("personal") {
                _ = advance()
                _ = try expectWord("data", "after 'personal' (revoke personal data from login anna)")
                return .access(.revokePersonal(login: try login(to: "from")), start.through(tokens[pos - 1].span))
            }
            if isWord("access") {
                _ = advance()
                return .access(.revoke(role: nil, login: try login(to: "from")), start.through(tokens[pos - 1].span))
            }
            let role = try accessRole("revoke")
            return .access(.revoke(role: role, login: try login(to: "from")), start.through(tokens[pos - 1].span))
        default:
            return nil
        }
    }

    private mutating func accessRole(_ command: String) throws -> String {
        let roles = Parser.accessRoles.joined(separator: ", ")
        guard case .identifier(let w) = kind, Parser.accessRoles.contains(w.lowercased()) else {
            throw fail("expected a role after '\(command)' (\(roles)\(command == "grant" ? " or personal data" : ", personal data or access")), found \(describe(current))",
                       help: command == "grant" ? "e.g. grant analyst to login anna" : "e.g. revoke access from login anna")
        }
        _ = advance()
        return w.lowercased()
    }

    /// `to login anna` / `from login "a.petrova"`: the login's name.
    private mutating func login(to word: String) throws -> String {
        _ = try expectWord(word, "before the login (\(word) login anna)")
        _ = try expectWord("login", "after '\(word)' (\(word) login anna)")
        if case .string(let s) = kind { _ = advance(); return s }
        return try identifier("the login's name").text
    }

    private func atStatementEnd(after offset: Int) -> Bool {
        switch peekKind(offset) {
        case .newline, .eof: return true
        case let k: return k.symbol == ";"
        }
    }
}

extension AccessCommand {
    /// The command's first words, for messages.
    package var verb: String {
        switch self {
        case .grantRole, .grantPersonal: return "grant"
        case .revokePersonal, .revoke: return "revoke"
        case .list: return "logins"
        }
    }
}
