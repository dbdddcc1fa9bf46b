import XCTest
@testable import Clientele

final class JSONRendererTests: XCTestCase {
    let json = RenderOptions(format: .json)
    let jsonl = RenderOptions(format: .jsonl)

    func testArrayOfObjectsInColumnOrder() {
        assertRenders(.table(Sample.clients), json, """
        [
          {"id": 1, "name": "ООО «Фармация»", "turnover": 12345.00, "discount": 5, "last_order": "2025-03-01"},
          {"id": 2, "name": "ИП Ёлкин Пётр Сергеевич", "turnover": 1234567.89, "discount": 2.5, "last_order": "2024-12-31"},
          {"id": 10, "name": "АО «Север»", "turnover": -0.05, "discount": null, "last_order": null}
        ]
        """)
    }

    func testMoneyIsWrittenExactlyNeverThroughDouble() {
        let table = Table(columns: [Column(name: "turnover", type: .money), Column(name: "average", type: .decimal)],
                          rows: [[.money(Money(minorUnits: 9_223_372_036_854_775_807)), .decimal(Decimal(string: "0.1")!)],
                                 [.money(Money(minorUnits: .min)), .decimal(Decimal(string: "123456789012345678901.125")!)]])
        assertRenders(.table(table), jsonl, """
        {"turnover": 92233720368547758.07, "average": 0.10}
        {"turnover": -92233720368547758.08, "average": 123456789012345678901.13}
        """)
        // A Double would have printed 92233720368547760 or 9.223372036854776e+16.
        XCTAssertNotEqual(String(Double(9_223_372_036_854_775_807) / 100), "92233720368547758.07")
    }

    func testStringEscapingFollowsRFC8259() {
        let text = "quote \" backslash \\ slash / newline \n cr \r tab \t bell \u{07} esc \u{1B} nul \u{0} ls \u{2028} ёлка 東京 👍"
        let out = Renderer(options: jsonl).render(.scalar(name: "note\n\"x\"", value: .text(text)))
        XCTAssertEqual(out, #"""
        {"note\n\"x\"": "quote \" backslash \\ slash / newline \n cr \r tab \t bell \u0007 esc \u001b nul \u0000 ls \u2028 ёлка 東京 👍"}

        """#)
        // And a real parser reads back the original text.
        let object = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: String]
        XCTAssertEqual(object?["note\n\"x\""], text)
    }

    func testOutputIsValidJSON() throws {
        let table = Table(columns: Sample.clients.columns + [Column(name: "active", type: .boolean)],
                          rows: Sample.clients.rows.map { $0 + [.boolean(true)] })
        let data = Data(Renderer(options: json).render(.table(table)).utf8)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[1]["name"] as? String, "ИП Ёлкин Пётр Сергеевич")
        XCTAssertEqual(rows[1]["last_order"] as? String, "2024-12-31")
        XCTAssertEqual(rows[0]["active"] as? Bool, true)
        XCTAssertTrue(rows[2]["discount"] is NSNull)
    }

    func testJSONLinesAndEmptyResults() {
        assertRenders(.table(Sample.clients), jsonl, """
        {"id": 1, "name": "ООО «Фармация»", "turnover": 12345.00, "discount": 5, "last_order": "2025-03-01"}
        {"id": 2, "name": "ИП Ёлкин Пётр Сергеевич", "turnover": 1234567.89, "discount": 2.5, "last_order": "2024-12-31"}
        {"id": 10, "name": "АО «Север»", "turnover": -0.05, "discount": null, "last_order": null}
        """)
        let empty = Output.table(Table(columns: Sample.clients.columns, rows: []))
        XCTAssertEqual(Renderer(options: json).render(empty), "[]\n")
        XCTAssertEqual(Renderer(options: jsonl).render(empty), "")
    }

    func testScalarMessageAndChart() {
        assertRenders(.scalar(name: "count", value: .integer(42)), json, #"{"count": 42}"#)
        assertRenders(.scalar(name: "share", value: Sample.percent("12.25%")), jsonl, #"{"share": 12.25}"#)
        assertRenders(.message("3 clients updated."), json, #"{"message": "3 clients updated."}"#)
        assertRenders(.chart(title: "turnover by abc", labels: ["A", "B"], values: [Sample.money("1000"), .null]), json, """
        [
          {"label": "A", "value": 1000.00},
          {"label": "B", "value": null}
        ]
        """)
    }

    func testDuplicateColumnNamesGetDistinctKeys() {
        let table = Table(columns: [Column(name: "name", type: .text), Column(name: "name", type: .text),
                                    Column(name: "name_2", type: .text)],
                          rows: [[.text("a"), .text("b"), .text("c")]])
        assertRenders(.table(table), jsonl, #"{"name": "a", "name_2": "b", "name_2_2": "c"}"#)
    }
}
