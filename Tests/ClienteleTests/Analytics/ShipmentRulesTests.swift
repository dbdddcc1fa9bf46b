import XCTest
@testable import Clientele

/// First-deal credit, open balance and shipment blocks as of today 2025-12-31, with the
/// defaults: 200 per outlet, x150% from 3 outlets, deferral 10 days; no default limit for
/// established clients, no grace after a due date.
final class ShipmentRulesTests: XCTestCase {
    var f: AnalyticsFixture!

    override func setUpWithError() throws {
        f = try AnalyticsFixture()
        f.client("Regular", "outlets: 2")              // two orders: past its first deal; N2 300 open 50 days past due
        f.order("Regular", "2025-10-01", "300", due: "2025-10-11", paid: "2025-10-11")
        f.order("Regular", "2025-11-01", "500", due: "2025-11-11", paid: "2025-11-20", paidAmount: "200")
        f.client("OverLimit")                          // 1 outlet: limit 200; 250 open, due in 2026
        f.order("OverLimit", "2025-12-25", "250", due: "2026-01-04")
        f.client("ChainOverdue", "outlets: 4")         // limit 200 x 4 x 150% = 1,200
        f.order("ChainOverdue", "2025-12-20", "1000", due: "2025-12-30")   // unpaid one day past due
        f.client("AtLimit", "outlets: 3")              // limit 200 x 3 x 150% = 900; open exactly 900
        f.order("AtLimit", "2025-12-28", "900", due: "2026-01-07")
        f.client("TwoOutlets", "outlets: 2")           // below chain_outlets: 200 x 2 = 400
        f.client("ReturnedIn10", "outlets: 1")         // return exactly 10 days after the first batch
        f.order("ReturnedIn10", "2025-12-01", "100", due: "2025-12-11", paid: "2025-12-05")
        f.order("ReturnedIn10", "2025-12-11", "40", status: "returned")
        f.client("ReturnedIn11", "outlets: 1")         // return 11 days after: outside the deferral
        f.order("ReturnedIn11", "2025-12-01", "100", due: "2025-12-11", paid: "2025-12-05")
        f.order("ReturnedIn11", "2025-12-12", "40", status: "returned")
        f.client("ReturnedThenRebought", "outlets: 1") // a repeat order: the goods sold after all
        f.order("ReturnedThenRebought", "2025-11-01", "100", due: "2025-11-11", paid: "2025-11-05")
        f.order("ReturnedThenRebought", "2025-11-05", "40", status: "returned")
        f.order("ReturnedThenRebought", "2025-12-01", "100", due: "2025-12-11", paid: "2025-12-05")
        f.client("OnlyReturns");  f.order("OnlyReturns", "2025-12-20", "50", status: "returned")
        f.client("Manual", "manual_block: \"court case\"")
        f.client("Everything", "manual_block: \"  no contract  \"")  // first order overdue, over limit, returned, manual
        f.order("Everything", "2025-12-01", "300", due: "2025-12-11", paid: "2025-12-10", paidAmount: "50")
        f.order("Everything", "2025-12-05", "20", status: "returned")
        try f.commit()
    }

    func testCreditLimitAndOpenBalance() throws {
        // Regular and ReturnedThenRebought are established: no limit unless set (credit.default_limit none).
        assertClasses(try f.texts("credit_limit"), ["Regular": "", "OverLimit": "200.00", "ChainOverdue": "1200.00",
                                                    "AtLimit": "900.00", "TwoOutlets": "400.00", "ReturnedThenRebought": ""],
                      "credit_limit")
        // Regular: 300 + 500 shipped, 300 + 200 paid: 300 open. Everything: 300 - 50.
        assertClasses(try f.texts("open_balance"), ["Regular": "300.00", "OverLimit": "250.00", "ChainOverdue": "1000.00",
                                                    "AtLimit": "900.00", "TwoOutlets": "0.00", "OnlyReturns": "0.00",
                                                    "Everything": "250.00"], "open_balance")
    }

    func testBlocks() throws {
        assertClasses(try f.texts("block_reasons"), [
            "Regular": "overdue order N2: 50 days past due", // established; N2 due 2025-11-11, 300 open
            "OverLimit": "first delivery not paid in full; credit limit exceeded",   // one shipped order, 250 > 200
            "ChainOverdue": "first payment overdue; first delivery not paid in full", // 1,000 unpaid after 2025-12-30; 1,000 <= 1,200
            "AtLimit": "first delivery not paid in full",   // 900 is not above 900, but nothing is paid yet
            "TwoOutlets": "",
            "ReturnedIn10": "first batch not sold",         // 12-11 is within 12-01 + 10 days, no later shipped order
            "ReturnedIn11": "",
            "ReturnedThenRebought": "",
            "OnlyReturns": "first batch not sold",          // the first batch came back
            "Manual": "manual: court case",
            "Everything": "first payment overdue; first delivery not paid in full; credit limit exceeded; first batch not sold; manual: no contract",
        ], "block_reasons")
        XCTAssertEqual(try f.texts("shipment_blocked").filter { $0.value == "true" }.keys.sorted(),
                       ["AtLimit", "ChainOverdue", "Everything", "Manual", "OnlyReturns", "OverLimit", "Regular", "ReturnedIn10"])
        let out = try f.engine.run("clients | where shipment_blocked and open_balance > 0 | count")
        XCTAssertEqual(out, [.scalar(name: "count", value: .integer(5))])
    }

    /// One rule set: `check shipment` of the smallest amount refuses exactly the clients
    /// `shipment_blocked` names, with the same rules (the credit limit apart: it adds the
    /// amount, and only AtLimit, blocked anyway, sits exactly at its limit).
    func testCheckShipmentRefusesExactlyTheBlockedClients() throws {
        let blocked = try f.texts("shipment_blocked")
        let reasons = try f.texts("block_reasons")
        XCTAssertEqual(blocked.count, 11)
        for (name, isBlocked) in blocked {
            let out = try f.render("check shipment client: \"\(name)\", amount: 0.01")
            XCTAssertEqual(out.contains("): refused"), isBlocked == "true", "\(name): \(out)")
            let listed = out.split(separator: "\n").filter { $0.hasPrefix("  - ") && !$0.hasPrefix("  - credit limit") }.count
            let stored = reasons[name]!.components(separatedBy: "; ").filter { !$0.isEmpty && $0 != "credit limit exceeded" }.count
            XCTAssertEqual(listed, stored, "\(name): \(out)")
        }
    }

    func testOverdueStopAfterTheGracePeriod() throws {
        try f.engine.run("set credit.overdue_grace_days = 49")
        assertClasses(try f.texts("block_reasons"), ["Regular": "overdue order N2: 50 days past due"], "grace 49")
        try f.engine.run("set credit.overdue_grace_days = 50")
        assertClasses(try f.texts("block_reasons"), ["Regular": ""], "grace 50: 50 days past due still ships")
    }

    func testCreditLimitSetDefaultAndNone() throws {
        try f.engine.run("set credit.default_limit = 299.99")
        assertClasses(try f.texts("credit_limit"), ["Regular": "299.99", "OverLimit": "200.00"], "default for established only")
        assertClasses(try f.texts("block_reasons"), ["Regular": "overdue order N2: 50 days past due; credit limit exceeded"], "300 > 299.99")
        try f.engine.run("update clients | where name == \"OverLimit\" set credit_limit = 250")
        assertClasses(try f.texts("credit_limit"), ["OverLimit": "250.00"], "own limit")
        assertClasses(try f.texts("block_reasons"), ["OverLimit": "first delivery not paid in full"], "250 is not above 250")
        try f.engine.run("update clients | where name == \"OverLimit\" set credit_limit = null\nset credit.default_limit = \"none\"")
        assertClasses(try f.texts("credit_limit"), ["OverLimit": "200.00", "Regular": ""], "unset again")
    }

    func testRulesAreSettings() throws {
        try f.engine.run("set first_deal.credit_per_outlet = 250")
        assertClasses(try f.texts("block_reasons"), ["OverLimit": "first delivery not paid in full"], "with 250 per outlet")
        try f.engine.run("set first_deal.deferral_days = 11")
        assertClasses(try f.texts("block_reasons"), ["ReturnedIn11": "first batch not sold"], "with 11 days")
        try f.engine.run("set first_deal.chain_outlets = 4")
        assertClasses(try f.texts("credit_limit"), ["AtLimit": "750.00", "ChainOverdue": "1500.00"], "chain from 4")
        try f.engine.run("reset")
        assertClasses(try f.texts("credit_limit"), ["AtLimit": "900.00"], "after reset")
    }

    func testCheckShipment() throws {
        XCTAssertEqual(try f.render("check shipment client: \"TwoOutlets\", amount: 400"), """
            shipment of 400.00 to TwoOutlets (id 5): allowed
              first-deal terms: credit limit 400.00, open balance 0.00

            """)
        XCTAssertEqual(try f.render("check shipment client: 5, amount: 400.01"), """
            shipment of 400.01 to TwoOutlets (id 5): refused
              - credit limit exceeded: open balance 0.00 + 400.01 is above the first-deal limit 400.00

            """)
        XCTAssertEqual(try f.render("check shipment client: \"regular\", amount: 5000"), """
            shipment of 5,000.00 to Regular (id 1): refused
              - overdue order N2: 50 days past due (credit.overdue_grace_days is 0)

            """)
        XCTAssertEqual(try f.render("check shipment client: \"ReturnedThenRebought\", amount: 5000"), """
            shipment of 5,000.00 to ReturnedThenRebought (id 8): allowed
              open balance 0.00; 2 shipped orders, no credit limit

            """)
        XCTAssertEqual(try f.render("check shipment client: \"Everything\", amount: 10"), """
            shipment of 10.00 to Everything (id 11): refused
              - first payment overdue
              - the first delivery is not paid in full (50.00 of 300.00 paid); a second shipment waits for it
              - credit limit exceeded: open balance 250.00 + 10.00 is above the first-deal limit 200.00
              - first batch not sold
              - manual: no contract

            """)
        // Second shipment only after the first is paid in full, even within the limit.
        XCTAssertEqual(try f.render("check shipment client: \"AtLimit\", amount: 0.01"), """
            shipment of 0.01 to AtLimit (id 4): refused
              - the first delivery is not paid in full (0.00 of 900.00 paid); a second shipment waits for it
              - credit limit exceeded: open balance 900.00 + 0.01 is above the first-deal limit 900.00

            """)
    }

    func testCheckShipmentRuntimeErrors() throws {
        XCTAssertThrowsError(try f.engine.run("check shipment client: \"Nobody\", amount: 10")) { e in
            XCTAssertEqual((e as? ClienteleError)?.message, "there is no client 'Nobody'")
        }
        XCTAssertThrowsError(try f.engine.run("check shipment client: 99, amount: 10")) { e in
            XCTAssertEqual((e as? ClienteleError)?.message, "there is no client with id 99")
        }
    }
}
