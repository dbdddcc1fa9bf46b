import XCTest
@testable import Clientele
@testable import ClientelePostgres
import ClienteleTestSupport

/// Issue 20 on a team store: the per-client credit limit and the named RFM segments read
/// through every role (the masked view of clients has the new column); only the head
/// changes the segments' ranges, as the rest of the policy.
final class CreditOnServerTests: TeamRolesTestCase {
    func testCreditControlAndRFMSegmentsThroughTheRoles() throws {
        try makeTeamStore()
        let query = "clients | sort id | select name, credit_limit, exposure, shipment_blocked, rfm_segment"
        let head = try open("head2")
        defer { head.close() }
        let expected = engine(head).transcript(query)
        XCTAssertTrue(expected.contains("Champions") || expected.contains("Loyal customers") || expected.contains("Others"), expected)
        for role in ["anna", "vera"] {
            let pg = try open(role)
            defer { pg.close() }
            XCTAssertEqual(engine(pg).transcript(query), expected, role)
            XCTAssertEqual(engine(pg).transcript("rfm_segments | count"), "11\n", role)
        }
        let anna = try open("anna")
        defer { anna.close() }
        XCTAssertTrue(refusal(write(anna, "UPDATE rfm_segments SET m_max = 4 WHERE name = 'Lost'")).contains("rfm_segments"))
        XCTAssertEqual(try write(head, "UPDATE rfm_segments SET m_max = 4 WHERE name = 'Lost'").get(), 1)
    }
}
