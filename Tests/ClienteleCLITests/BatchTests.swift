import XCTest

/// `clientele STORE -c ...`, stdin scripts and the flags, through the real executable.
final class BatchTests: XCTestCase {
    var cli: CLIHarness!

    override func setUpWithError() throws { cli = try CLIHarness() }

    func count(_ store: String) throws -> String {
        try cli.run([store, "--format", "csv", "-c", "clients | count"]).stdout
    }

    // MARK: -c and stdin

    /// Issue 22: a mistyped path used to run the script on a new empty store and print 0.
    func testABatchRunOnAPathWithNoStoreIsRefusedAndCreatesNothing() throws {
        for (arguments, stdin) in [(["new.sqlite", "-c", "clients | count"], ""), (["new.sqlite"], "clients | count\n")] {
            let r = try cli.run(arguments, stdin: stdin)
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertEqual(r.stdout, "")
            XCTAssertEqual(r.stderr, "clientele: no store at new.sqlite; `clientele init new.sqlite` creates one\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: cli.path("new.sqlite")))
        }
        try cli.write("q.clq", "clients | count\n")
        let run = try cli.run(["run", "q.clq", "--store", "new.sqlite"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(run.stderr, "clientele: no store at new.sqlite; `clientele init new.sqlite` creates one\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.path("new.sqlite")))
        let made = try cli.run(["init", "new.sqlite"])
        XCTAssertEqual(made.stderr, "clientele: created a new store at new.sqlite\n")
        let r = try cli.run(["new.sqlite", "-c", "clients | count"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "0\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testDefaultStoreIsClienteleSqliteInTheCurrentDirectory() throws {
        let missing = try cli.run(["-c", "clients | count"])
        XCTAssertEqual(missing.stderr, "clientele: no store at clientele.sqlite; `clientele init clientele.sqlite` creates one\n")
        XCTAssertEqual(try cli.run(["init", "clientele.sqlite"]).status, 0)
        let r = try cli.run(["-c", "clients | count"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "0\n")
    }

    func testSeveralCommandsAreOneScript() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "-c", #"add clients name: "Third""#, "-c", "clients | where nosuch == 1"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, """
        error: unknown field 'nosuch' on clients
         --> <command line>:2:17
          |
        2 | clients | where nosuch == 1
          |                 ^^^^^^
          = help: see: describe clients

        """)
        XCTAssertEqual(try count(store), "count\n2\n", "the add in the first -c must not have run")
    }

    func testCheckErrorExitsOneWithCaretAndSuggestion() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "-c", #"clients | where regoin == "North""#])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, """
        error: unknown field 'regoin' on clients
         --> <command line>:1:17
          |
        1 | clients | where regoin == "North"
          |                 ^^^^^^
          = help: did you mean 'region'?

        """)
    }

    func testRuntimeErrorExitsOneAndRollsBackTheScript() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "-c", #"add clients name: "Z", tax_id: "77""#,
                             "-c", #"add clients name: "Y", tax_id: "77""#])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, """
        error: another row already has this tax_id; tax_id must be unique
         --> <command line>:2:1
          |
        2 | add clients name: "Y", tax_id: "77"
          | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        nothing was changed by this script.

        """)
        XCTAssertEqual(try count(store), "count\n2\n")
    }

    func testScriptOnStdin() throws {
        let store = try cli.seededStore()
        let ok = try cli.run([store, "--format", "csv"], stdin: "clients | sort name\n  | select name\n")
        XCTAssertEqual(ok.status, 0)
        XCTAssertEqual(ok.stdout, "name\nИП Ёлкин\nООО «Фармация»\n")
        let bad = try cli.run([store], stdin: "clients | count\nclients | take x\n")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(" --> <stdin>:2:"), bad.stderr)
        XCTAssertEqual(bad.stdout, "", "nothing runs from a script that does not check")
    }

    func testMetaCommandsOpenABatchScriptButNotAfterAStatement() throws {
        let store = try cli.seededStore()
        let ok = try cli.run([store], stdin: ".mode jsonl\nclients | sort name | select name\n")
        XCTAssertEqual(ok.stdout, "{\"name\": \"ИП Ёлкин\"}\n{\"name\": \"ООО «Фармация»\"}\n")
        let late = try cli.run([store], stdin: "clients | count\n.mode csv\n")
        XCTAssertEqual(late.status, 1)
        XCTAssertEqual(late.stdout, "")
        XCTAssertTrue(late.stderr.hasPrefix("error: meta command '.mode' after a statement\n --> <stdin>:2:1\n"), late.stderr)
    }

    // MARK: Formats and output

    func testFormats() throws {
        let store = try cli.seededStore()
        let q = ["-c", "clients | sort name | select name, region"]
        XCTAssertEqual(try cli.run([store, "--format", "csv"] + q).stdout,
                       "name,region\nИП Ёлкин,North\nООО «Фармация»,Северо-Запад\n")
        XCTAssertEqual(try cli.run([store, "--format", "json"] + q).stdout, """
        [
          {"name": "ИП Ёлкин", "region": "North"},
          {"name": "ООО «Фармация»", "region": "Северо-Запад"}
        ]

        """)
        XCTAssertEqual(try cli.run([store, "--format", "jsonl"] + q).stdout,
                       "{\"name\": \"ИП Ёлкин\", \"region\": \"North\"}\n{\"name\": \"ООО «Фармация»\", \"region\": \"Северо-Запад\"}\n")
        let md = try cli.run([store, "--format", "markdown"] + q).stdout
        XCTAssertTrue(md.hasPrefix("| name"), md)
        XCTAssertTrue(md.contains("| ИП Ёлкин"), md)
    }

    func testOutputFileReceivesResultsNotDiagnostics() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "--format", "csv", "--output", "out.csv", "-c", "clients | sort name | select name"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(cli.read("out.csv"), "name\nИП Ёлкин\nООО «Фармация»\n")
        let bad = try cli.run([store, "--output", "no/such/dir/out.csv", "-c", "clients"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "clientele: cannot write to 'no/such/dir/out.csv': no such folder\n")
    }

    func testNoColourWhenNotATerminalAndWithNoColorFlags() throws {
        let store = try cli.seededStore()
        for extra in [[], ["--no-color"]] {
            let r = try cli.run([store] + extra + ["-c", "clients"])
            XCTAssertFalse(r.stdout.contains("\u{1B}["), "escape sequences in \(extra)")
        }
        let r = try cli.run([store, "-c", "clients"], environment: ["NO_COLOR": "1"])
        XCTAssertFalse(r.stdout.contains("\u{1B}["))
    }

    func testChartShows() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "--width", "40", "-c", "clients | group region agg n = count() | chart"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("North"), r.stdout)
        XCTAssertTrue(r.stdout.contains("█"), r.stdout)
    }

    // MARK: Read-only

    func testReadOnlyRefusesChangesAndStillQueries() throws {
        let store = try cli.seededStore()
        let q = try cli.run([store, "--read-only", "-c", "clients | count"])
        XCTAssertEqual(q.status, 0)
        XCTAssertEqual(q.stdout, "2\n")
        let r = try cli.run([store, "--read-only", "-c", #"add clients name: "X""#])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, """
        error: the store is open read-only: add is refused
         --> <command line>:1:1
          |
        1 | add clients name: "X"
          | ^^^^^^^^^^^^^^^^^^^^^
          = help: open the store without --read-only to change data

        """)
        XCTAssertEqual(try count(store), "count\n2\n")
    }

    // MARK: Usage errors: exit 2

    func testUsageErrorsExitTwo() throws {
        try FileManager.default.createDirectory(atPath: cli.path("dir"), withIntermediateDirectories: true)
        try cli.write("text.sqlite", "hello\n")
        let cases: [([String], String)] = [
            (["--bogus"], "Error: Unknown option '--bogus'"),
            (["s.sqlite", "--format", "xml", "-c", "clients"], "Error: The value 'xml' is invalid for '--format <format>'"),
            (["dir", "-c", "clients"], "clientele: cannot open store 'dir': it is a directory"),
            (["text.sqlite", "-c", "clients"], "clientele: cannot open store 'text.sqlite': not a SQLite database"),
            (["absent.sqlite", "--read-only", "-c", "clients"], "clientele: cannot open store 'absent.sqlite': no such file"),
            (["s.sqlite", "--param", "novalue", "-c", "clients"], "Error: --param needs name=value, got 'novalue'"),
            (["s.sqlite", "--init", "missing.clq", "-c", "clients"], "clientele: cannot read init file 'missing.clq'"),
            (["s.sqlite", "--width", "5", "-c", "clients"], "Error: --width must be at least 20 columns"),
            (["run", "missing.clq"], "clientele: cannot read script 'missing.clq': no such file"),
            // A device is never read whole (it would never end), nor a directory or binary.
            (["run", "/dev/zero"], "clientele: cannot read script '/dev/zero': it is not a regular file"),
            (["run", "dir"], "clientele: cannot read script 'dir': it is a directory"),
            (["run", "/bin/sh"], "clientele: cannot read script '/bin/sh': it is not UTF-8 text (a binary file?)"),
            (["s.sqlite", "--init", "/dev/zero", "-c", "clients"], "clientele: cannot read init file '/dev/zero': it is not a regular file"),
            (["run"], "Error: Missing expected argument '<script> ...'"),
        ]
        for (args, message) in cases {
            let r = try cli.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix(message), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.path("absent.sqlite")))
    }

    func testVersionAndHelp() throws {
        let v = try cli.run(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertEqual(v.stdout, "clientele 0.1.0\n")
        let h = try cli.run(["--help"])
        XCTAssertEqual(h.status, 0)
        XCTAssertTrue(h.stdout.contains("Exit codes: 0 success; 1 a script"), h.stdout)
        for sub in [["shell", "--help"], ["run", "--help"]] {
            let r = try cli.run(sub)
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.contains("--read-only"), r.stdout)
        }
    }

    // MARK: Init files

    func testInitFileSetsPeriodAndMode() throws {
        let store = try cli.seededStore()
        let initPath = try cli.write("my.clq", ".mode csv\nset today = 2025-06-30\nset period = 2025-Q1\n")
        let r = try cli.run([store, "--init", initPath, "-c", "clients | sort name | select name | take 1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "name\nИП Ёлкин\n")
    }

    func testDefaultInitFilesAndNoInit() throws {
        let store = try cli.seededStore()
        let query = ["-c", "clients | sort name | select name | take 1"]
        try cli.write(".clienteleinit", ".mode jsonl\n")
        XCTAssertEqual(try cli.run([store] + query).stdout, "{\"name\": \"ИП Ёлкин\"}\n")
        XCTAssertTrue(try cli.run([store, "--no-init"] + query).stdout.hasPrefix("┌"))
        try FileManager.default.createDirectory(atPath: cli.path("xdg/clientele"), withIntermediateDirectories: true)
        try cli.write("xdg/clientele/init.clq", ".mode csv\n")
        let xdg = try cli.run([store] + query, environment: ["XDG_CONFIG_HOME": cli.path("xdg")])
        XCTAssertEqual(xdg.stdout, "name\nИП Ёлкин\n")
    }

    func testFailingInitFileStopsABatchRun() throws {
        let store = try cli.seededStore()
        let initPath = try cli.write("bad.clq", "set perod = 2025\n")
        let r = try cli.run([store, "--init", initPath, "-c", "clients | count"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("error: unknown setting 'perod'\n --> \(initPath):1:5\n"), r.stderr)
    }

    // MARK: Issue 22

    func testTodayFlagAndEnvironmentFixTheDateOfPeriods() throws {
        let store = try cli.seededStore()
        let flag = try cli.run([store, "--today", "2025-06-30", "-c", "set period = this year"])
        XCTAssertEqual(flag.status, 0, flag.stderr)
        XCTAssertEqual(flag.stdout, "period = this year (2025-01-01..2025-06-30)\n")
        let env = try cli.run([store, "-c", "set period = this month"], environment: ["CLIENTELE_TODAY": "2024-02-10"])
        XCTAssertEqual(env.stdout, "period = this month (2024-02-01..2024-02-10)\n")
        // The flag wins over the environment.
        let both = try cli.run([store, "--today", "2025-06-30", "-c", "set period = this year"], environment: ["CLIENTELE_TODAY": "2024-02-10"])
        XCTAssertEqual(both.stdout, "period = this year (2025-01-01..2025-06-30)\n")
        try cli.write("p.clq", "set period = this year\n")
        let run = try cli.run(["run", "--today", "2025-06-30", "p.clq", store])
        XCTAssertEqual(run.stdout, "period = this year (2025-01-01..2025-06-30)\n", run.stderr)
        let bad = try cli.run([store, "-c", "clients | count"], environment: ["CLIENTELE_TODAY": "2025-02-30"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "clientele: CLIENTELE_TODAY: '2025-02-30' is not a date; give one as YYYY-MM-DD, e.g. 2025-12-31\n")
        let badFlag = try cli.run([store, "--today", "tomorrow", "-c", "clients | count"])
        XCTAssertEqual(badFlag.status, 2)
        XCTAssertTrue(badFlag.stderr.contains("--today: 'tomorrow' is not a date; give one as YYYY-MM-DD, e.g. 2025-12-31"), badFlag.stderr)
    }

    func testRunTakesTheStoreAsItsLastArgument() throws {
        let store = try cli.seededStore()
        try cli.write("q.clq", "clients | count\n")
        let r = try cli.run(["run", "q.clq", store, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "count\n2\n")
    }

    func testOnceInABatchScriptTakesOnlyTheNextResult() throws {
        let store = try cli.seededStore()
        try cli.write("once.clq", ".once first.txt\n.mode csv\nclients | sort name | select name | take 1\nclients | count\n")
        let r = try cli.run(["run", "once.clq", store])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(cli.read("first.txt"), "name\nИП Ёлкин\n")
        XCTAssertEqual(r.stdout, "count\n2\n")
    }

    func testMarkdownOfSeveralResultsIsValidMarkdownWithTheirTitles() throws {
        let store = try cli.seededStore()
        let r = try cli.run([store, "--today", "2025-12-31", "--format", "md", "-c", "clients | sort name | select name",
                             "-c", "segment clients by abc"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.hasPrefix("""
        | name           |
        |----------------|
        | ИП Ёлкин       |
        | ООО «Фармация» |

        clients by abc over last 12 months (2025-01-01..2025-12-31)

        | abc    | clients | turnover | share |
        """), r.stdout)
    }

    func testTheOtherShellsFormatNames() throws {
        let store = try cli.seededStore()
        let query = "clients | sort name | select name, region"
        let cases: [(String, String)] = [
            ("list", "name|region\nИП Ёлкин|North\nООО «Фармация»|Северо-Запад\n"),
            ("tabs", "name\tregion\nИП Ёлкин\tNorth\nООО «Фармация»\tСеверо-Запад\n"),
            ("tsv", "name\tregion\nИП Ёлкин\tNorth\nООО «Фармация»\tСеверо-Запад\n"),
            ("line", "  name = ИП Ёлкин\nregion = North\n\n  name = ООО «Фармация»\nregion = Северо-Запад\n\n"),
        ]
        for (name, expected) in cases {
            let r = try cli.run([store, "--format", name, "-c", query])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertEqual(r.stdout, expected, name)
        }
        // `.mode html` is sqlite3's fragment; `--format html` is the whole report (HTMLReportFormatTests).
        let html = try cli.run([store, "-c", ".mode html", "-c", query])
        XCTAssertEqual(html.stdout, "<table>\n<tr><th>name</th><th>region</th></tr>\n<tr><td>ИП Ёлкин</td><td>North</td></tr>\n"
                       + "<tr><td>ООО «Фармация»</td><td>Северо-Запад</td></tr>\n</table>\n")
        let box = try cli.run([store, "--format", "box", "-c", "clients | count"])
        XCTAssertEqual(box.stdout, "2\n")
        let headless = try cli.run([store, "-c", ".mode csv", "-c", ".headers off", "-c", query])
        XCTAssertEqual(headless.stdout, "ИП Ёлкин,North\nООО «Фармация»,Северо-Запад\n")
        let unknown = try cli.run([store, "--format", "xml", "-c", query])
        XCTAssertEqual(unknown.status, 2)
        for name in ["box", "md", "line", "list", "tabs", "tsv", "html", "xlsx"] {
            XCTAssertTrue(unknown.stderr.contains("  - \(name)\n"), unknown.stderr)
        }
    }
}
