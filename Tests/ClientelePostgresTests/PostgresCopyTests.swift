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

    /// The payment facts are set once at the end of the copy (`CopyPaymentFacts`), not by
    /// the row trigger per payment: the store is the one the triggers make row by row.
    func testPaymentFactsSetAtTheEndAreWhatTheRowTriggersMake() throws {
        let source = try TemporaryStore.demo("copy-facts", DemoOptions(clients: 60, years: 2, seed: 11))
        // What makes the comparison worth something: orders paid in several payments, and unpaid ones.
        let shape = try source.readTransaction { tx in
            try tx.fetchOne("""
                SELECT (SELECT count(*) FROM (SELECT order_id FROM payments GROUP BY order_id HAVING count(*) > 1)),
                       (SELECT count(*) FROM orders WHERE last_paid IS NULL)
                """)
        }
        XCTAssertGreaterThan(shape?[0].int64 ?? 0, 0)
        XCTAssertGreaterThan(shape?[1].int64 ?? 0, 0)
        let bulk = try newStore(), rowByRow = try newStore()
        defer { bulk.close(); rowByRow.close() }
        try PostgresCopy.copy(from: source, to: bulk)
        try PostgresCopy.copy(from: source, to: rowByRow, rowTriggers: true)
        let facts = "SELECT id, paid_minor, last_paid FROM orders ORDER BY id"
        let version = "SELECT n FROM facts_version"
        let expected = try rowByRow.readTransaction { try $0.fetchAll(facts) }
        XCTAssertEqual(try bulk.readTransaction { try $0.fetchAll(facts) }, expected)
        XCTAssertEqual(try source.readTransaction { try $0.fetchAll(facts) }, expected)
        XCTAssertEqual(try bulk.readTransaction { try $0.fetchOne(version) }, try rowByRow.readTransaction { try $0.fetchOne(version) })

        // The triggers are back after the copy: a new payment moves its order's facts and the counter.
        let before = try bulk.readTransaction { try $0.fetchOne(version)?.first?.int64 }
        try bulk.writeTransaction { tx in
            try tx.execute("INSERT INTO payments (order_id, date, amount_minor) VALUES ((SELECT min(id) FROM orders WHERE last_paid IS NULL), '2030-01-02', 123)")
        }
        let paid = try bulk.readTransaction {
            try $0.fetchOne("SELECT paid_minor, last_paid FROM orders WHERE id = (SELECT order_id FROM payments WHERE date = '2030-01-02')")
        }
        XCTAssertEqual(paid, [.integer(123), .text("2030-01-02")])
        XCTAssertGreaterThan(try bulk.readTransaction { try $0.fetchOne(version)?.first?.int64 } ?? 0, before ?? 0)
        let triggers = try bulk.readTransaction {
            try $0.fetchAll("SELECT tgname FROM pg_trigger WHERE tgname IN ('payments_rollup_insert', 'orders_facts_update') AND tgenabled = 'O' ORDER BY tgname")
        }
        XCTAssertEqual(triggers, [[.text("orders_facts_update")], [.text("payments_rollup_insert")]])
    }
}
