import Foundation
import XCTest
@testable import ClienteleInterchange

/// The import reads through `RecordSource` and `RecordReader`, whatever the format.
final class RecordReaderTests: XCTestCase {
    func testACSVSourceGivesTheHeaderThenRowsWithTheirLines() throws {
        let file = ImportFile(name: "c.csv", contents: Data("name;tax_id\n\"ООО\n«Ромашка»\";7701\nИП Ёлкин;7702\n".utf8))
        let source = try RecordSource.open(file, options: ImportOptions())
        XCTAssertEqual(source.separator, ";")
        XCTAssertEqual(source.encoding, .utf8)
        let reader: any RecordReader = source.records
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        XCTAssertEqual(rows.map(\.fields), [["name", "tax_id"], ["ООО\n«Ромашка»", "7701"], ["ИП Ёлкин", "7702"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 4])
        XCTAssertEqual(reader.recordsRead, 3)
        XCTAssertGreaterThan(reader.bytesConsumed, 0)
    }

    /// A second format only has to give records: the same loop reads it.
    func testAnotherReaderPlugsIntoTheSameLoop() throws {
        final class Sheet: RecordReader {
            let cells: [[String]]
            var recordsRead = 0
            var bytesConsumed: Int { recordsRead }
            init(_ cells: [[String]]) { self.cells = cells }
            func next() throws -> SourceRow? {
                guard recordsRead < cells.count else { return nil }
                recordsRead += 1
                return SourceRow(line: recordsRead, fields: cells[recordsRead - 1])
            }
        }
        let readers: [any RecordReader] = [
            Sheet([["name"], ["A"]]),
            try RecordSource.open(ImportFile(name: "c.csv", contents: Data("name\nA\n".utf8)), options: ImportOptions()).records,
        ]
        for reader in readers {
            var fields: [[String]] = []
            while let row = try reader.next() { fields.append(row.fields) }
            XCTAssertEqual(fields, [["name"], ["A"]])
        }
    }
}
