import XCTest
import GRDB
@testable import Clientele
import ClienteleTestSupport

final class PolicyCommandsTests: XCTestCase {
    var store: Store!
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (store, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func messages(_ source: String) throws -> [String] {
        try engine.run(source).compactMap { if case .message(let m) = $0 { return m } else { return nil } }
    }

    func testRuleIsAddedReplacedDisabledEnabledAndDropped() throws {
        XCTAssertEqual(try messages(#"rule "Winter": discount tiers by avg_order [0: 0%, 100: 2%] when outlets >= 5 and region != "South" in months 1, 2 min order 100 from 2025-01-01 to 2025-12-31 priority 30 combine stack cap 8% category "watches""#),
                       [#"rule "Winter" added to the shared policy in the store: rule "Winter": discount tiers by avg_order [0.00: 0%, 100.00: 2%] when outlets >= 5 and region != "South" category "watches" from 2025-01-01 to 2025-12-31 in months 1, 2 min order 100.00 priority 30 combine stack cap 8%"#])
        let stored = try store.readTransaction { try RuleStore.loadAll($0) }.first { $0.name == "Winter" }!
        XCTAssertEqual(stored, DiscountRule(name: "Winter", condition: #"outlets >= 5 and region != "South""#, category: "watches",
                                            percentBP: nil, tiers: [DiscountTier(fromMinor: 0, bp: 0), DiscountTier(fromMinor: 10000, bp: 200)],
                                            tierBasis: "avg_order", validFrom: CalendarDate(iso: "2025-01-01"), validTo: CalendarDate(iso: "2025-12-31"),
                                            seasonMonths: [1, 2], minOrderMinor: 10000, priority: 30, combine: .stack, stackCapBP: 800, enabled: true))
        XCTAssertEqual(try messages(#"rule "Winter": discount 1%"#), [#"rule "Winter" replaced in the shared policy in the store: rule "Winter": discount 1% priority 100 combine best; "#
                        + #"not in the new definition, so back to the default: when outlets >= 5 and region != "South" → true, "#
                        + #"category "watches" → none, from 2025-01-01 → none, to 2025-12-31 → none, months 1, 2 → none, "#
                        + #"min order 100.00 → 0.00, priority 30 → 100, combine stack → best, cap 8% → none"#])
        // A redefinition that repeats what it keeps resets nothing, and says nothing of it; a disabled rule defined again is enabled, and says so.
        XCTAssertEqual(try messages(#"rule "Winter": discount 2% priority 100"#),
                       [#"rule "Winter" replaced in the shared policy in the store: rule "Winter": discount 2% priority 100 combine best"#])
        XCTAssertEqual(try messages(#"disable rule "Winter""#), [#"rule "Winter" disabled in the shared policy in the store."#])
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT enabled FROM rules WHERE name = 'Winter'") }, 0)
        XCTAssertEqual(try messages(#"rule "Winter": discount 1% priority 5"#),
                       [#"rule "Winter" replaced in the shared policy in the store: rule "Winter": discount 1% priority 5 combine best; "#
                        + "not in the new definition, so back to the default: disabled → enabled"])
        XCTAssertEqual(try messages(#"enable rule "Winter""#), [#"rule "Winter" enabled in the shared policy in the store."#])
        XCTAssertEqual(try messages(#"drop rule "Winter""#), [#"rule "Winter" dropped from the shared policy in the store."#])
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rules") }, 2)
    }

    func testScenarioIsStoredWithItsChangesAndCanBeReRun() throws {
        XCTAssertEqual(try messages(#"""
            scenario "Mix" {
              rule "Volume A": discount 7% when abc == "A" priority 10
              drop rule "Volume B"; set abc.a_min = 400
              assume volume +2% per discount point for abc == "B"
            }
            """#), [#"scenario "Mix" saved in the store, for everyone (4 changes); run it with: compare baseline, "Mix""#])
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT kind FROM scenario_changes ORDER BY position") }
        XCTAssertEqual(rows.map { $0[0] as String }, ["rule", "drop rule", "setting", "assume"])
        XCTAssertEqual(try store.read { try String.fetchOne($0, sql: "SELECT source FROM scenarios") },
                       #"scenario "Mix" { rule "Volume A": discount 7% when abc == "A" priority 10 drop rule "Volume B"; set abc.a_min = 400 assume volume +2% per discount point for abc == "B" }"#)
        // Re-run later, from a new engine, over two different periods.
        let later = Engine(store: store, session: Session(today: PolicyFixture.today))
        let y2025 = try PolicyFixture.compare(later, [nil, "Mix"]).evaluations[1]
        let y2024 = try PolicyFixture.compare(later, [nil, "Mix"], period: PolicyFixture.year2024).evaluations[1]
        // 2025: Alpha 7% = 70.00; Beta is A under a_min 400 (450 in 2024) → 7% of 433.33 = 30.3331 → 30.33
        XCTAssertEqual(y2025.total.discount, 7000 + 3033)
        XCTAssertEqual(y2024.total.discount, 0)
        XCTAssertEqual(try messages(#"drop scenario "Mix""#), [#"scenario "Mix" dropped from the store."#])
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM scenario_changes") }, 0)
    }

    func testScenarioWhoseRuleWasDroppedLaterFailsWhenRun() throws {
        try engine.run(#"scenario "Off B" { disable rule "Volume B" }"#)
        try engine.run(#"drop rule "Volume B""#)
        XCTAssertThrowsError(try engine.run(#"compare baseline, "Off B" over 2025"#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, #"scenario "Off B" disables rule "Volume B", which no longer exists"#)
        }
    }

    func testCompareNeverChangesTheStore() throws {
        try engine.run(#"""
        scenario "S" { rule "Volume A": discount 7% when abc == "A"; set abc.a_min = 400
                       assume volume +2% per discount point }
        """#)
        let before = try store.contentChecksum()
        try engine.run(#"compare baseline, "S" over 2025"#)
        try engine.run(#"compare baseline, "S" over 2025 clients"#)
        try engine.run(#"explain discount client: "Alpha" on 2025-03-10"#)
        XCTAssertEqual(try store.contentChecksum(), before)
    }

    func testCompareRendersTableChartAndReport() throws {
        try engine.run(#"scenario "A from 400" { set abc.a_min = 400 }"#)
        let outputs = try engine.run(#"compare baseline, "A from 400" over 2025"#)
        XCTAssertEqual(outputs.count, 5)
        guard case .message(let header) = outputs[0], case .table(let table) = outputs[1],
              case .chart(let title, let labels, let values) = outputs[2],
              case .message(let reconciled) = outputs[3], case .table(let reconciliation) = outputs[4] else { return XCTFail("\(outputs)") }
        XCTAssertEqual(header, """
            compare over 2025 (2025-01-01..2025-12-31): orders recomputed under each policy; rule conditions use each client's segments over the calendar year before the order
            margin = net revenue − cost of goods; cost of goods = gross at list price × (1 − the category's margin), fixed by what was sold (a volume assumption scales it with gross)
            "A from 400" sets abc.a_min = 400.00 (in this evaluation only)
            """)
        // Cost of goods 1144.66 under both policies (PolicyEvaluationTests.testBaseline2025):
        // the 8.67 of extra discount is 8.67 less net revenue and 8.67 less margin.
        XCTAssertEqual(Renderer(options: RenderOptions(format: .markdown)).render(.table(table)), """
            | metric                    | baseline | A from 400 | Δ A from 400 | Δ% A from 400 |
            |---------------------------|---------:|-----------:|-------------:|--------------:|
            | gross revenue             | 1,513.33 |   1,513.33 |         0.00 |            0% |
            | discount cost             |    63.00 |      71.67 |         8.67 |        13.76% |
            | net revenue               | 1,450.33 |   1,441.66 |        -8.67 |         -0.6% |
            | cost of goods             | 1,144.66 |   1,144.66 |         0.00 |            0% |
            | margin                    |   305.67 |     297.00 |        -8.67 |        -2.84% |
            | average discount          |    4.16% |      4.74% |        0.58% |        13.94% |
            | margin: other             |    12.00 |      12.00 |         0.00 |            0% |
            | margin: photo             |    73.67 |      65.00 |        -8.67 |       -11.77% |
            | margin: stationery        |   160.00 |     160.00 |         0.00 |            0% |
            | margin: watches           |    60.00 |      60.00 |         0.00 |            0% |
            | clients A                 |        1 |          2 |            1 |          100% |
            | clients B                 |        1 |          0 |           -1 |         -100% |
            | clients C                 |        1 |          1 |            0 |            0% |
            | clients changing class    |          |          1 |              |               |
            | clients changing discount |          |          1 |              |               |


            """)
        XCTAssertEqual(title, "net revenue and margin by scenario")
        XCTAssertEqual(labels, ["baseline net", "baseline margin", "A from 400 net", "A from 400 margin"])
        XCTAssertEqual(values, [144166 + 867, 30567, 144166, 29700].map { .money(Money(minorUnits: Int64($0))) })
        // The fixture's orders were priced by the default rules: recorded and recomputed agree.
        XCTAssertEqual(reconciled, "baseline reconciliation: the discounts recorded on the orders (what was given) against the current rules recomputed; they agree for every client")
        XCTAssertEqual(Renderer(options: RenderOptions(format: .markdown)).render(.table(reconciliation)), """
            | discount                         | amount | of gross | clients |
            |----------------------------------|-------:|---------:|--------:|
            | recorded (what was given)        |  63.00 |    4.16% |       3 |
            | baseline recomputed              |  63.00 |    4.16% |       3 |
            | difference (baseline − recorded) |   0.00 |       0% |       0 |


            """)

        let changed = try engine.run(#"compare baseline, "A from 400" over 2025 clients | where changed"#)
        guard changed.count == 3, case .message(let legend) = changed[0], case .table(let t) = changed[1],
              case .message(let footer) = changed[2] else { return XCTFail("\(changed)") }
        XCTAssertEqual(legend, "clients compared over 2025 (2025-01-01..2025-12-31): 1 = baseline, 2 = A from 400")
        XCTAssertEqual(footer, "class_k: ABC class over the compared period; rule_class_k: over 2024, the class the rules applied to the orders of 2025; margin = net − cost of goods at list price (docs/discounts.md)")
        XCTAssertEqual(t.columns.map(\.name), ["id", "client", "changed", "recorded_discount",
                                               "class_1", "rule_class_1", "discount_1", "net_1", "margin_1",
                                               "class_2", "rule_class_2", "discount_2", "net_2", "margin_2",
                                               "Δdiscount", "Δnet", "Δmargin"])
        // Beta: class B over 2025 and over 2024 (450.00) under the baseline, A under a_min 400 in
        // both; the discount follows 2024's class: 3% → 5%, 13.00 → 21.67; margin 73.67 → 65.00.
        func m(_ x: Int64) -> Value { .money(Money(minorUnits: x)) }
        XCTAssertEqual(t.rows, [[.integer(2), .text("Beta"), .boolean(true), m(1300),
                                 .text("B"), .text("B"), m(1300), m(42033), m(7367),
                                 .text("A"), .text("A"), m(2167), m(41166), m(6500),
                                 m(867), m(-867), m(-867)]])
        // Every client with a shipped order in the period is a row; stages pipe them like any
        // object's, here the total Δnet by the class under the scenario.
        let all = try engine.run(#"compare baseline, "A from 400" over 2025 clients | count"#)
        guard case .scalar(_, let n) = all[1] else { return XCTFail("\(all)") }
        XCTAssertEqual(n, .integer(3))
        let byClass = try engine.run(#"compare baseline, "A from 400" over 2025 clients | group class_2 | agg clients = count(), Δ = sum(Δnet)"#)
        guard case .table(let g) = byClass[1] else { return XCTFail("\(byClass)") }
        XCTAssertEqual(g.rows.map { $0.map(\.plain) }, [["A", "2", "-8.67"], ["C", "1", "0.00"]])
    }

    func testReconciliationShowsDiscountsNotGivenByTheRules() throws {
        // Gamma's order O3 recorded a 5.00 discount the rules do not give (class C).
        try store.write { try $0.execute(sql: "UPDATE orders SET discount_minor = 500, net_minor = 7500 WHERE id = 6") }
        let outputs = try engine.run(#"compare baseline, baseline over 2025"#)
        guard case .message(let reconciled) = outputs[3], case .table(let t) = outputs[4] else { return XCTFail("\(outputs)") }
        XCTAssertEqual(reconciled, "baseline reconciliation: the discounts recorded on the orders (what was given) against the current rules recomputed; 1 client's recorded discount differs (with baseline first, compare ... clients | where recorded_discount != discount_1 lists them)")
        XCTAssertEqual(t.rows.map { $0.map(\.plain) }, [["recorded (what was given)", "68.00", "4.49%", "3"],
                                                       ["baseline recomputed", "63.00", "4.16%", "3"],
                                                       ["difference (baseline − recorded)", "-5.00", "-0.33%", "1"]])
    }

    func testStoreWithoutOrderLinesSaysMarginIsUnknown() throws {
        try store.write { try $0.execute(sql: "DELETE FROM order_lines") }
        try engine.run(#"scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }"#)
        let outputs = try engine.run(#"compare baseline, "A to 7%" over 2025"#)
        guard case .message(let header) = outputs[0], case .table(let table) = outputs[1],
              case .chart(_, let labels, _) = outputs[2] else { return XCTFail("\(outputs)") }
        XCTAssertTrue(header.contains("no shipped order of the period has order lines: cost of goods, hence margin, is unknown (orders imported without lines)"), header)
        let rows = Dictionary(table.rows.map { ($0[0].plain, Array($0.dropFirst())) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(rows["margin"], [.null, .null, .null, .null])
        XCTAssertEqual(rows["cost of goods"], [.null, .null, .null, .null])
        XCTAssertNil(rows["margin: (none)"])
        // The discounts are still recomputed: Alpha's 1000.00 at 7% instead of 5%.
        XCTAssertEqual(rows["discount cost"]?[2], .money(Money(minorUnits: 2000)))
        XCTAssertEqual(labels, ["baseline net", "A to 7% net"])
    }

    func testSomeOrdersWithoutLinesAreLeftOutOfTheMarginAndSaid() throws {
        // Gamma's O3 (80.00 of other) loses its lines: its 12.00 of margin is no longer known.
        try store.write { try $0.execute(sql: "DELETE FROM order_lines WHERE order_id = 6") }
        let outputs = try engine.run(#"compare baseline, baseline over 2025"#)
        guard case .message(let header) = outputs[0], case .table(let table) = outputs[1] else { return XCTFail("\(outputs)") }
        XCTAssertTrue(header.contains("orders without lines have no cost of goods: 80.00 of 1513.33 gross (5.29%) is left out of cost of goods and margin"), header)
        let rows = Dictionary(table.rows.map { ($0[0].plain, Array($0.dropFirst())) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(rows["margin"]?.first, .money(Money(minorUnits: 30567 - 1200)))
        XCTAssertEqual(rows["cost of goods"]?.first, .money(Money(minorUnits: 114466 - 6800)))
        XCTAssertNil(rows["margin: (none)"])
    }

    func testExplainDiscountShowsEachRuleAndTheCombination() throws {
        try engine.run(#"rule "Chain": discount 4% when outlets >= 5 combine stack cap 8%"#)
        try engine.run(#"rule "Summer": discount 2% in months 6, 7, 8"#)
        let out = try engine.run(#"explain discount client: "Alpha" on 2025-03-10"#)
        XCTAssertEqual(out.first, .message("Alpha (id 1) on 2025-03-10: segments over 2024: abc A, turnover 600.00, avg_order 600.00"))
        guard case .table(let t) = out[1] else { return XCTFail() }
        XCTAssertEqual(t.rows.map { [$0[0].plain, $0[3].plain, $0[6].plain] }, [
            ["Volume A", "5%", "applies"],
            ["Volume B", "0%", "no: condition false"],
            ["Chain", "4%", "applies"],
            ["Summer", "2%", "no: not in season (months 6, 7, 8)"],
        ])
        XCTAssertEqual(out.last, .message(#"discount: best of: "Volume A" 5%; stacked: "Chain" 4%; capped at 8% = 8%"#))
    }

    func testSavedWhatIfScriptChecksAndRuns() throws {
        let url = Fixture.packageRoot.appendingPathComponent("scripts/whatif-discounts.clq")
        let script = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(engine.check(script, origin: url.path), [])
        let outputs = try engine.run(script, origin: url.path)
        XCTAssertEqual(outputs.filter { if case .chart = $0 { return true } else { return false } }.count, 3)
        guard case .table(let t)? = outputs.first(where: { if case .table = $0 { return true } else { return false } }) else { return XCTFail() }
        XCTAssertEqual(t.columns.map(\.name), ["metric", "baseline", "A to 7%", "A from 400, B 4%", "Δ A to 7%", "Δ% A to 7%",
                                               "Δ A from 400, B 4%", "Δ% A from 400, B 4%"])
    }
}
