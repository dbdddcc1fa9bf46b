import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// Issue 19 item 7, on PolicyFixture's store (its header has the orders): fixed amounts,
/// marginal tiers, minimum margins, the limits per order and per client, a payment-discipline
/// condition. Every number below is worked out by hand from the fixture:
///   2025: O1 Alpha (A) stationery 800.00 + watches 200.00; O2 Beta (B) photo 433.33;
///   O3 Gamma (C) other 80.00. Baseline: Alpha 5% = 40.00 + 10.00, Beta 3% = 13.00, Gamma 0.
final class RuleKindsTests: XCTestCase {
    var store: Store!
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (store, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func define(_ source: String, file: StaticString = #filePath, line: UInt = #line) {
        let out = engine.transcript(source)
        XCTAssertFalse(out.contains("error"), out, file: file, line: line)
    }

    func discount(_ scenario: String, _ client: Int64) throws -> Int64? {
        try PolicyFixture.compare(engine, [nil, scenario]).evaluations[1].byClient[client]?.discount
    }

    func category(_ scenario: String, _ name: String) throws -> Int64? {
        try PolicyFixture.compare(engine, [nil, scenario]).evaluations[1].byCategory[name]?.discount
    }

    func testAFixedAmountIsAddedToThePercentages() throws {
        define(#"""
            scenario "Welcome" { rule "Welcome": discount 25.00 when outlets == 1 }
            scenario "Photo off" { rule "Photo off": discount 30.00 category "photo" }
            scenario "Hundred" { rule "Hundred": discount 100.00 when outlets >= 5 }
            scenario "Too much" { rule "Too much": discount 500.00 when outlets == 1 }
            """#)
        // Beta 13.00 + 25.00; Gamma 0 + 25.00; Alpha (6 outlets) keeps 50.00.
        XCTAssertEqual(try discount("Welcome", PolicyFixture.beta), 3_800)
        XCTAssertEqual(try discount("Welcome", PolicyFixture.gamma), 2_500)
        XCTAssertEqual(try discount("Welcome", PolicyFixture.alpha), 5_000)
        // Only an order with photo lines: Beta's.
        XCTAssertEqual(try discount("Photo off", PolicyFixture.beta), 4_300)
        XCTAssertEqual(try discount("Photo off", PolicyFixture.gamma), 0)
        // 100.00 over what is left of Alpha's lines, 760.00 and 190.00: 80.00 and 20.00.
        XCTAssertEqual(try category("Hundred", "stationery"), 12_000)
        XCTAssertEqual(try category("Hundred", "watches"), 3_000)
        // Never more than the order: Gamma's 80.00, Beta's 433.33.
        XCTAssertEqual(try discount("Too much", PolicyFixture.gamma), 8_000)
        XCTAssertEqual(try discount("Too much", PolicyFixture.beta), 43_333)
    }

    func testMarginalTiersBlendTheRates() throws {
        // Alpha's 2024 turnover 600.00: 400.00 at 2% + 100.00 at 5% = 13.00, 13/600 = 2.1667% → 2.17%;
        // its order: 800.00 × 2.17% = 17.36, 200.00 × 2.17% = 4.34.
        define(#"""
            scenario "Marginal" { rule "Volume A": discount tiers by turnover marginal [0: 0%, 100: 2%, 500: 5%] priority 10 }
            scenario "Step" { rule "Volume A": discount tiers by turnover [0: 0%, 100: 2%, 500: 5%] priority 10 }
            """#)
        XCTAssertEqual(try discount("Marginal", PolicyFixture.alpha), 2_170)
        XCTAssertEqual(try discount("Step", PolicyFixture.alpha), 5_000)
        // Beta (450.00: 350.00 at 2% = 1.56%) keeps Volume B's 3%, the better of the two.
        XCTAssertEqual(try discount("Marginal", PolicyFixture.beta), 1_300)
        XCTAssertEqual(PolicyPlan.marginalRate([DiscountTier(fromMinor: 0, bp: 0), DiscountTier(fromMinor: 10_000, bp: 200),
                                                DiscountTier(fromMinor: 50_000, bp: 500)], 60_000), 217)
        XCTAssertEqual(PolicyPlan.marginalRate([DiscountTier(fromMinor: 10_000, bp: 200)], 0), 0)
        let rules = engine.transcript("rules | where name == \"Volume A\" | select name, tier_mode")
        XCTAssertTrue(rules.contains("step") || rules.contains("Volume A"), rules)
    }

    func testAMinimumMarginLimitsTheDiscountOfItsCategory() throws {
        // Watches: margin 35%, minimum 33%: at most (35 − 33) / (100 − 33) = 2.985% → 2.98%;
        // Alpha's 200.00 of watches: 5.96 instead of 10.00 (net 194.04, cost 130.00: 33.0%).
        define(#"update categories | where name == "watches" set min_margin = 33%"#)
        let c = try PolicyFixture.compare(engine, [nil])
        XCTAssertEqual(c.evaluations[0].byCategory["watches"]?.discount, 596)
        XCTAssertEqual(c.evaluations[0].byCategory["stationery"]?.discount, 4_000)
        XCTAssertEqual(CategoryTable.maxRate(margin: 3_500, floor: 3_300), 298)
        XCTAssertEqual(CategoryTable.maxRate(margin: 3_500, floor: 3_000), 714)
        XCTAssertEqual(CategoryTable.maxRate(margin: 2_000, floor: 2_500), 0)
        // The line keeps its minimum margin: (net − cost) / net ≥ 33%.
        let net = 20_000 - 596, cost = 13_000
        XCTAssertGreaterThanOrEqual(Double(net - cost) / Double(net), 0.33)
    }

    func testLimitsPerOrderAndPerClient() throws {
        define(#"""
            scenario "Order 30" { set discount.max_per_order = 30.00 }
            scenario "Client 45" { set discount.max_per_client = 45.00 }
            """#)
        // Alpha's 50.00 down to 30.00, in proportion: 24.00 and 6.00. Beta's 13.00 stays.
        XCTAssertEqual(try category("Order 30", "stationery"), 2_400)
        XCTAssertEqual(try category("Order 30", "watches"), 600)
        XCTAssertEqual(try discount("Order 30", PolicyFixture.beta), 1_300)
        XCTAssertEqual(try discount("Client 45", PolicyFixture.alpha), 4_500)
        XCTAssertEqual(try OrderDiscounts.split(100, by: [1, 1, 1]), [34, 33, 33])
        XCTAssertEqual(try OrderDiscounts.split(10_000, by: [76_000, 19_000]), [8_000, 2_000])
    }

    func testAClientsLimitTakesItsOrdersInDateOrder() throws {
        // A second Alpha order in 2025, dated before O1 and stored after it: 100.00 of other, 5% = 5.00.
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO orders (id, number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor)
                  VALUES (8, 'O0', 1, '2025-01-05', '2025-01-15', 10000, 500, 9500);
                INSERT INTO order_lines (order_id, category_id, gross_minor) VALUES (8, 5, 10000);
                """)
        }
        define(#"scenario "Client 20" { set discount.max_per_client = 20.00 }"#)
        // O0 first: 5.00; then O1 gets the 15.00 left: 12.00 stationery + 3.00 watches.
        let c = try PolicyFixture.compare(engine, [nil, "Client 20"])
        XCTAssertEqual(c.evaluations[1].byClient[PolicyFixture.alpha]?.discount, 2_000)
        XCTAssertEqual(c.evaluations[1].byCategory["other"]?.discount, 500)
        XCTAssertEqual(c.evaluations[1].byCategory["stationery"]?.discount, 1_200)
    }

    func testAPaymentDisciplineCondition() throws {
        define(#"scenario "Disciplined" { rule "Disciplined": discount 2% when risk == 0 combine stack }"#)
        let risks = engine.transcript("clients | select name, risk(2024) | sort name")
        let c = try PolicyFixture.compare(engine, [nil, "Disciplined"])
        // Whoever has no payment risk gets 2% on top; the others keep the baseline.
        let base = c.evaluations[0].byClient, with = c.evaluations[1].byClient
        var someGot = false
        for (id, name) in [(PolicyFixture.alpha, "Alpha"), (PolicyFixture.beta, "Beta"), (PolicyFixture.gamma, "Gamma")] {
            guard let line = risks.split(separator: "\n").first(where: { $0.contains(name) }) else { return XCTFail(risks) }
            let riskFree = line.split(separator: "│").last?.trimmingCharacters(in: .whitespaces) == "0"
                || line.hasSuffix(" 0")
            if riskFree { someGot = true }
            XCTAssertEqual(with[id]!.discount > base[id]!.discount, riskFree, "\(name): \(line)")
        }
        XCTAssertTrue(someGot || risks.contains("0"), risks)
    }

    func testErrorsOfTheNewKinds() throws {
        let out = engine.transcript(#"""
            rule "A": discount 5 when abc == "A"
            rule "B": discount 20.00 combine stack
            rule "C": discount 0.00
            rule "D": discount tiers by turnover marginal [0: 0%, 100: 2%]
            """#)
        XCTAssertTrue(out.contains("write 5% for a percent, or 5.00 for an amount off each order"), out)
        XCTAssertTrue(out.contains("'combine' and 'cap' do not apply to it"), out)
        XCTAssertTrue(out.contains("a fixed discount is more than 0"), out)
        XCTAssertFalse(out.contains("\"D\""), "a good rule defines without complaint: \(out)")
    }

    func testNewRulesAreStoredAndWrittenBack() throws {
        define(#"""
            rule "Fixed": discount 40.00 when abc == "B" min order 100
            rule "Blend": discount tiers by avg_order marginal [0: 0%, 300: 3%] priority 30
            """#)
        let listed = engine.transcript("rules")
        XCTAssertTrue(listed.contains("Fixed") && listed.contains("Blend"), listed)
        let rules = try store.read { db in try Row.fetchAll(db, sql: "SELECT name, amount_minor, tier_mode FROM rules ORDER BY name") }
        XCTAssertEqual(rules.first { $0["name"] == "Fixed" }?["amount_minor"], 4_000)
        XCTAssertEqual(rules.first { $0["name"] == "Blend" }?["tier_mode"], "marginal")
        let loaded = try store.readTransaction { try RuleStore.loadAll($0) }
        XCTAssertEqual(loaded.first { $0.name == "Fixed" }?.sourceText, #"rule "Fixed": discount 40.00 when abc == "B" min order 100.00 priority 100"#)
        XCTAssertEqual(loaded.first { $0.name == "Blend" }?.discountText, "tiers by avg_order marginal [0.00: 0%, 300.00: 3%]")
    }

    func testExplainDiscountOfAnOrderNamesWhatEachLineGot() throws {
        define(#"""
            update categories | where name == "watches" set min_margin = 33%
            rule "Hundred": discount 100.00 when outlets >= 5
            rule "Photo": discount 3% category "photo" combine stack
            """#)
        let out = try engine.run(#"explain discount client: "Alpha" order "O1""#)
        XCTAssertEqual(out.first, .message("Alpha (id 1) on 2025-03-10: segments over 2024: abc A, turnover 600.00, avg_order 600.00"))
        guard case .table(let rules) = out[1] else { return XCTFail("\(out)") }
        XCTAssertEqual(rules.rows.first { $0[0].plain == "Hundred" }?[6].plain, "applies (off each order, after the percentages)")
        XCTAssertEqual(out[3], .message(#"order "O1" of 2025-03-10 (shipped), gross 1000.00, discount recorded 50.00:"#))
        guard case .table(let lines) = out[4] else { return XCTFail("\(out)") }
        // Stationery 800.00 at 5% = 40.00; watches 200.00 at 5% limited to 2.98% = 5.96 (not the photo rule: no photo lines);
        // the 100.00 goes where there is room: all on stationery (watches is at its floor).
        XCTAssertEqual(lines.rows.map { $0.map(\.plain) }, [
            ["stationery", "800.00", #""Volume A" 5%"#, "5%", "40.00", ""],
            ["watches", "200.00", #""Volume A" 5%"#, "2.98%", "5.96", "limited by the minimum margin to 2.98%"],
        ])
        XCTAssertEqual(out[5], .message(#"fixed: "Hundred" 100.00 = 100.00 more; the rules give 145.96"#))
        let c = try PolicyFixture.compare(engine, [nil])
        XCTAssertEqual(c.evaluations[0].byClient[PolicyFixture.alpha]?.discount, 14_596, "compare agrees with explain")
        let missing = engine.transcript(#"explain discount client: "Alpha" order "Z9""#)
        XCTAssertTrue(missing.contains(#"the client has no order "Z9""#), missing)
    }
}
