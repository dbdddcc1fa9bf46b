import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange

/// Rendering (`mode csv/json/markdown`) and `export` write through one writer per format;
/// where they differ, the difference is one named option. These tests pin each difference
/// and each shared rule from both sides.
final class SharedWritersTests: XCTestCase {
    private func rendered(_ table: Table, _ format: OutputFormat) -> String {
        Renderer(options: RenderOptions(format: format, width: 200, maxRows: nil)).render(.table(table))
    }

    private func exported(_ table: Table, _ format: ExportFormat) throws -> String {
        String(decoding: try Exporter.render(table, options: ExportOptions(format: format)), as: UTF8.self)
    }

    func testJSONDiffersOnlyInHowAPercentIsWritten() throws {
        let table = Table(columns: [Column(name: "name", type: .text), Column(name: "share", type: .percent),
                                    Column(name: "turnover", type: .money)],
                          rows: [[.text("A"), Sample.percent("2.5%"), Sample.money("1234.5")]])
        XCTAssertEqual(rendered(table, .json), "[\n  {\"name\": \"A\", \"share\": 2.5, \"turnover\": 1234.50}\n]\n")
        XCTAssertEqual(try exported(table, .json), "[\n  {\"name\": \"A\", \"share\": 2.5, \"turnover\": 1234.50}\n]\n")
        XCTAssertEqual(JSONTableWriter(percents: .number).literal(Sample.percent("12%")), "12")
        XCTAssertEqual(JSONTableWriter(percents: .text).literal(Sample.percent("12%")), "\"12%\"")
    }

    func testJSONKeysAreMadeUniqueOnScreenAndInFiles() throws {
        let table = Table(columns: [Column(name: "n", type: .integer), Column(name: "n", type: .integer)],
                          rows: [[.integer(1), .integer(2)]])
        XCTAssertEqual(rendered(table, .jsonl), "{\"n\": 1, \"n_2\": 2}\n")
        XCTAssertEqual(try exported(table, .jsonl), "{\"n\": 1, \"n_2\": 2}\n")
    }

    func testADecimalThatIsNotANumberIsNullInJSONAndEmptyInCSV() throws {
        let table = Table(columns: [Column(name: "x", type: .decimal), Column(name: "y", type: .integer)],
                          rows: [[.decimal(.nan), .integer(1)]])
        XCTAssertEqual(try exported(table, .json), "[\n  {\"x\": null, \"y\": 1}\n]\n")
        XCTAssertEqual(rendered(table, .json), "[\n  {\"x\": null, \"y\": 1}\n]\n")
        XCTAssertEqual(try exported(table, .csv), "x,y\n,1\n")
    }

    func testCSVFileOptionsGuardFormulasAndQuoteEdgeSpacesTheScreenDoesNot() throws {
        let table = Table(columns: [Column(name: "t", type: .text), Column(name: "n", type: .integer)],
                          rows: [[.text("=1+1"), .integer(-5)], [.text(" pad "), .integer(2)]])
        XCTAssertEqual(try exported(table, .csv), "t,n\n'=1+1,-5\n\" pad \",2\n")
        XCTAssertEqual(rendered(table, .csv), "t,n\n=1+1,-5\n pad ,2\n")
    }

    func testALoneEmptyFieldIsQuotedOnlyWhereTheOptionSaysSo() throws {
        let records = [["a"], [""]]
        XCTAssertEqual(try CSVTableWriter(quoting: [.loneEmptyField]).text(records), "a\n\"\"")
        XCTAssertEqual(try CSVTableWriter(quoting: []).text(records), "a\n")
    }

    func testMarkdownEscapesBackslashesBeforePipesOnScreenAndInFiles() throws {
        // `\|` in the data must not become `\\|`, which Markdown reads as a backslash and a cell break.
        let table = Table(columns: [Column(name: "t", type: .text)], rows: [[.text(#"a\|b"#)]])
        XCTAssertEqual(rendered(table, .markdown), "| t      |\n|--------|\n| a\\\\\\|b |\n\n")
        XCTAssertEqual(try exported(table, .markdown), "| t |\n| --- |\n| a\\\\\\|b |\n")
    }

    func testOneListOfExportExtensions() {
        XCTAssertEqual(ExportFormat.scriptExtensions, ["csv", "json", "jsonl", "md", "xlsx", "html"])
        XCTAssertEqual(ExportFormat.forPath("a.CSV"), .csv)
        XCTAssertEqual(ExportFormat.forPath("dir.v2/a.ndjson"), .jsonl)
        XCTAssertEqual(ExportFormat.forPath("a.Markdown"), .markdown)
        XCTAssertEqual(ExportFormat.forPath("a.txt"), .csv)
        XCTAssertEqual(ExportFormat.forExtension("XLSX"), .xlsx)
        XCTAssertNil(ExportFormat.forExtension("xls"))
        for format in ExportFormat.allCases {
            for ext in format.fileExtensions { XCTAssertEqual(ExportFormat.forPath("f." + ext), format) }
        }
    }
}
