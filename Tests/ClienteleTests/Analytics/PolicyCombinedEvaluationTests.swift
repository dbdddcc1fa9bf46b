import XCTest
import GRDB
@testable import Clientele
import ClienteleCore

/// `compare` evaluates every policy in one statement per year: each column must be what
/// comparing that scenario alone against the baseline gives (see PolicyFixture for the data).
final class PolicyCombinedEvaluationTests: XCTestCase {
    var store: Store!
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (store, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func assertSame(_ a: PolicyEvaluation, _ b: PolicyEvaluation, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.policy, b.policy, file: file, line: line)
        XCTAssertEqual(a.total, b.total, a.policy, file: file, line: line)
        XCTAssertEqual(a.byCategory, b.byCategory, a.policy, file: file, line: line)
        XCTAssertEqual(a.byClient, b.byClient, a.policy, file: file, line: line)
        XCTAssertEqual(a.classes, b.classes, a.policy, file: file, line: line)
        XCTAssertEqual(a.assumptionsUsed, b.assumptionsUsed, a.policy, file: file, line: line)
    }

    func testEveryColumnIsWhatComparingItAloneGives() throws {
        try engine.run(#"""
        scenario "A from 400" { set abc.a_min = 400
                                assume volume +2% per discount point for abc == "A" }
        scenario "Watches" { rule "Watches": discount 10% category "watches" combine stack cap 12% from 2025-01-01 to 2025-06-30 min order 500 }
        scenario "Chain" { rule "Chain": discount 4% when outlets >= 5 combine exclusive priority 1
                           set abc.b_min = 40
                           assume volume -1% per discount point }
        scenario "Summer" { rule "Summer": discount 2% in months 6, 7, 8 combine stack }
        """#)
        let names: [String?] = [nil, "A from 400", "Watches", "Chain", "Summer"]
        for period in [PolicyFixture.year2025, DateRange(start: CalendarDate(iso: "2024-03-01")!, end: CalendarDate(iso: "2025-08-31")!)] {
            let all = try PolicyFixture.compare(engine, names, period: period)
            XCTAssertEqual(all.evaluations.map(\.policy), ["baseline", "A from 400", "Watches", "Chain", "Summer"])
            for (i, name) in names.enumerated() {
                let alone = try PolicyFixture.compare(engine, [nil, name], period: period)
                assertSame(all.evaluations[i], alone.evaluations[1])
            }
            // By client and calendar year (the unit assumptions are applied in): each year of the
            // period on its own, all the columns together and each alone.
            for year in period.start.year...period.end.year {
                let slice = DateRange(start: max(period.start, CalendarDate(year: year, month: 1, day: 1)!),
                                      end: min(period.end, CalendarDate(year: year, month: 12, day: 31)!))
                let together = try PolicyFixture.compare(engine, names, period: slice)
                for (i, name) in names.enumerated() {
                    let alone = try PolicyFixture.compare(engine, [nil, name], period: slice)
                    XCTAssertEqual(together.evaluations[i].byClient, alone.evaluations[1].byClient, "\(name ?? "baseline") in \(year)")
                    XCTAssertFalse(together.evaluations[i].byClient.dictionary.isEmpty)
                }
            }
            // Scenario first, baseline later: assumptions are still measured against the baseline.
            let reordered = try PolicyFixture.compare(engine, ["Chain", nil, "Chain"], period: period)
            assertSame(reordered.evaluations[0], all.evaluations[3])
            assertSame(reordered.evaluations[1], all.evaluations[0])
            assertSame(reordered.evaluations[2], all.evaluations[3])
        }
    }

    func testRoundedDivisionByAConstantMatchesTheFunction() throws {
        let d = SQLiteDialect()
        let values: [Int64] = [0, 1, -1, 4_999, 5_000, 5_001, -4_999, -5_000, -5_001, 14_999, 15_000, -15_000, -15_001,
                               123_456_789, -123_456_789, 99_995_000, -99_995_000]
        try store.read { db in
            for v in values {
                for b: Int64 in [1, 2, 3, 7, 100, 10_000] {
                    let x = SQLExpr.parameter(SQLParameter(name: "v", value: .integer(v)))
                    let sql = try d.print(SQLSelect([SQLSelectItem(.roundedDivide(x, byPositive: b)),
                                                     SQLSelectItem(.call(.roundedDivide, x, .integer(b)))])).text
                    let row = try Row.fetchOne(db, sql: sql, arguments: ["v": v])!
                    XCTAssertEqual(row[0] as Int64, DecimalText.roundedDivide(v, by: b), "\(v) / \(b)")
                    XCTAssertEqual(row[1] as Int64, DecimalText.roundedDivide(v, by: b), "\(v) / \(b)")
                }
            }
            XCTAssertNil(try Row.fetchOne(db, sql: try d.print(SQLSelect([SQLSelectItem(.roundedDivide(.null, byPositive: 10_000))])).text)![0] as Int64?)
        }
    }
}
