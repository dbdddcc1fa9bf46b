import Foundation
import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The audit log on a SQLite store (docs/team.md, "Audit log"): each kind of change leaves
/// the right rows, with the OS user and the old and new values; a failed script leaves none;
/// the language cannot change the log; a write by another program is logged as such.
final class AuditLogTests: XCTestCase {
    struct Entry: Equatable {
        var user: String, action: String, object: String, key: String?, client: Int64?
        var old: [String: String]?, new: [String: String]?
    }

    /// A JSON object's values as text (numbers as their digits, null as "null").
    static func json(_ text: String?) -> [String: String]? {
        guard let text, let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object.mapValues { v in
            if let s = v as? String { return s }
            if v is NSNull { return "null" }
            return "\(v)"
        }
    }

    /// The log's rows after `id`, oldest first.
    func entries(_ store: Store, after id: Int64 = 0) throws -> [Entry] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE id > ? ORDER BY id", arguments: [id]).map { r in
                Entry(user: r["user_name"], action: r["action"], object: r["object"], key: r["key"], client: r["client_id"],
                      old: AuditLogTests.json(r["old_values"]), new: AuditLogTests.json(r["new_values"]))
            }
        }
    }

    func lastID(_ store: Store) throws -> Int64 {
        try store.read { try Int64.fetchOne($0, sql: "SELECT COALESCE(MAX(id), 0) FROM audit") ?? 0 }
    }

    func testAddUpdateDeleteAreLoggedWithTheUserAndTheValues() throws {
        let engine = try Fixture.engine()
        let store = engine.store
        let start = try lastID(store)
        _ = try engine.run(#"add clients name: "ООО Аудит", region: "North", outlets: 2"#)
        var log = try entries(store, after: start)
        XCTAssertEqual(log.count, 1)
        let id = try XCTUnwrap(store.read { try Int64.fetchOne($0, sql: "SELECT id FROM clients WHERE name = 'ООО Аудит'") })
        XCTAssertEqual(log[0].user, AuditLog.osUser)
        XCTAssertEqual(log[0].action, "add")
        XCTAssertEqual(log[0].object, "clients")
        XCTAssertEqual(log[0].key, String(id))
        XCTAssertEqual(log[0].client, id)
        XCTAssertNil(log[0].old)
        XCTAssertEqual(log[0].new?["name"], "ООО Аудит")
        XCTAssertEqual(log[0].new?["outlets"], "2")

        _ = try engine.run(#"update clients | where name == "ООО Аудит" set region = "South""#)
        log = try entries(store, after: start)
        XCTAssertEqual(log.count, 2)
        XCTAssertEqual(log[1].action, "update")
        XCTAssertEqual(log[1].key, String(id))
        XCTAssertEqual(log[1].old?["region"], "North")
        XCTAssertEqual(log[1].new?["region"], "South")
        XCTAssertNil(log[1].old?["name"], "an update logs only the columns it changed")
        XCTAssertNil(log[1].new?["outlets"])

        _ = try engine.run(#"add orders client: "ООО Аудит", order_date: 2025-12-01, gross: 100"#)
        _ = try engine.run(#"delete clients | where name == "ООО Аудит""#)
        log = try entries(store, after: start)
        let deletes = log.filter { $0.action == "delete" }
        XCTAssertEqual(Set(deletes.map(\.object)), ["clients", "orders"], "the order goes with its client, and is logged too")
        let client = try XCTUnwrap(deletes.first { $0.object == "clients" })
        XCTAssertEqual(client.old?["name"], "ООО Аудит")
        XCTAssertEqual(client.old?["region"], "South")
        XCTAssertNil(client.new)
        XCTAssertEqual(deletes.first { $0.object == "orders" }?.old?["gross_minor"], "10000", "money in minor units")
        XCTAssertTrue(log.allSatisfy { $0.user == AuditLog.osUser && $0.client == id })
    }

    func testPaymentsNameTheirClientAndTheRollupIsNotAChange() throws {
        let engine = try Fixture.engine()
        let start = try lastID(engine.store)
        _ = try engine.run("add payments order: 1, date: 2025-12-30, amount: 5")
        let log = try entries(engine.store, after: start)
        XCTAssertEqual(log.map(\.object), ["payments"], "the order's paid amount kept by the store is not logged as a change")
        let client = try engine.store.read { try Int64.fetchOne($0, sql: "SELECT client_id FROM orders WHERE id = 1") }
        XCTAssertEqual(log.first?.client, client)
        XCTAssertEqual(log.first?.new?["amount_minor"], "500")
    }

    func testSettingsRulesAndScenariosAreLogged() throws {
        let engine = try Fixture.engine()
        let start = try lastID(engine.store)
        _ = try engine.run("set stored abc.a_min = 600")
        _ = try engine.run(#"rule "Audit rule": discount 2% when outlets >= 3"#)
        _ = try engine.run(#"disable rule "Audit rule""#)
        _ = try engine.run(#"scenario "Audit scenario" { rule "Volume A": discount 7% when abc == "A" }"#)
        _ = try engine.run(#"drop rule "Audit rule""#)
        let log = try entries(engine.store, after: start)
        let setting = try XCTUnwrap(log.first { $0.object == "settings" })
        XCTAssertEqual(setting.action, "update")
        XCTAssertEqual(setting.key, "abc.a_min")
        XCTAssertEqual(setting.old, ["value": "500.00"])
        XCTAssertEqual(setting.new, ["value": "600.00"])
        let rules = log.filter { $0.object == "rules" }
        XCTAssertEqual(rules.map(\.action), ["add", "update", "delete"])
        XCTAssertTrue(rules.allSatisfy { $0.key == "Audit rule" })
        XCTAssertEqual(rules[1].old, ["enabled": "1"])
        XCTAssertEqual(rules[1].new, ["enabled": "0"])
        XCTAssertEqual(log.first { $0.object == "scenarios" }?.key, "Audit scenario")
        XCTAssertTrue(log.contains { $0.object == "scenario_changes" && $0.action == "add" })
        XCTAssertTrue(log.allSatisfy { $0.user == AuditLog.osUser })
    }

    func testAnImportIsOneRowWithItsRangesAndUpdatesAreRowByRow() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder("audit-import")
        let script = dir.appendingPathComponent("job.clq").path
        _ = try engine.run("""
            export orders | where status == "shipped" | sort id | select order_date, client_tax_id = client.tax_id, gross, discount, net, due_date to "orders.csv"
            export orders | where status == "shipped" | sort id | select number, order_date, client_tax_id = client.tax_id, gross, discount, net, due_date to "numbered.csv"
            """, origin: script)
        let orders = try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM orders") ?? 0 }
        let shipped = try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM orders WHERE status = 'shipped'") ?? 0 }
        let top = try engine.store.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM orders") ?? 0 }
        let start = try lastID(engine.store)
        let report = engine.transcript(#"import "orders.csv" into orders map "client_tax_id" to client"#, origin: script)
        let count = try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM orders") ?? 0 }
        XCTAssertEqual(count, orders + shipped, report)
        let log = try entries(engine.store, after: start)
        XCTAssertEqual(log.count, 1, "one row for the import, not one per order: \(log)")
        guard log.count == 1 else { return }
        XCTAssertEqual(log[0].action, "import")
        XCTAssertEqual(log[0].object, "orders")
        XCTAssertEqual(log[0].key, "\(top + 1)-\(top + Int64(shipped))")
        XCTAssertEqual(log[0].new?["rows"], String(shipped))
        XCTAssertEqual(log[0].new?["source"], dir.appendingPathComponent("orders.csv").path, "the file, as the import resolved it")
        XCTAssertEqual(log[0].user, AuditLog.osUser)
        let trigger = try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'audit_orders_insert'") }
        XCTAssertEqual(trigger, 1, "the insert trigger is back after the import")
        _ = try engine.run(#"add orders client: 1, order_date: 2025-12-01, gross: 10"#)
        XCTAssertEqual(try entries(engine.store, after: start).last?.action, "add")

        // An import that updates existing rows (matched by number) logs each changed row.
        let again = try lastID(engine.store)
        _ = try engine.run("update orders | where id == 1 set gross = gross + 1, discount = 0")
        _ = engine.transcript(#"import "numbered.csv" into orders map "client_tax_id" to client"#, origin: script)
        let updates = try entries(engine.store, after: again)
        XCTAssertEqual(updates.map(\.action), ["update", "update"], "\(updates)")
        XCTAssertEqual(updates.map(\.key), ["1", "1"])
        XCTAssertEqual(updates.last?.old?["gross_minor"], updates.first.flatMap { $0.new?["gross_minor"] })
        XCTAssertEqual(updates.last?.new?["gross_minor"], updates.first.flatMap { $0.old?["gross_minor"] })
    }

    func testAFailedScriptLeavesNoAuditRows() throws {
        let engine = try Fixture.engine()
        let start = try lastID(engine.store)
        let checksum = try engine.store.contentChecksum()
        XCTAssertThrowsError(try engine.run("""
            add clients name: "Откат", region: "North"
            set abc.a_min = 700
            update orders | where id == 1 set discount = gross + 1
            """))
        XCTAssertEqual(try entries(engine.store, after: start), [])
        XCTAssertEqual(try engine.store.contentChecksum(), checksum, "the store, its log included, is as it was")
        let session = try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_session") }
        XCTAssertEqual(session, 0)
    }

    func testTheSessionUserNeverOutlivesAWrite() throws {
        let engine = try Fixture.engine()
        _ = try engine.run(#"add clients name: "Кто""#)
        let left = try engine.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_session") }
        XCTAssertEqual(left, 0, "the next writer, whichever program, starts without a user")
    }

    /// Another program (the sqlite3 shell, a script with its own SQLite) writes without
    /// Clientele's session row: its changes are logged all the same, as made outside.
    func testAWriteFromAnotherProgramIsLoggedAsOutside() throws {
        let store = try Fixture.store()
        let start = try lastID(store)
        let other = try DatabaseQueue(path: store.path)
        try other.write { try $0.execute(sql: "UPDATE clients SET curator = 'Чужой' WHERE id = 1") }
        try other.close()
        let log = try entries(store, after: start)
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.first?.user, AuditLog.outsideUser)
        XCTAssertEqual(log.first?.new, ["curator": "Чужой"])
    }

    func testTheLogRefusesUpdatesAndDeletesInSQLToo() throws {
        let store = try Fixture.store()
        XCTAssertThrowsError(try store.database.write { try $0.execute(sql: "UPDATE audit SET user_name = 'x'") }) { e in
            XCTAssertTrue("\(e)".contains("the audit log cannot be changed"), "\(e)")
        }
        XCTAssertThrowsError(try store.database.write { try $0.execute(sql: "DELETE FROM audit") }) { e in
            XCTAssertTrue("\(e)".contains("the audit log cannot be changed"), "\(e)")
        }
    }

    func testTheLanguageCannotChangeTheLog() throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        let cases: [(String, String)] = [
            (#"add audit action: "add""#, "audit cannot be changed this way"),
            (#"update audit | where id == 1 set object = "x""#, "audit cannot be changed with update"),
            ("delete audit | where id == 1", "audit cannot be changed with delete"),
            ("delete all audit", "audit cannot be changed with delete"),
            (#"import "x.csv" into audit"#, "cannot import into audit"),
        ]
        for (source, message) in cases {
            let text = engine.transcript(source)
            XCTAssertTrue(text.contains("error: " + message), "\(source):\n\(text)")
            XCTAssertTrue(text.contains("the audit log is kept by the store and cannot be changed"), "\(source):\n\(text)")
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)
    }

    func testADemoLoadIsOneRowPerTable() throws {
        let store = try Store(path: TemporaryStore.path("audit-demo"))
        _ = try DemoData.generate(into: store, options: DemoOptions(clients: 30))
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT object, new_values FROM audit WHERE action = 'import' ORDER BY id")
                .map { ($0["object"] as String, AuditLogTests.json($0["new_values"])) }
        }
        XCTAssertTrue(rows.contains { $0.0 == "clients" && $0.1?["rows"] == "30" }, "\(rows)")
        let orders = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM orders") ?? 0 }
        XCTAssertTrue(rows.contains { $0.0 == "orders" && $0.1?["rows"] == String(orders) })
        let adds = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit WHERE action = 'add'") }
        XCTAssertEqual(adds, 0)
    }
}
