import XCTest
import ClienteleCore
import ClienteleTestSupport
import ClientelePostgres

/// `clientele copy` and a PostgreSQL address as a script's store, through the built binary.
final class CopyCommandTests: PostgresTestCase {
    typealias Result = ProgramResult

    static var executable: URL { ChildProcess.builtProduct("clientele", besideBundleOf: CopyCommandTests.self) }

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        try ChildProcess.run(Self.executable, arguments, environment: ProcessInfo.processInfo.environment.merging(extra) { $1 })
    }

    func testCopyFillsANewDatabaseOnceAndNeverPrintsThePassword() throws {
        let url = try scratchDatabase()
        let source = TemporaryStore.path("cli-copy")
        XCTAssertEqual(try run(["demo", "--clients", "30", "--out", source]).status, 0)
        // A password in the address (trust authentication ignores it) must not be echoed.
        let address = "postgresql://\(url.user):sekret@\(url.host):\(url.port)/\(url.database)"
        let first = try run(["copy", source, address])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("clients 30"), first.stderr)
        XCTAssertFalse(first.stderr.contains("sekret"), first.stderr)
        let store = try PostgresStore(url: url, readOnly: true)
        defer { store.close() }
        XCTAssertEqual(try store.readTransaction { try $0.fetchOne("SELECT count(*) FROM clients")?.first }, .integer(30))

        let second = try run(["copy", source, address])
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertTrue(second.stderr.contains("nothing was copied") && second.stderr.contains("already holds data"), second.stderr)
        XCTAssertFalse(second.stderr.contains("sekret"), second.stderr)
    }

    func testAPostgresAddressAsAScriptsStoreIsRefusedWithASentence() throws {
        let url = try scratchDatabase()
        let r = try run(["postgres://\(url.user):sekret@\(url.host):\(url.port)/\(url.database)", "-c", "clients | count"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("is a PostgreSQL store: scripts do not run on one yet"), r.stderr)
        XCTAssertFalse(r.stderr.contains("sekret"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testCopyRefusesATargetThatIsNotAPostgresAddress() throws {
        _ = try scratchDatabase()
        let r = try run(["copy", "a.sqlite", "b.sqlite"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("must be a postgres:// or postgresql:// address"), r.stderr)
    }
}
