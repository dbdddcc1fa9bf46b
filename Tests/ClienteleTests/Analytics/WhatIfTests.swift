import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// The what-if a head of sales can trust (issue #19), on the hand-made PolicyFixture:
/// cost-true margin, throwaway scenarios, adopting a scenario, the first year of data.
final class WhatIfTests: XCTestCase {
    var store: Store!
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (store, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func messages(_ outputs: [Output]) -> [String] {
        outputs.compactMap { if case .message(let m) = $0 { return m } else { return nil } }
    }

    /// With the volume unchanged, a discount moves net revenue and margin by the same amount:
    /// the cost of goods is what was sold, whatever the price (before issue #19 the margin
    /// was a percent of net revenue, and Δmargin was a fraction of Δnet).
    func testWithConstantVolumeMarginMovesExactlyAsNetRevenue() throws {
        try engine.run(#"""
        scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }
        scenario "A from 400" { set abc.a_min = 400 }
        scenario "Stack" { rule "Chain": discount 4% when outlets >= 5 combine stack cap 8% }
        scenario "Tiers" { drop rule "Volume A"; drop rule "Volume B"
          rule "Tiered": discount tiers by avg_order [0: 0%, 100: 2%, 500: 5%] }
        """#)
        let c = try PolicyFixture.compare(engine, [nil, "A to 7%", "A from 400", "Stack", "Tiers"])
        let base = c.reference
        // By hand (PolicyEvaluationTests.testBaseline2025): cost of goods 1144.66 under every policy.
        XCTAssertEqual(base.total.cost, 114466)
        for e in c.evaluations.dropFirst() {
            XCTAssertEqual(e.total.cost, base.total.cost, e.policy)
            XCTAssertNotEqual(e.total.net, base.total.net, "\(e.policy) changes nothing: the test would prove nothing")
            XCTAssertEqual(e.total.margin - base.total.margin, e.total.net - base.total.net, e.policy)
            for id in [PolicyFixture.alpha, PolicyFixture.beta, PolicyFixture.gamma] {
                let a = try XCTUnwrap(e.byClient[id]), b = try XCTUnwrap(base.byClient[id])
                XCTAssertEqual(a.margin - b.margin, a.net - b.net, "\(e.policy), client \(id)")
            }
        }
        // "A to 7%": Alpha's 1000.00 at 7% instead of 5%: 20.00 less net and 20.00 less margin.
        XCTAssertEqual(c.evaluations[1].total.margin - base.total.margin, -2000)
    }

    func testAVolumeAssumptionScalesCostWithGross() throws {
        try engine.run(#"""
        scenario "B to 5%" { rule "Volume B": discount 5% when abc == "B" priority 20
                             assume volume +2% per discount point for abc == "B" }
        """#)
        let c = try PolicyFixture.compare(engine, [nil, "B to 5%"])
        let b = try XCTUnwrap(c.reference.byClient[PolicyFixture.beta]), s = try XCTUnwrap(c.evaluations[1].byClient[PolicyFixture.beta])
        // Beta buys 4% more (PolicyEvaluationTests.testExplicitVolumeAssumption): net 420.33 → 428.12
        // (+7.79), but the goods cost 4% more too (346.66 → 360.53): margin 73.67 → 67.59 (−6.08).
        XCTAssertEqual(s.net - b.net, 779)
        XCTAssertEqual(s.cost - b.cost, 1387)
        XCTAssertEqual(s.margin - b.margin, -608)
    }

    func testCompareWithAThrowawayScenarioOnAReadOnlyStoreSavesNothing() throws {
        let path = dir.appendingPathComponent("store.sqlite").path
        let before = try store.contentChecksum()
        let readOnly = Engine(store: try Store(path: path, readOnly: true), session: Session(today: PolicyFixture.today))
        let outputs = try readOnly.run(#"""
            compare baseline, { rule "Volume A": discount 7% when abc == "A" priority 10; set abc.a_min = 400 } over 2025
            """#)
        guard case .table(let t) = outputs[1] else { return XCTFail("\(outputs)") }
        XCTAssertTrue(messages(outputs)[0].contains(#"{1} = { rule "Volume A": discount 7% when abc == "A" priority 10; set abc.a_min = 400 } (a throwaway scenario: evaluated, not saved)"#),
                      messages(outputs)[0])
        XCTAssertEqual(t.columns.map(\.name), ["metric", "baseline", "{1}", "Δ {1}", "Δ% {1}"])
        // Alpha at 7%: 70.00; Beta is A under a_min 400 (450.00 in 2024) → 7% of 433.33 = 30.3331 → 30.33.
        let discount = t.rows.first { $0[0] == .text("discount cost") }
        XCTAssertEqual(discount?[2], .money(Money(minorUnits: 7000 + 3033)))
        XCTAssertEqual(try store.contentChecksum(), before)
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM scenarios") }, 0)
    }

    func testAThrowawayScenarioIsCheckedLikeASavedOne() throws {
        XCTAssertThrowsError(try engine.run(#"compare baseline, { drop rule "Volume C" } over 2025"#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, #"unknown rule "Volume C""#)
        }
        XCTAssertThrowsError(try engine.run(#"compare baseline, { } over 2025"#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "a scenario needs at least one change")
        }
        XCTAssertThrowsError(try engine.run(#"compare baseline, { rule "Volume A": discount 7% over 2025"#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "unknown rule option 'over'")
        }
        XCTAssertThrowsError(try engine.run(#"compare baseline, { rule "Volume A": discount 7%"#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "this scenario is not closed: add '}' after its changes")
        }
    }

    func testApplyScenarioMakesItsChangesLiveAndSaysWhat() throws {
        try engine.run(#"""
        scenario "Adopt" { rule "Volume A": discount 7% when abc == "A" priority 10
                           disable rule "Volume B"; set abc.a_min = 400
                           assume volume +2% per discount point }
        scenario "Same, no assumption" { rule "Volume A": discount 7% when abc == "A" priority 10
                                         disable rule "Volume B"; set abc.a_min = 400 }
        """#)
        let before = try PolicyFixture.compare(engine, [nil, "Same, no assumption"])
        let out = try engine.run(#"apply scenario "Adopt""#)
        XCTAssertEqual(messages(out), ["""
            scenario "Adopt" applied: 3 changes to the live rules and settings
              rule "Volume A" replaced: rule "Volume A": discount 7% when abc == "A" priority 10 combine best
              rule "Volume B" disabled
              abc.a_min = 400.00 (was 500.00)
              not adopted: the assumption volume +2% per discount point (an assumption about clients, not a rule)
            """])
        XCTAssertEqual(try store.read { try String.fetchOne($0, sql: "SELECT value FROM settings WHERE key = 'abc.a_min'") }, "400.00")
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT percent_bp FROM rules WHERE name = 'Volume A'") }, 700)
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT enabled FROM rules WHERE name = 'Volume B'") }, 0)
        // The new baseline is the scenario's rules and settings: Alpha 7% (70.00), Beta now A
        // (450.00 in 2024 ≥ 400) at 7% (30.33).
        let after = try PolicyFixture.compare(engine, [nil, nil])
        XCTAssertEqual(after.reference.total, before.evaluations[1].total)
        XCTAssertEqual(after.reference.total.discount, 7000 + 3033)
        // Applying it again changes nothing, and says so.
        XCTAssertEqual(messages(try engine.run(#"apply scenario "Adopt""#)).first?.components(separatedBy: "\n").prefix(4), [
            #"scenario "Adopt" applied: 0 changes to the live rules and settings"#,
            #"  rule "Volume A" unchanged"#,
            #"  rule "Volume B" already disabled"#,
            #"  abc.a_min = 400.00 unchanged"#,
        ])
    }

    func testApplyScenarioIsRefusedOnAReadOnlyStoreAndForAnUnknownScenario() throws {
        try engine.run(#"scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }"#)
        let readOnly = Engine(store: try Store(path: dir.appendingPathComponent("store.sqlite").path, readOnly: true),
                              session: Session(today: PolicyFixture.today))
        XCTAssertThrowsError(try readOnly.run(#"apply scenario "A to 7%""#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "the store is open read-only: apply scenario is refused")
        }
        XCTAssertThrowsError(try engine.run(#"apply scenario "A to 8%""#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, #"unknown scenario "A to 8%""#)
        }
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT percent_bp FROM rules WHERE name = 'Volume A'") }, 500)
    }

    func testApplyingAScenarioWhoseRuleWasDroppedChangesNothing() throws {
        try engine.run(#"scenario "Off B" { set abc.a_min = 400; disable rule "Volume B" }"#)
        try engine.run(#"drop rule "Volume B""#)
        XCTAssertThrowsError(try engine.run(#"apply scenario "Off B""#)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, #"scenario "Off B" disables rule "Volume B", which no longer exists"#)
        }
        XCTAssertEqual(try store.read { try String.fetchOne($0, sql: "SELECT value FROM settings WHERE key = 'abc.a_min'") }, "500.00")
    }

    func testClientsOverAllHistoryShowTheRuleClassesOfTheLastYearWithOrders() throws {
        // `over all` runs from the year 1 to 9999: the rule classes are those over 2024, the
        // year before the last year with orders (it crashed on the year 0 once).
        try engine.run(#"scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }"#)
        let outputs = try engine.run(#"compare baseline, "A to 7%" over all clients | where changed | select id, rule_class_1, rule_class_2"#)
        guard case .table(let t) = outputs[1] else { return XCTFail("\(outputs)") }
        // Alpha alone changes: A over 2024 (600.00).
        XCTAssertEqual(t.rows, [[.integer(1), .text("A"), .text("A")]])
        XCTAssertTrue(messages(outputs)[1].contains("rule_class_k: over 2024, the class the rules applied to the orders of 2025 (the period's orders of earlier years followed the class of the year before each)"),
                      messages(outputs)[1])
    }

    func testTheFirstYearOfDataIsSaid() throws {
        let outputs = try engine.run(#"compare baseline, baseline over 2024"#)
        XCTAssertTrue(messages(outputs)[0].contains("2024 is the first year of data (first order 2024-06-01): its orders' rule conditions see each client as it stood at the end of 2023, without purchases (no ABC class, turnover 0), so rules on classes or volumes give them no discount"),
                      messages(outputs)[0])
        XCTAssertFalse(messages(try engine.run(#"compare baseline, baseline over 2025"#))[0].contains("first year of data"))
    }
}
