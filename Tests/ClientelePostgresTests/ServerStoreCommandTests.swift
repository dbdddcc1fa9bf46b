import XCTest
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
import ClientelePostgres

/// The `clientele` program on a PostgreSQL team store, through the built binary: scripts
/// (`-c`, `run --store`, stdin), `demo --out`, `init`, `--read-only`, and the messages for
/// addresses that do not lead to a store. No output ever shows a password.
final class ServerStoreCommandTests: PostgresTestCase {
    static var executable: URL { ChildProcess.builtProduct("clientele", besideBundleOf: ServerStoreCommandTests.self) }

    func run(_ arguments: [String], stdin: String? = nil) throws -> ProgramResult {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = "/nonexistent"          // no init file, no ~/.pgpass
        env.removeValue(forKey: "PGPASSWORD")
        return try ChildProcess.run(Self.executable, arguments, environment: env, stdin: stdin)
    }

    /// The scratch database's address with a password in it (trust authentication ignores
    /// it): every output is checked for it.
    func address(_ url: PostgresURL, password: String = "sekret") -> String {
        "postgresql://\(url.user):\(password)@\(url.host):\(url.port)/\(url.database)"
    }

    func assertNoPassword(_ r: ProgramResult, _ password: String = "sekret", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(r.stdout.contains(password) || r.stderr.contains(password), "the password was printed: \(r.stderr)\(r.stdout)",
                       file: file, line: line)
    }

    func testDemoFillsAnEmptyDatabaseAndScriptsRunOnIt() throws {
        let url = try scratchDatabase()
        let store = address(url)
        let demo = try run(["demo", "--clients", "25", "--out", store])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stderr.contains("created \(url): 25 clients"), demo.stderr)
        assertNoPassword(demo)

        // -c (the fast path), several lines as one script.
        let count = try run([store, "--format", "csv", "-c", "clients | count"])
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.stdout, "count\n25\n")
        assertNoPassword(count)

        // The same through ArgumentParser (a flag the fast path leaves to it) and stdin.
        let viaStdin = try run(["shell", store, "--format=csv"], stdin: "clients | where region != null | count\n")
        XCTAssertEqual(viaStdin.status, 0, viaStdin.stderr)
        XCTAssertEqual(viaStdin.stdout, "count\n25\n")

        // A change commits, and a script whose second statement fails leaves nothing.
        // (Deletes: most other changes do not run on PostgreSQL yet, see docs/team.md.)
        let change = try run([store, "-c", "delete payments | where id == 1"])
        XCTAssertEqual(change.status, 0, change.stderr)
        XCTAssertEqual(change.stdout, "1 payment deleted.\n")
        let failing = try run([store, "-c", "delete payments | where id == 2",
                               "-c", "update clients | where id == 3 set outlets = -1"])
        XCTAssertEqual(failing.status, 1, failing.stderr)
        XCTAssertTrue(failing.stderr.contains("nothing was changed by this script"), failing.stderr)
        let after = try run([store, "--format", "csv", "-c", "payments | where id <= 3 | select id"])
        XCTAssertEqual(after.stdout, "id\n2\n3\n", "only the first script's change remains: \(after.stderr)")
    }

    func testRunStoreTakesAnAddress() throws {
        let url = try scratchDatabase()
        let store = address(url)
        XCTAssertEqual(try run(["demo", "--clients", "10", "--out", store]).status, 0)
        let script = TemporaryStore.path("server-run") + ".clq"
        try "delete payments | where id <= 5\npayments | where id <= 5 | count\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        defer { unlink(script) }
        let r = try run(["run", script, "--store", store, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("count\n0\n"), r.stdout)
        assertNoPassword(r)
        let pg = try PostgresStore(url: url, readOnly: true)
        defer { pg.close() }
        XCTAssertEqual(try pg.readTransaction { try $0.fetchOne("SELECT count(*) FROM payments WHERE id <= 5")?.first }, .integer(0))
        XCTAssertEqual(try pg.readTransaction { try $0.fetchOne("SELECT min(id) FROM payments")?.first }, .integer(6))
    }

    func testDemoRefusesADatabaseThatHoldsData() throws {
        let url = try scratchDatabase()
        XCTAssertEqual(try run(["demo", "--clients", "5", "--out", address(url)]).status, 0)
        let again = try run(["demo", "--clients", "5", "--out", address(url)])
        XCTAssertEqual(again.status, 2, again.stderr)
        XCTAssertTrue(again.stderr.contains("\(url) is not empty (it holds clients); demo data goes into a new, empty database"), again.stderr)
        assertNoPassword(again)
        let pg = try PostgresStore(url: url, readOnly: true)
        defer { pg.close() }
        XCTAssertEqual(try pg.readTransaction { try $0.fetchOne("SELECT count(*) FROM clients")?.first }, .integer(5))
    }

    func testReadOnlyRefusesAChangeAndLeavesTheStore() throws {
        let url = try scratchDatabase()
        let store = address(url)
        XCTAssertEqual(try run(["demo", "--clients", "8", "--out", store]).status, 0)
        let r = try run(["--read-only", store, "-c", "delete clients"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("read-only"), r.stderr)
        assertNoPassword(r)
        let read = try run(["--read-only", store, "--format", "csv", "-c", "clients | count"])
        XCTAssertEqual(read.stdout, "count\n8\n", read.stderr)
        // Read-only needs a store there: an empty database is not made one.
        let empty = try scratchDatabase()
        let none = try run(["--read-only", address(empty), "-c", "clients | count"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("holds no Clientele store yet"), none.stderr)
    }

    func testInitCreatesTheSchemaOnceAndRefusesAnotherProgramsDatabase() throws {
        let url = try scratchDatabase()
        let first = try run(["init", address(url)])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "clientele: created a new store in \(url)\n")
        let second = try run(["init", address(url)])
        XCTAssertEqual(second.stderr, "clientele: \(url) is already a Clientele store; it is up to date\n")
        let other = try scratchDatabase()
        try PostgresAdmin.run(other, ["CREATE TABLE invoices (id int)"])
        let refused = try run(["init", address(other)])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("is not a Clientele store: it already holds other tables (invoices)"), refused.stderr)
        assertNoPassword(refused)
    }

    func testAddressesThatLeadNowhereSayWhy() throws {
        let url = try scratchDatabase()
        // A database that does not exist.
        var missing = url
        missing.database = "clientele_no_such_database"
        let m = try run([address(missing), "-c", "clients | count"])
        XCTAssertEqual(m.status, 2)
        XCTAssertTrue(m.stderr.contains("cannot connect to \(missing)") && m.stderr.contains("does not exist"), m.stderr)
        assertNoPassword(m)
        // Nothing listening on the port (a port just closed).
        let port = try Self.closedPort()
        let down = try run(["postgres://ann:sekret@127.0.0.1:\(port)/sales", "-c", "clients | count"])
        XCTAssertEqual(down.status, 2)
        XCTAssertEqual(down.stderr, "clientele: cannot connect to postgres://ann@127.0.0.1:\(port)/sales: "
                       + "no server is listening there (connection refused)\n")
        assertNoPassword(down)
        // A socket folder with no server in it.
        let folder = "/tmp/clq-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let socket = try run(["postgres://ann:sekret@/sales?host=\(folder)", "-c", "clients | count"])
        XCTAssertEqual(socket.status, 2)
        XCTAssertEqual(socket.stderr, "clientele: cannot connect to postgres://ann@/sales?host=\(folder): no server socket there (no such file)\n")
        // A socket folder too deep for a socket's path.
        let deep = "/tmp/" + String(repeating: "d", count: 100)
        let long = try run(["postgres://ann@/sales?host=\(deep)", "-c", "clients | count"])
        XCTAssertEqual(long.status, 2)
        XCTAssertTrue(long.stderr.contains("is too long for a unix socket (at most 107 bytes)"), long.stderr)
        // TLS required of a server that does not offer it (the test server has none).
        let tls = try run([address(url) + "?sslmode=require", "-c", "clients | count"])
        XCTAssertEqual(tls.status, 2)
        XCTAssertTrue(tls.stderr.hasSuffix(": the server does not offer TLS, which sslmode=require asks for\n"), tls.stderr)
        assertNoPassword(tls)
        // An address that is not one.
        let bad = try run(["postgres://ann:sekret@h/sales?frobnicate=1", "-c", "clients | count"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown parameter 'frobnicate'"), bad.stderr)
        assertNoPassword(bad)
    }

    func testAWrongPasswordIsTheServersSentenceWithoutThePassword() throws {
        _ = try scratchDatabase()
        let server = try PasswordRefusingServer()
        let r = try run(["postgres://ann:sekret-wrong@127.0.0.1:\(server.port)/sales?sslmode=disable", "-c", "clients | count"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("cannot connect to postgres://ann@127.0.0.1:\(server.port)/sales"), r.stderr)
        XCTAssertTrue(r.stderr.contains("password authentication failed for user \"ann\""), r.stderr)
        assertNoPassword(r, "sekret-wrong")
        XCTAssertEqual(server.passwordReceived(), "sekret-wrong", "the client sent the password from the address")
    }

    func testSQLiteOnlyMetaCommandsSaySo() throws {
        let url = try scratchDatabase()
        XCTAssertEqual(try run(["init", address(url)]).status, 0)
        let r = try run(["shell", address(url), "--format", "csv"], stdin: ".cache off\nclients | count\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("note: .cache is for SQLite stores"), r.stderr)
        XCTAssertEqual(r.stdout, "count\n0\n")
        let flag = try run([address(url), "--cache", "on", "-c", "clients | count"])
        XCTAssertEqual(flag.status, 0, flag.stderr)
        XCTAssertTrue(flag.stderr.contains("--cache is for SQLite stores"), flag.stderr)
    }

    /// A local port with nothing listening on it.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
