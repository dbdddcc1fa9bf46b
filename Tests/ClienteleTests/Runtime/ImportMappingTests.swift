import XCTest
@testable import Clientele
import ClienteleTestSupport

/// `map "Column" to field` names the import fields of the target (issue #18, item 6):
/// `client_tax_id` and `ignore` are accepted at check time, and a misspelt one is refused
/// before a byte is read, with a suggestion from the import fields.
final class ImportMappingTests: XCTestCase {
    func testMapToClientTaxIdAndToIgnoreWorkAsDocumented() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let taxId = try engine.run("clients | sort id | take 1 | select tax_id")
        guard case .table(let t) = taxId[0], case .text(let inn) = t.rows[0][0] else { return XCTFail("\(taxId)") }
        let name = try engine.run("clients | sort id | take 1 | select name")
        // "Покупатель ИНН" is no synonym: only the map finds it; "Клиент" would match client
        // and is ignored, so the tax id alone picks the client.
        try """
            Дата;Номер;Покупатель ИНН;Клиент;Сумма
            01.03.2025;M-1;\(inn);nobody at all;100,00
            """.write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("job.clq").path
        let out = try engine.run("""
            import "m.csv" into orders map "Покупатель ИНН" to client_tax_id, "Клиент" to ignore
            """, origin: script)
        guard case .message(let report) = out.first else { return XCTFail("\(out)") }
        XCTAssertTrue(report.hasPrefix("orders from m.csv: 1 row read, 1 inserted, 0 updated"), report)
        XCTAssertTrue(report.contains("ignored columns: Клиент"), report)
        let imported = try engine.run("orders | where number == \"M-1\" | select client.name")
        guard case .table(let names) = name[0], case .table(let got) = imported[0] else { return XCTFail() }
        XCTAssertEqual(got.rows, names.rows)
    }

    func testAMapTargetIsCheckedAgainstTheImportFieldsWithASuggestion() throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        XCTAssertThrowsError(try engine.run("import \"no-such.csv\" into orders map \"ИНН\" to client_tax_idd")) { error in
            let e = error as! ClienteleError
            XCTAssertEqual(e.message, "'client_tax_idd' is not a field an import into orders can fill")
            XCTAssertTrue(e.text.contains("= help: did you mean 'client_tax_id'?"), e.text)
        }
        // A query field that is not an import field (turnover is computed) is refused too.
        XCTAssertThrowsError(try engine.run("import \"no-such.csv\" into clients map \"Оборот\" to turnover")) { error in
            let e = error as! ClienteleError
            XCTAssertEqual(e.message, "'turnover' is not a field an import into clients can fill")
            XCTAssertTrue(e.text.contains("= help: map a column to one of: name, tax_id, code, kpp"), e.text)
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)
    }
}
