import XCTest
@testable import Clientele

/// Every error a user can make in segment, movement, check shipment and the new settings.
final class AnalyticsDiagnosticsTests: XCTestCase {
    var f: AnalyticsFixture!
    override func setUpWithError() throws { f = try AnalyticsFixture() }

    func assertError(_ source: String, _ message: String, column: Int, help: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
        let d = f.engine.check(source)
        XCTAssertEqual(d.first?.message, message, source, file: file, line: line)
        XCTAssertEqual(d.first?.span.column, column, source, file: file, line: line)
        if let help { XCTAssertEqual(d.first?.help, help, source, file: file, line: line) }
    }

    func testSegment() {
        assertError("segment orders by abc", "segment works on clients, not orders", column: 9, help: "e.g. segment clients by abc")
        assertError("segment clients | select name by abc",
                    "segment needs whole clients: use only where, sort, take and skip before 'by'", column: 9)
        assertError("segment clients by abc, risk, status", "segment takes one or two segmentations, got 3", column: 31)
        assertError("segment clients by turnover",
                    "segment needs a classification (a label, a text, a whole number or true/false), but this is an amount of money",
                    column: 20, help: "e.g. segment clients by abc, or by importance, risk, status, region")
        assertError("segment clients by count()", "aggregates like sum() and count() belong in agg, not in segment", column: 20)
        assertError("segment clients by abx", "unknown field 'abx' on clients", column: 20, help: "did you mean 'abc'?")
        assertError("segment clients by abc, risk per region", "'per' goes with one segmentation", column: 34,
                    help: "e.g. segment clients by importance per region")
        assertError("segment clients by importance per regoin", "cannot segment per 'regoin'", column: 35, help: "did you mean 'region'?")
        assertError("segment clients by importance per phone", "cannot segment per 'phone'", column: 35,
                    help: "per takes one of: activity, curator, direction, direction_or_territory, region, source, territory")
        assertError("segment clients by abc over 2025-Q5", "'2025-Q5' is not a quarter: quarters are Q1 to Q4", column: 29)
        assertError("segment clients by abc over north", "expected a period: 2025, 2025-Q1, 2025-03, last 12 months, this year, previous quarter, 2025-01-01..2025-06-30, all", column: 29)
        assertError("segment clients by abc over $p", "unknown parameter $p", column: 29, help: "pass it with --param p=value")
        assertError("segment clients abc", "expected 'by' after the clients to segment (segment clients by abc), found 'abc'", column: 17)
        assertError("segment clients by abc per region per direction", "unexpected 'per' in segment", column: 35,
                    help: "write: segment clients by abc [, risk] [per region] [over 2025] [| stage ...]")
        assertError("segment clients by", "expected a value, found the end of input", column: 19)
    }

    func testMovement() {
        assertError("movement abx from 2024 to 2025", "unknown segmentation 'abx'", column: 10, help: "did you mean 'abc'?")
        assertError("movement status from 2024 to 2025", "movement needs a segmentation computed over a period, not 'status'", column: 10,
                    help: "movement works with: abc, risk, importance, rfm, rfm_r, rfm_f, rfm_m, rfm_segment")
        assertError("movement turnover from 2024 to 2025", "movement needs a segmentation computed over a period, not 'turnover'", column: 10)
        assertError("movement abc 2024 to 2025", "expected 'from' after 'abc' (movement abc from 2024 to 2025), found '2024'", column: 14)
        assertError("movement abc from 2024", "expected 'to' after the first period (movement abc from 2024 to 2025), found the end of input", column: 23)
        assertError("movement abc from 1800 to 2025", "1800 is not a year (1900-2999)", column: 19)
        assertError("movement abc from 2024 to 2025 | where form == \"A\"", "unknown field 'form' on clients", column: 40)
        assertError("movement abc from 2024 to 2025 | where from == 5", "cannot use '==' with a text and a whole number", column: 40)
    }

    func testCheckShipment() {
        let example = "e.g. check shipment client: \"ООО Ромашка\", amount: 150"
        assertError("check shipment client: \"X\"", "check shipment needs amount:", column: 1, help: example)
        assertError("check shipment amount: 5", "check shipment needs client: (a name or an id)", column: 1, help: example)
        assertError("check shipment client: \"X\", amount: \"lots\"", "amount takes an amount of money, not a text", column: 37, help: "e.g. amount: 150")
        assertError("check shipment client: \"X\", amount: 0", "amount must be more than zero", column: 37)
        assertError("check shipment client: \"X\", amount: -5", "amount must be more than zero", column: 37)
        assertError("check shipment client: 2025-01-01, amount: 5", "client is given by name (a text) or id (a whole number), not a date", column: 24)
        assertError("check shipment client: \"X\", client: \"Y\", amount: 5", "client is given twice", column: 29)
        assertError("check shipment custmer: \"X\", amount: 5", "check shipment takes client: and amount:, not 'custmer'", column: 16)
        assertError("check shipmnt client: \"X\"", "expected 'shipment' after 'check' (check shipment client: \"Name\", amount: 150, check duplicates, check sales types), found 'shipmnt'", column: 7)
        assertError("check shipment client \"X\"", "expected ':' after 'client' (write client: \"Name\", amount: 150), found a string", column: 23)
    }

    func testSettings() {
        assertError("set importance.per = \"regions\"",
                    "importance.per is one of global, none, activity, curator, direction, direction_or_territory, region, source, territory, not 'regions'", column: 22)
        assertError("set first_deal.class = \"D\"", "first_deal.class is one of A, B, C, none, not 'D'", column: 24)
        assertError("set importance.key_share = \"half\"", "importance.key_share takes a percent, not text", column: 28)
        assertError("set rfm.recency_days = 30", "unknown setting 'rfm.recency_days'", column: 5)
    }

    func testCommandWordsStillWorkAsLetNames() throws {
        try f.engine.run("let segment = clients | where region == \"North\"")
        XCTAssertEqual(try f.engine.run("segment | count"), [.scalar(name: "count", value: .integer(0))])
    }
}
