import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
import ClientelePostgres

/// `import` on the team store: the same scripts, on a SQLite fixture store and on a
/// PostgreSQL store holding the same fixture, print the same reports, leave the same rows
/// and the same rejects files (CSV and xlsx; dry run, keep going, all-or-nothing).
final class ImportOnServerTests: PostgresTestCase {
    /// A folder with the import files of these tests.
    static func files() throws -> URL {
        let dir = TemporaryStore.folder("pgimport")
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("clients.csv", """
            Наименование;ИНН;Регион;Куратор
            Новый Клиент;7701000099;North;Иванова
            ООО Фармация;7701000001;East;
            """)
        try write("categories.csv", "Name;Margin\nКанцтовары новые;12,5\n")
        try write("orders.csv", """
            Дата;Номер;ИНН;Сумма;Скидка;Сумма со скидкой
            01.12.2025;B-001;7701000099;1000,00;0;1000,00
            02.12.2025;B-002;7701000001;500,00;50,00;450,00
            03.12.2025;A-001;7701000001;400,00;20,00;380,00
            """)
        try write("bad-orders.csv", """
            Дата;Номер;ИНН;Сумма
            04.12.2025;C-001;7701000002;100,00
            31.02.2025;C-002;7701000002;100,00
            05.12.2025;C-003;7799999999;100,00
            06.12.2025;C-004;7701000005;abc
            07.12.2025;C-005;7701000005;70,00
            """)
        try write("payments.csv", "Дата;Номер документа;Основание;Сумма\n10.12.2025;P-100;B-001;600,00\n11.12.2025;P-101;B-002;450,00\n")
        try write("lines.csv", """
            Дата;Номер;ИНН;Категория;Сумма
            08.12.2025;L-001;7701000004;Канцтовары новые;300,00
            08.12.2025;L-001;7701000004;Нет такой;200,00
            """)
        try write("contacts.csv", "Клиент;ФИО;Должность\nАрбуз;Олег Первый;директор\nАрбуз;Анна Вторая;бухгалтер\n")
        try write("interactions.csv", "ИНН;Дата;Канал;Результат\n7701000005;12.12.2025;звонок;договорились\n")
        try write("holidays.csv", """
            Праздник;Месяц;День;День недели;Неделя;Вид деятельности
            День часовщика;12;31;;;watches
            Последний понедельник;1;;1;-1;
            новый год;1;;4;1;
            День бухгалтера;11;22;;;
            """)
        try write("bad-holidays.csv", """
            Праздник;Месяц;День;День недели;Неделя
            Тридцатое февраля;2;30;;
            Оба;3;1;1;1
            Пятая;3;;1;5
            Без недели;3;;2;
            Тринадцатый;13;1;;
            Хороший;5;5;;
            """)
        return dir
    }

    /// The scripts, each run as one chunk on both stores, in order.
    static let scripts = [
        #"import "clients.csv" into clients"#,
        #"import "categories.csv" into categories"#,
        #"import "orders.csv" into orders dry run"#,
        #"import "orders.csv" into orders"#,
        #"import "bad-orders.csv" into orders"#,
        #"import "bad-orders.csv" into orders keep going"#,
        #"import "payments.csv" into payments"#,
        #"import "lines.csv" into orders"#,
        #"import "lines.csv" into orders create categories"#,
        #"import "contacts.csv" into contacts"#,
        #"import "interactions.csv" into interactions"#,
        #"export (clients | select name, tax_id, region, curator | sort name) to "back.xlsx""#,
        #"import "back.xlsx" into clients dry run"#,
        "orders | where order_date >= 2025-12-01 | sort number | select number, client, order_date, gross, discount, net, paid",
        "clients | sort name | select name, tax_id, region, curator",
        "contacts | sort name | select client, name, position",
        "categories | sort name | select name, margin",
        "interactions | select client, date, channel, result",
        #"import "holidays.csv" into holidays"#,
        #"import "bad-holidays.csv" into holidays"#,
        "holidays | sort name | select name, month, day, weekday, week, activity",
    ]

    /// The stored rows the imports change, as text. Orders by number, not id: a sequence on
    /// PostgreSQL does not give back the ids of rolled back rows (a refused import), SQLite's
    /// rowids are taken again.
    static let tables = [
        "SELECT id, name, tax_id, region, curator FROM clients ORDER BY id",
        "SELECT number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor, status, paid_minor FROM orders ORDER BY order_date, client_id, net_minor",
        "SELECT o.number, l.category_id, l.gross_minor FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY o.order_date, o.client_id, 2, 3",
        "SELECT o.number, p.number, p.date, p.amount_minor FROM payments p JOIN orders o ON o.id = p.order_id ORDER BY p.id",
        "SELECT client_id, name, position FROM contacts ORDER BY id",
        "SELECT id, name, margin_bp FROM categories ORDER BY id",
        "SELECT client_id, date, channel, result FROM interactions ORDER BY id",
        "SELECT name, month, day, weekday, week, activity FROM holidays ORDER BY month, name",
    ]

    static func dump(_ backend: any StorageBackend) throws -> [String] {
        try backend.readTransaction { tx in
            try tables.map { sql in try tx.fetchAll(sql).map { $0.map(\.description).joined(separator: "|") }.joined(separator: "\n") }
        }
    }

    func run(_ engine: Engine, in dir: URL) throws -> [String] {
        var out: [String] = []
        for script in Self.scripts {
            var text = engine.transcript(script, origin: dir.appendingPathComponent("script.clq").path)
            let rejects = dir.appendingPathComponent("bad-orders.csv.rejected.csv")
            if let r = try? String(contentsOf: rejects, encoding: .utf8) {
                text += "rejects file:\n" + r
                try FileManager.default.removeItem(at: rejects)
            }
            out.append(text.replacingOccurrences(of: dir.path, with: "DIR"))
            if script.hasPrefix("export") { try? FileManager.default.removeItem(at: dir.appendingPathComponent("back.xlsx")) }
        }
        return out
    }

    func testImportsPrintAndStoreTheSameOnBothBackends() throws {
        let pg = try newStore()
        defer { pg.close() }
        try PostgresCopy.copy(from: try Fixture.store(), to: pg)
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }

        let sqliteEngine = try Fixture.engine()
        let onSQLite = try run(sqliteEngine, in: dir)
        let serverEngine = Engine(store: try Fixture.store(), backend: pg, session: Session(today: Fixture.today))
        let onServer = try run(serverEngine, in: dir)
        for (i, script) in Self.scripts.enumerated() {
            XCTAssertEqual(onServer[i], onSQLite[i], "\(script) prints differently on PostgreSQL")
        }
        // What the SQLite store printed is what an import prints (spot checks).
        XCTAssertTrue(onSQLite[0].contains("1 inserted, 1 updated"), onSQLite[0])
        XCTAssertTrue(onSQLite[2].contains("dry run"), onSQLite[2])
        XCTAssertTrue(onSQLite[4].contains("nothing imported") && onSQLite[4].contains("no client has this tax id"), onSQLite[4])
        XCTAssertTrue(onSQLite[5].contains("rejects file:"), onSQLite[5])
        XCTAssertTrue(onSQLite[8].contains("categories created: Нет такой"), onSQLite[8])
        let holidays = Self.scripts.firstIndex(of: #"import "holidays.csv" into holidays"#)!
        XCTAssertTrue(onSQLite[holidays].contains("2 inserted, 2 updated"), onSQLite[holidays])
        for reason in ["February has no day 30", "either a day, or a weekday with its week", "a week of the month is 1 to 4",
                       "needs the week of its weekday", "a month is 1 to 12"] {
            XCTAssertTrue(onSQLite[holidays + 1].contains(reason), onSQLite[holidays + 1])
        }
        XCTAssertTrue(onSQLite[holidays + 2].contains("Последний понедельник") && !onSQLite[holidays + 2].contains("Хороший"),
                      onSQLite[holidays + 2])
        XCTAssertEqual(try Self.dump(pg), try Self.dump(sqliteEngine.backend))
    }
}

/// `import` under the team store's roles: row-level security applies to the import's rows.
final class ImportRolesTests: TeamRolesTestCase {
    func testCuratorImportsRowsOfTheirOwnClientsOnly() throws {
        try makeTeamStore()
        let dir = TemporaryStore.folder("pgimport-roles")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            Дата;Номер;ИНН;Сумма
            01.12.2025;R-1;7701000001;100,00
            02.12.2025;R-2;7701000002;200,00
            """.write(to: dir.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
        try """
            Наименование;ИНН;Куратор;Регион
            Новый Мой;7701000100;Иванова;North
            Чужой;7701000101;Петров;North
            Без куратора;7701000102;;North
            Ёлкин ИП;7701000003;;South
            """.write(to: dir.appendingPathComponent("clients.csv"), atomically: true, encoding: .utf8)
        let origin = dir.appendingPathComponent("script.clq").path
        let ivanova = try open("ivanova")
        defer { ivanova.close() }
        let curator = engine(ivanova)

        // Without keep going, another curator's client refuses the whole file.
        let refused = curator.transcript(#"import "orders.csv" into orders"#, origin: origin)
        XCTAssertTrue(refused.contains("none of your clients (curator Иванова) has this tax id; a curator imports rows of their own clients only"), refused)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM orders WHERE number LIKE 'R-%'"), 0)

        let orders = curator.transcript(#"import "orders.csv" into orders keep going"#, origin: origin)
        XCTAssertTrue(orders.contains("1 inserted"), orders)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM orders WHERE number = 'R-1' AND client_id = 1"), 1)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM orders WHERE number = 'R-2'"), 0)
        let rejects = try String(contentsOf: dir.appendingPathComponent("orders.csv.rejected.csv"), encoding: .utf8)
        XCTAssertTrue(rejects.contains("R-2") && !rejects.contains("R-1;"), rejects)

        let clients = curator.transcript(#"import "clients.csv" into clients keep going"#, origin: origin)
        XCTAssertTrue(clients.contains("this row's curator is Петров, not Иванова"), clients)
        XCTAssertTrue(clients.contains("give this new client the curator Иванова"), clients)
        XCTAssertTrue(clients.contains("1 inserted, 1 updated"), clients)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE tax_id IN ('7701000101', '7701000102')"), 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE name = 'Новый Мой' AND curator = 'Иванова'"), 1)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE id = 3 AND region = 'South'"), 1)

        // A client of another curator, named by its tax id, is not the curator's to update:
        // it reads as a new client, which the store refuses (the tax id is taken).
        try "Наименование;ИНН;Куратор\nЧужой по ИНН;7701000002;Иванова\n"
            .write(to: dir.appendingPathComponent("theirs.csv"), atomically: true, encoding: .utf8)
        let theirs = curator.transcript(#"import "theirs.csv" into clients"#, origin: origin)
        XCTAssertTrue(theirs.contains("the store refused the row"), theirs)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE id = 2 AND name = 'ФАРМА-ЦЕНТР'"), 1)

        // The audit log has the rows the import wrote, by the curator's login.
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM audit WHERE object = 'orders' AND action = 'add' AND user_name = '\(login("ivanova"))'"), 1)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM audit WHERE object = 'clients' AND user_name = '\(login("ivanova"))'"), 2)
    }

    func testViewerCannotImport() throws {
        try makeTeamStore()
        let dir = TemporaryStore.folder("pgimport-viewer")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Дата;Номер;ИНН;Сумма\n01.12.2025;V-1;7701000001;100,00\n"
            .write(to: dir.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
        let vera = try open("vera")
        defer { vera.close() }
        let out = engine(vera).transcript(#"import "orders.csv" into orders"#, origin: dir.appendingPathComponent("s.clq").path)
        XCTAssertTrue(out.contains("(a viewer): a viewer only reads (no right on orders)"), out)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM orders WHERE number = 'V-1'"), 0)
        // A dry run only reads: allowed.
        let dry = engine(vera).transcript(#"import "orders.csv" into orders dry run"#, origin: dir.appendingPathComponent("s.clq").path)
        XCTAssertTrue(dry.contains("dry run"), dry)
    }

    /// Holidays are the head's policy: an analyst's or a curator's import into them is
    /// refused by the server and changes nothing; another head's goes in, logged by login.
    func testOnlyAHeadImportsHolidays() throws {
        try makeTeamStore()
        let dir = TemporaryStore.folder("pgimport-holidays")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Праздник;Месяц;День\nДень склада;10;7\n".write(to: dir.appendingPathComponent("h.csv"), atomically: true, encoding: .utf8)
        let origin = dir.appendingPathComponent("s.clq").path
        for role in ["ivanova", "anna"] {
            let pg = try open(role)
            defer { pg.close() }
            let out = engine(pg).transcript(#"import "h.csv" into holidays"#, origin: origin)
            XCTAssertTrue(out.contains("error") && out.contains("holidays"), "\(role): \(out)")
            XCTAssertEqual(try ownerCount("SELECT count(*) FROM holidays WHERE name = 'День склада'"), 0, role)
        }
        let head = try open("head2")
        defer { head.close() }
        let out = engine(head).transcript(#"import "h.csv" into holidays"#, origin: origin)
        XCTAssertTrue(out.contains("1 inserted"), out)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM holidays WHERE name = 'День склада' AND month = 10 AND day = 7"), 1)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM audit WHERE object = 'holidays' AND action = 'add' AND user_name = '\(login("head2"))'"), 1)
    }
}
