import XCTest
@testable import Clientele
import ClienteleTestSupport

/// `pivot KEY` beyond the golden transcript (Golden/analytics.clq): through export, from a
/// let, and with a key that is not text down the side.
final class PivotTests: XCTestCase {
    func testAPivotIsExportedAsTheCrossTableItShows() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        let pivot = "clients | group region, abc agg n = count() | pivot abc"
        let out = try engine.run("""
            export \(pivot) to "abc.csv"
            export \(pivot) to "abc.xlsx"
            """, origin: script)
        XCTAssertEqual(out, [.message("5 rows written to abc.csv"), .message("5 rows written to abc.xlsx")])
        let csv = try String(contentsOf: dir.appendingPathComponent("abc.csv"), encoding: .utf8)
        XCTAssertEqual(csv, """
            region,A,B,C,(none),total
            Center,0,0,1,1,2
            North,1,1,1,0,3
            South,0,0,1,1,2
            Volga,0,1,0,0,1
            total,1,2,3,2,8

            """)
        let xlsx = try Data(contentsOf: dir.appendingPathComponent("abc.xlsx"))
        XCTAssertEqual(Array(xlsx.prefix(2)), [0x50, 0x4B], "a zip file")
    }

    func testAPivotContinuesALetThatGroups() throws {
        let engine = try Fixture.engine()
        let direct = try engine.run("clients | group region, abc agg n = count() | pivot abc")
        let viaLet = try engine.run("""
            let byClass = clients | group region, abc agg n = count()
            byClass | pivot abc
            """)
        XCTAssertEqual(viaLet, direct)
        // A select after the group is no longer a grouped result.
        XCTAssertEqual(engine.check("clients | group region, abc agg n = count() | select region, abc, n | pivot abc").map(\.message),
                       ["pivot needs a grouped result: group the rows by two keys first"])
    }

    func testADateKeyDownTheSideReadsAsTextBesideTheTotal() throws {
        let engine = try Fixture.engine()
        let out = try engine.run("orders | where client == 5 | group week = week_of(order_date), status agg n = count() | pivot status")
        guard case .table(let t)? = out.first else { return XCTFail("\(out)") }
        // A label's closed list is shown whole, as segment shows a segment's classes.
        XCTAssertEqual(t.columns.map(\.name), ["week", "shipped", "returned", "cancelled", "total"])
        XCTAssertEqual(t.columns[0].type, .text)
        XCTAssertEqual(t.rows.map { $0[0] }, ["2025-03-31", "2025-04-28", "2025-06-30", "2025-12-15", "total"].map { .text($0) })
        XCTAssertEqual(t.rows.last, [.text("total"), .integer(4), .integer(0), .integer(0), .integer(4)])
    }
}
