import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pipes long REPL output through $PAGER, the way git and psql do.
///
/// The pager runs as a foreground job, as a job-control shell runs one: in its own process
/// group, which is made the terminal's foreground group while it runs (so it may read keys
/// from the terminal and draw on it, and Ctrl-C goes to it, not to the REPL), and the REPL's
/// group is made the foreground again when it exits. Started in the background (as
/// Foundation's Process starts children), `less` is stopped by SIGTTIN as soon as it reads
/// a key: nothing is drawn, and the REPL waits for it for ever.
enum Pager {
    /// Shows `text` in the pager when it is taller than the screen; false when it did not.
    static func show(_ text: String, screenRows: Int) -> Bool {
        guard let pager = Terminal.environment("PAGER"), !pager.trimmingCharacters(in: .whitespaces).isEmpty
        else { return false }
        let lines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        guard lines >= screenRows else { return false }
        guard let tty = [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO].first(where: { isatty($0) == 1 }) else { return false }

        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        guard let pid = spawn(["/bin/sh", "-c", pager], stdin: readEnd, closing: writeEnd) else {
            close(readEnd); close(writeEnd)
            return false
        }
        close(readEnd)

        // Hand the terminal to the pager's group. The REPL is then a background process,
        // and changing the terminal's group back from there raises SIGTTOU: ignored meanwhile.
        let shellGroup = tcgetpgrp(tty)
        let previousTTOU = signal(SIGTTOU, SIG_IGN)
        setpgid(pid, pid)   // also done in the child; whichever runs first
        tcsetpgrp(tty, pid)

        // If the user quits before reading everything, the write fails quietly (EPIPE:
        // SIGPIPE is ignored in the REPL).
        RawOutput.write(text, to: writeEnd)
        close(writeEnd)
        let status = wait(for: pid, tty: tty)

        tcsetpgrp(tty, shellGroup)
        signal(SIGTTOU, previousTTOU)
        // 126, 127: the shell could not run the pager (sh said why): print the text instead.
        return status != 126 && status != 127
    }

    /// Runs a program that uses the terminal (`.edit`'s editor) as the foreground job, as
    /// the pager runs, and waits for it: its exit status, or nil when it could not start.
    static func runOnTerminal(_ argv: [String]) -> Int32? {
        guard let pid = spawn(argv, stdin: nil, closing: nil) else { return nil }
        guard let tty = [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO].first(where: { isatty($0) == 1 }) else {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
        }
        let shellGroup = tcgetpgrp(tty)
        let previousTTOU = signal(SIGTTOU, SIG_IGN)
        setpgid(pid, pid)
        tcsetpgrp(tty, pid)
        let status = wait(for: pid, tty: tty)
        tcsetpgrp(tty, shellGroup)
        signal(SIGTTOU, previousTTOU)
        return status
    }

    /// Waits for the pager to exit. Stopped (Ctrl-Z in a pager that does not catch it),
    /// it is given the terminal again and continued: the REPL has no jobs to return to.
    /// The exit status (-1 when killed by a signal or lost).
    private static func wait(for pid: pid_t, tty: Int32) -> Int32 {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WUNTRACED)
            if r < 0 {
                if errno == EINTR { continue }
                return -1
            }
            // WIFSTOPPED: the low byte is 0x7f.
            if status & 0xff == 0x7f {
                tcsetpgrp(tty, pid)
                kill(-pid, SIGCONT)
                continue
            }
            // WIFEXITED: the low seven bits are 0.
            return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
        }
    }

    /// Starts `argv` in a new process group with `stdin` as its standard input, the
    /// signals the REPL ignores or handles set back to their defaults, and none blocked.
    private static func spawn(_ argv: [String], stdin: Int32?, closing other: Int32?) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
            posix_spawn_file_actions_addclose(&actions, stdin)
        }
        if let other { posix_spawn_file_actions_addclose(&actions, other) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)

        // less shows colours (R) and leaves the text on the screen (X) unless told otherwise, as with git.
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, &cEnv) == 0 else { return nil }
        return pid
    }
}
