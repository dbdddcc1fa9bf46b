import XCTest
@testable import ClienteleCore
@testable import ClienteleInterchange

/// The numbers of a sheet as exact text, serial dates in both systems, and which number
/// formats are dates, times or percents.
final class SpreadsheetNumbersTests: XCTestCase {
    func testNumbersAreExactPlainDigitsWithBinaryNoiseRoundedAway() {
        XCTAssertEqual(SpreadsheetNumbers.plain("1234.56"), "1234.56")
        XCTAssertEqual(SpreadsheetNumbers.plain("1234.5600"), "1234.56")
        XCTAssertEqual(SpreadsheetNumbers.plain("1.5E+3"), "1500")
        XCTAssertEqual(SpreadsheetNumbers.plain("2.5E-3"), "0.0025")
        XCTAssertEqual(SpreadsheetNumbers.plain("0.30000000000000004"), "0.3")
        XCTAssertEqual(SpreadsheetNumbers.plain("99999.999999999999"), "100000")
        XCTAssertEqual(SpreadsheetNumbers.plain("-0"), "0")
        XCTAssertEqual(SpreadsheetNumbers.plain("-12.5"), "-12.5")
        XCTAssertEqual(SpreadsheetNumbers.plain("500100732259"), "500100732259")
        XCTAssertNil(SpreadsheetNumbers.plain("12,5"))
        XCTAssertNil(SpreadsheetNumbers.plain("1E+999"))
        XCTAssertEqual(SpreadsheetNumbers.percent("0.255"), "25.5%")
        XCTAssertEqual(SpreadsheetNumbers.percent("1"), "100%")
    }

    func testSerialDatesIn1900And1904Systems() {
        func d(_ s: String, _ mac: Bool = false) -> String {
            switch SpreadsheetNumbers.date(serial: s, system1904: mac) {
            case .success(let date): return date.iso
            case .failure(let p): return "\(p)"
            }
        }
        XCTAssertEqual(d("1"), "1900-01-01")
        XCTAssertEqual(d("59"), "1900-02-28")
        XCTAssertEqual(d("60"), "fakeLeapDay")
        XCTAssertEqual(d("61"), "1900-03-01")
        XCTAssertEqual(d("45658"), "2025-01-01")
        XCTAssertEqual(d("45658.75"), "2025-01-01", "the time of day is dropped")
        XCTAssertEqual(d("0"), "outOfRange")
        XCTAssertEqual(d("-1"), "outOfRange")
        XCTAssertEqual(d("0", true), "1904-01-01")
        XCTAssertEqual(d("44196", true), "2025-01-01")
        XCTAssertEqual(SpreadsheetNumbers.serial1900(CalendarDate(year: 2025, month: 1, day: 1)!), 45658)
        XCTAssertEqual(SpreadsheetNumbers.serial1900(CalendarDate(year: 1900, month: 2, day: 28)!), 59)
        XCTAssertEqual(SpreadsheetNumbers.serial1900(CalendarDate(year: 1900, month: 3, day: 1)!), 61)
    }

    func testNumberFormatsBuiltInAndCustom() {
        XCTAssertEqual(NumberFormatKind.builtIn(14), .date)
        XCTAssertEqual(NumberFormatKind.builtIn(22), .date)
        XCTAssertEqual(NumberFormatKind.builtIn(20), .time)
        XCTAssertEqual(NumberFormatKind.builtIn(10), .percent)
        XCTAssertEqual(NumberFormatKind.builtIn(4), .number)
        XCTAssertEqual(NumberFormatKind.custom("[$-419]dd\\.mm\\.yyyy;@"), .date)
        XCTAssertEqual(NumberFormatKind.custom("d mmmm yyyy \"г.\""), .date)
        XCTAssertEqual(NumberFormatKind.custom("DD/MM/YYYY"), .date)
        XCTAssertEqual(NumberFormatKind.custom("h:mm"), .time)
        XCTAssertEqual(NumberFormatKind.custom("[h]:mm"), .time)
        XCTAssertEqual(NumberFormatKind.custom("mm:ss"), .time)
        XCTAssertEqual(NumberFormatKind.custom("0.0%"), .percent)
        XCTAssertEqual(NumberFormatKind.custom("#,##0.00\\ \"₽\""), .number)
        XCTAssertEqual(NumberFormatKind.custom("\"day\" 0"), .number, "quoted letters are no format")
        XCTAssertEqual(NumberFormatKind.custom("[Red]0.00;[Blue]-0.00"), .number)
    }

    func testTheXMLReaderReadsEntitiesCDATAAndPrefixes() throws {
        let xml = XMLPullParser(ByteReader(data: Data("\u{FEFF}<?xml version=\"1.0\"?><!-- c --><x:a k='1 &amp; 2'><x:b/>t&lt;&#1071;&#x42;<![CDATA[<raw>]]></x:a>".utf8)))
        var events: [XMLPullParser.Event] = []
        while let e = try xml.next() { events.append(e) }
        XCTAssertEqual(events, [.start("a", ["k": "1 & 2"]), .start("b", [:]), .end("b"), .text("t<ЯB"), .text("<raw>"), .end("a")])
    }
}
