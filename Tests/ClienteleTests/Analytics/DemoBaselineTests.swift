import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// Demo data is generated under the default discount rules; evaluating the current rules
/// on that history must give back exactly the discounts stored on its orders.
final class DemoBaselineTests: XCTestCase {
    func testBaselineReproducesTheDemoDiscounts() throws {
        let store = try TemporaryStore.demo("demo", DemoOptions(clients: 400, years: 2, seed: 11))
        for year in [2024, 2025] {
            let period = DateRange(start: CalendarDate(year: year, month: 1, day: 1)!, end: CalendarDate(year: year, month: 12, day: 31)!)
            let comparison = try store.readTransaction { try Comparison.run([nil], period: period, dialect: SQLiteDialect(), tx: $0) }
            let stored = try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT client_id, SUM(discount_minor) AS d FROM orders
                    WHERE status = 'shipped' AND order_date BETWEEN ? AND ? GROUP BY client_id
                    """, arguments: [period.start.iso, period.end.iso])
            }
            XCTAssertGreaterThan(stored.count, 100)
            var discounted = 0
            for row in stored {
                let id: Int64 = row["client_id"], d: Int64 = row["d"]
                if d > 0 { discounted += 1 }
                XCTAssertEqual(comparison.reference.byClient[id]?.discount ?? 0, d, "client \(id) in \(year)")
            }
            // 2024 has no earlier year, so no class and no discount; 2025 must have some.
            if year == 2025 { XCTAssertGreaterThan(discounted, 20) } else { XCTAssertEqual(discounted, 0) }
        }
    }
}
