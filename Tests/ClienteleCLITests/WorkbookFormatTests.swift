import XCTest

/// `--format xlsx -o FILE`: a script's results as one workbook, written only when the
/// script succeeds; without -o it is a usage error.
final class WorkbookFormatTests: XCTestCase {
    var cli: CLIHarness!

    override func setUpWithError() throws { cli = try CLIHarness() }

    func testResultsBecomeSheetsOfOneWorkbookThatImportsBack() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "--format", "xlsx", "-o", "r.xlsx", "-c", "clients | sort name | select name, region, curator",
                             "-c", "clients | count", "-c", #"add clients name: "ООО Третий""#])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("1 client added"), "messages go to stderr, never into the workbook: \(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.path("r.xlsx")))
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x03, 0x04], "a zip archive")
        // The first sheet is the first result: import it into a new store.
        try cli.emptyStore("new.sqlite")
        let back = try cli.run(["new.sqlite", "--format", "csv", "-c", #"import "r.xlsx" into clients"#,
                                "-c", "clients | sort name | select name, region, curator"])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(back.stdout, "name,region,curator\nИП Ёлкин,North,Petrov\nООО «Фармация»,Северо-Запад,Иванова\n")
        XCTAssertTrue(back.stderr.contains("detected: xlsx, sheet \"result 1\""), back.stderr)
    }

    func testAFailedScriptLeavesNoWorkbookAndNoOutputIsAUsageError() throws {
        let store = try cli.seededStore()
        let failed = try cli.run([store, "--format", "xlsx", "-o", "f.xlsx", "-c", "clients | select name",
                                  "-c", #"import "missing.csv" into clients"#])
        XCTAssertEqual(failed.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.path("f.xlsx")))
        let usage = try cli.run([store, "--format", "xlsx", "-c", "clients | count"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("--format xlsx writes a workbook, not text: add -o FILE.xlsx"), usage.stderr)
        let onStore = try cli.run([store, "--format", "xlsx", "-o", store, "-c", "clients | count"])
        XCTAssertEqual(onStore.status, 1)
        XCTAssertTrue(onStore.stderr.contains("it is the open store"), onStore.stderr)
    }
}
