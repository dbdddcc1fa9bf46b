import Foundation

/// Pipes long REPL output through $PAGER, the way git and psql do.
enum Pager {
    /// Shows `text` in the pager when it is taller than the screen; false when it did not.
    static func show(_ text: String, screenRows: Int) -> Bool {
        guard let pager = ProcessInfo.processInfo.environment["PAGER"], !pager.trimmingCharacters(in: .whitespaces).isEmpty
        else { return false }
        let lines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        guard lines >= screenRows else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return false }
        // The user may quit the pager early: the write then fails quietly (SIGPIPE is ignored in the REPL).
        RawOutput.write(text, to: pipe.fileHandleForWriting.fileDescriptor)
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}
