import Foundation
import XCTest
import Clientele
import ClienteleTestSupport

/// A read-only store refuses every mutating statement when the script is checked (nothing
/// runs), and analysis that only reads (scenarios evaluated and compared, segments,
/// movements, discount explanations, shipment checks) never changes the store.
final class ReadOnlyTests: XCTestCase {
    /// One of every statement kind that changes the store.
    static let mutating = [
        "add clients name: \"X\"",
        "update clients | where id == 1 set name = \"Y\"",
        "delete clients | where id == 1",
        "delete all orders",
        "set stored abc.a_min = 1",
        "reset stored abc.a_min",
        "reset stored",
        "import \"x.csv\" into clients",
        "rule \"New\": discount 2% when abc == \"C\" priority 40",
        "drop rule \"Volume A\"",
        "enable rule \"Volume A\"",
        "disable rule \"Volume B\"",
        "scenario \"S\" { set abc.a_min = 400 }",
        "drop scenario \"Saved\"",
    ]

    static let readOnlyAnalysis = [
        "compare baseline, \"Saved\" over 2025",
        "compare baseline, \"Saved\" over 2025 clients",
        "explain discount client: 1",
        "segment clients by abc",
        "segment clients by abc, risk",
        "movement abc from 2024 to 2025",
        "check shipment client: 1, amount: 150",
        "clients | where turnover > 100 | sort turnover desc | select name, abc, risk, status",
        "explain clients | where turnover > 1000",
        "set period = 2025",
        "set today = 2025-06-30",
        "set abc.a_min = 600",
        "reset abc.a_min",
    ]

    /// The fixture with a saved scenario, so that drop and compare have one to work on.
    static func storeWithScenario() throws -> (path: String, checksum: String) {
        let path = TemporaryStore.copy()
        try Engine(store: try Store(path: path)).run("scenario \"Saved\" { rule \"Volume A\": discount 7% when abc == \"A\" priority 10 }")
        return (path, try TemporaryStore.checksum(path))
    }

    func testEveryMutatingStatementIsRefusedOnAReadOnlyStore() throws {
        let (path, checksum) = try ReadOnlyTests.storeWithScenario()
        let engine = Engine(store: try Store(path: path, readOnly: true))
        for source in ReadOnlyTests.mutating {
            XCTAssertThrowsError(try engine.run(source), source) { error in
                guard case .check(let failure)? = error as? ClienteleError else { return XCTFail("\(source): \(error)") }
                XCTAssertEqual(failure.diagnostics.count, 1, "\(source): \(failure)")
                XCTAssertTrue(failure.diagnostics[0].message.hasPrefix("the store is open read-only: "), "\(source): \(failure)")
                XCTAssertEqual(failure.diagnostics[0].help, "open the store without --read-only to change data")
            }
        }
        for source in ReadOnlyTests.readOnlyAnalysis {
            XCTAssertNoThrow(try engine.run(source), source)
        }
        XCTAssertEqual(try engine.store.contentChecksum(), checksum)
    }

    func testAnalysisNeverChangesAWritableStore() throws {
        let (path, checksum) = try ReadOnlyTests.storeWithScenario()
        let engine = Engine(store: try Store(path: path))
        for source in ReadOnlyTests.readOnlyAnalysis {
            try engine.run(source)
            XCTAssertEqual(try engine.store.contentChecksum(), checksum, "changed by: \(source)")
        }
    }

    /// A script that only reads leaves a writable store's file exactly as it was: opening
    /// does not write (GRDB's pool would create a table to make a WAL file exist).
    func testAReadingScriptLeavesTheStoreFileUntouched() throws {
        try Program.requireBinary()
        let (path, _) = try ReadOnlyTests.storeWithScenario()
        Program.assertStatus(try Program.run([path, "-c", "clients | count"]), 0, "first run")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for source in ["clients | count", "segment clients by abc", "compare baseline, \"Saved\" over 2025"] {
            let result = try Program.run([path, "-c", source])
            Program.assertStatus(result, 0, source)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "the file changed after: \(source)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "a WAL file was left after: \(source)")
        }
    }

    /// Through the program: `--read-only` refuses each mutating statement (real CLI only).
    func testTheProgramWithReadOnlyRefusesEveryMutation() throws {
        try Program.requireBinary()
        guard Program.realCLI else { throw XCTSkip("needs the real CLI (--read-only); set Program.realCLI") }
        let (path, checksum) = try ReadOnlyTests.storeWithScenario()
        for source in ReadOnlyTests.mutating {
            let result = try Program.run(["--read-only", path, "-c", source])
            XCTAssertTrue(result.output.contains("the store is open read-only"), "\(source): \(result.output)")
            Program.assertStatus(result, 1, source)
        }
        XCTAssertEqual(try TemporaryStore.checksum(path), checksum)
    }
}
