import Foundation
import XCTest
import ClienteleTestSupport

/// The README's reports, opened in headless Chromium (Debian's `chromium`, which
/// scripts/bootstrap installs) with the network cut off (every host unresolvable, a proxy
/// that refuses): the page loads from the file alone, requests nothing, and the browser's
/// DOM has the expected number of marks in each chart. Skipped, saying so, only when
/// Chromium is not installed.
final class ChromiumReportTests: XCTestCase {
    var cli: CLIHarness!
    static let scripts = Fixture.packageRoot.appendingPathComponent("scripts")

    override func setUpWithError() throws { cli = try CLIHarness() }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The DOM after loading `page` offline, and the URLs of every request the browser made.
    func load(_ page: String) throws -> (dom: String, requested: [String]) {
        guard let chromium = Self.chromium else {
            throw XCTSkip("chromium is not installed and scripts/bootstrap could not install it (apt-get install chromium): the browser test of the HTML report is skipped")
        }
        let netLog = cli.path("net-\(UUID().uuidString).json")
        let r = try ChildProcess.run(URL(fileURLWithPath: chromium), [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--user-data-dir=" + cli.path("chromium-profile"),
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--log-net-log=" + netLog,
            "--virtual-time-budget=3000", "--dump-dom", URL(fileURLWithPath: cli.path(page)).absoluteString,
        ], directory: cli.directory, environment: cli.environment, stdin: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        var requested: [String] = []
        if let data = FileManager.default.contents(atPath: netLog),
           let log = try JSONSerialization.jsonObject(with: data) as? [String: Any], let events = log["events"] as? [[String: Any]] {
            for e in events { if let url = (e["params"] as? [String: Any])?["url"] as? String { requested.append(url) } }
        } else {
            XCTFail("Chromium wrote no network log")
        }
        return (r.stdout, requested)
    }

    /// Requests the page made: the browser's own background calls to Google's services
    /// (updates, time, accounts), made whatever it opens and refused here, are not the page's.
    func pageRequests(_ urls: [String]) -> [String] {
        urls.filter { url in
            guard let host = URL(string: url)?.host else { return !url.hasPrefix("file:") && !url.hasPrefix("data:") }
            return !(host.hasSuffix("google.com") || host.hasSuffix("googleapis.com") || host.hasSuffix("gvt1.com"))
        }
    }

    func count(_ mark: String, in dom: String) -> Int { dom.components(separatedBy: "class=\"\(mark)").count - 1 }

    func demoStore() throws {
        let r = try cli.run(["demo", "--clients", "300", "--years", "2", "--seed", "42", "--out", "demo.sqlite"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func report(_ script: String, _ output: String, _ extra: [String] = []) throws {
        let r = try cli.run(["run", Self.scripts.appendingPathComponent(script).path, "--store", "demo.sqlite", "--today", "2025-12-31",
                             "--no-init", "--format", "html", "-o", output] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        let page = try XCTUnwrap(cli.read(output))
        XCTAssertNil(page.range(of: #"(src|href)\s*=|url\(|https?://|<script|<link|<img|@import"#, options: .regularExpression),
                     "a page with nothing to fetch")
    }

    func testTheMonthlyReportLoadsOfflineWithItsCharts() throws {
        try demoStore()
        try report("monthly-abc-risk.clq", "monthly.html", ["--param", "period=2025-Q4"])
        let (dom, requested) = try load("monthly.html")
        XCTAssertEqual(pageRequests(requested), [], "the page requested nothing")
        XCTAssertTrue(dom.contains("<h1>monthly-abc-risk</h1>"), String(dom.prefix(500)))
        XCTAssertTrue(dom.contains("АРТ-СЕРВИС"), "Cyrillic as written")
        // abc: A, B, C, (none); importance: key, medium, small, (none).
        XCTAssertEqual(count("chart bars", in: dom), 2)
        XCTAssertEqual(count("mark bar", in: dom), 8)
        // abc × risk: 4 classes × 4 risk groups, totals left out.
        XCTAssertEqual(count("chart heatmap", in: dom), 1)
        XCTAssertEqual(count("mark cell", in: dom), 16)
        // The Pareto curve: a point per importance class, the 20 % and 70 % lines.
        XCTAssertEqual(count("chart pareto", in: dom), 1)
        XCTAssertEqual(count("mark point", in: dom), 4)
        XCTAssertEqual(count("threshold", in: dom), 2)
    }

    func testTheWhatIfReportLoadsOfflineWithItsWaterfalls() throws {
        try demoStore()
        try report("whatif-discounts.clq", "whatif.html")
        let (dom, requested) = try load("whatif.html")
        XCTAssertEqual(pageRequests(requested), [], "the page requested nothing")
        // Waterfalls: two scenarios of the first comparison and the throwaway one, each
        // baseline → gross revenue → discount cost → cost of goods → scenario.
        XCTAssertEqual(count("chart waterfall", in: dom), 3)
        XCTAssertEqual(count("mark step", in: dom), 15)
        // Bars: net and margin of 3 policies, of 2, and the sweep's 8 values (3 % to 10 %).
        XCTAssertEqual(count("chart bars", in: dom), 3)
        XCTAssertEqual(count("mark bar", in: dom), 6 + 4 + 8)
    }
}
