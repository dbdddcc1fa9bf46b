import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange
import ClienteleTestSupport

/// Malformed and hostile .xlsx files: a clear error naming the file and what is wrong, no
/// crash, bounded memory, and the store exactly as before.
final class XLSXHostileFileTests: XCTestCase {
    private func refused(_ bytes: Data, name: String = "x.xlsx", _ configure: (inout ImportOptions) -> Void = { _ in },
                         file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let box = try ImportSandbox()
        try box.seedClients()
        let path = try box.write(name, bytes: Array(bytes))
        let before = try box.rows("SELECT count(*) FROM orders")
        var message = ""
        XCTAssertThrowsError(try box.run(path, into: .orders, configure), file: file, line: line) { error in
            message = "\(error)".replacingOccurrences(of: path, with: name)
        }
        XCTAssertEqual(try box.rows("SELECT count(*) FROM orders"), before, file: file, line: line)
        return message
    }

    private func book(sheet: String) throws -> Data {
        var b = XLSXFixture()
        b.rawSheet = sheet
        return try b.data()
    }

    private let header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Дата</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>ИНН</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>Сумма</t></is></c></row>"

    func testAFileThatIsNotAZipOrIsAnOldXlsIsRefusedWithASentence() throws {
        XCTAssertEqual(try refused(Data("Дата;Сумма\n".utf8)),
                       "cannot read 'x.xlsx': it is not a zip archive, so not an .xlsx workbook (a damaged or cut file?)")
        XCTAssertEqual(try refused(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))),
                       "cannot read 'x.xlsx': it is an .xls workbook (Excel 97–2003), which import does not read; save it as .xlsx or CSV")
        // A zip that is no workbook.
        XCTAssertEqual(try refused(try XLSXWriter.zip([("hello.txt", Data("hi".utf8))])),
                       "cannot read 'x.xlsx': it holds no workbook (xl/workbook.xml): is it an .xlsx file?")
        // A cut file: the first half of a real workbook.
        var b = XLSXFixture()
        b.row(1, [.shared("Дата")])
        let whole = try b.data()
        XCTAssertTrue(try refused(whole.prefix(whole.count / 2)).hasPrefix("cannot read 'x.xlsx': "))
    }

    func testBadXMLInTheSheetIsAClearErrorAndNothingIsWritten() throws {
        let unclosed = "<worksheet><sheetData>\(header)<row r=\"2\"><c r=\"A2\"><v>45717</v></c></sheetData></worksheet>"
        XCTAssertEqual(try refused(try book(sheet: unclosed)),
                       "cannot read 'x.xlsx': the sheet \"Лист1\" is not well-formed XML (byte 244 of its XML: </sheetData> closes <row>)")
        let doctype = "<!DOCTYPE lol [<!ENTITY a \"aaaa\">]><worksheet><sheetData>\(header)</sheetData></worksheet>"
        XCTAssertTrue(try refused(try book(sheet: doctype)).contains("a DOCTYPE or declaration, which a spreadsheet never holds"))
        let entity = "<worksheet><sheetData>\(header)<row r=\"2\"><c t=\"inlineStr\"><is><t>&lol;</t></is></c></row></sheetData></worksheet>"
        XCTAssertTrue(try refused(try book(sheet: entity)).contains("an unknown entity &lol;"))
        let deep = "<worksheet><sheetData>" + String(repeating: "<a>", count: 100) + "</sheetData></worksheet>"
        XCTAssertTrue(try refused(try book(sheet: deep)).contains("elements nested deeper than 64"))
    }

    func testAZipBombStopsAtTheLimitWhateverItsHeadersSay() throws {
        // 50 MB of one repeated row inflates from ~100 KB; the limit here is 1 MiB.
        let row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
        let sheet = "<worksheet><sheetData>" + String(repeating: row, count: 1_000_000) + "</sheetData></worksheet>"
        let data = try book(sheet: sheet)
        XCTAssertLessThan(data.count, 1_000_000, "the bomb is small")
        let message = try refused(data) { $0.xlsxLimits.maxSheetBytes = 1 << 20 }
        XCTAssertEqual(message, "cannot read 'x.xlsx': the sheet \"Лист1\" would unpack to \(sheet.utf8.count) bytes, more than the 1 MiB an import reads (a zip bomb?)")
    }

    func testHugeDimensionsAndFarCellsCostNothingAndCellsPastXFDAreRefused() throws {
        // The fixture declares A1:XFD1048576; a cell in the last column and row is fine.
        let far = "<worksheet><dimension ref=\"A1:XFD1048576\"/><sheetData>\(header)<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>"
        let box = try ImportSandbox()
        let path = try box.write("far.xlsx", bytes: Array(try book(sheet: far)))
        let report = try box.run(path, into: .orders)
        XCTAssertEqual(report.errors.first?.description, "row 1048576: the row has 16384 fields, the header has 3")
        let beyond = "<worksheet><sheetData>\(header)<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row></sheetData></worksheet>"
        XCTAssertEqual(try refused(try book(sheet: beyond)), "cannot read 'x.xlsx': cell XFE2 is beyond column 16384, the last a sheet has")
        let rowPast = "<worksheet><sheetData>\(header)<row r=\"1048577\"></row></sheetData></worksheet>"
        XCTAssertEqual(try refused(try book(sheet: rowPast)), "cannot read 'x.xlsx': the sheet \"Лист1\": row number 1048577 is outside a sheet (1 to 1048576)")
    }

    func testANegativeOrNonNumericStyleIsTheDefaultStyle() throws {
        // `s="-1"` indexed the styles at -1 (a trap) before; now it is style 0, as `s="x"` was.
        let sheet = "<worksheet><sheetData>\(header)<row r=\"2\"><c r=\"A2\" s=\"-1\"><v>45658</v></c><c r=\"B2\" s=\"x\"><v>7</v></c><c r=\"C2\" s=\"1\"><v>45658</v></c></row></sheetData></worksheet>"
        let workbook = try XLSXWorkbook(file: ImportFile(name: "s.xlsx", contents: try book(sheet: sheet)), limits: XLSXLimits())
        let rows = try XLSXSheetRecords(book: workbook, sheet: workbook.sheet(named: nil), limits: CSVLimits())
        XCTAssertEqual(try rows.next()?.fields, ["Дата", "ИНН", "Сумма"])
        XCTAssertEqual(try rows.next()?.fields, ["45658", "7", "2025-01-01"])
    }

    func testAMissingSharedStringAndALongCellAreRowErrors() throws {
        let sheet = "<worksheet><sheetData>\(header)<row r=\"2\"><c r=\"A2\" t=\"s\"><v>999</v></c></row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>\(String(repeating: "я", count: 40_000))</t></is></c></row></sheetData></worksheet>"
        let box = try ImportSandbox()
        let path = try box.write("s.xlsx", bytes: Array(try book(sheet: sheet)))
        let report = try box.run(path, into: .orders)
        XCTAssertFalse(report.written)
        XCTAssertEqual(report.errors.filter { $0.column == "Дата" }.map(\.description), [
            "row 2, column \"Дата\": the cell refers to shared string 999, which the workbook does not have",
            "row 3, column \"Дата\": the field is longer than 64 KiB, the most a field may hold",
        ])
    }
}
