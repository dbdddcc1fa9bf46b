import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Each chunk of Golden/errors.clq must fail (its exact diagnostic is pinned by errors.out
/// through GoldenTests) and must leave the store exactly as it was.
final class ErrorTests: XCTestCase {
    func testEveryErrorCaseFailsAndChangesNothing() throws {
        let text = try String(contentsOf: Fixture.goldenDirectory.appendingPathComponent("errors.clq"), encoding: .utf8)
        let chunks = text.components(separatedBy: "\n---\n").map { $0.trimmingCharacters(in: .newlines) }
            .map { $0.split(separator: "\n").filter { !$0.hasPrefix("# Every chunk") }.joined(separator: "\n") }
            .filter { !$0.isEmpty }
        XCTAssertGreaterThanOrEqual(chunks.count, 40)
        for chunk in chunks {
            let engine = try Fixture.engine()
            let before = try engine.store.contentChecksum()
            XCTAssertThrowsError(try engine.run(chunk), "expected an error from: \(chunk)") { error in
                XCTAssertTrue(error is ClienteleError, "\(chunk): unexpected error type \(error)")
            }
            XCTAssertEqual(try engine.store.contentChecksum(), before, "store changed by: \(chunk)")
        }
    }

    func testCheckerReportsEveryErrorInAScript() throws {
        let engine = try Fixture.engine()
        let source = """
        clients | where regoin == "North"
        orders | where order_date == 2025-02-30
        clients | sorr name
        """
        let diagnostics = engine.check(source)
        XCTAssertEqual(diagnostics.map(\.description), [
            "1:17: unknown field 'regoin' on clients",
            "2:30: 2025-02-30 is not a calendar date: February 2025 has 28 days",
            "3:11: unknown stage 'sorr'",
        ])
        XCTAssertEqual(diagnostics[0].help, "did you mean 'region'?")
    }

    func testNothingRunsWhenALaterStatementDoesNotCheck() throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        XCTAssertThrowsError(try engine.run("delete all payments\nclients | where nope == 1"))
        XCTAssertEqual(try engine.store.contentChecksum(), before)
        XCTAssertEqual(try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM payments") }, 11)
    }

    func testAFailingStatementRollsBackEarlierOnes() throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        let source = """
        delete all payments
        update clients | where id == 1 set name = "renamed"
        clients | select x = turnover / (outlets - outlets)
        """
        XCTAssertThrowsError(try engine.run(source, origin: "job.clq")) { error in
            let failure = error as! ClienteleError
            XCTAssertEqual(failure.message, "division by zero")
            XCTAssertEqual(failure.span?.line, 3)
            // The caret is under the division that failed, not the whole statement.
            XCTAssertEqual(failure.span?.column, 22)
            XCTAssertTrue(failure.text.contains("--> job.clq:3:22"))
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)
    }

    func testReadOnlyStoreRefusesEveryMutation() throws {
        let engine = try Fixture.engine(readOnly: true)
        let before = try engine.store.contentChecksum()
        for source in ["add clients name: \"X\"", "update clients | where id == 1 set name = \"Y\"",
                       "delete clients | where id == 1", "delete all orders", "set stored abc.a_min = 1", "reset stored abc.a_min",
                       "reset stored", "import \"x.csv\" into clients"] {
            XCTAssertThrowsError(try engine.run(source)) { error in
                let text = (error as? ClienteleError)?.text ?? "\(error)"
                XCTAssertTrue(text.contains("the store is open read-only"), "\(source): \(text)")
            }
        }
        XCTAssertEqual(try engine.run("clients | count"), [.scalar(name: "count", value: .integer(8))])
        // A plain `set` of a store setting is for this session only, so a read-only store allows it.
        XCTAssertNoThrow(try engine.run("set abc.a_min = 600"))
        XCTAssertEqual(engine.session.settings["abc.a_min"], "600.00")
        XCTAssertEqual(try engine.store.contentChecksum(), before)
    }

    func testDeeplyNestedInputIsRefusedCleanly() throws {
        let engine = try Fixture.engine()
        let deep = "clients | where " + String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)
        let diagnostics = engine.check(deep)
        XCTAssertEqual(diagnostics.first?.message, "expression nested too deeply (more than 200 levels)")
        let nots = "clients | where " + String(repeating: "not ", count: 5_000) + "true"
        XCTAssertEqual(engine.check(nots).first?.message, "expression nested too deeply (more than 200 levels)")
    }

    func testEmptyAndWhitespaceScriptsDoNothing() throws {
        let engine = try Fixture.engine()
        XCTAssertEqual(try engine.run(""), [])
        XCTAssertEqual(try engine.run("  \n\t\n  # only a comment\n;;"), [])
    }
}
