import Foundation
import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleInterchange

/// Export formats byte for byte, and export → import round trips.
final class ExportTests: XCTestCase {
    let table = Clientele.Table(columns: [
        Clientele.Column(name: "name", type: .text), Clientele.Column(name: "turnover", type: .money),
        Clientele.Column(name: "share", type: .percent), Clientele.Column(name: "avg", type: .decimal),
        Clientele.Column(name: "orders", type: .integer), Clientele.Column(name: "first", type: .date),
        Clientele.Column(name: "key", type: .boolean),
    ], rows: [
        [.text("ООО \"Ромашка\"; филиал"), .money(Money(minorUnits: 123456789)), .percent(Percent(basisPoints: 1250)),
         .decimal(Decimal(string: "0.5")!), .integer(12), .date(CalendarDate(year: 2025, month: 1, day: 31)!), .boolean(true)],
        [.text("line1\nline2 | x"), .money(Money(minorUnits: -5)), .null, .null, .integer(0), .null, .boolean(false)],
    ])

    func testCSVForRussianExcel() throws {
        let data = try Exporter.render(table, options: ExportOptions(separator: ";", decimalComma: true, byteOrderMark: true))
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: data.dropFirst(3), as: UTF8.self), """
            name;turnover;share;avg;orders;first;key
            "ООО ""Ромашка""; филиал";1234567,89;12,5%;0,50;12;2025-01-31;true
            "line1
            line2 | x";-0,05;;;0;;false

            """)
    }

    func testCSVDefaults() throws {
        let data = try Exporter.render(table)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), """
            name,turnover,share,avg,orders,first,key
            "ООО ""Ромашка""; филиал",1234567.89,12.5%,0.50,12,2025-01-31,true
            "line1
            line2 | x",-0.05,,,0,,false

            """)
        XCTAssertThrowsError(try Exporter.render(table, options: ExportOptions(separator: "\""))) { e in
            XCTAssertEqual("\(e)", "'\"' cannot be a separator: use one character other than a quote or a line break, e.g. ';'")
        }
    }

    func testJSONAndJSONLinesAreExact() throws {
        let json = String(decoding: try Exporter.render(table, options: ExportOptions(format: .json)), as: UTF8.self)
        XCTAssertEqual(json, """
            [
              {"name": "ООО \\"Ромашка\\"; филиал", "turnover": 1234567.89, "share": 12.5, "avg": 0.50, "orders": 12, "first": "2025-01-31", "key": true},
              {"name": "line1\\nline2 | x", "turnover": -0.05, "share": null, "avg": null, "orders": 0, "first": null, "key": false}
            ]

            """)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        let lines = String(decoding: try Exporter.render(table, options: ExportOptions(format: .jsonl)), as: UTF8.self)
        XCTAssertEqual(lines.split(separator: "\n").count, 2)
        for line in lines.split(separator: "\n") { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8))) }
        XCTAssertEqual(String(decoding: try Exporter.render(Clientele.Table(columns: table.columns, rows: []), options: ExportOptions(format: .json)), as: UTF8.self), "[]\n")
    }

    func testMarkdown() throws {
        let md = String(decoding: try Exporter.render(table, options: ExportOptions(format: .markdown)), as: UTF8.self)
        XCTAssertEqual(md, """
            | name | turnover | share | avg | orders | first | key |
            | --- | ---: | ---: | ---: | ---: | --- | --- |
            | ООО "Ромашка"; филиал | 1234567.89 | 12.5% | 0.50 | 12 | 2025-01-31 | true |
            | line1<br>line2 \\| x | -0.05 |  |  | 0 |  | false |

            """)
    }

    func testWriteChoosesFormatFromExtensionAndReportsWriteErrors() throws {
        let box = try ImportSandbox()
        try Exporter.write(table, to: box.path("t.json"))
        XCTAssertTrue(try String(contentsOfFile: box.path("t.json"), encoding: .utf8).hasPrefix("[\n  {"))
        try Exporter.write(table, to: box.path("t.md"))
        XCTAssertTrue(try String(contentsOfFile: box.path("t.md"), encoding: .utf8).hasPrefix("| name |"))
        XCTAssertEqual(ExportFormat.forPath("a.NDJSON"), .jsonl)
        XCTAssertEqual(ExportFormat.forPath("a.txt"), .csv)
        XCTAssertThrowsError(try Exporter.write(table, to: box.path("no/such/dir/t.csv"))) { e in
            XCTAssertEqual("\(e)", "cannot write '\(box.path("no/such/dir/t.csv"))': no such folder")
        }
    }

    // MARK: Round trip

    private static let clientColumns = "name, tax_id, kpp, legal_address, phone, email, region, curator, outlets, founded, notes"

    /// Clients and orders read with SQL into Tables, the shape a pipeline produces.
    private func exportTables(_ store: Store) throws -> (clients: Clientele.Table, orders: Clientele.Table) {
        try store.read { db in
            let clients = try Row.fetchAll(db, sql: "SELECT \(Self.clientColumns) FROM clients ORDER BY id")
            let text: (DatabaseValue) -> Value = { v in v.isNull ? .null : .text(String.fromDatabaseValue(v)!) }
            let clientTable = Clientele.Table(
                columns: ["name", "tax_id", "kpp", "legal_address", "phone", "email", "region", "curator"].map { Clientele.Column(name: $0, type: .text) }
                    + [Clientele.Column(name: "outlets", type: .integer), Clientele.Column(name: "founded", type: .date), Clientele.Column(name: "notes", type: .text)],
                rows: clients.map { r -> [Value] in
                    let texts: [Value] = (0..<8).map { text(r[$0]) }
                    let founded: Value = (r[9] as String?).flatMap { CalendarDate(iso: $0) }.map(Value.date) ?? .null
                    let outlets: Int64 = r[8]
                    return texts + [.integer(outlets), founded, text(r[10])]
                })
            let orders = try Row.fetchAll(db, sql: """
                SELECT o.number, c.name, c.tax_id, o.order_date, o.due_date, o.gross_minor, o.discount_minor, o.net_minor, o.status
                FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.id
                """)
            let orderTable = Clientele.Table(columns: [
                Clientele.Column(name: "number", type: .text), Clientele.Column(name: "client", type: .text), Clientele.Column(name: "client_tax_id", type: .text),
                Clientele.Column(name: "order_date", type: .date), Clientele.Column(name: "due_date", type: .date), Clientele.Column(name: "gross", type: .money),
                Clientele.Column(name: "discount", type: .money), Clientele.Column(name: "net", type: .money), Clientele.Column(name: "status", type: .text),
            ], rows: orders.map { r -> [Value] in
                let (d1, d2): (String, String) = (r[3], r[4])
                let (g, d, n): (Int64, Int64, Int64) = (r[5], r[6], r[7])
                let status: String = r[8]
                return [text(r[0]), text(r[1]), text(r[2]), .date(CalendarDate(iso: d1)!), .date(CalendarDate(iso: d2)!),
                        .money(Money(minorUnits: g)), .money(Money(minorUnits: d)), .money(Money(minorUnits: n)), .text(status)]
            })
            return (clientTable, orderTable)
        }
    }

    private func snapshot(_ box: ImportSandbox) throws -> [[String]] {
        try box.rows("SELECT \(Self.clientColumns) FROM clients ORDER BY id")
            + box.rows("""
                SELECT o.number, c.tax_id, c.name, o.order_date, o.due_date, o.gross_minor, o.discount_minor, o.net_minor, o.status
                FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.id
                """)
    }

    func testRoundTripExportThenImportReproducesTheData() throws {
        for options in [ExportOptions(separator: ";", decimalComma: true, byteOrderMark: true),
                        ExportOptions(), ExportOptions(separator: "\t")] {
            let source = try ImportSandbox()
            try source.store.write { db in
                try db.execute(sql: """
                    INSERT INTO clients(name, tax_id, kpp, legal_address, phone, email, region, curator, outlets, founded, notes) VALUES
                      ('ООО "Ромашка"', '7701234567', '770101001', 'г. Москва; ул. Ленина, 1', '+7 495 1', 'a@b.ru', 'Москва', 'Иванова', 3, '2010-05-15', 'строка 1
                    строка 2, "цитата"'),
                      ('Acme Ltd', NULL, NULL, NULL, NULL, NULL, 'London', NULL, 1, NULL, NULL),
                      ('ИП Петров', '500100732259', NULL, 'Тула', NULL, NULL, NULL, 'Сидоров', 0, NULL, 'tab	inside');
                    INSERT INTO orders(number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor, status) VALUES
                      ('1', 1, '2025-01-31', '2025-02-10', 123456789, 6789, 123450000, 'shipped'),
                      ('2', 2, '2024-02-29', '2024-03-31', 5, 0, 5, 'returned'),
                      (NULL, 3, '2025-03-01', '2025-03-11', 100000, 100000, 0, 'cancelled'),
                      ('2', 1, '2025-03-02', '2025-03-12', 2500, 0, 2500, 'shipped');
                    """)
            }
            let (clients, orders) = try exportTables(source.store)
            let target = try ImportSandbox()
            // Exactly, so the formula guard is off: it would keep "+7 495…" as "'+7 495…".
            var exact = options
            exact.guardFormulas = false
            try Exporter.write(clients, to: target.path("clients.csv"), options: exact)
            try Exporter.write(orders, to: target.path("orders.csv"), options: exact)
            let rc = try target.run(target.path("clients.csv"), into: .clients)
            XCTAssertEqual([rc.inserted, rc.rejected], [3, 0], rc.summary())
            let ro = try target.run(target.path("orders.csv"), into: .orders)
            XCTAssertEqual([ro.inserted, ro.rejected], [4, 0], ro.summary())
            XCTAssertEqual(ro.detected.decimalComma, options.decimalComma)
            XCTAssertEqual(ro.detected.separator, options.separator)
            XCTAssertEqual(try snapshot(target), try snapshot(source))
        }
    }
}
