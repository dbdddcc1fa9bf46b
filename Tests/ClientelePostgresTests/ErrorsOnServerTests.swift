import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
@testable import ClientelePostgres

/// Errors a user can cause while a script runs (the store refuses, or SQL fails) beyond the
/// golden scripts' (errors.clq runs on the server in GoldenOnServerTests): each prints the
/// same message on a PostgreSQL store as on the SQLite store, and leaves both as they were.
final class ErrorsOnServerTests: PostgresTestCase {
    static let scripts = [
        // A date past the calendar a store holds (clientele_add_days / CLIENTELE_ADD_DAYS).
        "orders | where id == 1 | select d = order_date + 4000000 days",
        "orders | where id == 1 | select d = order_date - 4000000 days",
        // Overflow in an aggregate and in arithmetic (bigint on the server, REAL on SQLite).
        "orders | agg s = sum(net * 922337203685477)",
        "clients | where id == 1 | select x = outlets * 9223372036854775807",
        // Division by zero in SQL.
        "orders | where id == 1 | select x = net / (gross - gross)",
        // The store's rules: unique, the amounts, a reference that does not exist.
        #"update clients | where id == 2 set tax_id = "7701000001""#,
        "update orders | where id == 1 set discount = gross + 1",
        "add orders client: 999, order_date: 2025-01-01, gross: 10",
    ]

    func testRuntimeErrorsReadTheSameOnTheServer() throws {
        let pg = try newStore()
        defer { pg.close() }
        try PostgresCopy.copy(from: try Fixture.store(), to: pg)
        let onServer = Engine(store: try Fixture.store(), backend: pg, session: Session(today: Fixture.today))
        let onSQLite = try Fixture.engine()
        let snapshot = "clients | sort id | select id, tax_id, outlets"
        let before = onServer.transcript(snapshot)
        XCTAssertEqual(before, onSQLite.transcript(snapshot))
        for script in Self.scripts {
            let expected = onSQLite.transcript(script, origin: "t")
            XCTAssertTrue(expected.hasPrefix("error: "), "not an error on SQLite: \(script)\n\(expected)")
            XCTAssertEqual(onServer.transcript(script, origin: "t"), expected, script)
        }
        XCTAssertEqual(onServer.transcript(snapshot), before, "a failed script changed the server's store")
    }
}

/// The engine's short statements are written with SQLite's `?`; the server gets `$n`.
final class NumberedPlaceholderTests: XCTestCase {
    func testQuestionMarksBecomeNumberedOutsideQuotesAndComments() {
        XCTAssertEqual(PostgresValues.numberedPlaceholders("UPDATE settings SET value = ? WHERE key = ?"),
                       "UPDATE settings SET value = $1 WHERE key = $2")
        XCTAssertEqual(PostgresValues.numberedPlaceholders("SELECT '?', \"a?\", ? -- why?\nFROM t WHERE x = ?"),
                       "SELECT '?', \"a?\", $1 -- why?\nFROM t WHERE x = $2")
        XCTAssertEqual(PostgresValues.numberedPlaceholders("SELECT $1 FROM t WHERE s = 'it''s?'"),
                       "SELECT $1 FROM t WHERE s = 'it''s?'")
    }
}
