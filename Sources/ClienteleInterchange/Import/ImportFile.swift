import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClienteleCore

/// A file read in chunks, never whole: the import streams its rows through these.
package final class ImportFile {
    package let path: String
    private let fd: Int32
    /// Bytes of the file, BOM included.
    package let size: Int

    package static let chunkSize = 1 << 20

    /// Opens a regular file for reading. Anything else (a directory, a device such as
    /// `/dev/zero`, a pipe, a socket) is refused: the import reads a file twice (once to
    /// check its encoding) and bounds what it reads by the file's size.
    package init(path: String) throws {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else { throw ImportError.cannotRead(path: path, reason: ImportFile.reason(errno)) }
        if let kind = ImportFile.notRegular(st.st_mode) { throw ImportError.cannotRead(path: path, reason: kind) }
        // O_NONBLOCK: if the path became a pipe since stat, opening it must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw ImportError.cannotRead(path: path, reason: ImportFile.reason(errno)) }
        guard fstat(fd, &st) == 0 else {
            let reason = ImportFile.reason(errno)
            HeldFiles.close(fd)
            throw ImportError.cannotRead(path: path, reason: reason)
        }
        if let kind = ImportFile.notRegular(st.st_mode) {
            HeldFiles.close(fd)
            throw ImportError.cannotRead(path: path, reason: kind)
        }
        self.fd = fd
        size = Int(st.st_size)
        memory = nil
    }

    /// What a file that is not a regular file is, as the reason an import refuses it.
    package static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file; import reads regular files only"
        case S_IFIFO: return "it is a pipe, not a regular file; save the data to a file and import that"
        case S_IFSOCK: return "it is a socket, not a regular file"
        default: return "it is not a regular file"
        }
    }

    /// A sentence for a failed open or read, never the system's raw text alone.
    package static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a directory"
        case ENOTDIR: return "a part of the path is not a directory"
        case ELOOP: return "too many symbolic links in the path"
        case ENAMETOOLONG: return "the name is too long"
        case EIO: return "the disk reported a read error"
        case EMFILE, ENFILE: return "too many files are open"
        case ENOMEM: return "not enough memory"
        default: return "the system refused (\(String(cString: strerror(code))))"
        }
    }

    /// The content of a file held in memory (tests, the fuzzer).
    private let memory: Data?

    /// The bytes, when the file is held in memory.
    package var inMemory: Data? { memory }

    /// Bytes held in memory (tests and the fuzzer: no disk I/O per case).
    package init(name: String, contents: Data) {
        path = name
        fd = -1
        memory = contents
        size = contents.count
    }

    deinit { if fd >= 0 { HeldFiles.close(fd) } }  // the file may be a store open here

    /// Reads up to `count` bytes at `offset` into `buffer`; 0 at the end of the file.
    package func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws -> Int {
        if let memory {
            let n = max(0, min(count, memory.count - offset))
            if n > 0 { memory.copyBytes(to: buffer, from: offset..<(offset + n)) }
            return n
        }
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ImportError.cannotRead(path: path, reason: ImportFile.reason(errno))
        }
    }

    /// Calls `body` with the file's bytes from `offset` on, a chunk at a time; `body` returns
    /// false to stop.
    package func forEachChunk(from offset: Int = 0, _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: ImportFile.chunkSize)
        defer { buffer.deallocate() }
        var at = offset
        while true {
            let n = try read(into: buffer, count: ImportFile.chunkSize, at: at)
            if n == 0 { return }
            at += n
            if try !body(UnsafeBufferPointer(start: buffer, count: n)) { return }
        }
    }

    /// Whether the file starts with the UTF-8 byte order mark.
    package func hasByteOrderMark() throws -> Bool {
        var head: [UInt8] = [0, 0, 0]
        let n = try head.withUnsafeMutableBufferPointer { try read(into: $0.baseAddress!, count: 3, at: 0) }
        return n == 3 && head == TextDecoding.utf8BOM
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence from
    /// `offset` on, or nil when all of it is valid UTF-8 (one pass, in chunks).
    package func firstInvalidUTF8(from offset: Int) throws -> Int? {
        var validator = UTF8Validator()
        var at = offset
        var invalid: Int?
        try forEachChunk(from: offset) { chunk in
            if let i = validator.feed(chunk) { invalid = at + i; return false }
            at += chunk.count
            return true
        }
        if let invalid { return invalid }
        return validator.finish() ? nil : at - validator.pending
    }

    /// The bytes from `offset` on as a lazy sequence (for separator detection, which reads
    /// only the header record).
    package func bytes(from offset: Int) -> Bytes { Bytes(file: self, offset: offset) }

    package struct Bytes: Sequence {
        package let file: ImportFile
        package let offset: Int
        package func makeIterator() -> Iterator { Iterator(file: file, offset: offset) }

        package struct Iterator: IteratorProtocol {
            package let file: ImportFile
            package var offset: Int
            package var chunk: [UInt8] = []
            package var index = 0
            package init(file: ImportFile, offset: Int) { self.file = file; self.offset = offset }

            package mutating func next() -> UInt8? {
                if index == chunk.count {
                    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                    let n = (try? buffer.withUnsafeMutableBufferPointer {
                        try file.read(into: $0.baseAddress!, count: $0.count, at: offset)
                    }) ?? 0
                    if n == 0 { return nil }
                    offset += n
                    buffer.removeSubrange(n...)
                    chunk = buffer
                    index = 0
                }
                defer { index += 1 }
                return chunk[index]
            }
        }
    }
}

/// Checks UTF-8 fed in pieces (a sequence may straddle two pieces): the well-formed byte
/// sequences of the Unicode standard (table 3-7), as `String(validating:)` accepts them.
package struct UTF8Validator {
    private var need = 0
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF
    /// Bytes of the unfinished sequence read so far.
    package private(set) var pending = 0

    /// Nil when the bytes are valid so far; else the index in `bytes` where the invalid
    /// sequence starts (negative when it started in an earlier piece).
    package mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            if need == 0 {
                // Eight ASCII bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                if i == n { break }
                let b = base[i]
                i += 1
                if b < 0x80 { continue }
                switch b {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; high = 0x9F
                case 0xF0: need = 3; low = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; high = 0x8F
                default: return i - 1
                }
                pending = 1
            } else {
                let b = base[i]
                i += 1
                guard b >= low && b <= high else { return i - 1 - pending }
                need -= 1
                pending = need == 0 ? 0 : pending + 1
                low = 0x80; high = 0xBF
            }
        }
        return nil
    }

    /// At the end of the input: no sequence left unfinished.
    package func finish() -> Bool { need == 0 }
}
