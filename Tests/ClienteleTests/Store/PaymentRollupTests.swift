import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// The payment facts kept on orders must always equal a direct computation from the
/// payments, after any mix of inserts, updates and deletes; and queries must give the same
/// answers whether the planner reads those facts or the payments themselves.
final class PaymentRollupTests: XCTestCase {
    func assertFactsMatchPayments(_ store: Store, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let mismatches = try store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM orders o WHERE o.paid_minor != COALESCE((SELECT SUM(amount_minor) FROM payments WHERE order_id = o.id), 0)
                OR o.last_paid IS NOT (SELECT MAX(date) FROM payments WHERE order_id = o.id)
                """)
        }
        XCTAssertEqual(mismatches, 0, message, file: file, line: line)
    }

    func testFactsFollowEveryChangeToPayments() throws {
        let store = try TemporaryStore.demo("rollup", DemoOptions(clients: 150, years: 2, seed: 5))
        try assertFactsMatchPayments(store, "after the bulk load")
        var r = SeededRandom(seed: 99)
        let orderCount = try store.read { try Int.fetchOne($0, sql: "SELECT max(id) FROM orders")! }
        for round in 0..<30 {
            try store.write { db in
                let paymentIDs = try Int64.fetchAll(db, sql: "SELECT id FROM payments ORDER BY id")
                switch r.int(0...3) {
                case 0:
                    for _ in 0..<r.int(1...20) {
                        let day = String(format: "2025-%02d-%02d", r.int(1...12), r.int(1...28))
                        try db.execute(sql: "INSERT INTO payments(order_id, date, amount_minor) VALUES (?, ?, ?)",
                                       arguments: [r.int(1...orderCount), day, r.int(1...50_000)])
                    }
                case 1:
                    for _ in 0..<r.int(1...10) {
                        try db.execute(sql: "DELETE FROM payments WHERE id = ?", arguments: [paymentIDs[r.int(0...paymentIDs.count - 1)]])
                    }
                case 2:
                    for _ in 0..<r.int(1...10) {
                        try db.execute(sql: "UPDATE payments SET amount_minor = ?, date = ? WHERE id = ?",
                                       arguments: [r.int(1...90_000), String(format: "2024-%02d-%02d", r.int(1...12), r.int(1...28)),
                                                   paymentIDs[r.int(0...paymentIDs.count - 1)]])
                    }
                default:
                    // move a payment to another order, and delete an order with its payments
                    try db.execute(sql: "UPDATE payments SET order_id = ? WHERE id = ?",
                                   arguments: [r.int(1...orderCount), paymentIDs[r.int(0...paymentIDs.count - 1)]])
                    try db.execute(sql: "DELETE FROM orders WHERE id = ?", arguments: [r.int(1...orderCount)])
                }
            }
            try assertFactsMatchPayments(store, "after round \(round)")
        }
    }

    func testQueriesAgreeWithAndWithoutTheFacts() throws {
        let store = try TemporaryStore.demo("agree", DemoOptions(clients: 300, years: 2, seed: 8))
        let query = "clients | sort id | select id, late_payments, max_overdue_days, unpaid, risk, late_payments(2024), unpaid(2024)"
        // Today after every payment: the planner reads the facts on orders.
        let current = Engine(store: store, session: Session(today: CalendarDate(iso: "2026-01-31")!))
        // The same answer computed from the payments themselves: a context that never uses the facts.
        let checked = try Engine(store: store).checkedPipeline(query)
        let exact = try store.read { db -> Clientele.Table in
            let ctx = SQLContext(dialect: SQLiteDialect(), today: CalendarDate(iso: "2026-01-31")!, defaultPeriod: .last(count: 12, unit: .months),
                                 settings: try StoreSettings.load(db))
            XCTAssertFalse(ctx.paymentFactsAreCurrent)
            return try ResultReader.read(try PipelineCompiler(context: ctx).compile(checked), in: SQLiteTransaction(db))
        }
        guard case .table(let fast)? = try current.run(query).first else { return XCTFail("no table") }
        XCTAssertEqual(fast.rows, exact.rows)
        XCTAssertGreaterThan(fast.rows.filter { $0[4] != .integer(0) }.count, 10, "some clients must be at risk")

        // Today in the middle of the history: payments after it exist, so they are read one by one.
        let past = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-06-30")!))
        XCTAssertFalse(try store.readTransaction { try $0.paymentFactsAreCurrent(today: CalendarDate(iso: "2025-06-30")!) })
        XCTAssertTrue(try store.readTransaction { try $0.paymentFactsAreCurrent(today: CalendarDate(iso: "2026-01-31")!) })
        XCTAssertNoThrow(try past.run(query))
    }
}
