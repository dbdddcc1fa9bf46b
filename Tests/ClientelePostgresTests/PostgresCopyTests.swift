import XCTest
import ClienteleCore
import ClienteleSQLite
import Clientele
import ClienteleTestSupport
import ClientelePostgres

final class PostgresCopyTests: PostgresTestCase {
    static let tables = ["settings", "activities", "categories", "rules", "clients", "contacts", "interactions",
                         "contracts", "conflicts", "orders", "order_lines", "payments", "scenarios", "scenario_changes"]

    func testCopiesEveryRowOfADemoStoreExactly() throws {
        let source = try TemporaryStore.demo("copy", DemoOptions(clients: 80, years: 2, seed: 7))
        try source.writeTransaction { tx in
            try tx.execute("UPDATE settings SET value = '250.00' WHERE key = 'abc.b_min'")
            try tx.execute("INSERT INTO scenarios (name, source) VALUES ('Ёлка', 'set abc.a_min = 1')")
        }
        let pg = try newStore()
        defer { pg.close() }
        let counts = try PostgresCopy.copy(from: source, to: pg)
        XCTAssertGreaterThan(counts.first { $0.table == "payments" }?.rows ?? 0, 100)
        for t in Self.tables {
            let sql = "SELECT * FROM \(t) ORDER BY 1"
            let expected = try source.readTransaction { try $0.fetchAll(sql) }
            let found = try pg.readTransaction { try $0.fetchAll(sql) }
            XCTAssertEqual(found.count, expected.count, t)
            XCTAssertEqual(found, expected, t)
        }
        // New rows continue after the copied ids, as in SQLite.
        let next = try pg.writeTransaction { tx -> Int64? in
            try tx.execute("INSERT INTO clients (name) VALUES ('new')")
            return try tx.fetchOne("SELECT max(id) FROM clients WHERE name = 'new'")?.first?.int64
        }
        let top = try source.readTransaction { try $0.fetchOne("SELECT max(id) FROM clients")?.first?.int64 }
        XCTAssertEqual(next, (top ?? 0) + 1)
        // A second copy into the same database is refused and changes nothing.
        XCTAssertThrowsError(try PostgresCopy.copy(from: source, to: pg)) { e in
            XCTAssertTrue("\(e)".contains("already holds data"), "\(e)")
        }
    }

    func testAValueTheServerRefusesUndoesTheWholeCopy() throws {
        let source = try TemporaryStore.demo("copy-bad", DemoOptions(clients: 10, years: 1, seed: 3))
        try source.writeTransaction { tx in
            try tx.execute("INSERT INTO contacts (client_id, name, birthday) VALUES (1, 'Leap', '1975-02-29')")
        }
        let pg = try newStore()
        defer { pg.close() }
        XCTAssertThrowsError(try PostgresCopy.copy(from: source, to: pg)) { e in
            let message = pg.storeError(e)?.message ?? "\(e)"
            XCTAssertTrue(message.contains("copying contacts") && message.contains("1975-02-29"), message)
        }
        let clients = try pg.readTransaction { try $0.fetchOne("SELECT count(*) FROM clients")?.first?.int64 }
        XCTAssertEqual(clients, 0)
    }
}
