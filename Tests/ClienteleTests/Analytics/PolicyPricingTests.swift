import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleDemo
import ClienteleSQLite
import ClienteleTestSupport

/// The what-if prices order lines in Swift over the lines in memory (`PolicyLines`,
/// `priceYear`); the SQL statement per year (`yearQuery`) that did it before stays as the
/// reference: both must give the same totals, per category, per client, classes and
/// assumptions, for every kind of rule.
final class PolicyPricingTests: XCTestCase {
    static let scenarios = #"""
        scenario "A from 400" { set abc.a_min = 400
                                assume volume +2% per discount point for abc == "A" }
        scenario "Watches" { rule "Watches": discount 10% category "watches" combine stack cap 12% from 2025-01-01 to 2025-06-30 min order 100 }
        scenario "Chain" { rule "Chain": discount 4% when outlets >= 5 combine exclusive priority 1
                           set abc.b_min = 40
                           assume volume -1% per discount point }
        scenario "Summer" { rule "Summer": discount 2% in months 6, 7, 8 combine stack }
        scenario "Tiers" { rule "Tiered": discount tiers by avg_order [0: 0%, 100: 2%, 500: 5%] when abc != "C" priority 5
                           rule "Turnover": discount tiers by turnover [0: 0%, 1000: 3%] combine stack cap 6%
                           rule "Photo": discount 1% category "photo" combine stack
                           rule "Missing": discount 3% category "other" when outlets >= 3 priority 7 }
        scenario "Off" { disable rule "Volume A"
                         rule "Big": discount 8% min order 2000 combine exclusive priority 2 }
        """#

    func evaluations(_ engine: Engine, period: DateRange, swift: Bool, lines: PolicyLinesCache? = nil) throws -> [PolicyEvaluation] {
        try engine.store.readTransaction { tx in
            let baseline = try Policy.baseline(tx)
            var policies = [baseline]
            for name in ["A from 400", "Watches", "Chain", "Summer", "Tiers", "Off"] {
                policies.append(try ScenarioStore.policy(named: name, baseline: baseline, tx))
            }
            var evaluator = PolicyEvaluator(dialect: SQLiteDialect(), lines: lines)
            evaluator.pricesInSwift = swift
            return try evaluator.evaluate(policies, period: period, tx: tx)
        }
    }

    func assertSame(_ a: [PolicyEvaluation], _ b: [PolicyEvaluation], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) {
            XCTAssertEqual(x.total, y.total, "\(what): \(x.policy)", file: file, line: line)
            XCTAssertEqual(x.byCategory, y.byCategory, "\(what): \(x.policy)", file: file, line: line)
            XCTAssertEqual(x.byClient, y.byClient, "\(what): \(x.policy)", file: file, line: line)
            XCTAssertEqual(x.recordedDiscount, y.recordedDiscount, "\(what): \(x.policy)", file: file, line: line)
            XCTAssertEqual(x.classes, y.classes, "\(what): \(x.policy)", file: file, line: line)
            XCTAssertEqual(x.assumptionsUsed, y.assumptionsUsed, "\(what): \(x.policy)", file: file, line: line)
        }
    }

    func testSwiftPricingEqualsTheSQLStatementForEveryKindOfRule() throws {
        let store = try TemporaryStore.demo("pricing", DemoOptions(clients: 200, years: 2, seed: 5))
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        XCTAssertFalse(engine.transcript(Self.scenarios).contains("error"))
        let periods = [DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!),
                       DateRange(start: CalendarDate(iso: "2024-03-01")!, end: CalendarDate(iso: "2025-08-31")!),
                       DateRange(start: CalendarDate(iso: "2025-06-10")!, end: CalendarDate(iso: "2025-06-20")!)]
        var changed = Set<String>()
        for period in periods {
            let sql = try evaluations(engine, period: period, swift: false)
            let swift = try evaluations(engine, period: period, swift: true)
            XCTAssertGreaterThan(sql[0].total.gross, 0)
            for e in sql.dropFirst() where e.total != sql[0].total { changed.insert(e.policy) }
            assertSame(swift, sql, "\(period)")
        }
        // Each scenario changes the answer in some period, so equal answers are not equal by accident.
        XCTAssertEqual(changed, ["A from 400", "Watches", "Chain", "Summer", "Tiers", "Off"])
    }

    func testTheLinesAreKeptWhileTheOrdersDoNotChange() throws {
        let store = try TemporaryStore.demo("pricingCache", DemoOptions(clients: 120, years: 2, seed: 8))
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        XCTAssertFalse(engine.transcript(Self.scenarios).contains("error"))
        let year = DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!)
        let spring = DateRange(start: CalendarDate(iso: "2025-03-01")!, end: CalendarDate(iso: "2025-05-31")!)
        let cache = PolicyLinesCache()
        let first = try evaluations(engine, period: year, swift: true, lines: cache)
        XCTAssertEqual(cache.loads, 1)
        assertSame(try evaluations(engine, period: year, swift: true, lines: cache), first, "again")
        assertSame(try evaluations(engine, period: spring, swift: true, lines: cache), try evaluations(engine, period: spring, swift: false), "a part of it")
        XCTAssertEqual(cache.loads, 1, "a period inside the kept one reads nothing again")

        // Each kind of change moves the counter: the kept lines are not used, the answer is the SQL's.
        let changes = [
            "UPDATE order_lines SET gross_minor = gross_minor + 100 WHERE id = (SELECT MIN(l.id) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_date >= '2025-01-01' AND o.status = 'shipped')",
            "DELETE FROM order_lines WHERE id = (SELECT MAX(l.id) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_date >= '2025-01-01' AND o.status = 'shipped')",
            "UPDATE orders SET discount_minor = discount_minor + 1, net_minor = net_minor - 1 WHERE id = (SELECT MIN(id) FROM orders WHERE order_date >= '2025-01-01' AND status = 'shipped' AND net_minor > 0)",
        ]
        var loads = 1
        for change in changes {
            let before = try evaluations(engine, period: year, swift: true, lines: cache)
            try store.write { db in try db.execute(sql: change) }
            let after = try evaluations(engine, period: year, swift: true, lines: cache)
            loads += 1
            XCTAssertEqual(cache.loads, loads, change)
            assertSame(after, try evaluations(engine, period: year, swift: false), change)
            XCTAssertNotEqual("\(after.map(\.total)) \(after[0].recordedDiscount)", "\(before.map(\.total)) \(before[0].recordedDiscount)", change)
        }
    }

    /// The lines are read in one scan of order_lines in storage order and matched to their
    /// orders: lines written after later orders' lines (a line added to an old order), orders
    /// left without lines and a client added after the lines were kept (clients do not move
    /// the change counter) give the SQL statement's answer.
    func testLinesOutOfOrderAndNewClientsGiveTheSameAnswer() throws {
        let store = try TemporaryStore.demo("pricingOrder", DemoOptions(clients: 150, years: 2, seed: 11))
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        XCTAssertFalse(engine.transcript(Self.scenarios).contains("error"))
        let year = DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!)
        let early = "SELECT id FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' ORDER BY id LIMIT 3"
        try store.write { db in
            // A second line of a category the order has, and a line of another category, both stored last.
            try db.execute(sql: """
                INSERT INTO order_lines (order_id, category_id, gross_minor)
                SELECT order_id, category_id, 1234 FROM order_lines WHERE order_id IN (\(early))
                """)
            try db.execute(sql: """
                INSERT INTO order_lines (order_id, category_id, gross_minor)
                SELECT o.id, (SELECT MAX(id) FROM categories), 777 FROM orders o WHERE o.id IN (\(early))
                """)
            try db.execute(sql: "DELETE FROM order_lines WHERE order_id = (SELECT id FROM orders WHERE status = 'shipped' AND order_date >= '2025-03-01' ORDER BY id LIMIT 1)")
        }
        let cache = PolicyLinesCache()
        assertSame(try evaluations(engine, period: year, swift: true, lines: cache), try evaluations(engine, period: year, swift: false), "lines out of order")
        try store.write { db in
            try db.execute(sql: "INSERT INTO clients (id, name, region) SELECT MAX(id) + 1, 'Newcomer', 'North' FROM clients")
        }
        let kept = try evaluations(engine, period: year, swift: true, lines: cache)
        XCTAssertEqual(cache.loads, 1, "a new client does not move the counter: the kept lines are used")
        assertSame(kept, try evaluations(engine, period: year, swift: false), "a client added")
    }

    func testCacheOffKeepsNothing() throws {
        let store = try TemporaryStore.demo("pricingOff", DemoOptions(clients: 60, years: 2, seed: 3))
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        store.facts.currentMode = .off
        XCTAssertNil(engine.whatIfLines)
        XCTAssertTrue(engine.transcript("compare baseline over 2025").contains("baseline"))
        store.facts.currentMode = .automatic
        XCTAssertNotNil(engine.whatIfLines)
    }

    /// The combination in Swift is the SQL's: every case of exclusive, best, stack and caps.
    func testTheCombinationIsTheSQLs() throws {
        let rules = [
            DiscountRule(name: "e1", percentBP: 700, priority: 1, combine: .exclusive),
            DiscountRule(name: "b1", percentBP: 300, combine: .best),
            DiscountRule(name: "b2", percentBP: 500, combine: .best),
            DiscountRule(name: "s1", percentBP: 400, combine: .stack, stackCapBP: 800),
            DiscountRule(name: "s2", percentBP: 600, combine: .stack),
            DiscountRule(name: "s3", percentBP: 9_000, combine: .stack, stackCapBP: 9_500),
        ]
        let combiner = RuleCombiner(rules)
        let store = try TemporaryStore.demo("pricingCombine", DemoOptions(clients: 1, years: 1, seed: 1))
        let dialect = SQLiteDialect()
        let ctx = SQLContext(dialect: dialect, today: CalendarDate(iso: "2025-01-01")!, defaultPeriod: .year(2024), settings: StoreSettings(values: [:]))
        let evaluator = PolicyEvaluator(dialect: dialect)
        try store.readTransaction { tx in
            for mask in 0..<(1 << rules.count) {
                let rates = rules.indices.map { mask & (1 << $0) != 0 ? rules[$0].percentBP! : 0 }
                let printed = try dialect.print(SQLSelect([SQLSelectItem(evaluator.combination(rules, ctx: ctx) { .integer(rates[$0]) })]))
                let value = try tx.fetchOne(printed.text, printed.arguments(in: dialect))?.first?.int64
                XCTAssertEqual(combiner.combine { rates[$0] }, value, "rules applying: \(mask)")
            }
        }
    }
}
