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

    /// The audit log crosses `copy` both ways as history, and each copy is one more row.
    func testTheAuditLogIsCarriedBothWaysAndEachCopyIsLogged() throws {
        let source = try TemporaryStore.demo("copy-audit", DemoOptions(clients: 20, years: 1, seed: 5))
        try source.writeTransaction { tx in
            try tx.execute("UPDATE clients SET region = 'Копия' WHERE id = 1")
            try tx.execute("DELETE FROM contacts WHERE id = (SELECT min(id) FROM contacts)")
        }
        let audit = "SELECT id, changed_at, user_name, action, object, key, client_id, old_values, new_values FROM audit ORDER BY id"
        let history = try source.readTransaction { try $0.fetchAll(audit) }
        XCTAssertTrue(history.contains { $0[3] == .text("update") && $0[4] == .text("clients") }, "\(history.suffix(3))")

        let pg = try newStore()
        defer { pg.close() }
        try PostgresCopy.copy(from: source, to: pg)
        let onServer = try pg.readTransaction { try $0.fetchAll(audit) }
        XCTAssertEqual(Array(onServer.prefix(history.count)), history)
        XCTAssertEqual(onServer.count, history.count + 1)
        let entry = try XCTUnwrap(onServer.last)
        XCTAssertEqual(entry[3], .text("import"))
        XCTAssertEqual(entry[4], .text("store"))
        XCTAssertEqual(entry[2], .text(pg.url.user))
        XCTAssertTrue(entry[8].string?.contains(source.path) == true, "\(entry)")
        // The log is append-only again, and changes after the copy are logged after it.
        XCTAssertThrowsError(try pg.writeTransaction { try $0.execute("DELETE FROM audit") })
        try pg.writeTransaction { try $0.execute("UPDATE clients SET region = 'После' WHERE id = 2") }
        let after = try pg.readTransaction { try $0.fetchAll(audit) }
        XCTAssertEqual(after.count, onServer.count + 1)
        XCTAssertEqual(after.last?[3], .text("update"))

        // And back into a new SQLite file: the server's log, then the copy back.
        let path = TemporaryStore.folder("copy-audit-back").appendingPathComponent("back.sqlite").path
        try SQLiteCopy.copy(from: pg, toNewFile: path)
        let back = try Store(path: path)
        let inFile = try back.readTransaction { try $0.fetchAll(audit) }
        XCTAssertEqual(inFile.count, after.count + 1)
        XCTAssertEqual(Array(inFile.prefix(after.count)).map { $0.filter { $0 != .null } .count }, after.map { $0.filter { $0 != .null }.count })
        XCTAssertEqual(inFile.prefix(history.count).map { $0[8] }, history.map { $0[8] })
        XCTAssertEqual(inFile.last?[3], .text("import"))
        XCTAssertTrue(inFile.last?[8].string?.contains("\"source\":") == true)
        // Its triggers are back: a change is logged, and the log cannot be changed.
        try back.writeTransaction { try $0.execute("UPDATE clients SET region = 'Файл' WHERE id = 3") }
        XCTAssertEqual(try back.readTransaction { try $0.fetchAll(audit) }.count, inFile.count + 1)
        XCTAssertThrowsError(try back.writeTransaction { try $0.execute("DELETE FROM audit") })
        // No audit rows from the copy's own inserts (one summary per batch, one per row).
        XCTAssertEqual(inFile.filter { $0[3] == .text("add") }.count, history.filter { $0[3] == .text("add") }.count)
    }
}
