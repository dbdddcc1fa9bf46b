#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scratch file beside a lines file being written (LinesFileWriter): the lines file is
/// written a year of orders at a time, and a year's columns wait here until every year is
/// read (the sections' places depend on the totals). Unlinked as soon as it is created, so
/// that nothing is left behind whatever happens; its pages are the kernel's to keep or drop.
package final class LinesSpill {
    private let fd: Int32
    private let name: String
    private var end = 0

    /// A new scratch file in the folder of `path`.
    package init(beside path: String) throws {
        name = "\(path).tmp-spill-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ColumnFile.Rejected("cannot create \(name): \(String(cString: strerror(errno)))") }
        unlink(name)
    }

    deinit { close(fd) }

    /// Appends `values`; returns where they start.
    package func append<T>(_ values: [T]) throws -> Int {
        let at = end
        try values.withUnsafeBytes { try FileBytes.write(fd, $0, at: at, name: name) }
        end += values.count * MemoryLayout<T>.stride
        return at
    }

    /// `count` values of type `T` appended at `offset` (with `append`).
    package func read<T: FixedWidthInteger>(_: T.Type, at offset: Int, count: Int) throws -> [T] {
        var values = [T](repeating: 0, count: count)
        try values.withUnsafeMutableBytes { try FileBytes.read(fd, into: $0, at: offset, name: name) }
        return values
    }
}
