import XCTest
import ClienteleCore
import ClienteleSQLite
@testable import ClientelePostgres

final class PostgresStoreTests: PostgresTestCase {
    /// ./scripts/test sets both; a suite that silently skipped every server test would pass.
    func testServerIsThereUnderScriptsTest() throws {
        guard Self.required else { throw XCTSkip("not under ./scripts/test (CLIENTELE_REQUIRE_POSTGRES unset)") }
        XCTAssertNotNil(Self.serverURL, "CLIENTELE_TEST_POSTGRES_URL must be set under ./scripts/test")
    }

    func testCreatesTheSchemaWithTheSQLiteStoresDefaultRows() throws {
        let pg = try newStore()
        defer { pg.close() }
        XCTAssertTrue(pg.dialect is PostgreSQLDialect)
        let sqlite = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString).sqlite").path)
        for (table, order) in [("settings", "key"), ("activities", "name"), ("categories", "id"), ("rules", "id"), ("rfm_segments", "id"), ("holidays", "id")] {
            let sql = "SELECT * FROM \(table) ORDER BY \(order)"
            let expected = try sqlite.readTransaction { try $0.fetchAll(sql) }
            let found = try pg.readTransaction { try $0.fetchAll(sql) }
            XCTAssertFalse(expected.isEmpty, table)
            XCTAssertEqual(found, expected, table)
        }
        let migrations = try pg.readTransaction { try $0.fetchAll("SELECT name FROM schema_migrations ORDER BY name") }
        XCTAssertEqual(migrations.compactMap { $0.first?.string }, PostgresSchema.migrations.map(\.name).sorted())
        XCTAssertEqual(migrations.count, 19)
        let settings = try pg.readTransaction { try $0.loadSettings() }
        XCTAssertEqual(settings.text("currency"), "RUB")
    }

    func testReopeningRunsNoMigrationTwiceAndReadOnlyNeedsAStore() throws {
        let url = try scratchDatabase()
        XCTAssertThrowsError(try PostgresStore(url: url, readOnly: true)) { e in
            XCTAssertTrue("\(e)".contains("holds no Clientele store"), "\(e)")
        }
        try PostgresStore(url: url).close()
        let again = try PostgresStore(url: url)
        let count = try again.readTransaction { try $0.fetchOne("SELECT count(*) FROM settings")?.first?.int64 }
        XCTAssertEqual(count, Int64(try Schema.defaultRows()[0].rows.count))
        again.close()
        let reader = try PostgresStore(url: url, readOnly: true)
        defer { reader.close() }
        XCTAssertThrowsError(try reader.writeTransaction { try $0.execute("DELETE FROM settings") }) { e in
            XCTAssertEqual(reader.storeError(e)?.kind, .readOnly)
        }
        // A read transaction is READ ONLY on the server too.
        XCTAssertThrowsError(try reader.readTransaction { try $0.execute("DELETE FROM settings") }) { e in
            XCTAssertEqual(reader.storeError(e)?.kind, .readOnly, "\(e)")
        }
    }

    func testRefusesADatabaseWithOtherTables() throws {
        let url = try scratchDatabase()
        try PostgresAdmin.run(url, ["CREATE TABLE invoices (id int)"])
        XCTAssertThrowsError(try PostgresStore(url: url)) { e in
            XCTAssertTrue("\(e)".contains("is not a Clientele store"), "\(e)")
        }
    }

    func testWriteTransactionIsAllOrNothingAndBindsValues() throws {
        let pg = try newStore()
        defer { pg.close() }
        try pg.writeTransaction { tx in
            try tx.execute("INSERT INTO clients (name, tax_id, founded) VALUES ($1, $2, $3)",
                           .positional([.text("Ёлка; DROP TABLE clients"), .text("7701"), .text("2020-02-29")]))
            XCTAssertEqual(tx.changes, 1)
        }
        XCTAssertThrowsError(try pg.writeTransaction { tx in
            try tx.execute("INSERT INTO clients (name) VALUES ($1)", .positional([.text("kept?")]))
            try tx.execute("INSERT INTO clients (name, tax_id) VALUES ($1, $2)", .positional([.text("dup"), .text("7701")]))
        })
        let rows = try pg.readTransaction { try $0.fetchAll("SELECT name, founded, outlets FROM clients ORDER BY id") }
        XCTAssertEqual(rows, [[.text("Ёлка; DROP TABLE clients"), .text("2020-02-29"), .integer(1)]])
    }

    func testBrokenRulesReadAsTheSQLiteStoresSentences() throws {
        let pg = try newStore()
        defer { pg.close() }
        let sqlite = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString).sqlite").path)
        let setup = ["INSERT INTO clients (id, name, tax_id) VALUES (1, 'A', '77')",
                     "INSERT INTO orders (id, client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, 1, '2025-01-01', '2025-01-11', 100, 100)"]
        let broken = [
            "INSERT INTO clients (name, tax_id) VALUES ('B', '77')",
            "INSERT INTO clients (name, outlets) VALUES ('B', -1)",
            "INSERT INTO clients (name, sales_type) VALUES ('B', 'kiosk')",
            "INSERT INTO clients (name) VALUES (NULL)",
            "INSERT INTO orders (client_id, order_date, due_date, gross_minor, net_minor) VALUES (99, '2025-01-01', '2025-01-01', 1, 1)",
            "INSERT INTO orders (client_id, order_date, due_date, gross_minor, discount_minor, net_minor) VALUES (1, '2025-01-01', '2025-01-01', 100, 10, 100)",
            "INSERT INTO payments (order_id, date, amount_minor) VALUES (1, '2025-01-02', -5)",
            "UPDATE categories SET margin_bp = 10001 WHERE id = 1",
        ]
        for backend in [pg as StorageBackend, sqlite] {
            try backend.writeTransaction { tx in for s in setup { try tx.execute(s) } }
        }
        for statement in broken {
            var sentences: [StoreError] = []
            for backend in [pg as StorageBackend, sqlite] {
                do {
                    try backend.writeTransaction { try $0.execute(statement) }
                    XCTFail("accepted on \(type(of: backend.dialect)): \(statement)")
                } catch {
                    if let e = backend.storeError(error) { sentences.append(e) }
                }
            }
            XCTAssertEqual(sentences.count, 2, statement)
            XCTAssertEqual(sentences.first, sentences.last, statement)
            XCTAssertEqual(sentences.first?.kind, .constraint, statement)
        }
    }

    func testPaymentFactsFollowThePayments() throws {
        let pg = try newStore()
        defer { pg.close() }
        let before = try pg.readTransaction { try $0.changeCounter() }
        try pg.writeTransaction { tx in
            try tx.execute("INSERT INTO clients (id, name) VALUES (1, 'A')")
            try tx.execute("INSERT INTO orders (id, client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, 1, '2025-01-01', '2025-01-11', 1000, 1000)")
            try tx.execute("INSERT INTO payments (order_id, date, amount_minor) VALUES (1, '2025-01-05', 300), (1, '2025-01-03', 200)")
        }
        func facts() throws -> [SQLValue]? { try pg.readTransaction { try $0.fetchOne("SELECT paid_minor, last_paid FROM orders WHERE id = 1") } }
        XCTAssertEqual(try facts(), [.integer(500), .text("2025-01-05")])
        try pg.writeTransaction { try $0.execute("DELETE FROM payments WHERE date = '2025-01-05'") }
        XCTAssertEqual(try facts(), [.integer(200), .text("2025-01-03")])
        try pg.writeTransaction { try $0.execute("UPDATE payments SET amount_minor = 250") }
        XCTAssertEqual(try facts(), [.integer(250), .text("2025-01-03")])
        let after = try pg.readTransaction { try $0.changeCounter() }
        XCTAssertGreaterThan(after ?? 0, before ?? Int64.max)
        XCTAssertTrue(try pg.readTransaction { try $0.paymentFactsAreCurrent(today: CalendarDate(iso: "2025-01-03")!) })
        XCTAssertFalse(try pg.readTransaction { try $0.paymentFactsAreCurrent(today: CalendarDate(iso: "2025-01-02")!) })
    }

    func testInterruptCancelsTheRunningQuery() throws {
        let pg = try newStore()
        defer { pg.close() }
        let interruption = Interruption()
        // The request comes while the server sleeps; the query is canceled long before 60 s.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { interruption.request() }
        XCTAssertThrowsError(try Interruption.$current.withValue(interruption) {
            try pg.readTransaction { try $0.execute("SELECT pg_sleep(60)") }
        }) { e in
            XCTAssertEqual(pg.storeError(e)?.kind, .interrupted, "\(e)")
        }
        // The connection is usable afterwards.
        XCTAssertEqual(try pg.readTransaction { try $0.fetchOne("SELECT 1")?.first }, .integer(1))
    }

    func testStreamsManyRowsAndNumericSums() throws {
        let pg = try newStore()
        defer { pg.close() }
        var n: Int64 = 0, total: Int64 = 0
        try pg.readTransaction { tx in
            try tx.stream("SELECT g::bigint, g::numeric * 2 FROM generate_series(1, 20000) g", .none) { row in
                n += 1
                total += row[1].int64 ?? 0
            }
        }
        XCTAssertEqual(n, 20000)
        XCTAssertEqual(total, 20000 * 20001)
        let sum = try pg.readTransaction { try $0.fetchOne("SELECT SUM(x) FROM (VALUES (9223372036854775807::bigint), (-1::bigint)) v(x)") }
        XCTAssertEqual(sum, [.integer(9223372036854775806)])
    }
    /// pg4-importance-per-direction on a store made before it (as v13 on SQLite): importance.per
    /// follows the new default when it was still at the old one (none); a chosen one stays.
    func testImportancePerDirectionUpgradesAnOlderStore() throws {
        for (chosen, expected) in [("none", "direction_or_territory"), ("region", "region")] {
            let url = try scratchDatabase()
            try PostgresStore(url: url).close()
            try PostgresAdmin.run(url, [
                "DELETE FROM schema_migrations WHERE name = 'pg4-importance-per-direction'",
                "DELETE FROM settings WHERE key = 'importance.territorial_directions'",
                "UPDATE settings SET value = '\(chosen)', default_value = 'none' WHERE key = 'importance.per'",
            ])
            let pg = try PostgresStore(url: url)
            defer { pg.close() }
            let settings = try pg.readTransaction { try $0.loadSettings() }
            XCTAssertEqual(settings.text("importance.per"), expected)
            XCTAssertEqual(settings.text("importance.territorial_directions"), "retail")
            let defaults = try pg.readTransaction { try $0.fetchAll("SELECT default_value FROM settings WHERE key = 'importance.per'") }
            XCTAssertEqual(defaults.first?.first?.string, "direction_or_territory")
        }
    }
}
