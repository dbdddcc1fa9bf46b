import Foundation
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// The HTML report (`--format html`): the page of a fixed store's results, pinned as a
/// golden file (Rendering/Reports/*.html; CLIENTELE_UPDATE_GOLDEN=1 rewrites them: review
/// the diff), and the shapes each kind of result is drawn in.
final class HTMLReportTests: XCTestCase {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reports")
    static let hostile = "<script>alert(\"x\")</script> & 'Ко'"

    /// The nine clients of ParetoBoundaryTests, one of them with a name made to break a page.
    static func fixture() throws -> AnalyticsFixture {
        let f = try ParetoBoundaryTests.fixture()
        let quoted = #"<script>alert(\"x\")</script> & 'Ко'"#   // as a string literal of the language
        f.client(quoted, "region: \"North\"")
        f.order(quoted, "2025-11-15", "40")
        try f.commit()
        try f.engine.run("set currency = \"RUB\"")
        return f
    }

    /// The report of the monthly script's kinds of results and the other pictures, on the fixture.
    static func page(_ f: AnalyticsFixture) throws -> String {
        let script = """
        set period = 2025
        segment clients by abc
        segment clients by abc, risk
        segment clients by importance
        movement abc from 2024 to 2025
        clients | where region == "North" | sort name | select name, region, turnover
        clients | group region, abc agg n = count() | pivot abc
        orders | group month = month_of(order_date) agg net = sum(net) | sort month | chart line
        clients | count
        compare baseline, { rule "North": discount 7% when region == "North" priority 10 } over 2025
        """
        var report = HTMLReport(title: "Отчёт: fixture", currency: f.engine.currency)
        for output in try f.engine.run(script) { report.add(output) }
        return report.document()
    }

    func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.goldens.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing \(name): run with CLIENTELE_UPDATE_GOLDEN=1)"
        XCTAssertEqual(text, expected, "\(name) differs (CLIENTELE_UPDATE_GOLDEN=1 rewrites it; review the diff)", file: file, line: line)
    }

    func testTheFixtureReportIsPinned() throws {
        try assertGolden(try Self.page(try Self.fixture()), "fixture-report.html")
    }

    func testEveryKindOfResultHasItsPicture() throws {
        let page = try Self.page(try Self.fixture())
        func count(_ s: String) -> Int { page.components(separatedBy: s).count - 1 }
        // abc: A, B, C, (none); importance: key, medium, small, (none).
        XCTAssertEqual(count("<svg class=\"chart bars\""), 3)   // abc, importance, compare
        XCTAssertEqual(count("<svg class=\"chart heatmap\""), 3)   // abc × risk, movement, pivot
        XCTAssertEqual(count("<svg class=\"chart pareto\""), 1)
        XCTAssertEqual(count("<svg class=\"chart waterfall\""), 1)
        XCTAssertEqual(count("<svg class=\"chart line\""), 1)
        // No cost of goods in the fixture (orders without lines): net revenue's waterfall,
        // baseline → gross revenue → discount cost → the scenario.
        XCTAssertEqual(count("class=\"mark step"), 4)
        XCTAssertEqual(count("class=\"mark point"), 3 + 12)   // key, medium, small; 12 months
        XCTAssertTrue(page.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(page.contains("@page { size: A4 landscape"))
        XCTAssertTrue(page.contains("<title>Отчёт: fixture</title>"))
        XCTAssertTrue(page.contains("money in RUB"))
    }

    func testUserValuesAreEscaped() throws {
        let page = try Self.page(try Self.fixture())
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ко&#39;"), page)
        XCTAssertFalse(page.contains("<script"), "no script element, from the data or otherwise")
        XCTAssertFalse(page.lowercased().contains("src="))
        XCTAssertNil(page.range(of: "https?://", options: .regularExpression), "no external address")
        XCTAssertEqual(HTMLText.escaped("a\u{7}b<"), "a\u{FFFD}b&lt;")
    }

    func testMoneyIsRightAlignedAndTotalsAreMarked() {
        let table = Table(columns: [Column(name: "abc", type: .text), Column(name: "turnover", type: .money)],
                          rows: [[.text("A"), .money(Money(minorUnits: 123_456_78))], [.text("total"), .money(Money(minorUnits: 123_456_78))]])
        var report = HTMLReport(title: "t", currency: "RUB")
        report.add(.table(table))
        let page = report.document()
        XCTAssertTrue(page.contains("<td class=\"num\">123,456.78</td>"), page)
        XCTAssertTrue(page.contains("<tr class=\"total\"><td>total</td>"), page)
        XCTAssertTrue(page.contains("2 rows · money in RUB"), page)
    }

    func testTheHeatmapTakesAnyGrid() throws {
        let svg = SVGCharts.heatmap(title: "retention", rowLabels: ["2024-01", "2024-02"], columnLabels: ["0", "1", "2"],
                                    cells: [[1, 0.4, 0.3], [1, 0.5, nil]], texts: [["100%", "40%", "30%"], ["100%", "50%", ""]])
        try assertGolden(svg, "heatmap.svg")
        XCTAssertEqual(svg.components(separatedBy: "class=\"mark cell\"").count - 1, 5)
    }

    func testAReportWithoutResultsSaysSo() {
        var report = HTMLReport(title: "empty")
        report.add(.message("3 clients updated."))
        XCTAssertTrue(report.document().contains("<p class=\"note\">3 clients updated.</p>"))
        XCTAssertTrue(HTMLReport(title: "none").document().contains("(no results)"))
    }
}
