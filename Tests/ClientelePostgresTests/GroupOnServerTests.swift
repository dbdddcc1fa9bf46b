import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport
import ClientelePostgres

/// A final `group` of counts and sums: grouped in memory on a SQLite file (SQLite's GROUP BY
/// sorts), left to the server's GROUP BY on PostgreSQL (`SQLDialect.groupsByHash`: it
/// hashes, and the clients' rows need not travel to the program). The same answer either way.
final class GroupOnServerTests: PostgresTestCase {
    func testTheServerGroupsAndTheAnswerIsSQLites() throws {
        let pg = try newStore()
        defer { pg.close() }
        try PostgresCopy.copy(from: try Fixture.store(), to: pg)
        let sqlite = try Fixture.engine()
        let server = Engine(store: try Fixture.store(), backend: pg, session: Session(today: Fixture.today))
        let query = "clients | group region, sales_type agg n = count(), t = sum(turnover)"
        XCTAssertTrue(sqlite.transcript("explain " + query).contains("-- grouped in memory"))
        let plan = server.transcript("explain " + query)
        XCTAssertFalse(plan.contains("grouped in memory"), plan)
        XCTAssertTrue(plan.contains("GROUP BY"), plan)
        XCTAssertEqual(server.transcript(query), sqlite.transcript(query))
    }
}
