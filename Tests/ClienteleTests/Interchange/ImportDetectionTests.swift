import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleSQLite
@testable import ClienteleInterchange

/// Unit tests of detection and value parsing, without a store.
final class ImportDetectionTests: XCTestCase {
    func testSeparatorCountsOutsideQuotesInTheHeaderLine() {
        XCTAssertEqual(FormatDetection.separator(in: "Дата;Номер;Контрагент\n1,2;3;4"), ";")
        XCTAssertEqual(FormatDetection.separator(in: "a,b,c\n1;2;3;4;5"), ",")
        XCTAssertEqual(FormatDetection.separator(in: "a\tb\tc\n"), "\t")
        // The commas are inside quotes: two semicolons win.
        XCTAssertEqual(FormatDetection.separator(in: "\"Name, full\";\"Tax, id\";x,y\n"), ";")
        // A quoted header field spanning lines is still the header.
        XCTAssertEqual(FormatDetection.separator(in: "\"a\nb,c,d,e\";f;g\n"), ";")
        XCTAssertEqual(FormatDetection.separator(in: "name\nx"), ",")
    }

    func testDecimalMarkFromAmounts() {
        XCTAssertTrue(FormatDetection.decimalComma(samples: ["1 234,56", "12", "7,5"], separator: ","))
        XCTAssertTrue(FormatDetection.decimalComma(samples: ["1\u{00A0}234,56"], separator: ","))
        XCTAssertFalse(FormatDetection.decimalComma(samples: ["1,234.56", "12.50"], separator: ";"))
        XCTAssertTrue(FormatDetection.decimalComma(samples: ["1.234,56"], separator: ","))
        // No evidence (whole numbers, or an ambiguous 1,234): the separator decides.
        XCTAssertTrue(FormatDetection.decimalComma(samples: ["100", "1,234"], separator: ";"))
        XCTAssertFalse(FormatDetection.decimalComma(samples: ["100"], separator: ","))
    }

    func testDateFormatFromValues() {
        XCTAssertEqual(FormatDetection.dateFormat(samples: ["2025-01-31", "2025-02-01"]), .iso)
        XCTAssertEqual(FormatDetection.dateFormat(samples: ["31.01.2025", "01.02.2025 0:00:00"]), .dayMonthYearDots)
        XCTAssertEqual(FormatDetection.dateFormat(samples: ["01/02/2025", "13/02/2025"]), .dayMonthYearSlashes)
        XCTAssertEqual(FormatDetection.dateFormat(samples: ["01/02/2025", "02/28/2025"]), .monthDayYearSlashes)
        XCTAssertEqual(FormatDetection.dateFormat(samples: ["01/02/2025"]), .dayMonthYearSlashes)
        XCTAssertEqual(FormatDetection.dateFormat(samples: []), .iso)
    }

    func testEncodingDetection() throws {
        let utf8 = try TextDecoding.decode(Data("Дата;Сумма".utf8), choice: .auto, path: "f")
        XCTAssertEqual(utf8.encoding, .utf8); XCTAssertFalse(utf8.byteOrderMark); XCTAssertEqual(utf8.text, "Дата;Сумма")
        let bom = try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("Date".utf8)), choice: .auto, path: "f")
        XCTAssertEqual(bom.encoding, .utf8); XCTAssertTrue(bom.byteOrderMark); XCTAssertEqual(bom.text, "Date")
        // "Дата;Сумма" in Windows-1251.
        let cp = try TextDecoding.decode(Data([0xC4, 0xE0, 0xF2, 0xE0, 0x3B, 0xD1, 0xF3, 0xEC, 0xEC, 0xE0]), choice: .auto, path: "f")
        XCTAssertEqual(cp.encoding, .windows1251); XCTAssertEqual(cp.text, "Дата;Сумма")
        XCTAssertThrowsError(try TextDecoding.decode(Data([0x41, 0xC4, 0xE0]), choice: .utf8, path: "x.csv")) { e in
            XCTAssertEqual("\(e)", "'x.csv' is not valid UTF-8 (byte 1); it may be Windows-1251: leave the encoding to auto or choose windows-1251")
        }
    }

    func testWindows1251TableMatchesFoundation() {
        for b in 0x80...0xFF where b != 0x98 {
            let mine = TextDecoding.windows1251([UInt8(b)])
            let foundation = String(data: Data([UInt8(b)]), encoding: .windowsCP1251)
            XCTAssertEqual(mine, foundation, "byte \(String(b, radix: 16))")
        }
        XCTAssertEqual(TextDecoding.windows1251([0xA8, 0xB8, 0xB9, 0xA0]), "Ёё№\u{00A0}")
    }

    func testMoneyParsing() throws {
        let comma = ValueParser(decimalComma: true, dateFormat: .dayMonthYearDots)
        XCTAssertEqual(try comma.money("1 234,56"), 123456)
        XCTAssertEqual(try comma.money("1\u{00A0}234,56"), 123456)
        XCTAssertEqual(try comma.money("1\u{202F}234\u{202F}567,5"), 123456750)
        XCTAssertEqual(try comma.money("1.234,56"), 123456)
        XCTAssertEqual(try comma.money("-12"), -1200)
        XCTAssertEqual(try comma.money("12,50 руб."), 1250)
        XCTAssertEqual(try comma.money(" 99 ₽"), 9900)
        XCTAssertThrowsError(try comma.money("abc")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not an amount of money (e.g. 1 234,56)") }
        XCTAssertThrowsError(try comma.money("1,234")) { XCTAssertEqual(($0 as! FieldProblem).reason, "more than 2 decimal places in an amount of money") }
        let point = ValueParser(decimalComma: false, dateFormat: .iso)
        XCTAssertEqual(try point.money("1,234.56"), 123456)
        XCTAssertEqual(try point.money("1,234,567"), 123456700)
        XCTAssertEqual(try point.money("$1,234.5"), 123450)
        XCTAssertThrowsError(try point.money("12a")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not an amount of money (e.g. 1234.56)") }
    }

    func testFastScaledParserAgreesWithDecimalText() {
        let inputs = ["0", "1", "-1", "+12", "1234.5", "1 234,56", "1\u{00A0}234,56", "1\u{202F}234", "1'234.00", "−7,1",
                      "12.345", "1,2,3", "", "-", ".5", "5.", "1 2 3", "1,5 0", "abc", "12a", "9223372036854775807",
                      "92233720368547758.07", "92233720368547758.08", "1\u{00A0}", "\u{00A0}1"]
        for s in inputs {
            XCTAssertEqual(ValueParser.scaled(s, scale: 2), DecimalText.parseScaled(s, scale: 2), s)
        }
        XCTAssertEqual(ValueParser.iso(CalendarDate(year: 987, month: 3, day: 4)!), "0987-03-04")
    }

    func testDateParsing() throws {
        let dots = ValueParser(decimalComma: true, dateFormat: .dayMonthYearDots)
        XCTAssertEqual(try dots.date("31.01.2025").iso, "2025-01-31")
        XCTAssertEqual(try dots.date("1.2.2025 0:00:00").iso, "2025-02-01")
        XCTAssertEqual(try dots.date("2025-02-01").iso, "2025-02-01")   // ISO always accepted
        XCTAssertEqual(try dots.date("29.02.2024").iso, "2024-02-29")
        XCTAssertThrowsError(try dots.date("30.02.2025")) { XCTAssertEqual(($0 as! FieldProblem).reason, "no such date (February 2025 has 28 days)") }
        XCTAssertThrowsError(try dots.date("01.13.2025")) { XCTAssertEqual(($0 as! FieldProblem).reason, "no such date (there is no month 13)") }
        XCTAssertThrowsError(try dots.date("00.01.2025")) { XCTAssertEqual(($0 as! FieldProblem).reason, "no such date") }
        XCTAssertThrowsError(try dots.date("вчера")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not a date (expected e.g. 31.01.2025, dd.mm.yyyy)") }
        XCTAssertThrowsError(try dots.date("31.01.25")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not a date (expected e.g. 31.01.2025, dd.mm.yyyy)") }
        let us = ValueParser(decimalComma: false, dateFormat: .monthDayYearSlashes)
        XCTAssertEqual(try us.date("02/28/2025").iso, "2025-02-28")
        let eu = ValueParser(decimalComma: false, dateFormat: .dayMonthYearSlashes)
        XCTAssertEqual(try eu.date("28/02/2025").iso, "2025-02-28")
    }

    func testOtherValues() throws {
        let p = ValueParser(decimalComma: true, dateFormat: .iso)
        XCTAssertEqual(try p.percentBasisPoints("25%"), 2500)
        XCTAssertEqual(try p.percentBasisPoints("25,5"), 2550)
        XCTAssertEqual(try p.percentBasisPoints("12.25 %"), 1225)
        XCTAssertThrowsError(try p.percentBasisPoints("много")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not a percent (e.g. 25%, 25,5)") }
        XCTAssertEqual(try p.boolean("Да"), true)
        XCTAssertEqual(try p.boolean("no"), false)
        XCTAssertThrowsError(try p.boolean("maybe")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not yes or no (e.g. yes, no, да, нет, 1, 0)") }
        XCTAssertEqual(try p.integer("1 200"), 1200)
        XCTAssertThrowsError(try p.integer("1.5")) { XCTAssertEqual(($0 as! FieldProblem).reason, "not a whole number") }
    }

    func testOrderNumberInPaymentBasis() {
        XCTAssertEqual(PaymentRows.orderNumber(in: "Заказ № 123 от 01.02.2025"), "123")
        XCTAssertEqual(PaymentRows.orderNumber(in: "Заказ покупателя №ЦБ-000123 от 01.02.2025 0:00:00"), "ЦБ-000123")
        XCTAssertEqual(PaymentRows.orderNumber(in: "Order #A-17, thanks"), "A-17")
        XCTAssertEqual(PaymentRows.orderNumber(in: "Invoice No. 55"), "55")
        XCTAssertEqual(PaymentRows.orderNumber(in: "Заказ 77 от 01.02.2025"), "77")
        XCTAssertEqual(PaymentRows.orderNumber(in: " 123 "), "123")
        XCTAssertNil(PaymentRows.orderNumber(in: "оплата по договору"))
        XCTAssertEqual(PaymentRows.normalize("000123"), "123")
        XCTAssertEqual(PaymentRows.normalize("ЦБ-0001"), "ЦБ-0001")
    }

    func testLineNumbersCountBreaksInsideQuotedFields() throws {
        var records = try CSVRecords(text: "a;b\r\n\"x\r\ny\";1\n\"p\nq\nr\";2\n\n3;\"4\"\n", separator: ";")
        var lines: [Int] = []
        while let r = records.next() { lines.append(r.line) }
        // header 1; record over lines 2-3; record over 4-6; blank line 7; record 8
        XCTAssertEqual(lines, [1, 2, 4, 7, 8])
    }

    func testHeaderNormalization() {
        XCTAssertEqual(HeaderMap.normalize("  Order_Date "), "order date")
        XCTAssertEqual(HeaderMap.normalize("Надёжность"), HeaderMap.normalize("НАДЕЖНОСТЬ"))
        XCTAssertEqual(HeaderMap.normalize("\u{FEFF}Сумма  со   скидкой"), "сумма со скидкой")
    }
}
