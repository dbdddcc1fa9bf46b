import Foundation
import XCTest
@testable import ClienteleInterchange

/// The shared strings of a workbook (`XLSXSharedStrings`), read from their part unpacked to
/// a temporary file a chunk at a time instead of held in memory: the same strings as when
/// the part was read whole, rich text, escapes, entities, empty and Cyrillic strings
/// included, across chunk boundaries, and the same limits.
final class XLSXSharedStringsTests: XCTestCase {
    func testTheTableGivesBackEveryStringAsAppended() {
        let strings = ["", "ИНН", "ООО «Ромашка и партнёры»", "a", "", "x\ty\nz", "😀 emoji", String(repeating: "я", count: 5000), "7701234567", ""]
        var shared = XLSXSharedStrings()
        shared.reserve(strings: 3)
        for s in strings { shared.append(s) }
        XCTAssertEqual(shared.count, strings.count)
        XCTAssertEqual(shared.all, strings)
        XCTAssertEqual(shared[2], "ООО «Ромашка и партнёры»")
        XCTAssertEqual(shared.byteCount, strings.reduce(0) { $0 + $1.utf8.count })
    }

    private func workbook(_ sst: String, _ configure: (inout XLSXLimits) -> Void = { _ in }) throws -> XLSXWorkbook {
        var book = XLSXFixture()
        book.row(1, [.inline("Дата")])
        book.rawSharedStrings = sst
        var limits = XLSXLimits()
        configure(&limits)
        return try XLSXWorkbook(file: ImportFile(name: "b.xlsx", contents: try book.data()), limits: limits)
    }

    private func sst(_ items: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(items.count)\">"
            + items.map { "<si>\($0)</si>" }.joined() + "</sst>"
    }

    func testThePartIsReadIntoTheSameStringsRichTextEscapesAndEmptyOnesIncluded() throws {
        let book = try workbook(sst([
            "<t>Дата</t>",
            "<t/>",                                                       // empty
            "<t></t>",                                                    // empty too
            "<r><rPr><b/></rPr><t xml:space=\"preserve\">ООО </t></r><r><t>«Ромашка»</t></r>"
                + "<rPh sb=\"0\" eb=\"1\"><t>ろましゅか</t></rPh>",          // rich text, phonetic run left out
            "<t>line_x000D_break and _x0041_ but _xZZ_ kept</t>",         // ECMA-376 escapes
            "<t>A &amp; B &lt;c&gt; &#1071; &#x44F;</t>",                 // entities and character references
            "<t xml:space=\"preserve\">  spaced  </t>",
            "<t>РН-0000001</t>",
        ]))
        XCTAssertEqual(book.sharedStrings.all, [
            "Дата", "", "", "ООО «Ромашка»", "line\rbreak and A but _xZZ_ kept", "A & B <c> Я я", "  spaced  ", "РН-0000001",
        ])
    }

    func testManyStringsAcrossChunksComeBackInOrder() throws {
        // 40,000 strings (about 1.3 MB of XML): the part is read in 64 KiB chunks.
        let items = (0..<40_000).map { i in i % 3 == 0 ? "Клиент №\(i)" : i % 3 == 1 ? "РН-\(i)" : "" }
        let book = try workbook(sst(items.map { "<t>\($0)</t>" }))
        XCTAssertEqual(book.sharedStrings.count, items.count)
        XCTAssertEqual(book.sharedStrings.all, items)
    }

    func testTheSheetReaderAloneHoldsTheStringsAndLetsGoOfThemAtTheSheetsEnd() throws {
        var fixture = XLSXFixture()
        fixture.row(1, [.shared("Номер"), .shared("ИНН")])
        fixture.row(2, [.shared("РН-1"), .shared("7701234567")])
        let source = try RecordSource.open(ImportFile(name: "b.xlsx", contents: try fixture.data()), options: ImportOptions())
        let rows = try XCTUnwrap(source.records as? XLSXSheetRecords)
        XCTAssertEqual(rows.sharedStringsHeld, 4)
        XCTAssertEqual(try rows.next()?.fields, ["Номер", "ИНН"])
        XCTAssertEqual(try rows.next()?.fields, ["РН-1", "7701234567"])
        XCTAssertEqual(rows.sharedStringsHeld, 4)
        XCTAssertNil(try rows.next())
        XCTAssertEqual(rows.sharedStringsHeld, 0)     // freed before the import's index builds
        XCTAssertNil(try rows.next())
    }

    func testTheLimitsOnTheSharedStringsStay() throws {
        let items = (0..<4).map { "<t>s\($0)</t>" }
        XCTAssertThrowsError(try workbook(sst(items)) { $0.maxSharedStrings = 3 }) { error in
            XCTAssertEqual("\(error)", "cannot read 'b.xlsx': more than 3 shared strings")
        }
        let big = sst((0..<40_000).map { "<t>строка \($0)</t>" })
        XCTAssertThrowsError(try workbook(big) { $0.maxPartBytes = 1 << 20 }) { error in
            XCTAssertEqual("\(error)", "cannot read 'b.xlsx': xl/sharedStrings.xml would unpack to \(big.utf8.count) bytes, more than the 1 MiB an import reads (a zip bomb?)")
        }
        XCTAssertThrowsError(try workbook(sst(["<t>a</t>"]).replacingOccurrences(of: "</sst>", with: ""))) { error in
            XCTAssertTrue("\(error)".contains("xl/sharedStrings.xml is not well-formed XML"), "\(error)")
        }
    }
}
