import XCTest
import ClienteleCore
import ClientelePostgres

/// What a user reads when a PostgreSQL store cannot be opened.
final class PostgresOpenErrorTests: PostgresTestCase {
    func testAServerThatIsNotThereIsNamedWithoutThePassword() throws {
        _ = try scratchDatabase()
        // A port nothing listens on: the kernel gives a free one, then it is closed.
        let url = try PostgresURL("postgres://ann:sekret@127.0.0.1:\(Self.closedPort())/sales", environment: [:], home: "/nonexistent")
        XCTAssertThrowsError(try PostgresStore(url: url)) { e in
            let message = "\(e)"
            XCTAssertTrue(message.hasPrefix("cannot connect to postgres://ann@127.0.0.1:"), message)
            XCTAssertFalse(message.contains("sekret"), message)
        }
    }

    func testAStoreOfANewerClienteleIsRefused() throws {
        let url = try scratchDatabase()
        try PostgresStore(url: url).close()
        try PostgresAdmin.run(url, ["INSERT INTO schema_migrations (name) VALUES ('pg9-from-the-future')"])
        for readOnly in [false, true] {
            XCTAssertThrowsError(try PostgresStore(url: url, readOnly: readOnly)) { e in
                XCTAssertTrue("\(e)".contains("was written by a newer Clientele (migrations pg9-from-the-future)"), "\(e)")
            }
        }
    }

    func testAStoreMissingAMigrationIsUpgradedButNotReadOnly() throws {
        let url = try scratchDatabase()
        try PostgresStore(url: url).close()
        try PostgresAdmin.run(url, [
            "DELETE FROM schema_migrations WHERE name = 'pg1-amount-rules'",
            "DROP TRIGGER orders_amounts_rule ON orders", "DROP TRIGGER payments_amount_rule ON payments",
            "DROP TRIGGER order_lines_gross_rule ON order_lines", "DROP TRIGGER categories_margin_rule ON categories",
            "DROP FUNCTION clientele_rule_orders_amounts()", "DROP FUNCTION clientele_rule_payments_amount()",
            "DROP FUNCTION clientele_rule_order_lines_gross()", "DROP FUNCTION clientele_rule_categories_margin()",
        ])
        XCTAssertThrowsError(try PostgresStore(url: url, readOnly: true)) { e in
            XCTAssertTrue("\(e)".contains("is a Clientele store of an older version (it lacks pg1-amount-rules)"), "\(e)")
        }
        let store = try PostgresStore(url: url)
        defer { store.close() }
        XCTAssertThrowsError(try store.writeTransaction { try $0.execute("INSERT INTO payments (order_id, date, amount_minor) VALUES (1, '2025-01-01', -1)") }) { e in
            XCTAssertEqual(store.storeError(e)?.message, "a payment's amount cannot be negative")
        }
    }

    func testAnAddressThatIsNotPostgresSaysWhatItShouldBe() {
        XCTAssertThrowsError(try PostgresURL("mysql://h/db", environment: [:], home: "/")) { e in
            XCTAssertEqual("\(e)", "not a PostgreSQL address (postgres://user@host:port/database): it must start with postgres:// or postgresql://")
        }
    }

    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
