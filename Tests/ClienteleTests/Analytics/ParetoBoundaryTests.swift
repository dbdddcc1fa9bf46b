import XCTest
@testable import Clientele

/// Importance, ABC by share and RFM on a hand-made fixture of nine clients (ids 1-9),
/// period 2025, total turnover 1,000. Sorted by turnover, largest first; "before" is the
/// turnover of the clients ahead, where clients with equal turnover all count as first:
///
///     client  region  turnover  before  share before  importance (20/70)  abc share (80/95)
///     P1      North     200         0      0.0%        key                 A
///     P2      North     150       200     20.0%        medium (not < 20%)  A
///     P3      North     120       350     35.0%        medium              A
///     P4      North     120       350     35.0%        medium              A
///     P5      South     115       590     59.0%        medium              A
///     P6      South     115       590     59.0%        medium (one by one it would be 70.5%: small)
///     P7      South      80       820     82.0%        small               B
///     P8      South      50       900     90.0%        small               B
///     P9      South      50       900     90.0%        small               B (one by one 95%: C)
final class ParetoBoundaryTests: XCTestCase {
    var f: AnalyticsFixture!

    override func setUpWithError() throws { f = try Self.fixture() }

    /// The nine clients of the table above (also used by the golden tests of segment and movement).
    static func fixture() throws -> AnalyticsFixture {
        let f = try AnalyticsFixture()
        for i in 1...9 { f.client("P\(i)", "region: \"\(i <= 4 ? "North" : "South")\"") }
        // Orders (count, last date) chosen for RFM; amounts add up to the turnover above.
        for d in ["2025-03-01", "2025-06-01", "2025-09-01", "2025-12-01"] { f.order("P1", d, "50") }
        for d in ["2025-02-01", "2025-05-01", "2025-11-01"] { f.order("P2", d, "50") }
        f.order("P3", "2025-01-15", "60"); f.order("P3", "2025-10-01", "60")
        f.order("P4", "2025-01-20", "60"); f.order("P4", "2025-10-01", "60")
        f.order("P5", "2025-09-01", "115")
        f.order("P6", "2025-08-01", "115")
        f.order("P7", "2025-07-01", "80")
        f.order("P8", "2025-06-01", "50")
        f.order("P9", "2025-05-01", "50")
        // A 2024 order for P9 so that "P9" is not on its first deal (the share method test
        // switches the first-deal class off anyway); it is outside the period.
        f.order("P9", "2024-05-01", "10")
        try f.commit()
        return f
    }

    func testImportanceOverTheWholeBase() throws {
        assertClasses(try f.texts("importance"), [
            "P1": "key", "P2": "medium", "P3": "medium", "P4": "medium", "P5": "medium", "P6": "medium",
            "P7": "small", "P8": "small", "P9": "small",
        ], "importance")
    }

    func testImportancePerRegion() throws {
        // North, total 590: P1 before 0 key; P2 before 200 = 33.9% medium; P3, P4 before 350 = 59.3% medium.
        // South, total 410: P5, P6 before 0 key (both: equal turnover); P7 before 230 = 56.1% medium;
        //                   P8, P9 before 310 = 75.6% small.
        try f.engine.run("set importance.per = \"region\"")
        assertClasses(try f.texts("importance"), [
            "P1": "key", "P2": "medium", "P3": "medium", "P4": "medium",
            "P5": "key", "P6": "key", "P7": "medium", "P8": "small", "P9": "small",
        ], "importance per region")
        try f.engine.run("reset importance.per")
        assertClasses(try f.texts("importance"), ["P5": "medium"], "importance after reset")
    }

    func testImportanceSharesAreSettings() throws {
        // key_share 21%: P2's 20% before is now below it.
        try f.engine.run("set importance.key_share = 21%")
        assertClasses(try f.texts("importance"), ["P2": "key", "P3": "medium"], "importance with 21%")
        // medium_share 59%: P5 and P6 start at exactly 59%: small.
        try f.engine.run("set importance.medium_share = 59%")
        assertClasses(try f.texts("importance"), ["P4": "medium", "P5": "small", "P6": "small"], "importance with 59%")
    }

    func testABCByShare() throws {
        try f.engine.run("set abc.method = \"share\"; set first_deal.class = \"none\"")
        assertClasses(try f.texts("abc"), [
            "P1": "A", "P2": "A", "P3": "A", "P4": "A", "P5": "A", "P6": "A", "P7": "B", "P8": "B", "P9": "B",
        ], "abc by share")
        // Exactly at the bound: share_a 82% makes P7 (82% before) B still; 82.01% makes it A.
        try f.engine.run("set abc.share_a = 82%")
        assertClasses(try f.texts("abc"), ["P7": "B"], "abc share_a 82%")
        try f.engine.run("set abc.share_a = 82.01%")
        assertClasses(try f.texts("abc"), ["P7": "A"], "abc share_a 82.01%")
        // share_b 90%: P8 and P9 start at exactly 90%: C.
        try f.engine.run("set abc.share_b = 90%")
        assertClasses(try f.texts("abc"), ["P8": "C", "P9": "C"], "abc share_b 90%")
    }

    func testABCByShareKeepsTheFirstDealClass() throws {
        // P5..P8 have one shipped order each: their first deal puts them in C.
        try f.engine.run("set abc.method = \"share\"")
        assertClasses(try f.texts("abc"), ["P1": "A", "P5": "C", "P8": "C", "P9": "B"], "abc by share, first deal")
    }

    /// NTILE(5) over 9 clients fills tiles of 2, 2, 2, 2, 1 (positions 1-2, 3-4, 5-6, 7-8, 9),
    /// ascending, client id breaking ties; equal values then share the lowest tile among them.
    func testRFM() throws {
        // R by last order: P9 05-01 (1), P8 06-01 (2), P7 07-01 (3), P6 08-01 (4), P5 09-01 (5),
        //   P3 10-01 (6), P4 10-01 (7), P2 11-01 (8), P1 12-01 (9)
        //   tiles: P9 1, P8 1, P7 2, P6 2, P5 3, P3 3, P4 4 -> 3 (tie with P3), P2 4, P1 5
        assertClasses(try f.texts("rfm_r"), ["P1": "5", "P2": "4", "P3": "3", "P4": "3", "P5": "3", "P6": "2", "P7": "2", "P8": "1", "P9": "1"], "rfm_r")
        // F by orders: one order P5..P9 (positions 1-5: tiles 1, 1, 2, 2, 3 -> all 1),
        //   two P3 (6: 3), P4 (7: 4 -> 3), three P2 (8: 4), four P1 (9: 5)
        assertClasses(try f.texts("rfm_f"), ["P1": "5", "P2": "4", "P3": "3", "P4": "3", "P5": "1", "P6": "1", "P7": "1", "P8": "1", "P9": "1"], "rfm_f")
        // M by turnover: P8 50 (1), P9 50 (2), P7 80 (3), P5 115 (4), P6 115 (5), P3 120 (6), P4 120 (7), P2 150 (8), P1 200 (9)
        //   tiles: P8 1, P9 1, P7 2, P5 2, P6 3 -> 2, P3 3, P4 4 -> 3, P2 4, P1 5
        assertClasses(try f.texts("rfm_m"), ["P1": "5", "P2": "4", "P3": "3", "P4": "3", "P5": "2", "P6": "2", "P7": "2", "P8": "1", "P9": "1"], "rfm_m")
        assertClasses(try f.texts("rfm"), ["P1": "555", "P2": "444", "P3": "333", "P4": "333", "P5": "312", "P6": "212",
                                           "P7": "212", "P8": "111", "P9": "111"], "rfm")
        // Over 2024 only P9 bought: one client fills tile 1.
        assertClasses(try f.texts("rfm(2024)"), ["P9": "111", "P1": ""], "rfm(2024)")
    }

    func testSegmentsWorkInWhereSortGroupAndSelect() throws {
        let out = try f.engine.run("""
            clients | where importance == "medium" and rfm_f >= 3 | sort rfm desc, name | select name, rfm
            clients | group importance agg n = count() | sort n desc
            """)
        guard case .table(let list) = out[0], case .table(let groups) = out[1] else { return XCTFail("tables expected") }
        XCTAssertEqual(list.rows.map { $0.map(\.plain) }, [["P2", "444"], ["P3", "333"], ["P4", "333"]])
        XCTAssertEqual(groups.rows.map { $0.map(\.plain) }, [["medium", "5"], ["small", "3"], ["key", "1"]])
    }
}
