import Foundation
import Clientele

/// Where results go: standard output, a file chosen with --output / `.output`, or a file
/// for the next result only (`.once`).
final class ResultDestination {
    private var file: FileHandle?
    private(set) var filePath: String?
    private var once: (handle: FileHandle, path: String)?

    /// True when results land on a terminal, which decides width, colour and the pager.
    var isTerminal: Bool { file == nil && once == nil && Terminal.isTerminal(STDOUT_FILENO) }

    enum OpenError: Error, CustomStringConvertible {
        case cannotWrite(String, String)
        var description: String {
            switch self { case .cannotWrite(let p, let why): return "cannot write to '\(p)': \(why)" }
        }
    }

    static func open(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            var isDir: ObjCBool = false
            let why = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
                ? "it is a directory" : "no such directory or no permission"
            throw OpenError.cannotWrite(path, why)
        }
        return handle
    }

    /// Sends every later result to `path` (nil: back to standard output).
    func redirect(to path: String?) throws {
        try file?.close()
        file = nil
        filePath = nil
        if let path {
            file = try ResultDestination.open(path)
            filePath = path
        }
    }

    /// Sends only the next result to `path`.
    func redirectOnce(to path: String) throws { once = (try ResultDestination.open(path), path) }

    func write(_ text: String) {
        let fd = once?.handle.fileDescriptor ?? file?.fileDescriptor ?? STDOUT_FILENO
        RawOutput.write(text, to: fd)
    }

    /// Called after each statement's results: a `.once` file is done.
    func finishResult() {
        if let once { try? once.handle.close() }
        once = nil
    }

    func close() { try? file?.close(); finishResult() }
}
