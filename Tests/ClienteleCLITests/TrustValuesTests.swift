import XCTest

/// Issue 15, values (TrustValuesCases.swift): every case through the real program, each on
/// its own copy of the fixture store, compared with BadInput/expected-values.txt
/// (CLIENTELE_UPDATE_GOLDEN=1 rewrites it; review every message).
final class TrustValuesTests: XCTestCase {
    func testValuesOutOfRangeAreRefusedAndChangeNothing() throws {
        try Program.requireBinary()
        let cases = BadInputCase.values
        XCTAssertGreaterThanOrEqual(cases.count, 25)
        let outcomes = BadInputTests.runAll(cases)
        for o in outcomes { o.failures.forEach { XCTFail($0) } }
        try BadInputTests.compare(outcomes.map(\.transcript), with: "expected-values.txt")
    }
}
