import Foundation
import XCTest
import ClienteleTestSupport

/// Bad `let`s through the real program (cases in TrustShellCases.swift, transcript in
/// BadInput/expected-shell.txt), and a long chain of lets checked and run.
final class TrustShellTests: XCTestCase {
    func testBadLetsAreRefusedCleanlyAndChangeNothing() throws {
        try Program.requireBinary()
        let outcomes = BadInputTests.runAll(BadInputCase.shell)
        for o in outcomes { o.failures.forEach { XCTFail($0) } }
        // The shared comparison (an instance method of BadInputTests; failures are recorded
        // on the running test).
        try BadInputTests.compare(outcomes.map(\.transcript), with: "expected-shell.txt")
    }

    /// 5,000 lets, each refining the one before (once a new name, once the same name):
    /// checked in linear time and run as one query (its 5,000 conditions nested so SQLite
    /// accepts them). The fixture's clients have ids 1 and 2; only the last let drops one.
    func testAChainOf5000LetsIsCheckedAndRun() throws {
        try Program.requireBinary()
        let n = 5_000
        var named = ["let a0 = clients"], shadowed = ["let a = clients"]
        for k in 1..<n {
            named.append("let a\(k) = a\(k - 1) | where id != \(k + 2)")
            shadowed.append("let a = a | where id != \(k + 2)")
        }
        named.append("let a\(n) = a\(n - 1) | where id != 1")
        shadowed.append("let a = a | where id != 1")
        named.append("a\(n) | select id")
        shadowed.append("a | select id")
        for script in [named, shadowed] {
            let store = TemporaryStore.copy()
            defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: store).deletingLastPathComponent()) }
            let result = try Program.run([store, "--format", "csv"], input: .bytes(Data(script.joined(separator: "\n").utf8)))
            XCTAssertEqual(result.output, "id\n2\n")
            XCTAssertEqual(result.status, 0)
        }
    }
}
