import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClienteleCore

/// Where the program may write a file: never onto the open store or its companion files
/// (`-wal`, `-shm`, `-journal`), however the path is spelled. Existing files are compared
/// by device and inode (a hard link, a symlink, `./` or `..` all lead to the same inode);
/// a file that does not exist yet by its folder's device and inode and its name, after
/// following symlinks at the end of the path (a dangling link to `S-wal` is `S-wal`).
///
/// ```swift
/// try OutputPath.refuseStore("../data/./clientele.sqlite", storePath: store.path)   // throws
/// ```
package enum OutputPath {
    package struct FileKey: Hashable {
        package var device: UInt64
        package var inode: UInt64
    }

    package struct Location: Hashable {
        package var folder: FileKey
        package var name: String
    }

    /// The companion files SQLite keeps beside a database, and how a message names them.
    package static let companions: [(suffix: String, what: String)] = [
        ("", "the open store (writing there would destroy it)"),
        ("-wal", "the open store's write-ahead log"),
        ("-shm", "the open store's shared-memory index"),
        ("-journal", "the open store's rollback journal"),
    ]

    /// Throws `OutputPathError.isTheStore` when `path` is the store at `storePath` or one of
    /// its companion files.
    package static func refuseStore(_ path: String, storePath: String) throws {
        if let what = storeFile(path, storePath: storePath) {
            throw OutputPathError.isTheStore(path: path, what: what)
        }
    }

    /// What `path` is of the store (nil: not part of it).
    package static func storeFile(_ path: String, storePath: String) -> String? {
        let target = key(path)
        let targetLocation = location(path)
        for base in Set([storePath, resolvedLinks(storePath)]) {
            for (suffix, what) in companions {
                let companion = base + suffix
                if let target, let k = key(companion), k == target { return what }
                if let targetLocation, let l = location(companion), l == targetLocation { return what }
            }
        }
        return nil
    }

    /// Device and inode of an existing file, following symlinks.
    package static func key(_ path: String) -> FileKey? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileKey(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// The folder (by device and inode) and name a path ends at, after its final symlinks.
    package static func location(_ path: String) -> Location? {
        let resolved = resolvedLinks(path)
        let url = URL(fileURLWithPath: resolved)
        let name = url.lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", let folder = key(url.deletingLastPathComponent().path) else { return nil }
        return Location(folder: folder, name: name)
    }

    /// `path` with the symlinks at its end followed (at most 40, like the kernel), even to
    /// a target that does not exist.
    package static func resolvedLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            current = target.hasPrefix("/")
                ? target : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
        }
        return current
    }

    /// A short reason for a failed system call on a file, in the user's terms.
    package static func reason(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is exceeded"
        case EFBIG: return "the file is too large for this file system"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "no such folder"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case EEXIST: return "the file already exists"
        case EIO: return "an input/output error (a failing disk?)"
        case EPIPE: return "the program reading the results stopped reading"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

package enum OutputPathError: Error, Equatable, CustomStringConvertible {
    case isTheStore(path: String, what: String)

    package var description: String {
        switch self {
        case .isTheStore(let p, let what): return "cannot write to '\(p)': it is \(what); choose another file"
        }
    }
}
