import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleDemo
import ClienteleSQLite
import ClienteleTestSupport

/// The what-if's fast paths against the ones they replace, on random stores: policies whose
/// rates depend on the client only are summed by `PolicySums.addFlat` (against `addOrder`
/// order by order, and against the SQL statement per year), and rule conditions, tier bases
/// and classes that read only measures computed in Swift are evaluated by
/// `SwiftClientSelect` (against their SQL statements).
final class PolicyFlatSumsTests: XCTestCase {
    /// Scenarios whose rules all depend on the client only (no dates, months, minimum
    /// order or category), so the whole comparison takes the fast path.
    static let scenarios = #"""
        scenario "A from 400" { set abc.a_min = 400
                                assume volume +2% per discount point for abc == "A" }
        scenario "B 4%" { rule "Volume B": discount 4% when abc == "B" priority 20
                          assume volume -3% per discount point for abc == "B" and orders_count >= 2 }
        scenario "Chain" { rule "Chain": discount 4% when outlets >= 5 combine exclusive priority 1
                           set abc.b_min = 40 }
        scenario "Tiers" { rule "Turnover": discount tiers by turnover [0: 0%, 1000: 3%, 5000: 6%] combine stack cap 7%
                           rule "Loyal": discount 1% when not (abc == "C") and orders_count > 3 combine stack
                           rule "Lapsed": discount 2% when last_order < 2024-06-01 or abc == null priority 3 }
        scenario "Sweep 9%" { rule "Volume A": discount 9% when abc == "A" priority 10 }
        """#
    static let names = ["A from 400", "B 4%", "Chain", "Tiers", "Sweep 9%"]

    enum Path { case fast, orderByOrder, sql }

    func evaluations(_ engine: Engine, period: DateRange, _ path: Path) throws -> [PolicyEvaluation] {
        try engine.store.readTransaction { tx in
            let baseline = try Policy.baseline(tx)
            var policies = [baseline]
            for name in Self.names { policies.append(try ScenarioStore.policy(named: name, baseline: baseline, tx)) }
            var evaluator = PolicyEvaluator(dialect: SQLiteDialect(), measures: path == .sql ? nil : engine.store.measureSource(in: tx))
            evaluator.pricesInSwift = path != .sql
            evaluator.flatSums = path == .fast
            evaluator.swiftConditions = path == .fast
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
            XCTAssertEqual(x.classes.dictionary, y.classes.dictionary, "\(what): \(x.policy)", file: file, line: line)
            XCTAssertEqual(x.assumptionsUsed, y.assumptionsUsed, "\(what): \(x.policy)", file: file, line: line)
        }
    }

    func testTheFastPathsGiveTheAnswersOfTheOnesTheyReplaceOnRandomStores() throws {
        for seed in [3, 17, 29] {
            let store = try TemporaryStore.demo("flatSums\(seed)", DemoOptions(clients: 150 + seed, years: 2, seed: UInt64(seed)))
            let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
            XCTAssertFalse(engine.transcript(Self.scenarios).contains("error"))
            let year = DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!)
            let costed = try evaluations(engine, period: year, .fast)
            XCTAssertTrue(costed.allSatisfy(\.total.fullyCosted), "every line has a cost")
            assertSame(costed, try evaluations(engine, period: year, .orderByOrder), "seed \(seed), every line costed")
            // Orders left without lines (no known cost), lines of one category stored twice.
            try store.write { db in
                try db.execute(sql: "DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE status = 'shipped' AND id % 37 = \(seed % 37))")
                try db.execute(sql: """
                    INSERT INTO order_lines (order_id, category_id, gross_minor)
                    SELECT order_id, category_id, 999 FROM order_lines WHERE order_id % 23 = 1
                    """)
            }
            let periods = [DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!),
                           DateRange(start: CalendarDate(iso: "2024-03-01")!, end: CalendarDate(iso: "2025-08-31")!)]
            var changed = Set<String>()
            for period in periods {
                let fast = try evaluations(engine, period: period, .fast)
                XCTAssertGreaterThan(fast[0].total.gross, 0)
                XCTAssertFalse(fast[0].total.fullyCosted, "orders without lines are in the period")
                for e in fast.dropFirst() where e.total != fast[0].total { changed.insert(e.policy) }
                assertSame(fast, try evaluations(engine, period: period, .orderByOrder), "seed \(seed), \(period), order by order")
                assertSame(fast, try evaluations(engine, period: period, .sql), "seed \(seed), \(period), SQL")
            }
            // A minimum margin (a ceiling on a category's rate; priced in Swift only).
            let before = try evaluations(engine, period: periods[0], .fast)
            try store.write { db in
                try db.execute(sql: "UPDATE categories SET min_margin_bp = margin_bp - 200 WHERE margin_bp = (SELECT MAX(margin_bp) FROM categories)")
            }
            let floored = try evaluations(engine, period: periods[0], .fast)
            XCTAssertNotEqual(floored.map(\.total), before.map(\.total), "seed \(seed): the minimum margin lowers some discount")
            assertSame(floored, try evaluations(engine, period: periods[0], .orderByOrder), "seed \(seed), minimum margin, order by order")
            // Each scenario changes the answer, so equal answers are not equal by accident.
            XCTAssertEqual(changed, Set(Self.names), "seed \(seed)")
        }
    }

    /// Conditions over measures computed in Swift are evaluated without a statement, with
    /// SQL's answer for every client (NULLs included); a condition that reads a column of
    /// the client's row is left to SQL.
    func testConditionsInSwiftAreTheStatementsAnswers() throws {
        let store = try TemporaryStore.demo("swiftConditions", DemoOptions(clients: 180, years: 2, seed: 23))
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        let conditions = [
            #"abc == "A""#, #"abc != "B""#, #"abc == null"#, #"abc != null and abc != "C""#, #"not (abc == "C")"#,
            "orders_count >= 3", "turnover > 1000 or orders_count == 1", "last_order < 2024-06-01", "first_order >= 2024-02-01",
            #"abc == "A" and (orders_count > 2 or not (turnover < 500))"#,
        ]
        try store.readTransaction { tx in
            let baseline = try Policy.baseline(tx)
            let clients = try ClientList.read(tx)
            var evaluated = 0
            for text in conditions + ["outlets >= 5", #"abc == "A" and outlets >= 2"#] {
                let evaluator = PolicyEvaluator(dialect: SQLiteDialect(), measures: engine.store.measureSource(in: tx))
                let ctx = evaluator.segmentContext(baseline, year: 2025, tx: tx)
                var q = SelectBuilder(object: CatalogObjects.clients, context: ctx)
                let typed = try PolicyEvaluator.typedCondition(text, rule: "test", settings: baseline.settings)
                let sql = try ExpressionCompiler(context: ctx).compile(typed, in: &q)
                q.projection = [("client_id", .q(q.objectAlias!, "id")), ("v", .when(sql, .integer(1), else: .integer(0))), ("raw", sql)]
                let select = q.select()
                try ctx.computeMeasures()
                var expected: [Int64: (Int64, Int64?)] = [:]
                let printed = try SQLiteDialect().print(select)
                try tx.scan(printed.text, printed.arguments(in: SQLiteDialect())) { row in
                    expected[row.int64(0)] = (row.int64(1), row.kind(2) == .null ? nil : row.int64(2))
                }
                XCTAssertEqual(expected.count, clients.count)
                guard var swift = SwiftClientSelect(select, measures: evaluator.measures!, clients: clients),
                      let holds = swift.evaluate(select.columns[1].expression).flatMap({ swift.integers($0) }),
                      let raw = swift.evaluate(select.columns[2].expression).flatMap({ swift.integers($0) }) else {
                    XCTAssertTrue(text.contains("outlets"), "\(text) is evaluated in Swift")
                    continue
                }
                XCTAssertFalse(text.contains("outlets"), "\(text) reads the client's row: left to SQL")
                evaluated += 1
                var trueCount = 0, nullCount = 0
                for (p, id) in clients.ids.enumerated() {
                    XCTAssertEqual(holds.0[p], expected[id]!.0, "\(text), client \(id)")
                    XCTAssertEqual(raw.1[p] ? raw.0[p] : nil, expected[id]!.1, "\(text), client \(id)")
                    if holds.0[p] == 1 { trueCount += 1 }
                    if !raw.1[p] { nullCount += 1 }
                }
                XCTAssertGreaterThan(trueCount, 0, text)
                XCTAssertLessThan(trueCount, clients.count, text)
                if text == #"abc == "A""# || text == #"abc != "B""# { XCTAssertGreaterThan(nullCount, 0, "\(text): clients without purchases") }
            }
            XCTAssertEqual(evaluated, conditions.count)
        }
    }
}
