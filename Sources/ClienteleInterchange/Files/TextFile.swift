import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A script, an included file or an init file read as UTF-8 text: a regular file only, at
/// most `limit` bytes (a script is never that big; a store or a log given by mistake must
/// not be read whole into memory), closed through `HeldFiles` (the path may be the store
/// this program has open).
///
/// ```swift
/// if let text = TextFile.read("monthly.clq") { run(text) }
/// ```
package enum TextFile {
    /// 16 MiB: far more than any script.
    package static let limit = 16 << 20

    /// The file's text, or nil when it is missing, not a regular file, too big or not UTF-8
    /// (`TextFile.unreadable` says which).
    package static func read(_ path: String, limit: Int = TextFile.limit) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { HeldFiles.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return String(validating: bytes.prefix(done), as: UTF8.self)
    }

    /// Why `read` gave nil, as a sentence.
    package static func unreadable(_ path: String, limit: Int = TextFile.limit) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == EACCES ? "permission denied" : "no such file" }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return "it is a directory"
        default: return "it is not a regular file"
        }
        if access(path, R_OK) != 0 { return "permission denied" }
        if Int(st.st_size) > limit { return "it is \(st.st_size / (1 << 20)) MiB, more than a script can be (\(limit >> 20) MiB)" }
        return "it is not UTF-8 text (a binary file?)"
    }
}
