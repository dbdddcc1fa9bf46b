import Foundation
import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleInterchange

/// Import of the files analysts have (1C in Windows-1251, Excel with a BOM), all-or-nothing
/// checks, keep going with a rejects file, dry runs, and export → import round trips.
final class ImportExportTests: XCTestCase {
    let nbsp = "\u{00A0}"

    // MARK: 1C exports in Windows-1251

    func test1CCounterpartiesOrdersAndPaymentsInWindows1251() throws {
        let box = try ImportSandbox()
        let counterparties = try box.write("контрагенты.csv", cp1251: """
            Наименование;ИНН;КПП;Юридический адрес;Фактический адрес;Телефон;E-mail;Менеджер\r
            "ООО ""Ромашка""\";7701234567;770101001;"г. Москва; ул. Ленина, 1";г. Москва;+7 495 123-45-67;info@romashka.ru;Иванова\r
            ИП Петров;500100732259;;г. Тула;;;petrov@mail.ru;Сидоров\r

            """)
        let r1 = try box.run(counterparties, into: .clients)
        XCTAssertEqual(r1.summary(), """
            clients from контрагенты.csv: 2 rows read, 2 inserted, 0 updated
            detected: Windows-1251, separator ';', decimal comma, dates yyyy-mm-dd
            """)
        XCTAssertEqual(try box.rows("SELECT name, tax_id, kpp, legal_address, actual_address, phone, email, curator FROM clients ORDER BY id"), [
            ["ООО \"Ромашка\"", "7701234567", "770101001", "г. Москва; ул. Ленина, 1", "г. Москва", "+7 495 123-45-67", "info@romashka.ru", "Иванова"],
            ["ИП Петров", "500100732259", "NULL", "г. Тула", "NULL", "NULL", "petrov@mail.ru", "Сидоров"],
        ])

        let sales = try box.write("продажи.csv", cp1251: """
            Дата;Номер;Контрагент;ИНН;Сумма;Скидка;Сумма со скидкой;Срок оплаты\r
            01.02.2025;123;ООО "Ромашка";7701234567;1\(nbsp)234,56;34,56;1\(nbsp)200,00;15.02.2025\r
            03.02.2025 0:00:00;124;ИП Петров;;500;;450;\r

            """)
        let r2 = try box.run(sales, into: .orders)
        XCTAssertEqual(r2.summary(), """
            orders from продажи.csv: 2 rows read, 2 inserted, 0 updated
            detected: Windows-1251, separator ';', decimal comma, dates dd.mm.yyyy
            """)
        XCTAssertEqual(try box.rows("SELECT number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor, status FROM orders ORDER BY id"), [
            ["123", "1", "2025-02-01", "2025-02-15", "123456", "3456", "120000", "shipped"],
            ["124", "2", "2025-02-03", "2025-02-13", "50000", "5000", "45000", "shipped"],   // due: + first_deal.deferral_days
        ])

        // Importing the same file again updates by number + client.
        let again = try box.run(sales, into: .orders)
        XCTAssertEqual([again.inserted, again.updated], [0, 2])
        XCTAssertEqual(try box.count("orders"), 2)

        let payments = try box.write("оплаты.csv", cp1251: """
            Дата;Номер документа;Контрагент;Сумма;Основание\r
            05.02.2025;П-1;ООО "Ромашка";1 200,00;Заказ № 123 от 01.02.2025\r
            06.02.2025;П-2;ИП Петров;450;124\r

            """)
        let r3 = try box.run(payments, into: .payments)
        XCTAssertEqual([r3.inserted, r3.rejected], [2, 0])
        XCTAssertEqual(try box.rows("SELECT p.number, o.number, p.date, p.amount_minor FROM payments p JOIN orders o ON o.id = p.order_id ORDER BY p.id"), [
            ["П-1", "123", "2025-02-05", "120000"],
            ["П-2", "124", "2025-02-06", "45000"],
        ])
    }

    // MARK: Excel, UTF-8 with a BOM, English headers

    func testExcelExportWithBOMAndEnglishHeaders() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try box.write("sales.csv", utf8: """
            Order date,Number,Customer,Amount,Discount,Net,Due date,Comment\r
            31/01/2025,A-1,Acme Ltd,"1,234.50",34.50,"1,200.00",28/02/2025,"first, big"\r
            13/02/2025,A-2,ACME LTD,100,,,,\r

            """, bom: true)
        let report = try box.run(file, into: .orders)
        XCTAssertEqual(report.summary(), """
            orders from sales.csv: 2 rows read, 2 inserted, 0 updated
            detected: UTF-8 with BOM, separator ',', decimal point, dates dd/mm/yyyy
            ignored columns: Comment
            """)
        XCTAssertEqual(try box.rows("SELECT number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor FROM orders ORDER BY id"), [
            ["A-1", "3", "2025-01-31", "2025-02-28", "123450", "3450", "120000"],
            ["A-2", "3", "2025-02-13", "2025-02-23", "10000", "0", "10000"],
        ])
    }

    // MARK: Quoted fields

    func testQuotedFieldsWithSeparatorsQuotesAndLineBreaksAndLineNumbersAfterThem() throws {
        let box = try ImportSandbox()
        let text = "name;tax_id;notes;outlets\n"
            + "\"Alpha; Beta \"\"AB\"\"\";111;\"line1\nline2\r\nline3\";2\n"
            + "Gamma;222;plain;много\n"
        let file = try box.write("clients.csv", utf8: text)
        let checksum = try box.store.contentChecksum()
        let bad = try box.run(file, into: .clients)
        XCTAssertFalse(bad.written)
        XCTAssertEqual(bad.errors, [ImportRowError(line: 5, column: "outlets", value: "много", reason: "not a whole number")])
        XCTAssertEqual(try box.store.contentChecksum(), checksum)

        try box.write("clients.csv", utf8: text.replacingOccurrences(of: "много", with: "3"))
        let good = try box.run(file, into: .clients)
        XCTAssertTrue(good.written)
        XCTAssertEqual(try box.rows("SELECT name, tax_id, notes, outlets FROM clients ORDER BY id"), [
            ["Alpha; Beta \"AB\"", "111", "line1\nline2\r\nline3", "2"],
            ["Gamma", "222", "plain", "3"],
        ])
    }

    // MARK: All-or-nothing, keep going, dry run on 1,000 rows

    /// 1,000 orders in the 1C format; rows 100, 500 and 900 (lines 101, 501, 901) are bad.
    private func thousandOrders(_ box: ImportSandbox) throws -> String {
        var text = "Дата;Номер;Контрагент;ИНН;Сумма;Сумма со скидкой\n"
        for i in 1...1000 {
            let day = String(format: "%02d", i % 28 + 1)
            var date = "\(day).03.2025", client = "ИП Петров", amount = "1 \(String(format: "%03d", i)),50"
            switch i {
            case 100: date = "30.02.2025"
            case 500: amount = "сто"
            case 900: client = "ООО Неизвестное"
            default: break
            }
            text += "\(date);N\(i);\(client);;\(amount);\(amount)\n"
        }
        return try box.write("orders.csv", utf8: text)
    }

    private let threeErrors = [
        ImportRowError(line: 101, column: "Дата", value: "30.02.2025", reason: "no such date (February 2025 has 28 days)"),
        ImportRowError(line: 501, column: "Сумма", value: "сто", reason: "not an amount of money (e.g. 1 234,56)"),
        ImportRowError(line: 501, column: "Сумма со скидкой", value: "сто", reason: "not an amount of money (e.g. 1 234,56)"),
        ImportRowError(line: 901, column: "Контрагент", value: "ООО Неизвестное", reason: "unknown client: no client has this name"),
    ]

    func testOneBadRowMeansNothingIsWritten() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try thousandOrders(box)
        let checksum = try box.store.contentChecksum()
        let report = try box.run(file, into: .orders)
        XCTAssertFalse(report.written)
        XCTAssertEqual([report.rowsRead, report.inserted, report.rejected, report.errorCount], [1000, 997, 3, 4])
        XCTAssertEqual(report.errors, threeErrors)
        XCTAssertEqual(Set(report.errors.map(\.line)), [101, 501, 901])
        XCTAssertEqual(try box.store.contentChecksum(), checksum)
        XCTAssertEqual(report.summary(), """
            nothing imported — orders from orders.csv: 1000 rows read, 3 with errors; fix them, or add keep going to import the 997 valid rows
            detected: UTF-8, separator ';', decimal comma, dates dd.mm.yyyy
            line 101, column "Дата", value "30.02.2025": no such date (February 2025 has 28 days)
            line 501, column "Сумма", value "сто": not an amount of money (e.g. 1 234,56)
            line 501, column "Сумма со скидкой", value "сто": not an amount of money (e.g. 1 234,56)
            line 901, column "Контрагент", value "ООО Неизвестное": unknown client: no client has this name
            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file + ".rejected.csv"))
    }

    func testKeepGoingImportsValidRowsAndWritesRejects() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try thousandOrders(box)
        let report = try box.run(file, into: .orders) { $0.keepGoing = true }
        XCTAssertTrue(report.written)
        XCTAssertEqual([report.inserted, report.rejected], [997, 3])
        XCTAssertEqual(try box.count("orders"), 997)
        XCTAssertEqual(report.rejectsPath, file + ".rejected.csv")
        XCTAssertEqual(report.summary().components(separatedBy: "\n")[0],
                       "orders from orders.csv: 1000 rows read, 997 inserted, 0 updated, 3 rejected (see \(file).rejected.csv)")
        let rejects = try String(contentsOfFile: file + ".rejected.csv", encoding: .utf8)
        XCTAssertEqual(rejects, """
            Дата;Номер;Контрагент;ИНН;Сумма;Сумма со скидкой;error
            30.02.2025;N100;ИП Петров;;1 100,50;1 100,50;Дата: no such date (February 2025 has 28 days)
            25.03.2025;N500;ИП Петров;;сто;сто;"Сумма: not an amount of money (e.g. 1 234,56); Сумма со скидкой: not an amount of money (e.g. 1 234,56)"
            05.03.2025;N900;ООО Неизвестное;;1 900,50;1 900,50;Контрагент: unknown client: no client has this name

            """)
        // The rejects file, fixed, imports on its own (the error column is ignored).
        try box.write("orders.csv.rejected.csv", utf8: rejects
            .replacingOccurrences(of: "30.02.2025", with: "28.02.2025")
            .replacingOccurrences(of: "сто;сто", with: "100;100")
            .replacingOccurrences(of: "ООО Неизвестное", with: "Acme Ltd"))
        let fixed = try box.run(file + ".rejected.csv", into: .orders)
        XCTAssertEqual([fixed.inserted, fixed.rejected], [3, 0])
        XCTAssertEqual(fixed.ignoredColumns, ["error"])
        XCTAssertEqual(try box.count("orders"), 1000)
    }

    func testDryRunCountsAndWritesNothing() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try thousandOrders(box)
        let checksum = try box.store.contentChecksum()
        let report = try box.run(file, into: .orders) { $0.dryRun = true; $0.keepGoing = true }
        XCTAssertFalse(report.written)
        XCTAssertEqual([report.rowsRead, report.inserted, report.updated, report.rejected], [1000, 997, 0, 3])
        XCTAssertEqual(report.errors, threeErrors)
        XCTAssertEqual(report.summary().components(separatedBy: "\n")[0],
                       "dry run, nothing written — orders from orders.csv: 1000 rows read, would insert 997, would update 0, 3 with errors")
        XCTAssertEqual(try box.store.contentChecksum(), checksum)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file + ".rejected.csv"))
    }

    func testProgressIsReported() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try thousandOrders(box)
        var seen: [ImportProgress] = []
        _ = try box.run(file, into: .orders) { $0.dryRun = true; $0.progressInterval = 400; $0.progress = { seen.append($0) } }
        XCTAssertEqual(seen.map(\.rowsDone), [400, 800])
        XCTAssertTrue(seen.allSatisfy { $0.totalEstimate >= $0.rowsDone && $0.rowsPerSecond > 0 })
        XCTAssertEqual(Double(seen[1].totalEstimate), 1000, accuracy: 100)
    }

    // MARK: File-level errors

    func testMissingRequiredColumnIsReportedBeforeAnyRow() throws {
        let box = try ImportSandbox()
        let file = try box.write("o.csv", utf8: "Номер;Контрагент;Сумма\n1;x;2\n")
        XCTAssertThrowsError(try box.run(file, into: .orders)) { e in
            XCTAssertEqual("\(e)", "orders need a date column: none of Дата, Дата заказа, Order date, Date, order_date found; map one with map \"Column\" to order_date")
        }
        let noAmount = try box.write("o2.csv", utf8: "Дата;Контрагент\n")
        XCTAssertThrowsError(try box.run(noAmount, into: .orders)) { e in
            XCTAssertEqual("\(e)", "orders need an amount column: none of Сумма, Сумма без скидки, Amount, Gross, gross, Сумма со скидкой, Итого, Выручка, Net, Net amount, Revenue, net, Цена, Price, Unit price, price found; map one with map \"Column\" to gross")
        }
        let payments = try box.write("p.csv", utf8: "Дата;Сумма\n")
        XCTAssertThrowsError(try box.run(payments, into: .payments)) { e in
            XCTAssertEqual("\(e)", "payments need an order column: none of Основание, Заказ, Order, Order number, Invoice, order found; map one with map \"Column\" to order")
        }
    }

    func testExplicitMapping() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try box.write("o.csv", utf8: "Когда;Кто;Итого;Сумма\n2025-03-01;Acme Ltd;10;99\n")
        let r = try box.run(file, into: .orders) { $0.mapping = ["Когда": "order_date", "Кто": "client", "Сумма": "ignore"] }
        XCTAssertEqual([r.inserted, r.rejected], [1, 0])
        XCTAssertEqual(r.ignoredColumns, ["Сумма"])
        XCTAssertEqual(try box.rows("SELECT gross_minor, net_minor FROM orders"), [["1000", "1000"]])

        XCTAssertThrowsError(try box.run(file, into: .orders) { $0.mapping = ["When": "order_date"] }) { e in
            XCTAssertEqual("\(e)", "map \"When\": the file has no column \"When\" (its columns: Когда, Кто, Итого, Сумма)")
        }
        XCTAssertThrowsError(try box.run(file, into: .orders) { $0.mapping = ["Когда": "orderdate"] }) { e in
            XCTAssertEqual("\(e)", "map \"Когда\" to orderdate: orders have no field orderdate (fields: order_date, number, client, client_tax_id, client_code, gross, discount, net, due_date, status, outlet, category, quantity, price, or ignore)")
        }
        let twice = try box.write("o2.csv", utf8: "Дата;Клиент;Сумма;Amount\n2025-03-01;Acme Ltd;10;10\n")
        XCTAssertThrowsError(try box.run(twice, into: .orders)) { e in
            XCTAssertEqual("\(e)", "columns \"Сумма\" and \"Amount\" both map to gross; map the one to skip with map \"Column\" to ignore")
        }
        // An explicit mapping settles it; the other synonym column is then ignored.
        let settled = try box.run(twice, into: .orders) { $0.mapping = ["Amount": "gross"] }
        XCTAssertEqual(settled.ignoredColumns, ["Сумма"])
        XCTAssertEqual(settled.inserted, 1)
    }

    func testUnreadableAndEmptyFiles() throws {
        let box = try ImportSandbox()
        XCTAssertThrowsError(try box.run(box.path("nope.csv"), into: .clients)) { e in
            XCTAssertEqual("\(e)", "cannot read '\(box.path("nope.csv"))': no such file")
        }
        XCTAssertThrowsError(try box.run(box.dir, into: .clients)) { e in
            XCTAssertEqual("\(e)", "cannot read '\(box.dir)': it is a directory")
        }
        let empty = try box.write("empty.csv", utf8: "", bom: true)
        XCTAssertThrowsError(try box.run(empty, into: .clients)) { e in
            XCTAssertEqual("\(e)", "'\(empty)' is empty: expected a header row")
        }
        let one = try box.write("one.csv", utf8: "name\nx\n")
        XCTAssertThrowsError(try box.run(one, into: .clients) { $0.separator = "\"" }) { e in
            XCTAssertEqual("\(e)", "'\"' cannot be a separator: use one ASCII character other than a quote or a line break, e.g. ';'")
        }
    }

    // MARK: Row errors, one message each

    func testOrderRowErrors() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try box.write("o.csv", utf8: """
            Дата;Номер;Контрагент;ИНН;Сумма;Скидка;Сумма со скидкой;Статус;Срок оплаты
            01.03.2025;1;Вектор;;100;;;;
            01.03.2025;2;;999;100;;;;
            01.03.2025;3;Acme Ltd;;100;10;80;;
            01.03.2025;4;Acme Ltd;;100;;;продан;
            01.03.2025;5;Acme Ltd;;100;;;;32.01.2025
            ;6;Acme Ltd;;100;;;;
            01.03.2025;7;Acme Ltd;;;;;;
            01.03.2025;8;Acme Ltd;;100;;;;;extra
            01.03.2025;9;Acme Ltd;;100;;;;
            01.03.2025;9;acme ltd;;100;;;;
            01.03.2025;10;;;100;;;;
            01.03.2025;11;Acme Ltd;;100;5%;;;
            """)
        let r = try box.run(file, into: .orders)
        XCTAssertEqual(r.errors.map(\.description), [
            "line 2, column \"Контрагент\", value \"Вектор\": ambiguous client: 2 clients have this name; add a client code or tax id (ИНН) column",
            "line 3, column \"ИНН\", value \"999\": unknown client: no client has this tax id",
            "line 4, column \"Сумма со скидкой\", value \"80\": net 80,00 is not gross 100,00 minus discount 10,00 (90,00)",
            "line 5, column \"Статус\", value \"продан\": must be one of shipped, returned, cancelled",
            "line 6, column \"Срок оплаты\", value \"32.01.2025\": no such date (January 2025 has 31 days)",
            "line 7, column \"Дата\": required, but empty",
            "line 8, column \"Сумма\": required, but empty",
            "line 9: the row has 10 fields, the header has 9",
            "line 11, column \"Номер\", value \"9\": duplicate: order 9 of this client is also on line 10",
            "line 12, column \"Контрагент\": required, but empty",
        ])
        XCTAssertEqual([r.inserted, r.rejected], [2, 10])
    }

    func testPaymentRowErrors() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        try box.store.write { db in
            try db.execute(sql: """
                INSERT INTO orders(number, client_id, order_date, due_date, gross_minor, net_minor) VALUES
                  ('100', 1, '2025-01-01', '2025-01-11', 1000, 1000),
                  ('200', 1, '2025-01-01', '2025-01-11', 1000, 1000),
                  ('200', 2, '2025-01-01', '2025-01-11', 1000, 1000)
                """)
        }
        let file = try box.write("p.csv", utf8: """
            Date,Number,Client,Paid,Order
            2025-02-01,P1,,10.00,Order #100
            2025-02-01,P2,,10.00,Order #999
            2025-02-01,P3,Acme Ltd,10.00,100
            2025-02-01,P4,,10.00,200
            2025-02-01,P5,ИП Петров,10.00,200
            2025-02-01,P6,,10.00,по договору
            2025-02-01,P1,,10.00,0100
            """)
        let r = try box.run(file, into: .payments)
        XCTAssertEqual(r.errors.map(\.description), [
            "line 3, column \"Order\", value \"Order #999\": unknown order: no order has number 999",
            "line 4, column \"Client\", value \"Acme Ltd\": order 100 belongs to ООО \"Ромашка\", not to this client",
            "line 5, column \"Order\", value \"200\": ambiguous order: 2 orders have number 200; add a client column (Контрагент or ИНН)",
            "line 7, column \"Order\", value \"по договору\": no order number found (expected e.g. Заказ № 123 от 01.02.2025, or 123)",
            "line 8, column \"Number\", value \"P1\": duplicate: payment P1 for this order is also on line 2",
        ])
        XCTAssertEqual([r.inserted, r.rejected], [2, 5])
    }

    func testClientUpsertAppendAndErrors() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try box.write("c.csv", utf8: """
            Наименование;ИНН;Регион;Тип продаж;Корпоративная карта;Дата основания
            ООО Ромашка-2;7701234567;Казань;сеть;да;15.05.2010
            Acme Ltd;;Paris;;;
            Новый;;;;;
            Новый;;;;;
            Вектор;;;;;
            Другой;7701234567;;;;
            Третий;333;;оптом;может быть;31.04.2010
            """)
        let r = try box.run(file, into: .clients)
        XCTAssertEqual(r.errors.map(\.description), [
            "line 5, column \"Наименование\", value \"Новый\": duplicate: a client with this name is on line 4",
            "line 6, column \"Наименование\", value \"Вектор\": ambiguous client: 2 clients have this name; add a client code or tax id (ИНН) column",
            "line 7, column \"ИНН\", value \"7701234567\": duplicate: the same tax id is on line 2",
            "line 8, column \"Тип продаж\", value \"оптом\": must be one of wholesaler, retail chain, retail point",
            "line 8, column \"Корпоративная карта\", value \"может быть\": not yes or no (e.g. yes, no, да, нет, 1, 0)",
            "line 8, column \"Дата основания\", value \"31.04.2010\": no such date (April 2010 has 30 days)",
        ])
        let ok = try box.write("c2.csv", utf8: """
            Наименование;ИНН;Регион;Тип продаж;Корпоративная карта;Дата основания
            ООО Ромашка-2;7701234567;Казань;сеть;да;15.05.2010
            Acme Ltd;;Paris;;;
            Новый;;;;;
            """)
        let r2 = try box.run(ok, into: .clients)
        XCTAssertEqual([r2.inserted, r2.updated], [1, 2])
        XCTAssertEqual(try box.rows("SELECT name, tax_id, region, sales_type, corporate_card, founded FROM clients WHERE id IN (1, 3, 6) ORDER BY id"), [
            ["ООО Ромашка-2", "7701234567", "Казань", "retail chain", "1", "2010-05-15"],
            ["Acme Ltd", "NULL", "Paris", "NULL", "0", "NULL"],
            ["Новый", "NULL", "NULL", "NULL", "0", "NULL"],
        ])
        // Append: an existing tax id is an error; an existing name is a new client.
        let r3 = try box.run(ok, into: .clients) { $0.mode = .append }
        XCTAssertEqual(r3.errors.map(\.description), [
            "line 2, column \"ИНН\", value \"7701234567\": a client with this tax id already exists (ООО Ромашка-2); import without append to update it",
        ])
        XCTAssertEqual(r3.inserted, 2)
    }

    func testContactsAndCategories() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let contacts = try box.write("contacts.csv", utf8: """
            Контрагент;ФИО;Должность;Телефон;E-mail;День рождения;ЛПР
            7701234567;Иванов Иван;Директор;+7 900 000-00-00;ivanov@r.ru;12.04.1980;да
            Acme Ltd;John Smith;Buyer;;;;нет
            Acme Ltd;john smith;Head buyer;;;;
            """)
        let r = try box.run(contacts, into: .contacts)
        XCTAssertEqual(r.errors.map(\.description), [
            "line 4, column \"ФИО\", value \"john smith\": duplicate: this client's contact of this name is also on line 3",
        ])
        try box.write("contacts.csv", utf8: """
            Контрагент;ФИО;Должность;Телефон;E-mail;День рождения;ЛПР
            7701234567;Иванов Иван;Директор;+7 900 000-00-00;ivanov@r.ru;12.04.1980;да
            Acme Ltd;John Smith;Buyer;;;;нет
            """)
        XCTAssertEqual(try box.run(contacts, into: .contacts).inserted, 2)
        XCTAssertEqual(try box.rows("SELECT client_id, name, position, work_phone, email, birthday, decision_maker FROM contacts ORDER BY id"), [
            ["1", "Иванов Иван", "Директор", "+7 900 000-00-00", "ivanov@r.ru", "1980-04-12", "1"],
            ["3", "John Smith", "Buyer", "NULL", "NULL", "NULL", "0"],
        ])

        let categories = try box.write("cat.csv", utf8: """
            Категория;Маржа;Класс;Ходовой
            stationery;27,5%;А;да
            Игрушки;30;C;нет
            Мебель;120%;B;
            """)
        let c = try box.run(categories, into: .categories) { $0.keepGoing = true }
        XCTAssertEqual(c.errors.map(\.description), [
            "line 4, column \"Маржа\", value \"120%\": a margin must be from 0% to 100%",
        ])
        XCTAssertEqual([c.inserted, c.updated], [1, 1])
        XCTAssertEqual(try box.rows("SELECT name, margin_bp, goods_class, fast_moving FROM categories WHERE name IN ('stationery', 'Игрушки') ORDER BY id"), [
            ["stationery", "2750", "A", "1"],
            ["Игрушки", "3000", "C", "0"],
        ])
    }
}
