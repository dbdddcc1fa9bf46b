import XCTest
import ClientelePostgres

final class PostgresURLTests: XCTestCase {
    func testReadsEveryPart() throws {
        let u = try PostgresURL("postgresql://ann:s%40cret@db.local:6543/sales", environment: [:], home: "/nonexistent")
        XCTAssertEqual(u.user, "ann")
        XCTAssertEqual(u.password, "s@cret")
        XCTAssertEqual(u.host, "db.local")
        XCTAssertEqual(u.port, 6543)
        XCTAssertEqual(u.database, "sales")
    }

    func testDescriptionNeverShowsThePassword() throws {
        let u = try PostgresURL("postgres://ann:hunter2@h/sales", environment: [:], home: "/nonexistent")
        XCTAssertEqual(u.description, "postgres://ann@h:5432/sales")
        XCTAssertFalse("\(u)".contains("hunter2"))
    }

    func testPasswordFromEnvironmentThenPgpass() throws {
        let fromEnv = try PostgresURL("postgres://ann@h/sales", environment: ["PGPASSWORD": "env-secret"], home: "/nonexistent")
        XCTAssertEqual(fromEnv.password, "env-secret")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# comment\nother:5432:*:ann:wrong\nh:5432:sales:ann:pa\\:ss\n*:*:*:*:fallback\n"
            .write(to: dir.appendingPathComponent(".pgpass"), atomically: true, encoding: .utf8)
        let fromFile = try PostgresURL("postgres://ann@h/sales", environment: [:], home: dir.path)
        XCTAssertEqual(fromFile.password, "pa:ss")
        let wildcard = try PostgresURL("postgres://bob@x:1/y", environment: [:], home: dir.path)
        XCTAssertEqual(wildcard.password, "fallback")
        let none = try PostgresURL("postgres://bob@x/y", environment: [:], home: "/nonexistent")
        XCTAssertNil(none.password)
    }

    func testRefusesWhatIsNotAPostgresAddress() {
        XCTAssertFalse(PostgresURL.isPostgres("store.sqlite"))
        XCTAssertTrue(PostgresURL.isPostgres("PostgreSQL://h/db"))
        XCTAssertThrowsError(try PostgresURL("mysql://h/db", environment: [:], home: "/"))
        XCTAssertThrowsError(try PostgresURL("postgres://h:99999/db", environment: [:], home: "/"))
    }

    func testUnixSocketHostsAsPsqlReadsThem() throws {
        let query = try PostgresURL("postgres:///sales?host=/run/postgresql", environment: ["USER": "ann"], home: "/nonexistent")
        XCTAssertEqual(query.host, "/run/postgresql")
        XCTAssertEqual(query.user, "ann")
        XCTAssertEqual(query.database, "sales")
        XCTAssertEqual(query.socketPath, "/run/postgresql/.s.PGSQL.5432")
        XCTAssertEqual(query.description, "postgres://ann@/sales?host=/run/postgresql")
        let encoded = try PostgresURL("postgresql://bob:pw@%2Ftmp%2Fpg:6000/sales", environment: [:], home: "/nonexistent")
        XCTAssertEqual(encoded.host, "/tmp/pg")
        XCTAssertEqual(encoded.socketPath, "/tmp/pg/.s.PGSQL.6000")
        XCTAssertEqual(encoded.description, "postgres://bob@/sales?host=/tmp/pg&port=6000")
        XCTAssertFalse(encoded.description.contains("pw"))
        let fromEnv = try PostgresURL("postgres://ann@/sales", environment: ["PGHOST": "/var/run/postgresql"], home: "/nonexistent")
        XCTAssertEqual(fromEnv.socketPath, "/var/run/postgresql/.s.PGSQL.5432")
        XCTAssertNil(try PostgresURL("postgres://ann@h/sales", environment: [:], home: "/nonexistent").socketPath)
    }

    func testQueryParametersAndSSLModes() throws {
        let u = try PostgresURL("postgres://h/x?dbname=sales&user=ann&port=6543&password=s3&sslmode=require",
                                environment: [:], home: "/nonexistent")
        XCTAssertEqual([u.user, u.database, u.host, u.password], ["ann", "sales", "h", "s3"])
        XCTAssertEqual(u.port, 6543)
        XCTAssertEqual(u.sslMode, .require)
        XCTAssertFalse(u.description.contains("s3"))
        XCTAssertEqual(try PostgresURL("postgres://h/x", environment: [:], home: "/").sslMode, .prefer)
        XCTAssertEqual(try PostgresURL("postgres://h/x", environment: ["PGSSLMODE": "disable"], home: "/").sslMode, .disable)
        XCTAssertEqual(try PostgresURL("postgres://h/x?sslmode=disable", environment: ["PGSSLMODE": "require"], home: "/").sslMode, .disable)
    }

    func testRefusesParametersItCannotHonour() {
        func reason(_ text: String) -> String {
            do { _ = try PostgresURL(text, environment: [:], home: "/"); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertEqual(reason("postgres://h/x?sslmode=verify-full"),
                       "not a PostgreSQL address (postgres://user@host:port/database): sslmode 'verify-full' is not supported (use disable, prefer, require)")
        XCTAssertEqual(reason("postgres://h/x?application_name=me"),
                       "not a PostgreSQL address (postgres://user@host:port/database): unknown parameter 'application_name' (known: host, port, user, dbname, password, sslmode)")
        XCTAssertTrue(reason("postgres://h/x?port=abc").contains("the port must be a number, not 'abc'"))
        XCTAssertTrue(reason("postgres://h/x?sslmode=disable&sslmode=require").contains("given twice"))
        XCTAssertTrue(reason("postgres://a,b/x").contains("give one host"))
    }

    func testPgpassMatchesASocketAsLocalhost() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "localhost:5432:sales:ann:by-socket\n".write(to: dir.appendingPathComponent(".pgpass"), atomically: true, encoding: .utf8)
        let u = try PostgresURL("postgres://ann@/sales?host=/run/postgresql", environment: [:], home: dir.path)
        XCTAssertEqual(u.password, "by-socket")
    }
}
