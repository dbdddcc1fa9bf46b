import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The store file: migrations, re-opening, exact money, Unicode text, refusing bad files.
final class StoreTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = TemporaryStore.folder("store")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    static let tables = ["activities", "audit", "audit_session", "categories", "clients", "collections", "conflicts", "contacts", "contracts", "facts_version", "holidays", "interactions",
                         "order_lines", "orders", "payments", "rfm_segments", "rules", "scenario_changes", "scenarios", "settings", "store_identity"]

    // MARK: Migrations

    func testMigrationsCreateTheSchemaOnAnEmptyFile() throws {
        let store = try Store(path: path("new.sqlite"))
        try store.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name != 'grdb_migrations' ORDER BY name
                """)
            XCTAssertEqual(tables, Self.tables)
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            XCTAssertEqual(indexes, ["audit_by_client", "clients_by_code", "clients_by_region", "collections_by_client", "collections_by_order", "contacts_by_client", "interactions_by_client", "order_lines_by_order",
                                     "orders_by_client_date", "orders_by_period", "payments_by_date", "payments_by_order"])
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            XCTAssertEqual(triggers, (["categories_margin_insert", "categories_margin_update",
                                      "order_lines_facts_delete", "order_lines_facts_insert", "order_lines_facts_update", "order_lines_gross_insert", "order_lines_gross_update",
                                      "orders_amounts_facts_update", "orders_amounts_insert", "orders_amounts_update", "orders_facts_delete", "orders_facts_insert", "orders_facts_update",
                                      "payments_amount_insert", "payments_amount_update", "payments_rollup_delete", "payments_rollup_insert", "payments_rollup_update",
                                      "audit_append_only_delete", "audit_append_only_update"]
                           + (AuditLog.tables + [AuditLog.rfmSegments, AuditLog.collections, AuditLog.holidays]).flatMap { t in ["insert", "update", "delete"].map { "audit_\(t.name)_\($0)" } }).sorted())
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), 1)
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), 1)

            // Defaults are data, one row each.
            let settings = try Row.fetchAll(db, sql: "SELECT key, type, value, default_value FROM settings ORDER BY key")
            XCTAssertEqual(settings.count, Schema.allDefaultSettings.count)
            for s in Schema.allDefaultSettings {
                let row = settings.first { ($0["key"] as String) == s.key }
                XCTAssertNotNil(row, s.key)
                XCTAssertEqual(row?["value"] as String?, s.value, s.key)
                XCTAssertEqual(row?["default_value"] as String?, s.value, s.key)
                XCTAssertEqual(row?["type"] as String?, s.type, s.key)
            }
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'abc.a_min'"), "500.00")
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'status.lost_days'"), "180")
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM activities ORDER BY name"), Schema.defaultActivities.sorted())
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM categories ORDER BY id"), Schema.defaultCategories.map(\.name))
            XCTAssertEqual(try Int64.fetchAll(db, sql: "SELECT id FROM categories ORDER BY id"), [1, 2, 3, 4, 5])
            XCTAssertEqual(try Int.fetchAll(db, sql: "SELECT percent_bp FROM rules ORDER BY priority"), [500, 300])
            for t in ["clients", "orders", "payments", "contacts", "scenarios"] {
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)"), 0, t)
            }
        }
    }

    func testForeignKeysAreEnforced() throws {
        let store = try Store(path: path("fk.sqlite"))
        XCTAssertThrowsError(try store.write { db in
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (42, '2025-01-01', '2025-01-11', 1, 1)")
        })
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM orders") }, 0)
    }

    func testReopeningIsIdempotent() throws {
        let p = path("again.sqlite")
        var first: Store? = try Store(path: p)
        try first!.write { db in
            try db.execute(sql: "INSERT INTO clients(id, name) VALUES (1, 'ООО «Зелёный Клён»')")
        }
        let checksum = try first!.contentChecksum()
        first = nil
        for _ in 0..<2 {
            let again = try Store(path: p)
            XCTAssertEqual(try again.contentChecksum(), checksum)
            try again.read { db in
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM settings"), Schema.allDefaultSettings.count)
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM activities"), Schema.defaultActivities.count)
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM categories"), Schema.defaultCategories.count)
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM rules"), Schema.defaultRules.count)
                XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), 1)
            }
        }
        // Read-only opening of an existing store works and refuses writes.
        let ro = try Store(path: p, readOnly: true)
        XCTAssertEqual(try ro.contentChecksum(), checksum)
        XCTAssertThrowsError(try ro.write { try $0.execute(sql: "DELETE FROM clients") }) { error in
            XCTAssertEqual(error as? RuntimeError, .readOnly("write"))
        }
    }

    // MARK: Values round-trip

    func testMoneyRoundTripsExactly() throws {
        let store = try Store(path: path("money.sqlite"))
        // Never negative: the store refuses a negative order amount (a return is a status).
        let amounts: [Int64] = [9_223_372_036_854_775, 1, 0, 1, 99, 123_456_789, 9_223_372_036_854_775]
        try store.write { db in
            try db.execute(sql: "INSERT INTO clients(id, name) VALUES (1, 'X')")
            for (i, a) in amounts.enumerated() {
                try db.execute(sql: """
                    INSERT INTO orders(id, client_id, order_date, due_date, gross_minor, discount_minor, net_minor)
                    VALUES (?, 1, '2025-01-01', '2025-01-11', ?, 0, ?)
                    """, arguments: [i + 1, a, Money(minorUnits: a).minorUnits])
            }
        }
        let back = try store.read { try Int64.fetchAll($0, sql: "SELECT gross_minor FROM orders ORDER BY id") }
        XCTAssertEqual(back, amounts)
        let net = try store.read { try Int64.fetchAll($0, sql: "SELECT net_minor FROM orders ORDER BY id") }
        XCTAssertEqual(net.map { Money(minorUnits: $0) }, amounts.map { Money(minorUnits: $0) })
        XCTAssertEqual(Money(minorUnits: back[0]).plain, "92233720368547.75")
        XCTAssertEqual(Money(minorUnits: back[1]).plain, "0.01")
        XCTAssertEqual(Money(minorUnits: -1).plain, "-0.01")
        // Stored as INTEGER, never REAL.
        XCTAssertEqual(try store.read { try String.fetchAll($0, sql: "SELECT DISTINCT typeof(gross_minor) FROM orders") }, ["integer"])
        // Sums stay exact in SQL too.
        XCTAssertEqual(try store.read { try Int64.fetchOne($0, sql: "SELECT sum(gross_minor) FROM orders WHERE id <= 2") },
                       9_223_372_036_854_776)
    }

    func testCyrillicNameRoundTrips() throws {
        let store = try Store(path: path("names.sqlite"))
        let names = ["ООО «Фармация-12»", "ИП Ёлкин", "ФАРМА-ЦЕНТР", "Северный Ветер", "Bright Paper Ltd",
                     "Королёв Пётр Семёнович", "ёлка-ЁЛКА", "Щукин & Co. — «Эхо»"]
        try store.write { db in
            for (i, n) in names.enumerated() {
                try db.execute(sql: "INSERT INTO clients(id, name) VALUES (?, ?)", arguments: [i + 1, n])
            }
        }
        try store.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM clients ORDER BY id"), names)
            // Byte-exact: no normalisation of Ё into Е + combining diaeresis.
            let yolkin = try String.fetchOne(db, sql: "SELECT name FROM clients WHERE id = 2")!
            XCTAssertEqual(Array(yolkin.utf8), Array("ИП Ёлкин".utf8))
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT id FROM clients WHERE name = ?", arguments: ["ИП Ёлкин"]), 2)
            // Unicode-aware folding registered on the connection.
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE CLIENTELE_CONTAINS(name, 'ёлк')"), 2)
        }
    }

    // MARK: Refusing what is not a store

    func testOpeningADirectoryFails() throws {
        let p = path("a-directory")
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: false)
        XCTAssertThrowsError(try Store(path: p)) { error in
            XCTAssertEqual(error as? Store.OpenError, .isDirectory(p))
        }
    }

    func testOpeningANonSQLiteFileFails() throws {
        let p = path("notes.txt")
        try Data("Наименование;ИНН\nООО «Ромашка»;7701234567\n".utf8).write(to: URL(fileURLWithPath: p))
        XCTAssertThrowsError(try Store(path: p)) { error in
            guard case Store.OpenError.notAStore(let where_, _)? = error as? Store.OpenError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(where_, p)
            XCTAssert("\(error)".contains("not a SQLite database"))
        }
        // The file is left untouched.
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), "Наименование;ИНН\nООО «Ромашка»;7701234567\n")
    }

    func testOpeningACorruptSQLiteFileFails() throws {
        // The SQLite header, then garbage: passes the header check, fails on the first read.
        let p = path("corrupt.sqlite")
        var bytes = Array("SQLite format 3\u{0}".utf8)
        bytes += (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        XCTAssertThrowsError(try Store(path: p)) { error in
            guard case Store.OpenError.notAStore(let where_, _)? = error as? Store.OpenError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(where_, p)
        }
    }

    func testOpeningANewerSchemaFails() throws {
        let p = path("future.sqlite")
        do {
            let queue = try DatabaseQueue(path: p)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "CREATE TABLE clients(id INTEGER PRIMARY KEY)")
                try db.execute(sql: "PRAGMA user_version = 99")
                // A newer Clientele marks its stores like this one does.
                try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)")
            }
            try queue.close()
        }
        XCTAssertThrowsError(try Store(path: p)) { error in
            XCTAssertEqual(error as? Store.OpenError, .newerSchema(p, found: 99, supported: Schema.version))
            XCTAssert("\(error)".contains("upgrade clientele"))
        }
        XCTAssertThrowsError(try Store(path: p, readOnly: true)) { error in
            XCTAssertEqual(error as? Store.OpenError, .newerSchema(p, found: 99, supported: Schema.version))
        }
        // Nothing was migrated into it.
        let queue = try DatabaseQueue(path: p)
        XCTAssertEqual(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'settings'") }, 0)
    }

    func testReadOnlyOpeningOfAMissingFileFails() throws {
        let p = path("missing.sqlite")
        XCTAssertThrowsError(try Store(path: p, readOnly: true)) { error in
            XCTAssertEqual(error as? Store.OpenError, .missing(p))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: p))
    }
}
