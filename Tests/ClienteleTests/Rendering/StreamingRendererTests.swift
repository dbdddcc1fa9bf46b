import XCTest
@testable import Clientele
import ClienteleTestSupport

final class StreamingRendererTests: XCTestCase {
    func streamed(_ source: String, _ options: RenderOptions, engine: Engine) throws -> String {
        var text = ""
        try engine.run(source, into: StreamingRenderer(options: options) { text += $0 })
        return text
    }

    func testStreamingEqualsWholeTableRenderingInEveryFormat() throws {
        let engine = try Fixture.engine()
        let queries = ["clients | sort id | select name, turnover, abc, first_order, outlets",
                       "orders | where id > 100", "clients | group region agg n = count(), share = share(count())",
                       "clients | count", "describe payments"]
        for format in OutputFormat.allCases {
            for maxRows in [nil, 3] {
                let options = RenderOptions(format: format, width: 80, maxRows: maxRows, currency: "RUB")
                for q in queries {
                    let whole = try engine.run(q).map { Renderer(options: options).render($0) }.joined()
                    XCTAssertEqual(try streamed(q, options, engine: engine), whole, "\(format) \(String(describing: maxRows)): \(q)")
                }
            }
        }
    }

    final class CountingSink: OutputSink {
        var rows = 0
        var tables = 0
        func emit(_ output: Output) {}
        func beginTable(_ columns: [Column]) { tables += 1 }
        func row(_ values: [Value]) { rows += 1 }
        func endTable() {}
    }

    func testLargeResultsArriveRowByRow() throws {
        let engine = try Fixture.engine()
        try engine.store.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                INSERT INTO orders (client_id, order_date, due_date, gross_minor, net_minor) SELECT 1 + i % 6, '2025-06-01', '2025-06-11', i, i FROM n
                """)
        }
        let sink = CountingSink()
        try engine.run("orders | where order_date == 2025-06-01", into: sink)
        XCTAssertEqual(sink.rows, 20000)
        XCTAssertEqual(sink.tables, 1)

        var text = ""
        try engine.run("orders | where order_date == 2025-06-01 | select net",
                       into: StreamingRenderer(options: RenderOptions(format: .table, maxRows: 2, currency: "RUB")) { text += $0 })
        XCTAssertTrue(text.hasSuffix("… 19,998 more rows (.last shows them; .maxrows 0 shows every row)\n20,000 rows · money in RUB\n"), text)
        var csv = ""
        try engine.run("orders | where order_date == 2025-06-01 | select net",
                       into: StreamingRenderer(options: RenderOptions(format: .csv)) { csv += $0 })
        XCTAssertEqual(csv.split(separator: "\n").count, 20001)
    }
}
