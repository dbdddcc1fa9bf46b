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
        try compare(outcomes.map(\.transcript), with: "expected-values.txt")
    }

    /// As BadInputTests.compare (an instance method of that test case, so not callable from here).
    private func compare(_ transcripts: [String], with file: String) throws {
        let actual = transcripts.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined(separator: "\n")
        let url = BadInputTests.corpus.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing \(file): run with CLIENTELE_UPDATE_GOLDEN=1)"
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let caseName = a[..<min(line, a.count)].last { $0.hasPrefix("=== ") } ?? "?"
        XCTFail("\(file) differs at line \(line + 1) (\(caseName)):\n  expected: \(line < e.count ? String(e[line]) : "<end>")\n  actual:   \(line < a.count ? String(a[line]) : "<end>")")
    }
}
