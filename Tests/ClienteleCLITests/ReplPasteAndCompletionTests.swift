import XCTest

/// Issue 22, items 2 and 3 in the real REPL (tmux): bracketed paste, a line starting with
/// `|` after a query, and Tab in file names and the language's other places.
final class ReplPasteAndCompletionTests: TmuxTestCase {
    /// The docs' examples continue with leading `|` lines: pasted (tmux's paste-buffer -p
    /// sends a bracketed paste, as the shell asked), the paste is one input, run as one script.
    func testABracketedPasteOfAnExampleWithLeadingPipeLinesRunsAsOneScript() throws {
        let s = try start()
        try s.paste("clients\n  | where region == \"North\"\n  | select curator\nclients | count\n")
        try s.waitFor("both results") { $0.contains("│ Petrov  │") && $0.contains("\n2\n") }
        // The screen shows what was pasted under the prompt, once.
        let screen = try s.screen()
        XCTAssertTrue(screen.contains("clientele> clients\n  | where region == \"North\"\n  | select curator\nclients | count\n"), screen)
        XCTAssertFalse(screen.contains("error"), screen)
        // A paste is one script: all or nothing, so a failing second statement leaves the
        // first undone (the add is not kept), with the paste's own line numbers.
        try s.paste("add clients name: \"Pasted\", region: \"South\"\nclients | where nosuch == 1\n")
        try s.waitFor("the error") { $0.contains("error: unknown field 'nosuch' on clients") && $0.contains("--> <paste>:2:") }
        try s.enter("clients | count")
        try s.waitFor("still two clients") { $0.contains("clientele> clients | count\n2\n") }
        // The whole paste is one history entry.
        try s.waitFor("the history file") { _ in (self.cli.read("history") ?? "").contains("Pasted") }
    }

    /// A paste without a line break goes into the line being edited, at the cursor.
    func testAOneLinePasteGoesIntoTheLineAtTheCursor() throws {
        let s = try start()
        try s.type("clients |  | take 1")
        for _ in 0..<9 { try s.press("Left") }
        try s.paste("sort name | select name")
        try s.waitFor("the line with the paste") { $0.contains("clientele> clients | sort name | select name | take 1") }
        try s.press("Enter")
        try s.waitFor("the result") { $0.contains("│ ИП Ёлкин │") && $0.contains("1 row") }
        // A paste that is only a statement and a line break runs, as Enter would.
        try s.paste("clients | count\n")
        try s.waitFor("the count") { $0.contains("clientele> clients | count\n2\n") }
    }

    /// `| count` typed after a query ran continues that query; after a change it does not.
    func testALineStartingWithAPipeContinuesTheLastQuery() throws {
        let s = try start()
        try s.enter("clients | where region == \"North\"")
        try s.waitFor("the table") { $0.contains("1 row") }
        try s.enter("| count")
        try s.waitFor("the continued query") { $0.contains("clientele> | count\n1\n") }
        try s.press("Up")
        try s.waitFor("one history entry") { $0.contains("clientele> clients | where region == \"North\"\n| count") }
        try s.press("C-c")
        try s.enter("set period = 2025")
        try s.enter("| count")
        try s.waitFor("not continued") { $0.contains("error: expected a query or a command, found '|'") }
    }

    /// Tab in file names: quoted after import/include/export … to, plain after .read,
    /// .output and .once; folders end in `/`, a file in quotes gets its closing quote.
    func testTabCompletesFileNames() throws {
        try FileManager.default.createDirectory(atPath: cli.path("data/sub"), withIntermediateDirectories: true)
        _ = try cli.write("data/my clients.csv", "name\n")
        _ = try cli.write("data/sub/more.csv", "name\n")
        _ = try cli.write("common.clq", "clients | count\n")
        let s = try start()
        func complete(_ typed: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
            try s.type(typed)
            try s.press("Tab")
            try s.type("Z")   // shows what Tab added, the closing quote or space included
            // A long path wraps at the screen's edge.
            try s.waitFor("'\(expected)Z'", file: file, line: line) { $0.replacingOccurrences(of: "\n", with: "").contains("clientele> " + expected + "Z") }
            try s.press("C-c")
        }
        try complete("import \"da", "import \"data/")
        try complete("import \"data/my", "import \"data/my clients.csv\"")
        try complete("import \"data/s", "import \"data/sub/")
        try complete("include \"comm", "include \"common.clq\"")
        try complete("export clients to \"data/sub/mo", "export clients to \"data/sub/more.csv\"")
        try complete("export clients to \"\(cli.path("data/sub/mo"))", "export clients to \"\(cli.path("data/sub/more.csv"))\"")
        try complete(".read comm", ".read common.clq ")
        try complete(".output data/sub/m", ".output data/sub/more.csv ")
        try complete(".once data/su", ".once data/sub/")
        // Two choices: the second Tab lists them.
        try s.type("import \"data/")
        try s.press("Tab")
        try s.press("Tab")
        try s.waitFor("the folder's entries") { $0.contains("my clients.csv") && $0.contains("sub/") }
    }

    /// The language's completions of item 3 not shown elsewhere: keys after `segment
    /// clients by`, period words in a metric's parentheses, setting names after `set`, and
    /// the space after a whole word.
    func testTabCompletesSegmentKeysPeriodWordsAndSettingNames() throws {
        let s = try start()
        func complete(_ typed: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
            try s.type(typed)
            try s.press("Tab")
            try s.type("Z")
            try s.waitFor("'\(expected)Z'", file: file, line: line) { $0.contains("clientele> " + expected + "Z") }
            try s.press("C-c")
        }
        try complete("segment clients by ab", "segment clients by abc ")
        try complete("segment clients by abc per reg", "segment clients by abc per region ")
        try complete("clients | select name, turnover(la", "clients | select name, turnover(last ")
        try complete("clients | select name, turnover(last 12 mo", "clients | select name, turnover(last 12 months ")
        try complete("clients | select name, turnover(this q", "clients | select name, turnover(this quarter ")
        try complete("set peri", "set period ")
        try complete("import \"x.csv\" into ord", "import \"x.csv\" into orders ")
        try complete("clients | where regi", "clients | where region ")
    }
}
