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
}
