import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange
import ClienteleTestSupport

/// .xlsx import (issue #18, item 3): the same rows as the CSV equivalent, whatever the
/// cells' types; title and total rows skipped and reported; hostile files refused clearly
/// with the store untouched.
final class XLSXImportTests: XCTestCase {
    /// A 1C-style sales report: two title rows and a blank one above the header, a rich-text
    /// header, dates in a built-in and a custom date format, text and number amounts, a
    /// total row at the end.
    private func salesBook() -> XLSXFixture {
        var book = XLSXFixture()
        book.row(1, [.shared("Анализ продаж"), .empty, .empty])
        book.row(2, [.inline("Период: 01.03.2025 - 31.03.2025")])
        book.row(4, [.shared("Дата"), .shared("Номер"), .rich(["Контр", "агент"]), .shared("ИНН"), .shared("Сумма"),
                     .shared("Скидка"), .shared("Статус")])
        book.row(5, [.date(45717), .shared("A-1"), .shared("ООО \"Ромашка\""), .shared("7701234567"), .number("1234.5"),
                     .number("0"), .shared("shipped")])
        book.row(6, [.date(45718, style: 2), .number("2"), .inline("ИП Петров"), .number("500100732259"),
                     .number("0.30000000000000004"), .empty, .empty])
        book.row(7, [.inline("02.03.2025"), .inline("A-3"), .shared("ООО \"Ромашка\""), .shared("7701234567"),
                     .inline("1 000,00"), .number("1E+2"), .shared("returned")])
        book.row(9, [.shared("Итого"), .empty, .empty, .empty, .number("2234.8"), .number("100")])
        return book
    }

    private let salesCSV = #"""
        Дата;Номер;Контрагент;ИНН;Сумма;Скидка;Статус
        01.03.2025;A-1;"ООО ""Ромашка""";7701234567;1234,50;0;shipped
        02.03.2025;2;ИП Петров;500100732259;0,30;;
        02.03.2025;A-3;"ООО ""Ромашка""";7701234567;1000,00;100;returned
        """#

    private let orderColumns = "SELECT number, client_id, order_date, gross_minor, discount_minor, net_minor, status, due_date FROM orders ORDER BY number"

    func testAnXlsxSalesReportImportsTheSameOrdersAsItsCSVEquivalent() throws {
        let fromXLSX = try ImportSandbox(), fromCSV = try ImportSandbox()
        try fromXLSX.seedClients(); try fromCSV.seedClients()
        var book = salesBook()
        let xlsx = try fromXLSX.write("Продажи.xlsx", bytes: Array(book.data()))
        let csv = try fromCSV.write("sales.csv", utf8: salesCSV)

        let report = try fromXLSX.run(xlsx, into: .orders)
        let csvReport = try fromCSV.run(csv, into: .orders)
        XCTAssertEqual(csvReport.inserted, 3, csvReport.summary())
        XCTAssertEqual(report.inserted, 3, report.summary())
        XCTAssertEqual(try fromXLSX.rows(orderColumns), try fromCSV.rows(orderColumns))
        XCTAssertEqual(try fromXLSX.rows(orderColumns).map { $0[2] }, ["2025-03-02", "2025-03-01", "2025-03-02"], "by number: 2, A-1, A-3")
        XCTAssertEqual(report.summary(), """
            orders from Продажи.xlsx: 3 rows read, 3 inserted, 0 updated
            detected: xlsx, sheet "Лист1", header on row 4
            skipped title rows above the header: 1–2
            skipped total row: 9
            """)
    }

    func testSheetByNameAndAClearErrorForAMissingOne() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        var book = XLSXFixture()
        book.sheetName = "Обложка"
        book.row(1, [.shared("Отчёт")])
        book.extraSheets = [("Лист2", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>Наименование</t></is></c><c r="B1" t="inlineStr"><is><t>Маржа</t></is></c>\
            <c r="C1" t="inlineStr"><is><t>Ходовой</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>Молоко</t></is></c><c r="B2" s="3"><v>0.255</v></c><c r="C2" t="b"><v>1</v></c></row>\
            </sheetData></worksheet>
            """)]
        let file = try box.write("cats.xlsx", bytes: Array(book.data()))
        let report = try box.run(file, into: .categories) { $0.sheet = "лист2" }
        XCTAssertEqual(report.inserted, 1, report.summary())
        XCTAssertEqual(try box.rows("SELECT name, margin_bp, fast_moving FROM categories WHERE name = 'Молоко'"), [["Молоко", "2550", "1"]])
        XCTAssertThrowsError(try box.run(file, into: .categories) { $0.sheet = "Лист3" }) { error in
            XCTAssertEqual("\(error)", "'\(file)' has no sheet \"Лист3\" (its sheets: \"Обложка\", \"Лист2\")")
        }
        // The first sheet has no header with a name column in its first rows.
        XCTAssertThrowsError(try box.run(file, into: .categories)) { error in
            XCTAssertTrue("\(error)".hasPrefix("categories need a name column"), "\(error)")
        }
    }

    func testDatesIn1904SystemAndTheFakeLeapDayOf1900() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        var book = XLSXFixture()
        book.system1904 = true
        book.row(1, [.shared("Дата"), .shared("ИНН"), .shared("Сумма")])
        book.row(2, [.date(44196), .shared("7701234567"), .number("10")])     // 2025-01-01 counted from 1904
        let file = try box.write("mac.xlsx", bytes: Array(book.data()))
        let report = try box.run(file, into: .orders)
        XCTAssertEqual(report.detected.description, "xlsx, sheet \"Лист1\", dates in the 1904 system")
        XCTAssertEqual(try box.rows("SELECT order_date FROM orders"), [["2025-01-01"]])

        var old = XLSXFixture()
        old.row(1, [.shared("Дата"), .shared("ИНН"), .shared("Сумма")])
        old.row(2, [.date(60), .shared("7701234567"), .number("10")])
        old.row(3, [.date(61), .shared("7701234567"), .error("#N/A")])
        let bad = try box.write("old.xlsx", bytes: Array(old.data()))
        let refused = try box.run(bad, into: .orders)
        XCTAssertFalse(refused.written)
        XCTAssertEqual(refused.errors.map(\.description), [
            "row 2, column \"Дата\": the cell holds 1900-02-29 (serial number 60), a day that does not exist: Excel counts it by an old mistake",
            "row 3, column \"Сумма\": the cell holds the spreadsheet error #N/A",
        ])
        XCTAssertEqual(try box.count("orders"), 1)
    }

    func testKeepGoingWritesTheRejectedRowsAsCSVAndDryRunWritesNothing() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        var book = XLSXFixture()
        book.row(1, [.shared("Дата"), .shared("ИНН"), .shared("Сумма")])
        book.row(2, [.date(45717), .shared("7701234567"), .number("10")])
        book.row(3, [.date(45717), .shared("0000000000"), .number("20")])
        let file = try box.write("k.xlsx", bytes: Array(book.data()))
        let dry = try box.run(file, into: .orders) { $0.dryRun = true }
        XCTAssertEqual(dry.rejected, 1)
        XCTAssertEqual(try box.count("orders"), 0)
        let report = try box.run(file, into: .orders) { $0.keepGoing = true }
        XCTAssertEqual(report.inserted, 1)
        XCTAssertEqual(report.rejectsPath, file + ".rejected.csv")
        let rejects = try Data(contentsOf: URL(fileURLWithPath: file + ".rejected.csv"))
        XCTAssertEqual(Array(rejects.prefix(3)), [0xEF, 0xBB, 0xBF], "a BOM, so that Excel reads UTF-8")
        XCTAssertEqual(String(decoding: rejects.dropFirst(3), as: UTF8.self), "Дата;ИНН;Сумма;error\n2025-03-01;0000000000;20;ИНН: unknown client: no client has this tax id\n")
    }

    func testHeaderRowClauseNamesTheHeaderInCSVToo() throws {
        let box = try ImportSandbox()
        let file = try box.write("c.csv", utf8: "Выгрузка клиентов\nНаименование;Регион\nООО Альфа;Тула\n")
        XCTAssertThrowsError(try box.run(file, into: .clients))   // a CSV header is its first line
        let report = try box.run(file, into: .clients) { $0.headerRow = 2 }
        XCTAssertEqual(report.inserted, 1, report.summary())
        XCTAssertTrue(report.summary().contains("skipped title lines above the header: 1"), report.summary())
        XCTAssertThrowsError(try box.run(file, into: .clients) { $0.headerRow = 9 }) { error in
            XCTAssertEqual("\(error)", "'\(file)' has no header on row 9: the row is empty or past the end of the file")
        }
    }
}
