import XCTest
import GRDB
@testable import Clientele

/// Baseline and scenario figures computed by hand (see PolicyFixture for the data).
final class PolicyEvaluationTests: XCTestCase {
    var store: Store!
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (store, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// gross, discount, net, cost of goods, margin
    func totals(_ e: PolicyEvaluation) -> [Int64] { [e.total.gross, e.total.discount, e.total.net, e.total.cost, e.total.margin] }

    func testBaselineReproducesStoredDiscounts() throws {
        for period in [PolicyFixture.year2024, PolicyFixture.year2025] {
            let c = try PolicyFixture.compare(engine, [nil, nil], period: period)
            let stored = try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT client_id, SUM(discount_minor) FROM orders WHERE status = 'shipped'
                    AND order_date BETWEEN ? AND ? GROUP BY client_id
                    """, arguments: [period.start.iso, period.end.iso])
            }
            XCTAssertEqual(stored.count, 3)
            for row in stored {
                XCTAssertEqual(c.reference.byClient[row[0]]?.discount, row[1], "client \(row[0] as Int64) in \(period)")
            }
        }
    }

    func testBaseline2025() throws {
        let base = try PolicyFixture.compare(engine, [nil, nil]).reference
        // gross 1000.00 + 433.33 + 80.00 = 1513.33 (the cancelled X1 is not counted)
        // discount 50.00 + 13.00 + 0 = 63.00; net 1450.33
        // cost of goods = gross × (1 − category margin), whatever the discount:
        //   stationery 800 × 75% = 600.00; watches 200 × 65% = 130.00;
        //   photo 433.33 × 80% = 346.664 → 346.66; other 80 × 85% = 68.00; total 1144.66
        // margin = net − cost: 760 − 600 = 160.00; 190 − 130 = 60.00; 420.33 − 346.66 = 73.67;
        //   80 − 68 = 12.00; total 305.67 (= 1450.33 − 1144.66)
        XCTAssertEqual(totals(base), [151333, 6300, 145033, 114466, 30567])
        XCTAssertEqual(base.byCategory["stationery"], PolicyTotals(gross: 80000, discount: 4000, cost: 60000))
        XCTAssertEqual(base.byCategory["watches"], PolicyTotals(gross: 20000, discount: 1000, cost: 13000))
        XCTAssertEqual(base.byCategory["photo"], PolicyTotals(gross: 43333, discount: 1300, cost: 34666))
        XCTAssertEqual(base.byCategory["other"], PolicyTotals(gross: 8000, discount: 0, cost: 6800))
        XCTAssertEqual(base.byCategory["photo"]?.margin, 7367)
        // 6300 × 10000 / 151333 = 416.3 → 416 bp
        XCTAssertEqual(base.averageDiscountBP, 416)
        // classes over 2025 itself (stored net): Alpha 950.00 A, Beta 420.33 B, Gamma 80.00 C
        XCTAssertEqual(base.classes.dictionary, [1: "A", 2: "B", 3: "C"])
    }

    func testSimplePercentChange() throws {
        try engine.run(#"scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }"#)
        let s = try PolicyFixture.compare(engine, [nil, "A to 7%"]).evaluations[1]
        // O1 at 7%: 800 × 7% = 56.00, 200 × 7% = 14.00 → 70.00; O2 13.00 as before → 83.00
        // cost unchanged 1144.66; margin 1430.33 − 1144.66 = 285.67: Δmargin = Δnet = −20.00
        XCTAssertEqual(totals(s), [151333, 8300, 143033, 114466, 28567])
        XCTAssertEqual(s.byClient[PolicyFixture.alpha]?.discount, 7000)
    }

    func testTierTable() throws {
        try engine.run(#"""
        scenario "Tiers" { drop rule "Volume A"; drop rule "Volume B"
          rule "Tiered": discount tiers by avg_order [0: 0%, 100: 2%, 500: 5%] }
        """#)
        let s = try PolicyFixture.compare(engine, [nil, "Tiers"]).evaluations[1]
        // avg_order over 2024: Alpha 600 → 5%, Beta 450 → 2%, Gamma 50 → 0%
        // O1 5% → 50.00 as baseline; O2 433.33 × 2% = 8.6666 → 8.67; O3 0
        // net 1454.66; margin 1454.66 − 1144.66 = 310.00
        XCTAssertEqual(totals(s), [151333, 5867, 145466, 114466, 31000])
    }

    func testSeasonalWindow() throws {
        try engine.run(#"scenario "Winter" { rule "Winter": discount 4% in months 1, 2 }"#)
        let s = try PolicyFixture.compare(engine, [nil, "Winter"]).evaluations[1]
        // Only O3 (1 February) is in season: Gamma gets 80 × 4% = 3.20. O1 (March) keeps its 5%
        // (best of 5% and nothing), O2 (July) its 3%.
        // net 1447.13; margin 1447.13 − 1144.66 = 302.47
        XCTAssertEqual(totals(s), [151333, 6620, 144713, 114466, 30247])
        XCTAssertEqual(s.byClient[PolicyFixture.gamma]?.discount, 320)
    }

    func testExclusiveBestAndStackWithCap() throws {
        try engine.run(#"""
        scenario "Chain best" { rule "Chain": discount 4% when outlets >= 5 combine best }
        scenario "Chain stack" { rule "Chain": discount 4% when outlets >= 5 combine stack cap 8% }
        scenario "Chain exclusive" { rule "Chain": discount 4% when outlets >= 5 combine exclusive }
        """#)
        let c = try PolicyFixture.compare(engine, [nil, "Chain best", "Chain stack", "Chain exclusive"])
        // Only Alpha has 6 outlets; its O1 has 800.00 stationery and 200.00 watches, class A (5%).
        // best: max(5%, 4%) = 5% → 50.00, unchanged
        // Alpha's cost of goods: 600.00 + 130.00 = 730.00 under every policy.
        XCTAssertEqual(c.evaluations[1].byClient[1], PolicyTotals(gross: 100000, discount: 5000, cost: 73000))
        // stack: 5% + 4% = 9%, capped at 8%: 64.00 + 16.00 = 80.00
        XCTAssertEqual(c.evaluations[2].byClient[1], PolicyTotals(gross: 100000, discount: 8000, cost: 73000))
        XCTAssertEqual(c.evaluations[2].byClient[1]?.margin, 100000 - 8000 - 73000)
        // exclusive: 4% alone: 32.00 + 8.00 = 40.00
        XCTAssertEqual(c.evaluations[3].byClient[1], PolicyTotals(gross: 100000, discount: 4000, cost: 73000))
        // Beta and Gamma are untouched in every scenario.
        for e in c.evaluations { XCTAssertEqual(e.byClient[2]?.discount, 1300); XCTAssertEqual(e.byClient[3]?.discount, 0) }
        XCTAssertEqual(c.discountChanges(c.evaluations[1]), [])
        XCTAssertEqual(c.discountChanges(c.evaluations[2]), [1])
    }

    func testStackWithoutCapAdds() throws {
        try engine.run(#"scenario "S" { rule "Chain": discount 4% when outlets >= 5 combine stack }"#)
        let s = try PolicyFixture.compare(engine, [nil, "S"]).evaluations[1]
        // 5% + 4% = 9%: 72.00 + 18.00 = 90.00
        XCTAssertEqual(s.byClient[1]?.discount, 9000)
    }

    func testThresholdChangeMovesClientsBetweenClasses() throws {
        try engine.run(#"scenario "A from 400" { set abc.a_min = 400 }"#)
        let c = try PolicyFixture.compare(engine, [nil, "A from 400"])
        let s = c.evaluations[1]
        // Beta's 2024 turnover 450.00 > 400 → A → 5%: 433.33 × 5% = 21.6665 → 21.67
        // discount 50.00 + 21.67 = 71.67; net 1441.66; margin 1441.66 − 1144.66 = 297.00
        XCTAssertEqual(totals(s), [151333, 7167, 144166, 114466, 29700])
        // Over 2025 itself Beta's net 420.33 > 400: class B → A
        XCTAssertEqual(s.classes.dictionary, [1: "A", 2: "A", 3: "C"])
        XCTAssertEqual(c.classChanges(s), [2])
        XCTAssertEqual(c.discountChanges(s), [2])
        // The stored setting itself is unchanged.
        XCTAssertEqual(try store.read { try String.fetchOne($0, sql: "SELECT value FROM settings WHERE key = 'abc.a_min'") }, "500.00")
    }

    func testExplicitVolumeAssumption() throws {
        try engine.run(#"""
        scenario "B to 5%" { rule "Volume B": discount 5% when abc == "B" priority 20
                             assume volume +2% per discount point for abc == "B" }
        """#)
        let s = try PolicyFixture.compare(engine, [nil, "B to 5%"]).evaluations[1]
        // Beta (B in 2024): discount 433.33 × 5% = 21.6665 → 21.67, baseline 13.00
        //   Δ = (2167 - 1300) × 10000 / 43333 = 200.08 → 200 bp = 2 points; uplift 2% × 2 = 4% (400 bp)
        //   gross 43333 + 43333 × 4% (1733.32 → 1733) = 45066
        //   discount 2167 + 2167 × 4% (86.68 → 87) = 2254
        //   cost 34666 + 34666 × 4% (1386.64 → 1387) = 36053: more volume, more cost of goods
        //   margin 45066 − 2254 − 36053 = 6759 (baseline 7367: the extra volume does not pay for the discount)
        // Alpha (A) and Gamma (C) are not B: no uplift.
        XCTAssertEqual(s.byClient[2], PolicyTotals(gross: 45066, discount: 2254, cost: 36053))
        XCTAssertEqual(s.byClient[2]?.margin, 6759)
        // gross 1000.00 + 450.66 + 80.00 = 1530.66; discount 50.00 + 22.54 = 72.54; net 1458.12
        // cost 600.00 + 130.00 + 360.53 + 68.00 = 1158.53; margin 1458.12 − 1158.53 = 299.59
        XCTAssertEqual(totals(s), [153066, 7254, 145812, 115853, 29959])
        XCTAssertEqual(s.assumptionsUsed, [#"volume +2% per discount point for abc == "B""#])
    }

    func testAssumptionIsOffUnlessWritten() throws {
        try engine.run(#"scenario "B to 5%" { rule "Volume B": discount 5% when abc == "B" priority 20 }"#)
        let s = try PolicyFixture.compare(engine, [nil, "B to 5%"]).evaluations[1]
        XCTAssertEqual(s.byClient[2], PolicyTotals(gross: 43333, discount: 2167, cost: 34666))
        XCTAssertEqual(s.assumptionsUsed, [])
    }

    func testValidityMinimumOrderAndCategory() throws {
        try engine.run(#"""
        scenario "Watches" { rule "Watches": discount 10% category "watches" combine stack from 2025-01-01 to 2025-06-30 min order 500 }
        """#)
        let s = try PolicyFixture.compare(engine, [nil, "Watches"]).evaluations[1]
        // Only O1 (1000.00 ≥ 500, March, has watches): watches lines 5% + 10% = 15%: 200 × 15% = 30.00
        XCTAssertEqual(s.byCategory["watches"], PolicyTotals(gross: 20000, discount: 3000, cost: 13000))
        XCTAssertEqual(s.byCategory["stationery"]?.discount, 4000)
        XCTAssertEqual(s.total.discount, 4000 + 3000 + 1300)
    }

    func testUnknownCategoriesAndOrdersWithoutLinesRoundOnTheirOwn() throws {
        // Beta's 2025 order gets lines of two categories no longer in the table (written with
        // the foreign keys off), and Beta a second order without lines: three rows of no
        // category, each rounded and scaled on its own.
        var config = Configuration()
        config.foreignKeysEnabled = false
        let raw = try DatabaseQueue(path: dir.appendingPathComponent("store.sqlite").path, configuration: config)
        try raw.write { db in
            try db.execute(sql: """
                INSERT INTO order_lines (order_id, category_id, gross_minor) VALUES (5, 98, 10009), (5, 99, 10009);
                INSERT INTO orders (id, number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor) VALUES
                  (8, 'O4', 2, '2025-08-01', '2025-08-11', 10009, 300, 9709);
                """)
        }
        try raw.close()
        try engine.run(#"""
        scenario "B to 5%" { rule "Volume B": discount 5% when abc == "B" priority 20
                             assume volume +2% per discount point for abc == "B" }
        """#)
        let c = try PolicyFixture.compare(engine, [nil, "B to 5%"])
        // Baseline: 10009 × 3% = 300.27 → 300 for each of the three; photo 13.00 as before.
        // The lines of no category have no cost of goods: apart, and out of the margin.
        XCTAssertEqual(c.reference.byClient[2], PolicyTotals(gross: 73360, discount: 2200, cost: 34666, uncostedGross: 30027, uncostedDiscount: 900))
        XCTAssertEqual(c.reference.byClient[2]?.margin, 7367)
        XCTAssertEqual(c.reference.byCategory["(none)"], PolicyTotals.uncosted(gross: 30027, discount: 900))
        // Scenario: 500.45 → 500 each, photo 2167; Δ = (3667 - 2200) × 10000 / 73360 = 199.97 → 200 bp,
        // uplift 4%: each row 10009 + 400.36 → 10409, discount 500 + 20 = 520, no cost (no category);
        // photo 45066 / 2254 / cost 36053 (testExplicitVolumeAssumption). Summed before scaling, the three
        // would give 30027 + 1201.08 → 31228.
        let s = c.evaluations[1]
        XCTAssertEqual(s.byClient[2], PolicyTotals(gross: 45066 + 3 * 10409, discount: 2254 + 3 * 520, cost: 36053,
                                                   uncostedGross: 3 * 10409, uncostedDiscount: 3 * 520))
        XCTAssertEqual(s.byCategory["(none)"], PolicyTotals.uncosted(gross: 31227, discount: 1560))
        XCTAssertEqual(s.assumptionsUsed, [#"volume +2% per discount point for abc == "B""#])
    }
}
