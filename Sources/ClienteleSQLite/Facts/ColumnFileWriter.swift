#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a column file (ColumnFile) one order at a time, in date order, a block of
/// `ColumnFile.blockOrders` orders at a time: each block's six columns are written with
/// `pwrite` at their place in their sections and hashed from memory, so writing the file
/// of a store of any size holds one block (2 MiB) and never maps the file (a mapped file
/// being written counts in the writer's resident memory).
///
/// Into a new temporary file beside `path` (`O_EXCL`), flushed, then renamed over `path`
/// and the folder flushed (atomic: readers see the old file or the new one whole; of two
/// writers the last rename wins, each file complete). A writer that is not finished
/// removes its temporary file when it goes.
final class ColumnFileWriter {
    private let path: String
    private let temporary: String
    private let fd: Int32
    private var header: ColumnFile.Header
    private var done = false
    private var written = 0
    private var filled = 0
    private var table: [UInt64]
    private let clientIDs: [Int64]
    private let day: UnsafeMutablePointer<Int32>, client: UnsafeMutablePointer<Int32>, due: UnsafeMutablePointer<Int32>
    private let lastPaid: UnsafeMutablePointer<Int32>, net: UnsafeMutablePointer<Int64>, paid: UnsafeMutablePointer<Int64>

    init(path: String, token: String, stamp: FactsStamp, clientIDs: [Int64], orders: Int) throws {
        ColumnFile.removeAbandoned(beside: path)
        let (sections, fileBytes) = ColumnFile.layout(orders: orders, clients: clientIDs.count)
        header = ColumnFile.Header(token: token, stamp: stamp, orders: orders, clients: clientIDs.count,
                                   fileBytes: fileBytes, tableChecksum: 0, sections: sections)
        self.path = path
        self.clientIDs = clientIDs
        table = [UInt64](repeating: 0, count: 6 * ColumnFile.blocks(orders))
        temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        let b = ColumnFile.blockOrders
        day = .allocate(capacity: b); client = .allocate(capacity: b); due = .allocate(capacity: b)
        lastPaid = .allocate(capacity: b); net = .allocate(capacity: b); paid = .allocate(capacity: b)
        guard fd >= 0 else { throw ColumnFile.Rejected("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        guard ftruncate(fd, off_t(fileBytes)) == 0 else { throw ColumnFile.Rejected("cannot size \(temporary): \(String(cString: strerror(errno)))") }
        try clientIDs.withUnsafeBytes { try put($0, at: sections[0].offset) }
    }

    deinit {
        // Only a file this writer created is removed (an O_EXCL failure leaves another's).
        if fd >= 0 { close(fd); if !done { unlink(temporary) } }
        day.deallocate(); client.deallocate(); due.deallocate(); lastPaid.deallocate(); net.deallocate(); paid.deallocate()
    }

    /// The next order (in date order).
    @inline(__always)
    func append(day d: Int32, client c: Int32, net n: Int64, due u: Int32, paid p: Int64, lastPaid l: Int32) throws {
        guard written + filled < header.orders else { throw ColumnFile.Rejected("more orders than counted") }
        day[filled] = d; client[filled] = c; net[filled] = n; due[filled] = u; paid[filled] = p; lastPaid[filled] = l
        filled += 1
        if filled == ColumnFile.blockOrders { try flush() }
    }

    /// Writes the buffered block and records its checksums.
    private func flush() throws {
        guard filled > 0 else { return }
        let b = written / ColumnFile.blockOrders, blocks = ColumnFile.blocks(header.orders)
        func column<T>(_ k: Int, _ p: UnsafeMutablePointer<T>) throws {
            let w = MemoryLayout<T>.stride
            let bytes = UnsafeRawBufferPointer(start: p, count: filled * w)
            try put(bytes, at: header.sections[k].offset + written * w)
            table[(k - 1) * blocks + b] = ColumnChecksum.hash(bytes).littleEndian
        }
        try column(1, day); try column(2, client); try column(3, due); try column(4, lastPaid); try column(5, net); try column(6, paid)
        written += filled
        filled = 0
    }

    private func put(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try FileBytes.write(fd, bytes, at: offset, name: temporary)
    }

    /// Writes the block checksums and the header, flushes, and renames the file into place.
    func finish() throws {
        try flush()
        guard written == header.orders else { throw ColumnFile.Rejected("fewer orders than counted") }
        let ids = clientIDs.withUnsafeBytes { ColumnChecksum.hash($0) }
        try table.withUnsafeBytes { t in
            try put(t, at: header.sections[7].offset)
            header.tableChecksum = ColumnFile.tableChecksum(ids: ids, table: ColumnChecksum.hash(t))
        }
        try ColumnFile.encode(header).withUnsafeBytes { try put($0, at: 0) }
        guard fsync(fd) == 0 else { throw ColumnFile.Rejected("cannot flush \(temporary)") }
        guard rename(temporary, path) == 0 else { throw ColumnFile.Rejected("cannot rename \(temporary): \(String(cString: strerror(errno)))") }
        done = true
        // The rename itself is durable once the folder is flushed.
        let folder = (path as NSString).deletingLastPathComponent
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
