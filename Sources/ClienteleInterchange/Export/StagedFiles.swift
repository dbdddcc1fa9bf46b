import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClienteleCore

/// The files a script writes (exports, rejects files), held back until its transaction
/// commits: each is written in full to a file without a name (Linux `O_TMPFILE`) in the
/// folder of its final name, and gets that name only after the commit. If the script fails
/// or the program is killed, no file is left behind, not even a temporary one. Where the
/// file system has no nameless files, a hidden temporary name in the same folder is used
/// and removed on failure.
///
/// Every write, the flush to disk and the close are checked: a full disk is an error that
/// fails the script, never a short file.
package final class StagedFiles {
    private struct Staged {
        package var final: String
        package var shown: String
        package var descriptor: Int32
        /// nil for a nameless file.
        package var temporary: String?
        package var replace: Bool
    }

    private var staged: [Staged] = []
    private let storePath: String?
    #if os(Linux)
    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), a macro Swift does not import.
    package static let nameless: Int32 = 0o20000000 | O_DIRECTORY
    #endif

    package init(storePath: String?) { self.storePath = storePath }

    deinit { discard() }

    /// Writes `data` for `path` (shown as `shown` in messages). Refuses the open store, and
    /// an existing file unless `replace`. An earlier file of this script for the same path
    /// is superseded.
    package func stage(_ data: Data, at path: String, shown: String, replace: Bool) throws {
        if let storePath { try OutputPath.refuseStore(path, storePath: storePath) }
        // Through a symlink to the file it names (a rename would replace the link itself).
        let path = OutputPath.resolvedLinks(path)
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw ExportError.cannotWrite(path: shown, reason: OutputPath.reason(errno: EISDIR))
            default: throw ExportError.cannotWrite(path: shown, reason: "it is not a regular file (a device or a pipe)")
            }
        }
        if let earlier = staged.firstIndex(where: { $0.final == path }) {
            remove(staged[earlier])
            staged.remove(at: earlier)
        } else if !replace, exists(path) {
            throw ExportError.exists(path: shown)
        }
        var item = try create(path, shown: shown, replace: replace)
        do {
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = systemWrite(item.descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { throw ExportError.cannotWrite(path: shown, reason: OutputPath.reason(errno: n < 0 ? errno : EIO)) }
                    offset += n
                }
            }
            if fsync(item.descriptor) != 0 && errno != EINVAL && errno != EROFS {
                throw ExportError.cannotWrite(path: shown, reason: OutputPath.reason(errno: errno))
            }
        } catch {
            remove(item)
            throw error
        }
        item.replace = replace
        staged.append(item)
    }

    /// Gives every staged file its name (after the script's commit). Throws the first
    /// failure; the files not yet in place are removed.
    package func commit() throws {
        defer { discard() }
        while !staged.isEmpty {
            var item = staged.removeFirst()
            defer { remove(item) }
            if let temporary = item.temporary {
                let closed = close(item.descriptor) == 0
                item.descriptor = -1
                guard closed else { throw ExportError.cannotPlace(path: item.shown, reason: OutputPath.reason(errno: errno)) }
                let ok = item.replace ? rename(temporary, item.final) == 0 : (link(temporary, item.final) == 0)
                if !ok { throw ExportError.cannotPlace(path: item.shown, reason: OutputPath.reason(errno: errno)) }
            } else {
                let proc = "/proc/self/fd/\(item.descriptor)"
                if item.replace {
                    let temporary = StagedFiles.hiddenName(for: item.final)
                    guard linkat(AT_FDCWD, proc, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                        throw ExportError.cannotPlace(path: item.shown, reason: OutputPath.reason(errno: errno))
                    }
                    if rename(temporary, item.final) != 0 {
                        let code = errno
                        unlink(temporary)
                        throw ExportError.cannotPlace(path: item.shown, reason: OutputPath.reason(errno: code))
                    }
                } else if linkat(AT_FDCWD, proc, AT_FDCWD, item.final, AT_SYMLINK_FOLLOW) != 0 {
                    throw ExportError.cannotPlace(path: item.shown, reason: OutputPath.reason(errno: errno))
                }
            }
        }
    }

    /// Drops every staged file (the script failed).
    package func discard() {
        for item in staged { remove(item) }
        staged = []
    }

    private func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private func create(_ path: String, shown: String, replace: Bool) throws -> Staged {
        let folder = URL(fileURLWithPath: OutputPath.resolvedLinks(path)).deletingLastPathComponent().path
        #if os(Linux)
        let fd = systemOpen(folder, StagedFiles.nameless | O_WRONLY | O_CLOEXEC, 0o666)
        if fd >= 0 { return Staged(final: path, shown: shown, descriptor: fd, temporary: nil, replace: replace) }
        if errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL {
            throw ExportError.cannotWrite(path: shown, reason: OutputPath.reason(errno: errno))
        }
        #endif
        let temporary = StagedFiles.hiddenName(for: path)
        let named = systemOpen(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard named >= 0 else { throw ExportError.cannotWrite(path: shown, reason: OutputPath.reason(errno: errno)) }
        return Staged(final: path, shown: shown, descriptor: named, temporary: temporary, replace: replace)
    }

    /// `.name.clientele-PID-XXXXXXXX.tmp` in the folder of `path` (a random part, not a shared
    /// counter, so engines on several threads never race for one name).
    private static func hiddenName(for path: String) -> String {
        let url = URL(fileURLWithPath: OutputPath.resolvedLinks(path))
        let unique = UUID().uuidString.prefix(8)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).clientele-\(getpid())-\(unique).tmp").path
    }

    private func remove(_ item: Staged) {
        if let temporary = item.temporary { unlink(temporary) }
        if item.descriptor >= 0 { close(item.descriptor) }
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
