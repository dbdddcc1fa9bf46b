import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// Without the facts in memory, per-client measures come from one scan of the orders per
/// statement (OrderScan) instead of SQL's GROUP BY. The random-store comparisons are in
/// FactsCacheTests and GoldenTests; these pin what the scan does at its edges.
final class OrderScanTests: XCTestCase {
    func engine(_ store: Store, scans: Bool) -> Engine {
        let s = try! Store(path: store.path)
        s.facts.currentMode = .off
        s.facts.scansOrders = scans
        return Engine(store: s, session: Session(today: CalendarDate(iso: "2025-12-31")!))
    }

    func demoStore(_ name: String) throws -> Store {
        let store = try TemporaryStore.demo(name, DemoOptions(clients: 40, years: 2, seed: 5))
        return store
    }

    func testExplainSaysWhereThePerClientColumnsCameFrom() throws {
        let store = try demoStore("scanExplain")
        let query = "explain clients | group abc agg n = count(), t = sum(turnover)"
        let scanned = engine(store, scans: true).transcript(query)
        XCTAssertTrue(scanned.contains("-- computed per client in Swift from one scan of the orders: "), scanned)
        XCTAssertTrue(scanned.contains("sales 2025-01-01..2025-12-31"), scanned)
        XCTAssertTrue(scanned.contains("first deals 2025-01-01..2025-12-31"), scanned)
        XCTAssertFalse(scanned.contains("GROUP BY client_id"), scanned)
        let sql = engine(store, scans: false).transcript(query)
        XCTAssertFalse(sql.contains("computed per client"), sql)
        XCTAssertTrue(sql.contains("GROUP BY client_id"), sql)
        let cachedStore = try Store(path: store.path)
        cachedStore.facts.currentMode = .always
        let cached = Engine(store: cachedStore, session: Session(today: CalendarDate(iso: "2025-12-31")!)).transcript(query)
        XCTAssertTrue(cached.contains("-- computed per client in Swift from the order facts in memory: "), cached)
    }

    /// ABC's first-deal rule: the scan counts only the orders of the period and probes the
    /// earlier ones by client; a client with an earlier shipped order, or with a returned
    /// one only, must come out as the SQL says.
    func testTheFirstDealRuleMatchesTheSQL() throws {
        let store = try demoStore("scanFirstDeal")
        try store.write { db in
            for (id, name) in [(9001, "Один заказ"), (9002, "Старый клиент"), (9003, "Возврат раньше")] {
                try db.execute(sql: "INSERT INTO clients (id, name, region) VALUES (?, ?, 'North')", arguments: [id, name])
            }
            let orders: [(String, Int, String, String)] = [
                ("FD-1", 9001, "2025-05-01", "shipped"),
                ("FD-2", 9002, "2025-05-01", "shipped"), ("FD-3", 9002, "2023-03-01", "shipped"),
                ("FD-4", 9003, "2025-05-01", "shipped"), ("FD-5", 9003, "2024-03-01", "returned"),
            ]
            for (number, client, date, status) in orders {
                try db.execute(sql: """
                    INSERT INTO orders (number, client_id, order_date, due_date, gross_minor, net_minor, status)
                    VALUES (?, ?, ?, ?, 9000000, 9000000, ?)
                    """, arguments: [number, client, date, date, status])
            }
        }
        let query = "clients | where id > 9000 | sort id | select id, abc"
        let expected = engine(store, scans: false).transcript(query)
        XCTAssertEqual(engine(store, scans: true).transcript(query), expected)
        let lines = expected.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("9001") && $0.contains(" C ") }, expected)
        XCTAssertTrue(lines.contains { $0.contains("9002") && $0.contains(" A ") }, expected)
        XCTAssertTrue(lines.contains { $0.contains("9003") && $0.contains(" C ") }, expected)
    }

    /// A stored date that is not a calendar date: the scan gives up when the statement runs,
    /// which is planned again without it, and the SQL answers. `explain` scans nothing, so
    /// it shows the plan with the scan.
    func testAnOrderDateThatIsNotACalendarDateLeavesItToTheSQL() throws {
        let store = try demoStore("scanBadDate")
        try store.write { db in
            try db.execute(sql: "UPDATE orders SET order_date = '2025-02-30' WHERE id = (SELECT min(id) FROM orders WHERE order_date >= '2025-01-01')")
        }
        let query = "clients | sort id | select id, turnover, orders_count, last_order, abc"
        let scan = engine(store, scans: true)
        XCTAssertEqual(scan.transcript(query), engine(store, scans: false).transcript(query))
        let plan = scan.transcript("explain " + query)
        XCTAssertTrue(plan.contains("-- computed per client in Swift from one scan of the orders: "), plan)
        XCTAssertFalse(plan.contains("GROUP BY client_id"), plan)
    }

    /// The measures are computed when the statement runs, not when it is planned.
    func testExplainScansNothing() throws {
        // Enough orders that the scan checks for an interrupt (every 4,096 rows) at least once.
        let store = try TemporaryStore.demo("scanExplainOnly", DemoOptions(clients: 1500, years: 1, seed: 5))
        let engine = engine(store, scans: true)
        var passes: [Interruption.Pass] = []
        engine.interruption.onCheck = { passes.append($0) }
        let plan = engine.transcript("explain clients | select id, turnover, abc")
        XCTAssertTrue(plan.contains("computed per client in Swift from one scan of the orders"), plan)
        XCTAssertFalse(passes.contains(.orderScan), "explain ran no scan: \(passes)")
        _ = engine.transcript("clients | select id, turnover, abc")
        XCTAssertTrue(passes.contains(.orderScan), "running the query scans: \(passes)")
    }

    /// A turnover beyond 64 bits: the scan gives up and the SQL reports SQLite's error.
    func testATurnoverThatOverflowsIsTheSameErrorAsTheSQL() throws {
        let store = try demoStore("scanOverflow")
        try store.write { db in
            try db.execute(sql: """
                UPDATE orders SET gross_minor = 9223372036854775000, discount_minor = 0, net_minor = 9223372036854775000 WHERE id IN
                (SELECT id FROM orders WHERE client_id = 1 AND status = 'shipped' AND order_date >= '2025-01-01' LIMIT 2)
                """)
        }
        let query = "clients | where id == 1 | select id, turnover"
        let scanned = engine(store, scans: true).transcript(query)
        XCTAssertEqual(scanned, engine(store, scans: false).transcript(query))
        XCTAssertTrue(scanned.contains("integer overflow"), scanned)
    }

    /// A script that only reads leaves the store file as it was, scan or not (it runs in
    /// the script's read transaction).
    func testTheScanReadsAReadOnlyStore() throws {
        let store = try demoStore("scanReadOnly")
        let query = "clients | group risk agg n = count()"
        let expected = engine(store, scans: false).transcript(query)
        let ro = try Store(path: store.path, readOnly: true)
        ro.facts.currentMode = .off
        let answer = Engine(store: ro, session: Session(today: CalendarDate(iso: "2025-12-31")!)).transcript(query)
        XCTAssertEqual(answer, expected)
        XCTAssertTrue(answer.contains("risk"), answer)
    }
}
