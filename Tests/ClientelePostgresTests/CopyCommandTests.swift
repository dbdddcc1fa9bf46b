import XCTest
import ClienteleCore
import ClienteleSQLite
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

    func testCopyRefusesAnExistingTargetFile() throws {
        let source = TemporaryStore.path("cli-copy-src")
        XCTAssertEqual(try run(["demo", "--clients", "3", "--out", source]).status, 0)
        let target = TemporaryStore.path("cli-copy-existing")
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        let r = try run(["copy", source, target])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "clientele: '\(target)' already exists; a copy goes into a new store file\n")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me")
    }

    /// sqlite -> PostgreSQL -> sqlite gives back every table's rows, value for value.
    func testRoundTripThroughTheServerGivesIdenticalTables() throws {
        let url = try scratchDatabase()
        let source = TemporaryStore.path("cli-roundtrip-src")
        XCTAssertEqual(try run(["demo", "--clients", "40", "--out", source]).status, 0)
        // Settings, rules and scenarios that differ from the defaults travel too.
        let setup = try run([source, "-c", "set abc.a_min = 400", "-c", "rule \"Trip\": discount 3% when outlets >= 5",
                             "-c", "scenario \"round\" { set abc.a_min = 500 }"])
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let address = "postgres://\(url.user):sekret@\(url.host):\(url.port)/\(url.database)"
        let there = try run(["copy", source, address])
        XCTAssertEqual(there.status, 0, there.stderr)
        XCTAssertTrue(there.stderr.contains("(counts checked)"), there.stderr)
        XCTAssertFalse(there.stderr.contains("\r"), "no progress bar without a terminal")
        let back = TemporaryStore.path("cli-roundtrip-back")
        let r = try run(["copy", address, back])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("clientele: copied ") && r.stderr.contains("into \(back) (counts checked)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("clients 40"), r.stderr)
        XCTAssertFalse(r.stderr.contains("sekret"), r.stderr)
        let a = try Store(path: source, readOnly: true), b = try Store(path: back, readOnly: true)
        for (table, _) in Self.tables {
            let left = try Self.rows(of: table, in: a), right = try Self.rows(of: table, in: b)
            XCTAssertFalse(table == "clients" && left.isEmpty)
            XCTAssertEqual(left, right, "table \(table) differs after the round trip")
        }
        // The copy back is a working store: a script runs on it.
        let q = try run([back, "--format", "csv", "-c", "clients | count"])
        XCTAssertEqual(q.stdout, "count\n40\n", q.stderr)
        // And it refuses to overwrite what it made.
        let again = try run(["copy", address, back])
        XCTAssertEqual(again.status, 2)
    }

    func testCopyFromAnEmptyDatabaseIsRefusedAndLeavesNoFile() throws {
        let url = try scratchDatabase()
        let target = TemporaryStore.path("cli-copy-nothing")
        let r = try run(["copy", "postgres://\(url.user)@\(url.host):\(url.port)/\(url.database)", target])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("holds no Clientele store yet"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    static let tables = ["settings", "activities", "categories", "rules", "clients", "contacts", "interactions", "contracts",
                         "conflicts", "orders", "order_lines", "payments", "scenarios", "scenario_changes"].map { ($0, 0) }

    /// Every row of a table as text, sorted: contents, whatever the storage order.
    static func rows(of table: String, in store: Store) throws -> [String] {
        try store.readTransaction { tx in
            try tx.fetchAll("SELECT * FROM \(table)").map { row in row.map { "\($0)" }.joined(separator: "|") }.sorted()
        }
    }
}
