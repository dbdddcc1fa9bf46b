import XCTest
import ClienteleCore
import ClienteleSQLite
import Clientele
import ClienteleTestSupport
import ClientelePostgres

/// The customer-base models on a team store: the same demo store copied to PostgreSQL gives
/// the same fit, the same per-client estimates (bound as JSON, joined in SQL) and the same cohorts.
final class ClientModelsOnServerTests: PostgresTestCase {
    func testEstimatesAndCohortsAreTheSameOnBothStores() throws {
        let sqlite = try TemporaryStore.demo("models-pg", DemoOptions(clients: 200, years: 2, seed: 5))
        let pg = try newStore()
        defer { pg.close() }
        try PostgresCopy.copy(from: sqlite, to: pg)
        let today = Session(today: CalendarDate(iso: "2025-12-31")!)
        let local = Engine(store: sqlite, session: today)
        let server = Engine(store: sqlite, backend: pg, session: today)
        for script in ["fit clv over 2025",
                       "cohorts by first order month over 2025",
                       "clients | where p_alive(2025) < 0.5 or clv(2025, 6 months) > 100 | sort id | select id, status, p_alive(2025), expected_orders(2025, 30 days), clv(2025, 6 months)"] {
            let a = try local.run(script), b = try server.run(script)
            XCTAssertEqual(a, b, script)
            XCTAssertGreaterThan(a.count, 1, script)
        }
    }
}
