import Foundation
import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
import ClientelePostgres

/// The audit log on PostgreSQL (docs/team.md, "Audit log"): the triggers log each kind of
/// change with the login (`session_user`) and the old and new values; a rolled back
/// transaction leaves none; a login that is not the schema's owner cannot write, change or
/// delete the log, and its changes are logged all the same.
final class PostgresAuditTests: PostgresTestCase {
    struct Entry: Equatable {
        var user: String, action: String, object: String, key: String?, client: Int64?, old: String?, new: String?
    }

    func entries(_ pg: PostgresStore, after id: Int64 = 0) throws -> [Entry] {
        try pg.readTransaction { tx in
            try tx.fetchAll("SELECT user_name, action, object, key, client_id, old_values, new_values FROM audit WHERE id > $1 ORDER BY id",
                            .positional([.integer(id)])).map { r in
                Entry(user: r[0].string ?? "", action: r[1].string ?? "", object: r[2].string ?? "", key: r[3].string,
                      client: r[4].int64, old: r[5].string, new: r[6].string)
            }
        }
    }

    func lastID(_ pg: PostgresStore) throws -> Int64 {
        try pg.readTransaction { try $0.fetchOne("SELECT COALESCE(max(id), 0) FROM audit")?.first?.int64 ?? 0 }
    }

    func testEachKindOfChangeIsLoggedWithTheLoginAndTheValues() throws {
        let pg = try newStore()
        defer { pg.close() }
        let login = try XCTUnwrap(Self.serverURL).user
        let start = try lastID(pg)
        try pg.writeTransaction { tx in
            try tx.execute("INSERT INTO clients (id, name, region, outlets) VALUES (7, 'ООО Аудит', 'North', 2)")
            try tx.execute("UPDATE clients SET region = 'South' WHERE id = 7")
            try tx.execute("INSERT INTO orders (id, client_id, order_date, due_date, gross_minor, net_minor) VALUES (3, 7, '2025-12-01', '2025-12-11', 10000, 10000)")
            try tx.execute("INSERT INTO payments (order_id, date, amount_minor) VALUES (3, '2025-12-05', 500)")
            try tx.execute("UPDATE settings SET value = '600.00' WHERE key = 'abc.a_min'")
            try tx.execute("UPDATE rules SET enabled = 0 WHERE name = 'Volume B'")
            try tx.execute("DELETE FROM clients WHERE id = 7")
        }
        let log = try entries(pg, after: start)
        XCTAssertTrue(log.allSatisfy { $0.user == login }, "\(log)")
        let name = #""id":7,"name":"ООО Аудит","tax_id":null"#
        XCTAssertEqual(Set(log.map { "\($0.action) \($0.object) \($0.key ?? "-") \($0.client.map(String.init) ?? "-")" }), [
            "add clients 7 7", "update clients 7 7", "add orders 3 7", "add payments 1 7",
            "update settings abc.a_min -", "update rules Volume B -",
            "delete payments 1 -", "delete orders 3 7", "delete clients 7 7",
        ], "\(log)")
        XCTAssertEqual(log.count, 9)
        func find(_ action: String, _ object: String) -> Entry? { log.first { $0.action == action && $0.object == object } }
        XCTAssertTrue(find("add", "clients")?.new?.hasPrefix("{" + name) == true, find("add", "clients")?.new ?? "")
        XCTAssertNil(find("add", "clients")?.old)
        XCTAssertEqual(find("update", "clients")?.old, #"{"region":"North"}"#)
        XCTAssertEqual(find("update", "clients")?.new, #"{"region":"South"}"#)
        XCTAssertEqual(find("update", "settings")?.old, #"{"value":"500.00"}"#)
        XCTAssertEqual(find("update", "settings")?.new, #"{"value":"600.00"}"#)
        XCTAssertEqual(find("update", "rules")?.old, #"{"enabled":1}"#)
        XCTAssertTrue(find("delete", "clients")?.old?.contains(#""region":"South""#) == true)
        XCTAssertNil(find("delete", "clients")?.new)
        XCTAssertTrue(find("add", "orders")?.new?.contains(#""order_date":"2025-12-01","due_date":"2025-12-11","gross_minor":10000"#) == true,
                      find("add", "orders")?.new ?? "")
        XCTAssertFalse(log.contains { $0.object == "orders" && $0.action == "update" },
                       "the payment facts the store keeps on orders are not a change by anyone")
    }

    func testARolledBackTransactionLeavesNoRows() throws {
        let pg = try newStore()
        defer { pg.close() }
        let start = try lastID(pg)
        XCTAssertThrowsError(try pg.writeTransaction { tx in
            try tx.execute("INSERT INTO clients (name) VALUES ('Откат')")
            try tx.execute("UPDATE settings SET value = '700.00' WHERE key = 'abc.a_min'")
            try tx.execute("INSERT INTO clients (name) VALUES (NULL)")
        })
        XCTAssertEqual(try entries(pg, after: start), [])
    }

    func testABulkInsertIsOneRowWithItsIdRanges() throws {
        let pg = try newStore()
        defer { pg.close() }
        let start = try lastID(pg)
        try pg.writeTransaction { tx in
            try tx.execute("INSERT INTO clients (id, name) SELECT g, 'c' || g FROM generate_series(1, 1000) g WHERE g <> 500")
            try PostgresAudit.markImport(tx, source: "clients.csv")
            try tx.execute("INSERT INTO clients (id, name) SELECT g, 'c' || g FROM generate_series(2001, 2010) g")
        }
        let log = try entries(pg, after: start)
        XCTAssertEqual(log.count, 2, "\(log)")
        XCTAssertEqual(log[0].action, "add")
        XCTAssertEqual(log[0].key, "1-499,501-1000")
        XCTAssertEqual(log[0].new, #"{"source":null,"rows":999,"ids":"1-499,501-1000"}"#)
        XCTAssertEqual(log[1].action, "import")
        XCTAssertEqual(log[1].new, #"{"source":"clients.csv","rows":10,"ids":"2001-2010"}"#)
    }

    /// The same language refusals as on SQLite (they are the checker's), on the engine over
    /// the server, and the store's log unchanged.
    func testTheLanguageCannotChangeTheLog() throws {
        let pg = try newStore()
        defer { pg.close() }
        let engine = Engine(store: try Fixture.store(), backend: pg, session: Session(today: Fixture.today))
        try pg.writeTransaction { try $0.execute("INSERT INTO clients (name) VALUES ('Один')") }
        let before = try entries(pg)
        for source in [#"add audit action: "add""#, #"update audit | where id == 1 set object = "x""#,
                       "delete all audit", #"import "x.csv" into audit"#] {
            let text = engine.transcript(source)
            XCTAssertTrue(text.contains("the audit log is kept by the store and cannot be changed"), "\(source):\n\(text)")
        }
        XCTAssertEqual(try entries(pg), before)
        let shown = engine.transcript(#"audit | select action, object, key"#)
        XCTAssertTrue(shown.contains("Один") || shown.contains("add"), shown)
    }

    /// A login that is not the schema's owner, with the rights a curator's role would have on
    /// the tables and SELECT on the log: its changes are logged under its name, and it cannot
    /// insert, update, delete or truncate log rows from psql or any client.
    func testANonOwnerLoginCannotAlterTheLogAndIsLoggedByName() throws {
        let owner = try newStore()
        defer { owner.close() }
        let role = "audit_u_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        var url = owner.url
        url.user = role
        try PostgresAdmin.run(owner.url, [
            "CREATE ROLE \(role) LOGIN",
            "SELECT clientele_grant_role('\(role)', 'curator', 'Орлов')",
        ])
        defer {
            try? PostgresAdmin.run(owner.url, ["DROP OWNED BY \(role)"])
            try? PostgresAdmin.run(Self.serverURL!, ["DROP ROLE IF EXISTS \(role)"])
        }
        try owner.writeTransaction { try $0.execute("INSERT INTO clients (id, name, curator) VALUES (1, 'Первый', 'Орлов')") }
        let start = try lastID(owner)
        let curator = try PostgresStore(url: url)
        defer { curator.close() }
        try curator.writeTransaction { try $0.execute("UPDATE clients SET region = 'North' WHERE id = 1") }
        let log = try entries(owner, after: start)
        XCTAssertEqual(log, [Entry(user: role, action: "update", object: "clients", key: "1", client: 1,
                                   old: #"{"region":null}"#, new: #"{"region":"North"}"#)])
        for statement in ["UPDATE audit SET user_name = 'someone else'", "DELETE FROM audit", "TRUNCATE audit",
                          "INSERT INTO audit (user_name, action, object) VALUES ('x', 'add', 'clients')"] {
            XCTAssertThrowsError(try curator.writeTransaction { try $0.execute(statement) }, statement) { e in
                XCTAssertTrue("\(e)".contains("the team store refuses this to login \(role)"), "\(statement): \(e)")
                XCTAssertTrue("\(e)".contains("(no right on audit)"), "\(statement): \(e)")
            }
        }
        XCTAssertEqual(try entries(owner, after: start), log, "the log is as it was")
        // The owner is refused by the append-only trigger (it could still drop the trigger: docs/team.md).
        XCTAssertThrowsError(try owner.writeTransaction { try $0.execute("DELETE FROM audit") }) { e in
            XCTAssertTrue("\(e)".contains("the audit log cannot be changed"), "\(e)")
        }
    }
}
