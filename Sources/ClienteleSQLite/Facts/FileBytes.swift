#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the files kept beside a store (the column file, the lines file and its scratch file)
/// share to reach their bytes: whole-buffer writes and reads at an offset (a short count or
/// an interrupted call goes on; a failure is an error naming the file), and a read-only
/// mapping of a whole file.
enum FileBytes {
    /// Writes all of `bytes` at `offset` of `fd` (the file `name`).
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, name: String) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ColumnFile.Rejected("cannot write \(name): \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// Fills all of `bytes` from `offset` of `fd` (the file `name`, which the caller wrote).
    static func read(_ fd: Int32, into bytes: UnsafeMutableRawBufferPointer, at offset: Int, name: String) throws {
        var done = 0
        while done < bytes.count {
            let n = pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ColumnFile.Rejected("cannot read back \(name)") }
            done += n
        }
    }

    /// The file at `path` mapped read-only, whole, when it has at least `header` bytes: its
    /// address and size (the caller unmaps it).
    static func mapReadOnly(_ path: String, header: Int) throws -> (base: UnsafeMutableRawPointer, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ColumnFile.Rejected("cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ColumnFile.Rejected("cannot be read") }
        let size = Int(info.st_size)
        guard size >= header else { throw ColumnFile.Rejected("is truncated (shorter than its header)") }
        guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
            throw ColumnFile.Rejected("cannot be mapped")
        }
        return (base, size)
    }
}
