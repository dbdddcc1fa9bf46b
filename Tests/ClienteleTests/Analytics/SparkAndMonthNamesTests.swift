import Foundation
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// `spark KEY` and `set months` beyond the golden transcript (Golden/analytics.clq, where the
/// values are worked out by hand in the header): what each format writes. People see a
/// sparkline and month names; CSV, JSON and xlsx get the numbers and `2025-03`.
final class SparkAndMonthNamesTests: XCTestCase {
    /// The fixture's 2025 revenue by client and quarter (analytics.clq's pivot, by hand).
    static let sparkQuery = """
        orders | where status == "shipped" and order_date in 2025
               | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | spark quarter
        """

    func testASparkColumnIsItsNumbersInCSVAndJSON() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        let out = try engine.run("""
            export \(Self.sparkQuery) to "trend.csv"
            export \(Self.sparkQuery) to "trend.json"
            export \(Self.sparkQuery) to "trend.xlsx"
            """, origin: script)
        XCTAssertEqual(out, [.message("6 rows written to trend.csv"), .message("6 rows written to trend.json"),
                             .message("6 rows written to trend.xlsx")])
        let csv = try String(contentsOf: dir.appendingPathComponent("trend.csv"), encoding: .utf8)
        XCTAssertEqual(csv, """
            client_name,revenue,trend
            Bright Paper Ltd,99.99,99.99;0.00;0.00;0.00
            Арбуз,210.00,0.00;100.00;50.00;60.00
            Елена Трейд,350.00,0.00;0.00;200.00;150.00
            Ёлкин ИП,100.00,0.00;0.00;0.00;100.00
            ООО Фармация,665.00,380.00;0.00;285.00;0.00
            ФАРМА-ЦЕНТР,500.00,500.00;0.00;0.00;0.00

            """)
        let json = try String(contentsOf: dir.appendingPathComponent("trend.json"), encoding: .utf8)
        XCTAssertTrue(json.contains(#"{"client_name": "Арбуз", "revenue": 210.00, "trend": [0.00, 100.00, 50.00, 60.00]}"#), json)
        let xlsx = try Data(contentsOf: dir.appendingPathComponent("trend.xlsx"))
        XCTAssertEqual(Array(xlsx.prefix(2)), [0x50, 0x4B], "a zip file")
    }

    func testASparkColumnIsDrawnForPeople() throws {
        let engine = try Fixture.engine()
        let out = try engine.run(Self.sparkQuery)
        guard case .table(let t)? = out.first else { return XCTFail("\(out)") }
        XCTAssertEqual(t.columns.map(\.name), ["client_name", "revenue", "trend"])
        XCTAssertEqual(t.columns[2].display, .sparkline)
        XCTAssertEqual(t.rows[1][2], .text("0.00;100.00;50.00;60.00"))
        // Markdown and line mode draw it as the terminal table does (golden: ▁█▅▅).
        let markdown = Renderer(options: RenderOptions(format: .markdown)).render(out[0])
        XCTAssertTrue(markdown.contains("| Арбуз            |  210.00 | ▁█▅▅  |"), markdown)
        // HTML: an inline SVG line through the four points, the numbers as its title.
        let html = Renderer(options: RenderOptions(format: .html)).render(out[0])
        XCTAssertTrue(html.contains("<title>0.00 100.00 50.00 60.00</title>"), html)
        XCTAssertTrue(html.contains("<polyline points=\"2,14 27.3,2 52.7,8 78,6.8\""), html)
        var report = HTMLReport(title: "trend", currency: engine.currency)
        report.add(out[0])
        let page = report.document()
        XCTAssertEqual(page.components(separatedBy: "<svg class=\"spark\"").count - 1, 6, "one line a row")
        XCTAssertEqual(page.components(separatedBy: "class=\"mark").count - 1, 0, "a table's sparklines are not chart marks")
    }

    func testAMissingValueBreaksTheSeries() throws {
        // An average has no value where a client bought nothing in a quarter: no total, an
        // empty place in the numbers, a space in the terminal, a gap in the SVG line.
        let engine = try Fixture.engine()
        let out = try engine.run("""
            orders | where status == "shipped" and order_date in 2025 and client.name in ["Арбуз", "ФАРМА-ЦЕНТР"]
                   | group client.name, quarter = quarter_of(order_date) agg average = avg(net) | spark quarter
            """)
        guard case .table(let t)? = out.first else { return XCTFail("\(out)") }
        XCTAssertEqual(t.columns.map(\.name), ["client_name", "trend"])
        // Арбуз: nothing in Q1 (ФАРМА-ЦЕНТР's only quarter), 50.00 and 50.00 in Q2, 50.00, 60.00.
        XCTAssertEqual(t.rows.first, [.text("Арбуз"), .text(";50.00;50.00;60.00")])
        let shown = Renderer(options: RenderOptions(format: .markdown)).render(out[0])
        XCTAssertTrue(shown.contains("| Арбуз       |  ▁▁█  |"), shown)
        let html = Renderer(options: RenderOptions(format: .html)).render(out[0])
        XCTAssertTrue(html.contains("<title>– 50.00 50.00 60.00</title>"), html)
        XCTAssertEqual(SparklineText.numbers(";1.5;"), [nil, 1.5, nil])
        XCTAssertEqual(ValueFormatting.sparkline([nil, 1, 2, nil]), " ▁█ ")
    }

    func testMonthNamesAreForPeopleAndTheDataFormatsKeepTheMonth() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        let query = "orders | where status == \"shipped\" and order_date in 2025-Q1 | group month = month_of(order_date) agg revenue = sum(net) | sort month desc"
        let out = try engine.run("""
            set months = "ru"
            \(query)
            export \(query) to "months.csv"
            export \(query) to "months.json"
            export \(query) to "months.html"
            """, origin: script)
        guard case .table(let t)? = out.dropFirst().first else { return XCTFail("\(out)") }
        // The values stay months: sorted as months, written as months.
        XCTAssertEqual(t.rows.map { $0[0] }, [.text("2025-03"), .text("2025-02"), .text("2025-01")])
        XCTAssertEqual(t.columns[0].display, .monthNames(.ru))
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("months.csv"), encoding: .utf8),
                       "month,revenue\n2025-03,500.00\n2025-02,380.00\n2025-01,99.99\n")
        let json = try String(contentsOf: dir.appendingPathComponent("months.json"), encoding: .utf8)
        XCTAssertTrue(json.contains(#"{"month": "2025-03", "revenue": 500.00}"#), json)
        // For people: the names, in the same order.
        let csvOnScreen = Renderer(options: RenderOptions(format: .csv)).render(.table(t))
        XCTAssertTrue(csvOnScreen.contains("2025-02,380.00"), csvOnScreen)
        let lines = Renderer(options: RenderOptions(format: .line)).render(.table(t))
        XCTAssertTrue(lines.contains("month = мар 2025"), lines)
        let page = try String(contentsOf: dir.appendingPathComponent("months.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<td>мар 2025</td>"), page)
        XCTAssertFalse(page.contains("2025-03"), "a report shows the names")
        // Another session is not touched, and the names are only for month buckets.
        let other = try Fixture.engine()
        guard case .table(let plain)? = try other.run(query).first else { return XCTFail() }
        XCTAssertEqual(plain.columns[0].display, .plain)
        guard case .table(let dates)? = try engine.run("orders | where client == 5 | sort order_date | select number, order_date | take 1").first
        else { return XCTFail() }
        XCTAssertEqual(dates.columns.map(\.display), [.plain, .plain])
        XCTAssertEqual(MonthNames.ru.name(of: "2025-13"), nil)
        XCTAssertEqual(MonthNames.ru.name(of: "2025-05"), "май 2025")
        XCTAssertEqual(MonthNames.en.name(of: "0999-12"), "Dec 0999")
    }
}
