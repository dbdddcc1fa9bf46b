import XCTest

/// A long result in the REPL goes through $PAGER, run as the terminal's foreground job:
/// the pager draws and reads keys, `q` (or Ctrl-C in the pager) returns to the prompt, and
/// the shell goes on. Under tmux, with the real `less` and `more`.
final class PagerTests: TmuxTestCase {

    func start(pager: String) throws -> TmuxSession {
        guard let path = ["/usr/bin/\(pager)", "/bin/\(pager)"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("\(pager) is not installed (scripts/bootstrap installs it)")
        }
        let s = try TmuxSession(cli, arguments: ["s.sqlite"], environment: ["PAGER": path])
        sessions.append(s)
        try s.waitFor("clientele>")
        return s
    }

    /// `describe clients` is 54 lines: taller than the 30-line screen.
    func showLongResult(_ s: TmuxSession, prompt: String) throws {
        try s.enter("describe clients")
        try s.waitFor("the pager's first screen") { screen in
            let last = screen.split(separator: "\n").last.map(String.init) ?? ""
            return screen.contains("│ name ") && last.hasPrefix(prompt) && !screen.contains("49 rows")
        }
    }

    func assertShellGoesOn(_ s: TmuxSession) throws {
        try s.waitFor("the prompt after the pager") { $0.split(separator: "\n").last == "clientele>" }
        try s.enter("clients | count")
        try s.waitFor("the count") { $0.contains("clientele> clients | count\n2\nclientele>") }
        XCTAssertTrue(s.isAlive)
    }

    func testALongResultShowsInLessAndQReturnsToThePrompt() throws {
        let s = try start(pager: "less")
        try showLongResult(s, prompt: ":")
        try s.type("q")
        try assertShellGoesOn(s)
    }

    func testALongResultShowsInMoreAndQReturnsToThePrompt() throws {
        let s = try start(pager: "more")
        try showLongResult(s, prompt: "--More--")
        try s.type("q")
        try assertShellGoesOn(s)
    }

    func testCtrlCInThePagerDoesNotStopTheShell() throws {
        let s = try start(pager: "less")
        try showLongResult(s, prompt: ":")
        try s.press("C-c")
        try s.type("q")
        try assertShellGoesOn(s)
        // And the next long result pages again.
        try showLongResult(s, prompt: ":")
        try s.type("q")
        try assertShellGoesOn(s)
    }
}
