import Foundation
import XCTest

/// The REPL under a real pseudo-terminal: a detached tmux session on a private server,
/// driven with send-keys and read with capture-pane.
final class TmuxSession {
    let socket = "clientele-test-\(UUID().uuidString.prefix(8))"
    let name = "repl"
    static let timeout: TimeInterval = 20

    static var tmuxPath: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `clientele ARGS` in `cli`'s directory, 100x30, with its HOME and history.
    init(_ cli: CLIHarness, arguments: [String], environment extra: [String: String] = [:]) throws {
        var env = cli.environment.merging(extra) { $1 }
        env["LC_ALL"] = "C.UTF-8"
        env["TERM"] = "xterm"
        let assignments = env.filter { ["HOME", "CLIENTELE_HISTORY", "NO_COLOR", "PAGER", "LC_ALL", "TERM", "PATH"].contains($0.key) }
            .map { "\($0.key)=\(TmuxSession.quoted($0.value))" }.sorted().joined(separator: " ")
        let command = "cd \(TmuxSession.quoted(cli.directory.path)) && env -u NO_COLOR \(assignments) "
            + ([CLIHarness.executable.path] + arguments).map(TmuxSession.quoted).joined(separator: " ")
        try tmux(["-u", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], environment: env)
    }

    struct Timeout: Error {}

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux and returns what it printed. posix_spawn and waitpid rather than
    /// Foundation's Process, whose exit monitoring can miss the tmux client's exit (the
    /// client forks the server) and wait forever.
    @discardableResult
    func tmux(_ arguments: [String], environment: [String: String]? = nil) throws -> String {
        try TmuxSession.spawn([TmuxSession.tmuxPath!, "-L", socket] + arguments, environment: environment).output
    }

    static func spawn(_ argv: [String], environment: [String: String]?) throws -> (status: Int32, output: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Only capture-pane's output is read; the server started by new-session must not
        // inherit the pipe, so its output goes to /dev/null.
        let reads = argv.contains("capture-pane")
        if reads {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw CocoaError(.executableLoad) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: buffer[..<n])
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xff, String(decoding: data, as: UTF8.self))
    }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
    /// Presses named keys: Enter, Tab, Up, Left, C-c, C-d, C-r.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Pastes text as a terminal does (tmux's paste-buffer: line breaks sent as CR, and
    /// wrapped in ESC[200~ … ESC[201~ when the program asked for bracketed paste).
    func paste(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-paste-\(UUID().uuidString)").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try tmux(["load-buffer", file])
        try tmux(["paste-buffer", "-p", "-t", name])
    }

    /// Types a line and presses Enter.
    func enter(_ line: String) throws { try type(line); try press("Enter") }

    /// The visible screen. tmux trims trailing blanks, so an empty prompt reads "clientele>".
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// Polls the screen until `condition` holds; fails the test with the screen on timeout.
    @discardableResult
    func waitFor(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(TmuxSession.timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(last)", file: file, line: line)
        throw Timeout()
    }

    func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor("'\(text)'", file: file, line: line) { $0.contains(text) }
    }

    /// The last non-empty line: where the prompt and the input being typed are.
    func lastLine() throws -> String {
        try screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Whether the session (and so the shell in it) still runs.
    var isAlive: Bool {
        ((try? TmuxSession.spawn([TmuxSession.tmuxPath!, "-L", socket, "has-session", "-t", name], environment: nil))?.status) == 0
    }

    func kill() {
        _ = try? tmux(["kill-server"])
        // The server leaves its socket file behind.
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(dir)/tmux-\(getuid())/\(socket)")
    }
}
