import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange
import ClienteleTestSupport

/// .xlsx export (issue #18, item 4): typed cells, checked by a second reader of the format
/// (openpyxl), and a round trip export → import through the language.
final class XLSXExportTests: XCTestCase {
    private let table = Table(columns: [
        Column(name: "name", type: .text), Column(name: "turnover", type: .money), Column(name: "share", type: .percent),
        Column(name: "last_order", type: .date), Column(name: "vip", type: .boolean), Column(name: "orders", type: .integer),
        Column(name: "avg", type: .decimal),
    ], rows: [
        [.text("=HYPERLINK(\"http://x\")"), .money(Money(minorUnits: 123_456_789)), .percent(Percent(basisPoints: 1250)),
         .date(CalendarDate(year: 2025, month: 3, day: 1)!), .boolean(true), .integer(42), .decimal(Decimal(string: "3.25")!)],
        [.text("ООО \"Ромашка\" & <Ко>"), .money(Money(minorUnits: -50)), .null, .date(CalendarDate(year: 1900, month: 3, day: 1)!),
         .boolean(false), .integer(0), .null],
    ])

    /// Runs openpyxl on the file; skips only when it cannot be installed.
    private func openpyxl(_ path: String) throws -> [String: Any] {
        func python(_ args: [String]) -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3"] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = Pipe()
            do { try p.run() } catch { return (127, "") }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        if python(["-c", "import openpyxl"]).0 != 0 {
            _ = python(["-m", "pip", "install", "-q", "openpyxl"])
            if python(["-c", "import openpyxl"]).0 != 0 { throw XCTSkip("openpyxl cannot be installed here") }
        }
        let script = """
            import json, sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            cells = []
            for row in ws.iter_rows():
                cells.append([[c.data_type, c.value.isoformat() if isinstance(c.value, datetime.datetime) else c.value, c.number_format] for c in row])
            widths = {k: v.width for k, v in ws.column_dimensions.items()}
            print(json.dumps({"sheets": wb.sheetnames, "cells": cells, "freeze": ws.freeze_panes,
                              "filter": ws.auto_filter.ref, "widths": widths, "quote": ws["A2"].quotePrefix,
                              "bold": ws["A1"].font.b}, default=str))
            """
        let (status, output) = python(["-c", script, path])
        XCTAssertEqual(status, 0, output)
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    func testTypedCellsFrozenFilteredHeaderAndFormulasKeptAsText() throws {
        let dir = TemporaryStore.folder("xlsx")
        let path = dir.appendingPathComponent("a-clients.xlsx").path
        var options = ExportOptions()
        options.currency = "RUB"
        try Exporter.write(table, to: path, options: options)
        let book = try openpyxl(path)
        XCTAssertEqual(book["sheets"] as? [String], ["a-clients"])
        XCTAssertEqual(book["freeze"] as? String, "A2")
        XCTAssertEqual(book["filter"] as? String, "A1:G3")
        XCTAssertEqual(book["quote"] as? Bool, true)
        XCTAssertEqual(book["bold"] as? Bool, true)
        let cells = try XCTUnwrap(book["cells"] as? [[[Any]]])
        func cell(_ r: Int, _ c: Int) -> String { cells[r][c].map { "\($0)" }.joined(separator: " | ") }
        XCTAssertEqual(cell(0, 0), "s | name | General")
        XCTAssertEqual(cell(1, 0), "s | =HYPERLINK(\"http://x\") | @", "text, never a formula")
        XCTAssertEqual(cell(1, 1), "n | 1234567.89 | #,##0.00\\ \"₽\"")
        XCTAssertEqual(cell(1, 2), "n | 0.125 | 0.00%")
        XCTAssertEqual(cell(1, 3), "d | 2025-03-01T00:00:00 | dd.mm.yyyy")
        XCTAssertEqual(cell(1, 4), "b | 1 | General")
        XCTAssertEqual(cell(1, 5), "n | 42 | General")
        XCTAssertEqual(cell(1, 6), "n | 3.25 | 0.00")
        XCTAssertEqual(cell(2, 0), "s | ООО \"Ромашка\" & <Ко> | General")
        XCTAssertEqual(cell(2, 1), "n | -0.5 | #,##0.00\\ \"₽\"")
        XCTAssertEqual(cell(2, 2), "n | <null> | General", "null is an empty cell")
        XCTAssertEqual(cell(2, 3), "d | 1900-03-01T00:00:00 | dd.mm.yyyy", "past the fake 1900-02-29")
        let widths = try XCTUnwrap(book["widths"] as? [String: Double])
        XCTAssertGreaterThan(widths["A"] ?? 0, widths["F"] ?? 0, "fitted: the long name column is wider")
    }

    func testExportThenImportGivesBackTheSameClientsAndOrders() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        let out = try engine.run("""
            export clients | sort id | select name, tax_id, region, outlets, corporate_card to "clients.xlsx"
            export orders | where status == "shipped" | sort id | select number, order_date, client_tax_id = client.tax_id, gross, discount, net, due_date to "orders.xlsx"
            """, origin: script)
        XCTAssertEqual(out, [.message("8 rows written to clients.xlsx"), .message("12 rows written to orders.xlsx")])
        let fresh = Engine(store: try Store(path: TemporaryStore.path("fresh-xlsx")), session: Session(today: Fixture.today))
        _ = try fresh.run("""
            import "clients.xlsx" into clients
            import "orders.xlsx" into orders
            """, origin: script)
        XCTAssertEqual(try fresh.run("clients | sort name | select name, tax_id, region, outlets, corporate_card"),
                       try engine.run("clients | sort name | select name, tax_id, region, outlets, corporate_card"))
        XCTAssertEqual(try fresh.run("orders | sort id | select number, client.name, order_date, gross, discount, net, due_date"),
                       try engine.run("orders | where status == \"shipped\" | sort id | select number, client.name, order_date, gross, discount, net, due_date"))
    }

    func testAScriptThatFailsLeavesNoWorkbook() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        XCTAssertThrowsError(try engine.run("export clients to \"c.xlsx\"\nimport \"missing.csv\" into clients", origin: script))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("c.xlsx").path))
    }
}
