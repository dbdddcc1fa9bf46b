import XCTest
@testable import Clientele

/// ABC by thresholds, the first-deal class and payment risk on a hand-made fixture.
/// Period 2025, today 2025-12-31, default settings: A > 500, B 100..500, C < 100;
/// risk 1 up to 2 violations / 3 days, 2 up to 5 / 7 days, 3 above.
/// Every expected value is worked out by hand in the comments.
final class ThresholdBoundaryTests: XCTestCase {
    var f: AnalyticsFixture!

    override func setUpWithError() throws {
        f = try AnalyticsFixture()
        // Two shipped orders each, so the first-deal rule does not apply; paid on the due date.
        f.client("Exactly500");  f.order("Exactly500", "2025-02-01", "300", due: "2025-02-11", paid: "2025-02-11")
                                 f.order("Exactly500", "2025-03-01", "200", due: "2025-03-11", paid: "2025-03-11")
        f.client("Over500");     f.order("Over500", "2025-02-01", "300", due: "2025-02-11", paid: "2025-02-11")
                                 f.order("Over500", "2025-03-01", "200.01", due: "2025-03-11", paid: "2025-03-11")
        f.client("Exactly100");  f.order("Exactly100", "2025-02-01", "60", due: "2025-02-11", paid: "2025-02-11")
                                 f.order("Exactly100", "2025-03-01", "40", due: "2025-03-11", paid: "2025-03-11")
        f.client("Under100");    f.order("Under100", "2025-02-01", "60", due: "2025-02-11", paid: "2025-02-11")
                                 f.order("Under100", "2025-03-01", "39.99", due: "2025-03-11", paid: "2025-03-11")
        // Only one shipped order ever: the first deal.
        f.client("FirstDealBig"); f.order("FirstDealBig", "2025-11-01", "800", due: "2025-11-11", paid: "2025-11-05")
        // A 2024 order and a 2025 order: in 2025 it is past its first deal.
        f.client("SecondYear");  f.order("SecondYear", "2024-06-01", "50", due: "2024-06-11", paid: "2024-06-11")
                                 f.order("SecondYear", "2025-06-01", "700", due: "2025-06-11", paid: "2025-06-11")
        f.client("NoOrders")
        f.client("OnlyReturns"); f.order("OnlyReturns", "2025-12-20", "50", status: "returned")
        // Risk: violations (orders paid after their due date) and the longest overdue.
        f.client("TwoLate")
        f.order("TwoLate", "2025-04-01", "50", due: "2025-04-11", paid: "2025-04-12")   // 1 day late
        f.order("TwoLate", "2025-05-01", "50", due: "2025-05-11", paid: "2025-05-12")   // 1 day late
        f.order("TwoLate", "2025-06-01", "50", due: "2025-06-11", paid: "2025-06-11")   // on time
        f.client("ThreeLate")
        f.order("ThreeLate", "2025-04-01", "50", due: "2025-04-11", paid: "2025-04-12")
        f.order("ThreeLate", "2025-05-01", "50", due: "2025-05-11", paid: "2025-05-12")
        f.order("ThreeLate", "2025-06-01", "50", due: "2025-06-11", paid: "2025-06-12")
        f.client("Late3Days")
        f.order("Late3Days", "2025-04-01", "50", due: "2025-04-11", paid: "2025-04-14")  // 3 days
        f.order("Late3Days", "2025-05-01", "50", due: "2025-05-11", paid: "2025-05-11")
        f.client("Late4Days")
        f.order("Late4Days", "2025-04-01", "50", due: "2025-04-11", paid: "2025-04-15")  // 4 days
        f.order("Late4Days", "2025-05-01", "50", due: "2025-05-11", paid: "2025-05-11")
        f.client("Late8Days")
        f.order("Late8Days", "2025-04-01", "50", due: "2025-04-11", paid: "2025-04-19")  // 8 days
        f.order("Late8Days", "2025-05-01", "50", due: "2025-05-11", paid: "2025-05-11")
        f.client("SixLate")
        for m in 1...6 { f.order("SixLate", "2025-0\(m)-01", "20", due: "2025-0\(m)-11", paid: "2025-0\(m)-12") }
        f.client("StillUnpaid")
        f.order("StillUnpaid", "2025-11-01", "50", due: "2025-11-11", paid: "2025-11-11")
        f.order("StillUnpaid", "2025-12-10", "50", due: "2025-12-20")                    // unpaid: 11 days by 12-31
        f.client("PartlyPaid")
        f.order("PartlyPaid", "2025-11-01", "50", due: "2025-11-11", paid: "2025-11-11")
        f.order("PartlyPaid", "2025-12-01", "80", due: "2025-12-29", paid: "2025-12-05", paidAmount: "30") // 2 days by 12-31
        try f.commit()
    }

    func testABCThresholds() throws {
        assertClasses(try f.texts("turnover"), ["Exactly500": "500.00", "Over500": "500.01", "OnlyReturns": "0.00"], "turnover")
        assertClasses(try f.texts("abc"), [
            "Exactly500": "B",     // 500 is not above 500
            "Over500": "A",        // 500.01 > 500
            "Exactly100": "B",     // 100 >= 100
            "Under100": "C",       // 99.99 < 100
            "FirstDealBig": "C",   // 800 would be A, but its only shipped order is the first deal: first_deal.class C
            "SecondYear": "A",     // 700 > 500; two shipped orders up to the end of 2025
            "NoOrders": "",        // no turnover: no class
            "OnlyReturns": "",     // returns are not sales: turnover 0, no class
            "TwoLate": "B",        // 3 x 50 = 150
            "SixLate": "B",        // 6 x 20 = 120
            "StillUnpaid": "B",    // 50 + 50 = 100 (unpaid orders are still turnover)
        ], "abc")
    }

    func testFirstDealClassInEarlierPeriodAndSwitchedOff() throws {
        // In 2024 SecondYear had only its first order: 50 would be C anyway; FirstDealBig had none.
        assertClasses(try f.texts("abc(2024)"), ["SecondYear": "C", "FirstDealBig": ""], "abc(2024)")
        try f.engine.run("set first_deal.class = \"none\"")
        assertClasses(try f.texts("abc"), ["FirstDealBig": "A"], "abc without the first-deal class")
        try f.engine.run("set first_deal.class = \"B\"")
        assertClasses(try f.texts("abc"), ["FirstDealBig": "B"], "abc with first-deal class B")
    }

    func testRisk() throws {
        assertClasses(try f.texts("late_payments"), ["TwoLate": "2", "ThreeLate": "3", "SixLate": "6", "StillUnpaid": "1", "PartlyPaid": "1"], "violations")
        assertClasses(try f.texts("max_overdue_days"), ["Late3Days": "3", "Late4Days": "4", "Late8Days": "8", "StillUnpaid": "11", "PartlyPaid": "2"], "overdue")
        assertClasses(try f.texts("risk"), [
            "Exactly500": "0",     // no violations
            "NoOrders": "0",
            "OnlyReturns": "0",
            "TwoLate": "1",        // 2 violations (<= 2), 1 day (<= 3): max(1, 1)
            "ThreeLate": "2",      // 3 violations (> 2, <= 5): 2
            "Late3Days": "1",      // 1 violation, 3 days (<= 3): 1
            "Late4Days": "2",      // 4 days (> 3, <= 7): 2
            "Late8Days": "3",      // 8 days (> 7): 3
            "SixLate": "3",        // 6 violations (> 5): 3, though each only 1 day
            "StillUnpaid": "3",    // unpaid 11 days past due as of today (> 7): 3
            "PartlyPaid": "1",     // 50 still missing 2 days after 12-29: 1 violation, 2 days
        ], "risk")
    }

    func testStatusOfEdgeClients() throws {
        assertClasses(try f.texts("status"), ["NoOrders": "potential", "OnlyReturns": "potential", "FirstDealBig": "new", "Exactly500": "lost"], "status")  // last order 2025-03-01: 305 days > 180
    }

    func testNoPurchasesGiveNoRelativeSegments() throws {
        for field in ["importance", "rfm", "rfm_r", "rfm_f", "rfm_m"] {
            assertClasses(try f.texts(field), ["NoOrders": "", "OnlyReturns": ""], field)
        }
    }

    func testChangingAThresholdChangesTheNextQueryAndResetRestoresIt() throws {
        try f.engine.run("set stored abc.a_min = 600")
        assertClasses(try f.texts("abc"), ["Over500": "B", "SecondYear": "A"], "abc with a_min 600")
        try f.engine.run("set stored abc.b_min = 150")
        assertClasses(try f.texts("abc"), ["Exactly100": "C", "TwoLate": "B", "SixLate": "C"], "abc with b_min 150")
        try f.engine.run("set stored risk.g1_days = 4")
        assertClasses(try f.texts("risk"), ["Late4Days": "1"], "risk with g1_days 4")
        let listed = try f.engine.run("settings | where key ~ \"abc\" | select key, value")
        guard case .table(let t)? = listed.last else { return XCTFail("no table") }
        XCTAssertEqual(t.rows.map { $0.map(\.plain) }, [["abc.a_min", "600.00"], ["abc.b_min", "150.00"], ["abc.method", "thresholds"],
                                                         ["abc.share_a", "80%"], ["abc.share_b", "95%"]])
        try f.engine.run("reset stored abc.a_min")
        assertClasses(try f.texts("abc"), ["Over500": "A"], "abc after reset a_min")
        try f.engine.run("reset stored")
        assertClasses(try f.texts("abc"), ["Exactly100": "B"], "abc after reset")
        assertClasses(try f.texts("risk"), ["Late4Days": "2"], "risk after reset")
    }
}
