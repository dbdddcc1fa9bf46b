import Foundation
import XCTest
import ClienteleTestSupport

/// `--format html`: a script's results as one self-contained HTML page, to a file (`-o`,
/// written whole and renamed only when the script succeeded, never onto the store) or to
/// standard output; `.mode html` stays sqlite3's `<table>` fragment.
final class HTMLReportFormatTests: XCTestCase {
    var cli: CLIHarness!
    static let scripts = Fixture.packageRoot.appendingPathComponent("scripts")

    override func setUpWithError() throws { cli = try CLIHarness() }

    /// The demo store the README's report comes from, smaller: 300 clients, seed 42.
    func demoStore() throws -> String {
        let r = try cli.run(["demo", "--clients", "300", "--years", "2", "--seed", "42", "--out", "demo.sqlite"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return "demo.sqlite"
    }

    func monthlyReport(to output: String) throws -> ProgramResult {
        try cli.run(["run", Self.scripts.appendingPathComponent("monthly-abc-risk.clq").path, "--store", "demo.sqlite",
                     "--param", "period=2025-Q4", "--today", "2025-12-31", "--no-init", "--format", "html", "-o", output])
    }

    func testRunWritesOneReportOfEveryResult() throws {
        try demoStore()
        let r = try monthlyReport(to: "report.html")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "", "messages are in the report")
        let page = try XCTUnwrap(cli.read("report.html"))
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"), page)
        XCTAssertTrue(page.contains("<title>monthly-abc-risk</title>"))
        for heading in ["clients by abc over 2025-Q4 (2025-10-01..2025-12-31)", "clients by abc and risk over 2025-Q4 (2025-10-01..2025-12-31)",
                        "clients by importance over 2025-Q4 (2025-10-01..2025-12-31)", "result 4"] {
            XCTAssertTrue(page.contains("<h2>\(heading)</h2>"), heading)
        }
        XCTAssertTrue(page.contains("money in RUB"))
        XCTAssertNil(page.range(of: #"(src|href)\s*=|url\(|https?://"#, options: .regularExpression), "nothing to fetch")
        // Nothing else was left in the folder (the page was written under no name, then named).
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { !$0.hasPrefix("demo.sqlite") }
        XCTAssertEqual(files.sorted(), ["report.html"])
    }

    func testWithoutOutputThePageGoesToStdoutAndModeHTMLIsTheFragment() throws {
        let store = try cli.seededStore()
        let page = try cli.run([store, "--format", "html", "-c", "clients | sort name | select name, region", "-c", "clients | count"])
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.hasPrefix("<!DOCTYPE html>"), page.stdout)
        XCTAssertTrue(page.stdout.contains("<title>Clientele report</title>"))
        XCTAssertTrue(page.stdout.contains("<td>ООО «Фармация»</td><td>Северо-Запад</td>"), page.stdout)
        XCTAssertTrue(page.stdout.contains("<span class=\"name\">count</span> <span class=\"num\">2</span>"), page.stdout)
        let csv = try cli.run([store, "--format", "html", "-c", ".mode csv", "-c", "clients | count"])
        XCTAssertEqual(csv.stdout, "count\n2\n", "a .mode after --format html ends the report")
        let fragment = try cli.run([store, "-c", ".mode html", "-c", "clients | sort name | select name"])
        XCTAssertEqual(fragment.stdout, "<table>\n<tr><th>name</th></tr>\n<tr><td>ИП Ёлкин</td></tr>\n<tr><td>ООО «Фармация»</td></tr>\n</table>\n")
    }

    func testAClientNameCannotBreakThePage() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "--format", "html", "-c", #"add clients name: "<script>alert(\"x\")</script> & 'Ко'""#,
                             "-c", "clients | sort name | select name"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("<script"), r.stdout)
        XCTAssertTrue(r.stdout.contains("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ко&#39;</td>"), r.stdout)
    }

    func testAFailedScriptOrWriteLeavesTheEarlierReportAndNeverTheStore() throws {
        let store = try cli.seededStore()
        let first = try cli.run([store, "--format", "html", "-o", "r.html", "-c", "clients | count"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try XCTUnwrap(cli.read("r.html"))
        // The script fails: the report is not written, the earlier one stays as it was.
        let failed = try cli.run([store, "--format", "html", "-o", "r.html", "-c", "clients | select name",
                                  "-c", #"import "missing.csv" into clients"#])
        XCTAssertEqual(failed.status, 1)
        XCTAssertEqual(cli.read("r.html"), before)
        // Onto the store, however spelled: refused, the store intact.
        for target in [store, "./" + store, store + "-wal"] {
            let onStore = try cli.run([store, "--format", "html", "-o", target, "-c", "clients | count"])
            XCTAssertEqual(onStore.status, 1, target)
            XCTAssertTrue(onStore.stderr.contains("it is the open store") || onStore.stderr.contains("store"), onStore.stderr)
        }
        XCTAssertEqual(try cli.run([store, "-c", "clients | count"]).stdout, "2\n")
        // A folder that does not exist: a failed command, no file.
        let nowhere = try cli.run([store, "--format", "html", "-o", "no/such/folder/r.html", "-c", "clients | count"])
        XCTAssertEqual(nowhere.status, 1, nowhere.stderr)
        XCTAssertTrue(nowhere.stderr.contains("no/such/folder/r.html"), nowhere.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.path("no")))
    }

    func testExportToAnHTMLFile() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "-c", #"export clients | sort name | select name, region to "clients.html""#,
                             "-c", #"export segment clients by region to "regions.html""#])
        XCTAssertEqual(r.status, 0, r.stderr)
        let clients = try XCTUnwrap(cli.read("clients.html"))
        XCTAssertTrue(clients.contains("<title>clients</title>"))
        XCTAssertTrue(clients.contains("<td>ИП Ёлкин</td><td>North</td>"))
        let regions = try XCTUnwrap(cli.read("regions.html"))
        XCTAssertTrue(regions.contains("<svg class=\"chart bars\""), "a command's whole result: table and chart")
        // A store whose name ends in .html cannot be exported onto; the script is all or nothing.
        try cli.emptyStore("shop.html")
        let onStore = try cli.run(["shop.html", "-c", #"export clients to "first.html""#, "-c", #"export clients to "shop.html" replace"#])
        XCTAssertEqual(onStore.status, 1)
        XCTAssertTrue(onStore.stderr.contains("open store"), onStore.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.path("first.html")), "all or nothing")
        XCTAssertEqual(try cli.run(["shop.html", "-c", "clients | count"]).stdout, "0\n")
    }
}
