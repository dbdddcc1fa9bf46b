import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Roles are a team store's: on a SQLite file the commands are refused with the reason
/// (the file's permissions are the boundary). Their syntax errors are checked here too,
/// since the parser runs before any store is asked.
final class RoleCommandsOnSQLiteTests: XCTestCase {
    func testRoleCommandsAreRefusedOnASQLiteFile() throws {
        let e = try Fixture.engine()
        for command in ["grant analyst to login anna", "revoke access from login anna", "logins", "grant personal data to login anna"] {
            let out = e.transcript(command)
            XCTAssertTrue(out.contains("a SQLite file has no logins, and whoever can read the file sees everything in it"), "\(command): \(out)")
        }
    }

    func testRoleCommandSyntaxErrors() throws {
        let e = try Fixture.engine()
        let cases: [(String, String)] = [
            ("grant boss to login x", "expected a role after 'grant' (head, analyst, curator, viewer or personal data), found"),
            ("grant curator to login x", "expected the curator's name after 'curator'"),
            ("grant analyst login x", "expected 'to' before the login"),
            ("revoke personal from login x", "expected 'data' after 'personal'"),
            ("revoke access from anna", "expected 'login' after 'from'"),
        ]
        for (command, expected) in cases {
            let out = e.transcript(command)
            XCTAssertTrue(out.contains(expected), "\(command):\n\(out)")
        }
    }
}
