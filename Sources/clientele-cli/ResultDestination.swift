import Foundation
import Clientele

/// Where results go: standard output, a file chosen with --output / `.output`, or a file
/// for the next result only (`.once`). Never the open store or its companion files.
///
/// Every write is checked. The first failure (a full disk, /dev/full, a closed pipe) is
/// kept in `failure`, later writes of the same script are dropped, and a file that was
/// being written is closed and removed, so that no partial file remains.
final class ResultDestination {
    private var file: FileHandle?
    private(set) var filePath: String?
    private var once: (handle: FileHandle, path: String)?
    /// The store's file, when it is one: no output may land on it.
    let storePath: String?
    /// Why the last writes failed ("cannot write results to 'x': the disk is full").
    private(set) var failure: String?

    init(storePath: String?) { self.storePath = storePath }

    /// True when results land on a terminal, which decides width, colour and the pager.
    var isTerminal: Bool { file == nil && once == nil && Terminal.isTerminal(STDOUT_FILENO) }

    enum OpenError: Error, CustomStringConvertible {
        case cannotWrite(String, String)
        case isTheStore(OutputPathError)
        var description: String {
            switch self {
            case .cannotWrite(let p, let why): return "cannot write to '\(p)': \(why)"
            case .isTheStore(let e): return e.description
            }
        }
    }

    func open(_ path: String) throws -> FileHandle {
        do {
            if let storePath { try OutputPath.refuseStore(path, storePath: storePath) }
        } catch let e as OutputPathError {
            throw OpenError.isTheStore(e)
        }
        // open(2), truncating in place like a shell's `>`: never a replace by rename, which
        // would turn a symlink or a device such as /dev/full into a new plain file.
        let fd = systemOpen(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let why = errno == EISDIR ? "it is a directory" : OutputPath.reason(errno: errno)
            throw OpenError.cannotWrite(path, why)
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Sends every later result to `path` (nil: back to standard output).
    func redirect(to path: String?) throws {
        let handle = try path.map(open)
        closeFile()
        if let path, let handle {
            file = handle
            filePath = path
        }
    }

    /// Sends only the next result to `path`.
    func redirectOnce(to path: String) throws { once = (try open(path), path) }

    func write(_ text: String) {
        guard failure == nil else { return }
        let fd = once?.handle.fileDescriptor ?? file?.fileDescriptor ?? STDOUT_FILENO
        let code = RawOutput.write(text, to: fd)
        if code != 0 { fail(code) }
    }

    /// Records a failed write; a file being written is closed and removed.
    private func fail(_ code: Int32) {
        let reason = OutputPath.reason(errno: code)
        guard let (handle, path) = once ?? file.flatMap({ f in filePath.map { (f, $0) } }) else {
            failure = "cannot write results to standard output: \(reason)"
            return
        }
        try? handle.close()
        if once != nil { once = nil } else { file = nil; filePath = nil }
        failure = "cannot write results to '\(path)': \(reason)" + removePartial(path)
    }

    /// Removes a partial output file, unless it is not a regular file (a device like
    /// /dev/full, a pipe); what to add to the message.
    @discardableResult
    private func removePartial(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, unlink(path) == 0 else { return "" }
        return "; the partial file was removed"
    }

    /// The failure of the writes since the last call, if any; the next writes are tried again.
    func takeFailure() -> String? {
        defer { failure = nil }
        return failure
    }

    /// Called after each statement's results: a `.once` file is done.
    func finishResult() {
        if let (handle, path) = once {
            once = nil
            do { try handle.close() } catch {
                failure = failure ?? "cannot write results to '\(path)': \(error)" + removePartial(path)
            }
        }
    }

    private func closeFile() {
        if let handle = file, let path = filePath {
            do { try handle.close() } catch {
                failure = failure ?? "cannot write results to '\(path)': \(error)" + removePartial(path)
            }
        }
        file = nil
        filePath = nil
    }

    /// Closes the output at the end of the program: a failure is kept in `failure`.
    func close() {
        closeFile()
        finishResult()
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
