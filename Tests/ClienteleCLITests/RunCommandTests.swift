import XCTest

/// `clientele run SCRIPT...`: script files, parameters, shebang, include.
final class RunCommandTests: XCTestCase {
    var cli: CLIHarness!

    override func setUpWithError() throws { cli = try CLIHarness() }

    func testRunsScriptsInOrder() throws {
        let store = try cli.seededStore()
        let a = try cli.write("a.clq", "add clients name: \"Третий\"\n")
        let b = try cli.write("b.clq", "# how many now?\nclients | count\n")
        let r = try cli.run(["run", "--store", store, a, b])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1 client added (id 3).\n3\n")
    }

    func testCheckErrorReportsFileLineColumnAndStops() throws {
        let store = try cli.seededStore()
        let bad = try cli.write("bad.clq", "add clients name: \"Z\"\n\nclients\n  | where regoin == \"North\"\n")
        let after = try cli.write("after.clq", "add clients name: \"After\"\n")
        let r = try cli.run(["run", "-s", store, bad, after])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, """
        error: unknown field 'regoin' on clients
         --> \(bad):4:11
          |
        4 |   | where regoin == "North"
          |           ^^^^^^
          = help: did you mean 'region'?

        """)
        XCTAssertEqual(try cli.run([store, "-c", "clients | count"]).stdout, "2\n", "neither script may have run")
    }

    func testRuntimeErrorStopsAtTheFailingScriptOnly() throws {
        let store = try cli.seededStore()
        let first = try cli.write("first.clq", "add clients name: \"First\", tax_id: \"5\"\n")
        let second = try cli.write("second.clq", "add clients name: \"Ok\"\nadd clients name: \"Dup\", tax_id: \"5\"\n")
        let third = try cli.write("third.clq", "add clients name: \"Never\"\n")
        let r = try cli.run(["run", "-s", store, first, second, third])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "1 client added (id 3).\n")
        XCTAssertTrue(r.stderr.hasPrefix("error: another row already has this tax_id; tax_id must be unique\n --> \(second):2:1\n"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("nothing was changed by this script.\n"))
        let names = try cli.run([store, "--format", "csv", "-c", "clients | sort id | select name"]).stdout
        XCTAssertEqual(names, "name\nООО «Фармация»\nИП Ёлкин\nFirst\n")
    }

    func testShebangLineIsIgnoredAndLinesKeepTheirNumbers() throws {
        let store = try cli.seededStore()
        let ok = try cli.write("ok.clq", "#!/usr/bin/env -S clientele run\nclients | count\n")
        XCTAssertEqual(try cli.run(["run", "-s", store, ok]).stdout, "2\n")
        let bad = try cli.write("bad.clq", "#!/usr/bin/env clientele run\nclients | take x\n")
        let r = try cli.run(["run", "-s", store, bad])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains(" --> \(bad):2:16\n"), r.stderr)
    }

    func testParametersAsValuesAndPeriods() throws {
        let store = try cli.seededStore()
        let script = try cli.write("p.clq", """
        set today = 2025-12-31
        clients | where region == $region and turnover($quarter) >= 0 | select name
        """)
        let r = try cli.run(["run", "-s", store, "--format", "csv", "--param", "region=North", "--param", "quarter=2025-Q1", script])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "name\nИП Ёлкин\n")
        let missing = try cli.run(["run", "-s", store, script, "--param", "region=North"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("error: unknown parameter $quarter\n"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("= help: pass it with --param quarter=value"))
    }

    func testIncludeIsRelativeToTheScript() throws {
        let store = try cli.seededStore()
        try FileManager.default.createDirectory(atPath: cli.path("lib"), withIntermediateDirectories: true)
        try cli.write("lib/shared.clq", "let north = clients | where region == \"North\"\n")
        let main = try cli.write("lib/main.clq", "include \"shared.clq\"\nnorth | count\n")
        let r = try cli.run(["run", "-s", store, main])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1\n")
    }

    func testOutputAndReadOnlyApplyToRun() throws {
        let store = try cli.seededStore()
        let script = try cli.write("q.clq", "clients | sort name | select name\n")
        let r = try cli.run(["run", "-s", store, "--read-only", "--format", "csv", "-o", "out.csv", script])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(cli.read("out.csv"), "name\nИП Ёлкин\nООО «Фармация»\n")
    }
}
