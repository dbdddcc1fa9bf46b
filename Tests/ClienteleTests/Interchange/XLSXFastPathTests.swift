import Foundation
import XCTest
@testable import ClienteleInterchange
import ClienteleCore

/// The shortcuts of the sheet reader give what the general code gives: numbers already in
/// plain form are kept as they are, whole serial numbers are dates without the digit-by-digit
/// path, attribute numbers are read from bytes as `Int(String)` reads them, and `nextRaw`
/// sees the same elements, attributes and text as `next`.
final class XLSXFastPathTests: XCTestCase {
    private struct Generator {
        var state: UInt64
        mutating func below(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    func testNumbersInPlainFormAreKeptAsTheDigitPathWouldWriteThem() {
        var g = Generator(state: 18)
        let alphabet = Array("0000123456789.-e+E ")
        var plainOnes = 0
        for _ in 0..<200_000 {
            let text = String((0..<(1 + g.below(18))).map { _ in alphabet[g.below(alphabet.count)] })
            if SpreadsheetNumbers.isPlain(text) {
                plainOnes += 1
                XCTAssertEqual(SpreadsheetNumbers.digitsPlain(text), text, text)
            }
            XCTAssertEqual(SpreadsheetNumbers.plain(text), SpreadsheetNumbers.digitsPlain(text), text)
        }
        XCTAssertGreaterThan(plainOnes, 1000)
        for text in ["0", "0.5", "-0.5", "1234.56", "0.05", "100", "123456789012345"] {
            XCTAssertTrue(SpreadsheetNumbers.isPlain(text), text)
        }
        for text in ["-0", "05", "1.50", "5.", ".5", "+5", "1e5", "1234567890123456", "", "-"] {
            XCTAssertFalse(SpreadsheetNumbers.isPlain(text), text)
        }
    }

    func testWholeSerialNumbersAreTheSameDatesAsThroughTheDigitPath() {
        for system1904 in [false, true] {
            for n in Array(0...100) + Array(stride(from: 101, through: 2_958_465, by: 997)) + [2_958_466, 9_999_999] {
                let fast = SpreadsheetNumbers.date(serial: "\(n)", system1904: system1904)
                let slow = SpreadsheetNumbers.date(serial: "\(n).0", system1904: system1904)   // not plain: the digit path
                XCTAssertEqual(fast, slow, "\(n)")
            }
        }
        XCTAssertEqual(SpreadsheetNumbers.date(serial: "0045717", system1904: false), SpreadsheetNumbers.date(serial: "45717", system1904: false))
        XCTAssertEqual(SpreadsheetNumbers.date(serial: "", system1904: false), .failure(.notANumber))
    }

    func testAttributeNumbersAreReadAsIntReadsThem() {
        var g = Generator(state: 7)
        let alphabet = Array("0123456789+- x")
        for _ in 0..<100_000 {
            let text = String((0..<g.below(22)).map { _ in alphabet[g.below(alphabet.count)] })
            XCTAssertEqual(XLSXSheetRecords.integer(ArraySlice(text.utf8)), Int(text), text)
        }
        XCTAssertEqual(XLSXSheetRecords.integer(ArraySlice("9223372036854775807".utf8)), Int.max)
        XCTAssertNil(XLSXSheetRecords.integer(ArraySlice("9223372036854775808".utf8)))
        XCTAssertEqual(XLSXSheetRecords.integer(ArraySlice("-9223372036854775808".utf8)), Int.min)
    }

    func testRawEventsCarryWhatTheEventsCarry() throws {
        var book = XLSXFixture()
        book.row(1, [.shared("Дата"), .rich(["ООО ", "«Ромашка»"]), .inline("A & B <c>"), .number("1.5E+3")])
        book.row(3, [.date(45658), .boolean(true), .error("#N/A"), .empty, .percent("0.25"), .raw("<c r=\"J3\" t=\"inlineStr\"><is><t>x</t><rPh><t>y</t></rPh></is></c>")])
        let sheet = book.sheetXML() + "<!-- c --><x:extra a='1 &amp; 2' a=\"3\" b=''/>"
        let xml = sheet.replacingOccurrences(of: "</worksheet><!-- c -->", with: "<!-- c -->") + "</worksheet>"
        let events = XMLPullParser(ByteReader(data: Data(xml.utf8)))
        let raw = XMLPullParser(ByteReader(data: Data(xml.utf8)))
        var count = 0
        while let e = try events.next() {
            let r = try XCTUnwrap(try raw.nextRaw())
            count += 1
            switch e {
            case .start(let name, let attributes):
                XCTAssertEqual(r, .start)
                XCTAssertTrue(raw.nameIs(Array(name.utf8)), name)
                for (k, v) in attributes {
                    XCTAssertEqual(raw.attribute(Array(k.utf8)).map { String(decoding: $0, as: UTF8.self) }, v, "\(name) \(k)")
                }
                XCTAssertNil(raw.attribute(Array("nope".utf8)))
                if name == "extra" { XCTAssertEqual(attributes, ["a": "3", "b": ""], "a repeated attribute: the last value") }
            case .end(let name):
                XCTAssertEqual(r, .end)
                XCTAssertTrue(raw.nameIs(Array(name.utf8)), name)
            case .text(let t):
                XCTAssertEqual(r, .text)
                XCTAssertEqual(raw.text, t)
            }
        }
        XCTAssertNil(try raw.nextRaw())
        XCTAssertGreaterThan(count, 60)
    }

    func testMalformedXMLFailsTheSameWayThroughBothReaders() {
        let cases = [
            "<a><b></a>", "<a>", "<a x=1/>", "<a x='<'/>", "<a>&nope;</a>", "<a x='&nope;'/>", "<a/><b/>", "t<a/>",
            "<a " + (0..<65).map { "k\($0)='1'" }.joined(separator: " ") + "/>", "</a>", "<a></b>", "<a><!DOCTYPE x></a>",
        ]
        for text in cases {
            var events: XMLMalformed?, raw: XMLMalformed?
            do { let p = XMLPullParser(ByteReader(data: Data(text.utf8))); while try p.next() != nil {} } catch { events = error as? XMLMalformed }
            do { let p = XMLPullParser(ByteReader(data: Data(text.utf8))); while try p.nextRaw() != nil {} } catch { raw = error as? XMLMalformed }
            XCTAssertNotNil(events, text)
            XCTAssertEqual(events, raw, text)
        }
        // 63 different attributes and one repeated: within the limit, as in a dictionary.
        let p = XMLPullParser(ByteReader(data: Data(("<a " + (0..<63).map { "k\($0)='1'" }.joined(separator: " ") + " k0='2'/>").utf8)))
        XCTAssertEqual(try p.nextRaw(), .start)
        XCTAssertEqual(p.attribute(Array("k0".utf8)).map { String(decoding: $0, as: UTF8.self) }, "2")
    }
}

/// The quick test of a total row's first letter rejects only rows the full test rejects.
final class TotalRowShortcutTests: XCTestCase {
    /// `HeaderSearch.isTotalRow` as it was before the shortcut.
    private func slowIsTotalRow(_ row: SourceRow) -> Bool {
        guard let cell = row.fields.first(where: { !ValueParser.trim($0).isEmpty }) else { return false }
        var s = HeaderMap.normalize(cell)
        while let last = s.last, last == ":" || last == "." { s.removeLast() }
        return HeaderSearch.totalWords.contains(s) || s.hasPrefix("итого по ") || s.hasPrefix("всего по ") || s.hasPrefix("total for ")
    }

    func testTheShortcutAgreesWithTheFullTest() {
        let pieces = ["Итого", "итого по ", "ИТОГО:", "Всего", "всего по ", "TOTAL", "Total for ", "sum", "Sum.", "Grand total", "общий итог",
                      "Итог", " ", "_", "\u{FEFF}", "\t", "\u{00A0}", "x", "и", "ё", ":", ".", "РН-1", "12,50", "ООО Ромашка", ""]
        var state: UInt64 = 5
        func below(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var totals = 0
        for _ in 0..<50_000 {
            let fields = (0..<(1 + below(3))).map { _ in (0..<below(4)).map { _ in pieces[below(pieces.count)] }.joined() }
            let row = SourceRow(line: 1, fields: fields)
            let expected = slowIsTotalRow(row)
            if expected { totals += 1 }
            XCTAssertEqual(HeaderSearch.isTotalRow(row), expected, "\(fields)")
        }
        XCTAssertGreaterThan(totals, 500)
    }
}
