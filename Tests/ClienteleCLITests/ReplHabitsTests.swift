import XCTest

/// Issue 22: what a user of sqlite3, psql or DuckDB types by habit, in the real REPL (tmux).
final class ReplHabitsTests: TmuxTestCase {

    func testDotTablesListsTheObjectsWithTheirRowCounts() throws {
        let s = try start()
        try s.enter(".tables")
        try s.waitFor("the objects") { $0.contains("│ clients ") && $0.contains("│ orders ") && $0.contains("rows │") }
        let screen = try s.screen()
        let clients = screen.split(separator: "\n").first { $0.hasPrefix("│ clients ") }.map(String.init) ?? ""
        XCTAssertTrue(clients.contains("│    2 │"), screen)
        try s.enter("\\dt")
        // The first list may have scrolled off: look after the \dt line only.
        try s.waitFor("the same list again") { screen in
            guard let r = screen.range(of: "clientele> \\dt", options: .backwards) else { return false }
            return screen[r.upperBound...].contains("│ clients ") && screen[r.upperBound...].contains("rows")
        }
    }

    func testModeLineAndBackslashXShowEachRowAsARecord() throws {
        let s = try start()
        try s.enter(".mode line")
        try s.enter("clients | sort name | select name, region")
        try s.waitFor("two records") { $0.contains("  name = ИП Ёлкин\nregion = North\n\n  name = ООО «Фармация»\nregion = Северо-Запад\n") }
        try s.enter("\\x")
        try s.waitFor("record view is off (.mode table)")
        try s.enter("clients | count")
        try s.waitFor("the count as a table again") { $0.contains("clientele> clients | count\n2\n") }
        try s.enter("\\x")
        try s.waitFor("record view is on (.mode line)")
        try s.enter(".mode sideways")
        try s.waitFor("usage: .mode table|box|csv|json|jsonl|markdown|md|line|list|tabs|tsv|html")
    }

    func testDotLastShowsTheLastResultWithoutTheRowLimit() throws {
        let s = try start()
        try s.enter(".last")
        try s.waitFor("error: no result yet: .last shows the last result again, without the row limit")
        try s.enter(".maxrows 1")
        try s.enter("clients | sort name | select name")
        try s.waitFor("the cut table") { $0.contains("… 1 more row (.last shows them; .maxrows 0 shows every row)") }
        XCTAssertFalse(try s.screen().contains("ООО «Фармация»"))
        try s.enter(".last")
        try s.waitFor("both rows") { $0.contains("│ ИП Ёлкин       │\n│ ООО «Фармация» │") }
    }

    func testDotEditRunsWhatTheEditorSaved() throws {
        // The "editor" rewrites the statement it is given; what it saved runs.
        let editor = try cli.write("editor.sh", "#!/bin/sh\nprintf 'clients | where region == \"North\" | select curator\\n' > \"$1\"\n")
        chmod(editor, 0o755)
        let s = try start(["EDITOR": editor, "VISUAL": ""])
        try s.enter("clients | count")
        try s.waitFor("the count") { $0.contains("\n2\n") }
        try s.enter(".edit")
        try s.waitFor("the edited statement ran") { $0.contains("│ Petrov  │") }
        // A failing editor runs nothing.
        let failing = try cli.write("fail.sh", "#!/bin/sh\nexit 3\n")
        chmod(failing, 0o755)
        let f = try start(["EDITOR": failing, "VISUAL": ""])
        try f.enter(".edit")
        try f.waitFor("the editor's failure") {
            $0.replacingOccurrences(of: "\n", with: "").contains("error: the editor '\(failing)' failed (exit status 3); nothing was run")
        }
    }

    func testExitQuitAndBackslashQLeave() throws {
        for word in ["exit", "quit", "\\q", ".exit"] {
            let s = try start()
            try s.enter(word)
            waitUntilGone(s)
            XCTAssertFalse(s.isAlive, "\(word) should have ended the shell")
        }
    }

    func testSQLGetsTheEquivalentPipeline() throws {
        let s = try start()
        try s.enter("SELECT name FROM clients WHERE region = 'North'")
        try s.waitFor("= help: the same question: clients | where region == \"North\" | select name   (see: help)")
    }

    func testTheBannerShowsTheOrdersDatesAndATodayThatIsNotTheMachines() throws {
        let added = try cli.run(["s.sqlite", "-c", #"add orders client: "ИП Ёлкин", order_date: 2025-03-01, gross: 100"#])
        XCTAssertEqual(added.status, 0, added.stderr)
        let s = try start(arguments: ["--today", "2025-12-31", "s.sqlite"])
        let screen = try s.screen()
        XCTAssertTrue(screen.contains("clientele on s.sqlite ("), screen)
        XCTAssertTrue(screen.contains("; 1 order, 2025-03-01..2025-03-01).\ntoday = 2025-12-31 (not the machine's date).\n"), screen)
    }

    func testTheReplSaysItCreatedANewEmptyStore() throws {
        let s = try start(arguments: ["fresh.sqlite"])
        let screen = try s.screen()
        XCTAssertTrue(screen.contains("clientele: no store at fresh.sqlite, so a new, empty one was created\n"), screen)
        XCTAssertTrue(screen.contains("; no orders).\n"), screen)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.path("fresh.sqlite")))
    }

    func testHeadersOffAndTheOtherShellsFormatNames() throws {
        let s = try start()
        try s.enter(".mode list")
        try s.enter(".headers off")
        try s.enter("clients | sort name | select name, region")
        try s.waitFor("rows without a header") { $0.contains("select name, region\nИП Ёлкин|North\nООО «Фармация»|Северо-Запад\n") }
        try s.enter(".headers maybe")
        try s.waitFor("usage: .headers on|off")
    }

    /// Issue 22, item 2: the docs' examples continue with leading `|` lines; pasted, they
    /// are one statement (the rest of a paste is already waiting when the first line ends).
    func testAPastedExampleWithLeadingPipeLinesIsOneStatement() throws {
        let s = try start()
        try s.type("clients\n  | where region == \"North\"\n  | select curator\nclients | count\n")
        try s.waitFor("both results") { $0.contains("│ Petrov  │") && $0.contains("\n2\n") }
        let screen = try s.screen()
        XCTAssertFalse(screen.contains("error"), screen)
        // Typed line by line, a whole statement still runs at Enter.
        try s.enter("clients | count")
        try s.waitFor("the count again") { $0.components(separatedBy: "\n2\n").count == 3 }
    }

    /// Issue 22, item 3: Tab after `set stored`, after `segment clients by ... per`, after `into`.
    func testTabCompletesStoredSettingsSegmentKeysAndImportTargets() throws {
        let s = try start()
        try s.type("set sto")
        try s.press("Tab")
        try s.waitFor("set stored")
        try s.type("cu")   // the completed keyword was followed by a space
        try s.press("Tab")
        try s.waitFor("set stored currency")
        try s.press("C-c")
        try s.waitFor("a fresh prompt") { $0.contains("^C\nclientele>") }
        try s.type("segment clients by importance per reg")
        try s.press("Tab")
        try s.waitFor("segment clients by importance per region")
        try s.press("C-c")
        try s.waitFor("a second fresh prompt") { $0.components(separatedBy: "^C\nclientele>").count == 3 }
        try s.type("import \"x.csv\" into cl")
        try s.press("Tab")
        try s.waitFor("import \"x.csv\" into clients")
    }

    func testTimerOnPrintsTheRunTime() throws {
        let s = try start()
        try s.enter(".timer on")
        try s.enter("clients | count")
        try s.waitFor("the time") { $0.contains("clientele> clients | count\n2\nRun Time: ") && $0.contains(" s\n") }
        try s.enter(".timer off")
        try s.enter("clients | where region == \"North\" | count")
        try s.waitFor("the count without a time") { $0.contains("| count\n1\nclientele>") }
        try s.enter(".timer sometimes")
        try s.waitFor("usage: .timer on|off")
    }

    /// `.excel` without a spreadsheet program (nothing on PATH opens files): the workbook
    /// is written and its path printed.
    func testDotExcelWritesTheLastResultToAWorkbookAndPrintsItsPath() throws {
        // A PATH with only `env` (which starts the shell in tmux): no xdg-open, no open.
        try FileManager.default.createDirectory(atPath: cli.path("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: cli.path("bin/env"), withDestinationPath: "/usr/bin/env")
        let s = try start(["PATH": cli.path("bin")])
        try s.enter(".excel")
        try s.waitFor("error: no result yet: .excel writes the last result to a workbook")
        try s.enter("clients | sort name | select name, region")
        try s.waitFor("2 rows")
        try s.enter(".excel")
        let screen = try s.waitFor("the workbook's path") { $0.contains("the last result is in ") && $0.contains(".xlsx") }
        let joined = screen.replacingOccurrences(of: "\n", with: "")
        let path = joined.components(separatedBy: "the last result is in ").last!.components(separatedBy: ".xlsx").first! + ".xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(bytes.prefix(2)), [0x50, 0x4B], "an xlsx is a zip file")
        XCTAssertFalse(screen.contains("opened with"), screen)
    }
}
