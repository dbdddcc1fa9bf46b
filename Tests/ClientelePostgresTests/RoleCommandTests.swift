import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport
import ClientelePostgres

/// `grant`, `revoke` and `logins`: only a head manages roles (PostgreSQL refuses the
/// others too), and every refusal is a sentence.
final class RoleCommandTests: TeamRolesTestCase {
    func testOnlyAHeadManagesRoles() throws {
        try makeTeamStore()
        for role in ["anna", "vera", "ivanova"] {
            let pg = try open(role)
            defer { pg.close() }
            let out = engine(pg).transcript("grant head to login \(login(role))")
            XCTAssertTrue(out.contains("only the head of sales manages roles on this team store"), "\(role): \(out)")
            let r = try psql(role, "SELECT clientele_grant_role('\(login(role))', 'head', NULL)")
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("permission denied for function clientele_grant_role"), r.stderr)
            let direct = try psql(role, "INSERT INTO clientele_logins (login, role) VALUES ('\(login(role))', 'head')")
            XCTAssertTrue(direct.stderr.contains("permission denied"), direct.stderr)
            XCTAssertNotEqual(try psql(role, "GRANT \(PostgresRoles.groupNames(database: store.url.database)[0]) TO \(login(role))").status, 0)
        }
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clientele_logins WHERE role = 'head'"), 2)
        // A head granted by the owner manages roles too.
        let head2 = try open("head2")
        defer { head2.close() }
        XCTAssertTrue(engine(head2).transcript("grant analyst to login \(login("vera"))").contains("is now an analyst"))
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clientele_logins WHERE role = 'analyst'"), 2)
        // Role changes are in the audit log, by the head who made them; the refused ones left none.
        XCTAssertEqual(try ownerCount("""
            SELECT count(*) FROM audit WHERE object = 'clientele_logins' AND action = 'update' AND key = '\(login("vera"))'
              AND user_name = '\(login("head2"))' AND old_values LIKE '%"viewer"%' AND new_values LIKE '%"analyst"%'
            """), 1)
        let refused = ["anna", "vera", "ivanova"].map { "'\(login($0))'" }.joined(separator: ", ")
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM audit WHERE object = 'clientele_logins' AND user_name IN (\(refused))"), 0)
    }

    func testLoginsListsEveryLoginForAHeadAndOnlyTheirOwnForOthers() throws {
        try makeTeamStore()
        let all = engine(store.owner).transcript("logins", width: 400)
        for role in ["head2", "anna", "vera", "ivanova"] { XCTAssertTrue(all.contains(login(role)), all) }
        XCTAssertTrue(all.contains("Иванова") && all.contains("own clients") && all.contains("masked"), all)
        let pg = try open("anna")
        defer { pg.close() }
        let own = engine(pg).transcript("logins", width: 400)
        XCTAssertTrue(own.contains(login("anna")), own)
        XCTAssertFalse(own.contains(login("vera")), own)
    }

    func testRefusedRoleCommandsAreSentences() throws {
        try makeTeamStore()
        let head = engine(store.owner)
        let cases: [(String, String)] = [
            ("grant analyst to login nobody_here_\(store.url.database)",
             "there is no login nobody_here_\(store.url.database) on this server: its administrator creates it first"),
            ("grant personal data to login \(login("vera"))",
             "personal data is granted to analysts only, and \(login("vera")) is a viewer"),
            ("grant personal data to login \(login("stranger"))", "login \(login("stranger")) has no role on this team store: grant it analyst first"),
            ("grant analyst to login clientele_test", "login clientele_test is a PostgreSQL superuser"),
            ("revoke viewer from login \(login("anna"))", "login \(login("anna")) is an analyst, not a viewer: nothing revoked"),
        ]
        for (command, expected) in cases {
            let out = head.transcript(command)
            XCTAssertTrue(out.contains(expected), "\(command):\n\(out)")
        }
        // A stranger cannot open the store at all, and is told why.
        XCTAssertThrowsError(try open("stranger")) { e in
            XCTAssertTrue("\(e)".contains("login \(self.login("stranger")) has no role on the team store"), "\(e)")
        }
        // Revoking access: the login is a stranger again.
        XCTAssertTrue(head.transcript("revoke access from login \(login("vera"))").contains("no longer has a role"))
        XCTAssertThrowsError(try open("vera"))
        XCTAssertNotEqual(try psql("vera", "SELECT count(*) FROM orders").status, 0)
    }
}
