import Clientele
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What we need to know about the terminal: is a descriptor one, and how big is it.
enum Terminal {
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// True when input is already waiting on stdin: the rest of a paste (a person's next
    /// key comes later). Never waits.
    static func inputWaiting() -> Bool {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0 && (p.revents & Int16(POLLIN)) != 0
    }

    /// Columns and rows of the terminal on `fd`, or nil when it is not a terminal.
    static func size(_ fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
        guard isTerminal(fd) else { return nil }
        var ws = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// NO_COLOR (any non-empty value) turns colour off everywhere, as no-color.org asks.
    static var noColorRequested: Bool {
        guard let v = environment("NO_COLOR") else { return false }
        return !v.isEmpty
    }

    /// One environment variable (getenv: ProcessInfo copies the whole environment first).
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif

/// Unbuffered writes straight to a descriptor; errors (a closed pipe) end the write quietly.
enum RawOutput {
    /// Writes all of `text`; 0, or the errno of the write that failed.
    @discardableResult
    static func write(_ text: String, to fd: Int32) -> Int32 {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return errno }
            if n == 0 { return EIO }
            bytes = bytes.dropFirst(n)
        }
        return 0
    }
}

/// Writes to standard error.
enum Diagnostics {
    static func write(_ text: String) { RawOutput.write(text, to: STDERR_FILENO) }
    /// A message line: user text in it (a path, a value) is shown with its controls escaped.
    static func line(_ text: String) { let t = MessageText.escaped(text); write(t.hasSuffix("\n") ? t : t + "\n") }
}
