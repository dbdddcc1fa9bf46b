import XCTest

/// What every test of the REPL under tmux starts with: a scratch directory with a seeded
/// store (`s.sqlite`, two clients), sessions started there and killed after the test.
class TmuxTestCase: XCTestCase {
    var cli: CLIHarness!
    var sessions: [TmuxSession] = []

    override func setUpWithError() throws {
        guard TmuxSession.tmuxPath != nil else { throw XCTSkip("tmux is not installed") }
        cli = try CLIHarness()
        _ = try cli.seededStore()
    }

    override func tearDown() { sessions.forEach { $0.kill() } }

    /// `clientele ARGS` in tmux, once its prompt shows.
    func start(_ extra: [String: String] = [:], arguments: [String] = ["s.sqlite"]) throws -> TmuxSession {
        let s = try TmuxSession(cli, arguments: arguments, environment: extra)
        sessions.append(s)
        try s.waitFor("clientele>")
        return s
    }

    func waitUntilGone(_ s: TmuxSession) {
        let deadline = Date().addingTimeInterval(TmuxSession.timeout)
        while s.isAlive && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }
}
