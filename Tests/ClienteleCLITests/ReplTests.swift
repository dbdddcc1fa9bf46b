import XCTest

/// The interactive shell under a pseudo-terminal (tmux).
final class ReplTests: TmuxTestCase {

    func testHistoryRecallAcrossSessionsKeepsAMultiLineStatementWhole() throws {
        let first = try start()
        try first.enter("clients |")
        try first.waitFor("   ...>")
        try first.enter("where region == \"North\" | count")
        try first.waitFor("the count") { $0.contains("\n1\n") }
        try first.press("C-d")
        try first.waitFor("the history file") { _ in
            (self.cli.read("history") ?? "").contains("where\\040region")
        }
        first.kill()

        let second = try start()
        try second.press("Up")
        try second.waitFor("the recalled statement") {
            $0.contains("clientele> clients |\nwhere region == \"North\" | count")
        }
        try second.press("Enter")
        try second.waitFor("the count again") { $0.contains("\n1\n") }
    }

    func testTheOrderFactsLoadInTheBackgroundAndDotCacheShowsThem() throws {
        let added = try cli.run(["s.sqlite", "-c", #"add orders client: "ИП Ёлкин", order_date: 2025-12-01, gross: 100"#])
        XCTAssertEqual(added.status, 0, added.stderr)
        let s = try start()
        var shown = false
        for _ in 0..<50 where !shown {
            try s.enter(".cache")
            Thread.sleep(forTimeInterval: 0.1)
            shown = try s.screen().contains("order facts: 1 shipped order in memory")
        }
        XCTAssertTrue(shown, (try? s.screen()) ?? "")
        try s.enter(".cache off")
        try s.waitFor("order facts: not in memory (each question scans the orders of its period); cache off")
        try s.enter(".cache sometimes")
        try s.waitFor("usage: .cache [auto|on|off]")
    }

    func testTabCompletesFieldsInTheMiddleOfAPipeline() throws {
        let s = try start()
        // A column made earlier in the same pipeline.
        try s.type("clients | derive big = outlets * 2 | where bi")
        try s.press("Tab")
        try s.waitFor("clients | derive big = outlets * 2 | where big")
        try s.press("C-c")
        try s.waitFor("a fresh prompt") { $0.contains("^C\nclientele>") }
        // The cursor moved back into the middle of the line.
        try s.type("clients | sort reg | select name, region")
        for _ in 0..<22 { try s.press("Left") }
        try s.press("Tab")
        try s.waitFor("clients | sort region | select name, region")
        try s.press("Enter")
        try s.waitFor("the sorted table") { $0.contains("│ North        │") || $0.contains("│ ИП Ёлкин       │ North ") }
    }

    func testMultiLineEntry() throws {
        let s = try start()
        try s.enter("clients")
        // A complete line runs at once; the next one continues only while it ends in | or a bracket is open.
        try s.waitFor("the table") { $0.contains("2 rows") }
        try s.enter("clients |")
        try s.type("  select name, n = (outlets")
        try s.press("Enter")
        try s.waitFor("two continuation prompts") { $0.components(separatedBy: "   ...>").count == 3 }
        try s.type(") | sort name | take 1")
        try s.press("Enter")
        try s.waitFor("the result") { $0.contains("│ ИП Ёлкин │") && $0.contains("1 row") }
    }

    func testCtrlCCancelsTheLineAndTheShellGoesOn() throws {
        let s = try start()
        try s.enter("clients |")
        try s.waitFor("   ...>")
        try s.type("where na")
        try s.press("C-c")
        try s.waitFor("the cancel") { $0.contains("where na^C\nclientele>") }
        try s.enter("clients | count")
        try s.waitFor("the count") { $0.contains("clientele> clients | count\n2\n") }
    }

    func testModeCsvSwitchesOutput() throws {
        let s = try start()
        try s.enter(".mode csv")
        try s.enter("clients | sort name | select name, region")
        try s.waitFor("csv rows") { $0.contains("name,region\nИП Ёлкин,North\nООО «Фармация»,Северо-Запад\n") }
        try s.enter(".mode table")
        try s.enter("clients | count")
        try s.waitFor("the count") { $0.contains("clientele> clients | count\n2\n") }
    }

    func testCtrlRSearchesHistory() throws {
        let s = try start()
        try s.enter("clients | sort name | select curator")
        try s.waitFor("Иванова")
        try s.enter("clients | count")
        try s.waitFor("the count") { $0.contains("\n2\n") }
        try s.press("C-r")
        try s.type("cur")
        try s.waitFor("the found entry") { $0.contains("clients | sort name | select curator") && $0.contains("bck") }
        try s.press("Enter")
        try s.waitFor("the query again") { $0.components(separatedBy: "Иванова").count == 3 }
    }

    func testColourOnTheTerminalUnlessNoColor() throws {
        let coloured = try start()
        try coloured.enter("clients | count")
        try coloured.enter("clients")
        try coloured.waitFor("2 rows")
        XCTAssertTrue(try coloured.screen(escapes: true).contains("\u{1B}["))
        coloured.kill()

        let plain = try start(["NO_COLOR": "1"])
        try plain.enter("clients")
        try plain.waitFor("2 rows")
        let screen = try plain.screen(escapes: true)
        XCTAssertFalse(screen.contains("\u{1B}["), screen)
    }

    func testMetaCommandsSchemaOnceAndQuit() throws {
        let s = try start()
        try s.enter(".schema clients")
        try s.waitFor("turnover")
        try s.enter(".once once.csv")
        try s.enter(".mode csv")
        try s.enter("clients | count")
        try s.enter("clients | sort name | select name | take 1")
        try s.waitFor("the screen result") { $0.contains("name\nИП Ёлкин\n") }
        XCTAssertEqual(cli.read("once.csv"), "count\n2\n")
        try s.enter(".quit")
        waitUntilGone(s)
        XCTAssertFalse(s.isAlive, "the shell should have ended")
    }
}
