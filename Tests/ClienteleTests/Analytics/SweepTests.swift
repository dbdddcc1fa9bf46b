import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// `sweep` and `solve` on the hand-made PolicyFixture (2025: Alpha, the only A client,
/// 800.00 of stationery and 200.00 of watches; Beta 433.33 of photo at 3%; Gamma 80.00;
/// cost of goods 1144.66 whatever the discount).
final class SweepTests: XCTestCase {
    var store: Store!
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (store, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func table(_ outputs: [Output], _ n: Int = 0) -> Table? {
        outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.dropFirst(n).first
    }
    func messages(_ outputs: [Output]) -> [String] {
        outputs.compactMap { if case .message(let m) = $0 { return m } else { return nil } }
    }

    func testSweepOfARuleDiscount() throws {
        let before = try store.contentChecksum()
        let out = try engine.run(#"sweep "Volume A" discount from 3% to 7% step 2% over 2025"#)
        let t = try XCTUnwrap(table(out))
        XCTAssertEqual(t.columns.map(\.name), ["\"Volume A\" discount", "gross revenue", "discount cost", "average discount",
                                               "net revenue", "margin", "Δ net", "Δ margin"])
        // Alpha's discount 1000.00 × 3% = 30.00, 5% = 50.00, 7% = 70.00, plus Beta's 13.00;
        // margin = net − 1144.66; with the volume unchanged Δmargin = Δnet.
        XCTAssertEqual(t.rows.map { $0.map(\.plain) }, [
            ["baseline (5%)", "1513.33", "63.00", "4.16%", "1450.33", "305.67", "0.00", "0.00"],
            ["3%", "1513.33", "43.00", "2.84%", "1470.33", "325.67", "20.00", "20.00"],
            ["5%", "1513.33", "63.00", "4.16%", "1450.33", "305.67", "0.00", "0.00"],
            ["7%", "1513.33", "83.00", "5.48%", "1430.33", "285.67", "-20.00", "-20.00"],
        ])
        guard case .chart(let title, let labels, let values)? = out.last else { return XCTFail("\(out)") }
        XCTAssertEqual(title, "margin by \"Volume A\" discount")
        XCTAssertEqual(labels, ["3%", "5%", "7%"])
        XCTAssertEqual(values, [32567, 30567, 28567].map { .money(Money(minorUnits: $0)) })
        XCTAssertEqual(try store.contentChecksum(), before)
    }

    func testSweepOfAThreshold() throws {
        let out = try engine.run(#"sweep abc.a_min from 400 to 500 step 100 over 2025"#)
        let t = try XCTUnwrap(table(out))
        // a_min 400: Beta (450.00 in 2024) becomes A: 433.33 × 5% = 21.67 instead of 13.00.
        XCTAssertEqual(t.rows.map { [$0[0].plain, $0[2].plain, $0[5].plain] }, [
            ["baseline (500.00)", "63.00", "305.67"], ["400.00", "71.67", "297.00"], ["500.00", "63.00", "305.67"],
        ])
    }

    func testSolveForNetRevenueFindsTheMostGenerousDiscountThatReachesIt() throws {
        let out = try engine.run(#"solve "Volume A" discount for net >= 1440.00 over 2025"#)
        // net = 1500.33 − Alpha's discount: 6.03% gives 48.24 + 12.06 = 60.30 → 1440.03;
        // 6.04% gives 48.32 + 12.08 = 60.40 → 1439.93, below. Grid passes: 0..30% by 3%, 6..9% by
        // 0.3%, 6..6.3% by 0.03%, 6.03..6.06% by 0.01%: 11 + 11 + 11 + 4 values.
        XCTAssertEqual(messages(out).first, """
            solve "Volume A" discount over 2025 (2025-01-01..2025-12-31) for the most generous value whose net is at least 1440.00: searched 0% to 30%, 37 values in 4 passes, to a precision of 0.01%; assumes the net falls as the value grows in the range
            answer: "Volume A" discount = 6.03% (net 1440.03)
            """)
        let t = try XCTUnwrap(table(out))
        XCTAssertEqual(t.columns.map(\.name)[2], #""Volume A" discount = 6.03%"#)
        XCTAssertEqual(t.rows.first { $0[0] == .text("net revenue") }?[2], .money(Money(minorUnits: 144003)))
    }

    func testSolveForMarginAtLeastTheBaselineKeepsTheCurrentDiscount() throws {
        let out = try engine.run(#"solve "Volume A" discount from 3% to 8% for margin >= baseline over 2025"#)
        // With the same volume every extra point costs margin: 5% is the most that keeps 305.67.
        XCTAssertEqual(messages(out).first?.components(separatedBy: "\n").last, #"answer: "Volume A" discount = 5% (margin 305.67)"#)
    }

    func testSolveForTheLargestMargin() throws {
        let out = try engine.run(#"solve "Volume A" discount for margin = max over 2025"#)
        // Without a volume response the margin is largest with no discount: 1500.33 − 1144.66.
        XCTAssertEqual(messages(out).first?.components(separatedBy: "\n").last, #"answer: "Volume A" discount = 0% (margin 355.67)"#)
    }

    func testSolveThatCannotReachTheGoalSaysSo() throws {
        let out = try engine.run(#"solve "Volume A" discount for net >= 2000.00 over 2025"#)
        XCTAssertEqual(messages(out).last?.components(separatedBy: "\n").last, "no value in the range reaches it")
        XCTAssertEqual(out.count, 1)
    }

    func testSweepAndSolveErrors() throws {
        func message(_ source: String) -> String? {
            do { try engine.run(source); return nil } catch { return (error as? ClienteleError)?.message ?? "\(error)" }
        }
        XCTAssertEqual(message(#"sweep "Volume C" discount from 3% to 7% step 1%"#), #"unknown rule "Volume C""#)
        XCTAssertEqual(message(#"sweep "Volume A" discount from 7% to 3% step 1%"#), "a sweep goes up: 7% is above 3%")
        XCTAssertEqual(message(#"sweep "Volume A" discount from 3% to 7% step 0%"#), "the step must be above zero")
        XCTAssertEqual(message(#"sweep "Volume A" discount from 0% to 100% step 1%"#), "a sweep takes at most 50 values, not 101")
        XCTAssertEqual(message(#"sweep "Volume A" discount from 3 to 7 step 1"#), "a discount is a percent, e.g. 5%")
        XCTAssertEqual(message(#"sweep abc.method from 1 to 2 step 1"#), "abc.method is a text: only amounts, percents and counts can be swept")
        XCTAssertEqual(message(#"sweep abc.a_mim from 1 to 2 step 1"#), "unknown setting 'abc.a_mim'")
        XCTAssertEqual(message(#"solve abc.a_min for margin = max"#), "solving for a setting needs the range to search: from A to B")
        XCTAssertEqual(message(#"solve "Volume A" discount for profit = max"#), "solve for margin or net, not 'profit'")
        XCTAssertEqual(message(#"solve "Volume A" discount for margin > 5"#), "expected '= max' or '>= AMOUNT' or '>= baseline' after margin, found '>'")
        try engine.run(#"rule "Tiered": discount tiers by avg_order [0: 0%, 100: 2%]"#)
        XCTAssertEqual(message(#"sweep "Tiered" discount from 1% to 2% step 1% over 2025"#),
                       #"rule "Tiered" gives a discount by tiers: only a flat discount can be swept or solved for"#)
    }
}
