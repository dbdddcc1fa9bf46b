#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The persisted order lines of a store for the what-if evaluation (issue 19): per shipped
/// order, in (year of its date, client, order id) order, its client position, day, gross,
/// recorded discount and where its lines start; per category of an order (its lines summed
/// per category, an order without lines one line of no category) the category (an index
/// into the category ids) and gross. One file beside the column file (`<store>.lines`),
/// with the same token, stamp, checks and atomic write (ColumnFile), memory-mapped
/// read-only so that a process reads no order line and holds no copy.
///
/// Header (little-endian):
///
///     0   magic "CLNTLINE"              128 sections: 11 × (offset, bytes), Int64:
///     8   format (UInt32), header size      client ids, category ids (Int64), years
///     16  store token (32 ASCII hex)        (year, first order: Int64 pairs), client,
///     48  facts counter (Int64)             day (Int32 × orders), start (Int32 ×
///     56  rewrites, 64 top (Int64)          orders + 1), order gross, recorded discount
///     72  orders, 80 lines, 88 clients,     (Int64 × orders), line category (UInt32 ×
///     96  categories, 104 years (Int64)     lines), line gross (Int64 × lines), block
///     112 file size (Int64)                 checksums (UInt64 × 7 × blocks)
///     120 checksum of sections 0–2 and 10   304 checksum of bytes 0..<304 (UInt64)
///
/// The orders are cut in blocks of `ColumnFile.blockOrders`; each block has seven checksums:
/// its client, day, start (its entries and the next one), order gross and recorded
/// discount, and its lines' category and gross. A block is checked before anything of it
/// is read (`LinesMapping.check`), so a damaged block is never used.
///
/// Used only when its facts counter is the one the question's transaction reads: any
/// change to orders, their lines or their amounts moves the counter (FactsVersionMigration),
/// and the file is then written again from the store (there is no incremental path yet).
package enum LinesFile {
    static let magic = Array("CLNTLINE".utf8)
    static let format: UInt32 = 1
    static let headerSize = 4096
    static let headerChecked = 304
    static let sectionCount = 11
    static let checksumsPerBlock = 7
    /// Element widths of sections 0–10.
    static let widths = [8, 8, 16, 4, 4, 4, 8, 8, 4, 8, 8]

    package struct Header: Equatable {
        package var token: String
        package var version: Int64
        package var rewrites: Int64
        package var top: Int64
        package var orders: Int
        package var lines: Int
        package var clients: Int
        package var categories: Int
        package var years: Int
        var fileBytes = 0
        var tableChecksum: UInt64 = 0
        var sections: [Int] = []
        var sizes: [Int] = []

        package init(token: String, version: Int64, rewrites: Int64, top: Int64, orders: Int, lines: Int, clients: Int, categories: Int, years: Int) {
            self.token = token; self.version = version; self.rewrites = rewrites; self.top = top
            self.orders = orders; self.lines = lines; self.clients = clients; self.categories = categories; self.years = years
            (sections, sizes, fileBytes) = LinesFile.layout(self)
        }

        var blocks: Int { ColumnFile.blocks(orders) }
    }

    static func layout(_ h: Header) -> (offsets: [Int], sizes: [Int], fileBytes: Int) {
        let counts = [h.clients, h.categories, h.years, h.orders, h.orders, h.orders + 1, h.orders, h.orders, h.lines, h.lines,
                      checksumsPerBlock * ColumnFile.blocks(h.orders)]
        var offset = headerSize, offsets: [Int] = [], sizes: [Int] = []
        for k in 0..<sectionCount {
            offsets.append(offset)
            sizes.append(counts[k] * widths[k])
            offset = (offset + sizes[k] + 63) & ~63
        }
        return (offsets, sizes, offsets[10] + sizes[10])
    }

    static func encode(_ h: Header) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: headerSize)
        func put<T: FixedWidthInteger>(_ v: T, at: Int) {
            withUnsafeBytes(of: v.littleEndian) { for (i, x) in $0.enumerated() { b[at + i] = x } }
        }
        for (i, x) in magic.enumerated() { b[i] = x }
        put(format, at: 8); put(UInt32(headerSize), at: 12)
        for (i, x) in Array(h.token.utf8.prefix(32)).enumerated() { b[16 + i] = x }
        put(h.version, at: 48); put(h.rewrites, at: 56); put(h.top, at: 64)
        for (i, n) in [h.orders, h.lines, h.clients, h.categories, h.years, h.fileBytes].enumerated() { put(Int64(n), at: 72 + 8 * i) }
        put(h.tableChecksum, at: 120)
        for k in 0..<sectionCount { put(Int64(h.sections[k]), at: 128 + 16 * k); put(Int64(h.sizes[k]), at: 136 + 16 * k) }
        let sum = b.withUnsafeBytes { ColumnChecksum.hash(UnsafeRawBufferPointer(rebasing: $0[0..<headerChecked])) }
        put(sum, at: headerChecked)
        return b
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Header {
        guard bytes.count >= headerSize else { throw ColumnFile.Rejected("is truncated (shorter than its header)") }
        guard Array(bytes[0..<8]) == magic else { throw ColumnFile.Rejected("is not a lines file") }
        func get<T: FixedWidthInteger>(_: T.Type, _ at: Int) -> T {
            var v: T = 0
            withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[at..<at + MemoryLayout<T>.size])) }
            return T(littleEndian: v)
        }
        guard get(UInt32.self, 8) == format, get(UInt32.self, 12) == UInt32(headerSize) else { throw ColumnFile.Rejected("has another format version") }
        guard ColumnChecksum.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<headerChecked])) == get(UInt64.self, headerChecked) else {
            throw ColumnFile.Rejected("has a damaged header (checksum)")
        }
        let counts = (0..<6).map { get(Int64.self, 72 + 8 * $0) }
        guard counts.allSatisfy({ $0 >= 0 && $0 < Int64(Int32.max) }) else { throw ColumnFile.Rejected("has impossible counts") }
        var h = Header(token: String(decoding: bytes[16..<48], as: UTF8.self), version: get(Int64.self, 48), rewrites: get(Int64.self, 56),
                       top: get(Int64.self, 64), orders: Int(counts[0]), lines: Int(counts[1]), clients: Int(counts[2]),
                       categories: Int(counts[3]), years: Int(counts[4]))
        let offsets = (0..<sectionCount).map { Int(get(Int64.self, 128 + 16 * $0)) }
        let sizes = (0..<sectionCount).map { Int(get(Int64.self, 136 + 16 * $0)) }
        guard h.fileBytes == Int(counts[5]), offsets == h.sections, sizes == h.sizes else {
            throw ColumnFile.Rejected("has sections that do not match its counts")
        }
        h.tableChecksum = get(UInt64.self, 120)
        return h
    }

    /// The checksum of sections 0–2 (client ids, category ids, years) and 10 (block checksums).
    static func tableChecksum(_ h: Header, _ base: UnsafeRawPointer) -> UInt64 {
        tableChecksum(tableSections.map { ColumnChecksum.hash(UnsafeRawBufferPointer(start: base + h.sections[$0], count: h.sizes[$0])) })
    }

    /// The sections the table checksum covers, and how their checksums combine.
    static let tableSections = [0, 1, 2, 10]
    static func tableChecksum(_ parts: [UInt64]) -> UInt64 {
        parts.reduce(UInt64(0)) { ($0 &* 0x9E37_79B9_7F4A_7C15) ^ $1 }
    }

    /// Block `b`'s orders, and its start entries (one more: where the next block's lines start).
    static func blockRange(_ h: Header, _ b: Int) -> Range<Int> {
        let lo = b * ColumnFile.blockOrders
        return lo..<min(h.orders, lo + ColumnFile.blockOrders)
    }

    /// The seven checksums of block `b` as the bytes are (`start`: the block's start entries,
    /// already checked, give its lines).
    static func blockChecksums(_ h: Header, _ base: UnsafeRawPointer, block b: Int) -> [UInt64] {
        let r = blockRange(h, b)
        func hash(_ k: Int, _ range: Range<Int>) -> UInt64 {
            let w = widths[k]
            return ColumnChecksum.hash(UnsafeRawBufferPointer(start: base + h.sections[k] + range.lowerBound * w, count: range.count * w))
        }
        let start = (base + h.sections[5]).assumingMemoryBound(to: Int32.self)
        let lines = Int(start[r.lowerBound])..<Int(start[r.upperBound])
        return [hash(3, r), hash(4, r), hash(5, r.lowerBound..<r.upperBound + 1), hash(6, r), hash(7, r), hash(8, lines), hash(9, lines)]
    }

    static func storedChecksum(_ h: Header, _ base: UnsafeRawPointer, block b: Int, _ j: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: h.sections[10] + (b * checksumsPerBlock + j) * 8, as: UInt64.self))
    }
}

/// The columns of a lines file to write, in file order (LinesFile): the caller hands them
/// over section by section (`put(section:_:)`) or in pieces at increasing places
/// (`put(section:_:at:)`), then has the block checksums read back (`checksumWritten`).
package final class LinesFileWriter {
    private let path: String
    private let temporary: String
    private let fd: Int32
    private var header: LinesFile.Header
    private var done = false
    private var table: [UInt64]

    /// A new temporary file beside `path` for `header`'s counts.
    package init(path: String, header: LinesFile.Header) throws {
        ColumnFile.removeAbandoned(beside: path)
        self.path = path
        self.header = header
        table = [UInt64](repeating: 0, count: LinesFile.checksumsPerBlock * header.blocks)
        temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ColumnFile.Rejected("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        guard ftruncate(fd, off_t(header.fileBytes)) == 0 else { throw ColumnFile.Rejected("cannot size \(temporary): \(String(cString: strerror(errno)))") }
    }

    deinit {
        if fd >= 0 { close(fd); if !done { unlink(temporary) } }
    }

    /// Section `k` (0–10) whole (its block checksums, for sections 3–9, come from
    /// `checksumWritten`).
    package func put<T>(section k: Int, _ values: [T]) throws {
        guard values.count * MemoryLayout<T>.stride == header.sizes[k], LinesFile.widths[k] % MemoryLayout<T>.stride == 0 else {
            throw ColumnFile.Rejected("a section of \(values.count) values does not fit its place")
        }
        try values.withUnsafeBytes { try write($0, at: header.sections[k]) }
    }

    /// Values `index ..< index + values.count` of section `k` (0–9), for a section written in
    /// pieces at increasing places; its block checksums are then taken from the file
    /// (`checksumWritten`).
    package func put<T>(section k: Int, _ values: [T], at index: Int) throws {
        let w = LinesFile.widths[k]
        guard w == MemoryLayout<T>.stride, index >= 0, (index + values.count) * w <= header.sizes[k] else {
            throw ColumnFile.Rejected("\(values.count) values at \(index) do not fit section \(k)")
        }
        try values.withUnsafeBytes { try write($0, at: header.sections[k] + index * w) }
    }

    /// The block checksums of sections 3–9 as written (`put(section:_:at:)`), read back a
    /// block at a time (the file was just written: its pages are in the page cache).
    package func checksumWritten() throws {
        var buffer: [UInt8] = []
        func read(_ k: Int, _ range: Range<Int>) throws -> UInt64 {
            let w = LinesFile.widths[k], count = range.count * w
            if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
            return try buffer.withUnsafeMutableBytes { b in
                try FileBytes.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[0..<count]),
                                   at: header.sections[k] + range.lowerBound * w, name: temporary)
                return ColumnChecksum.hash(UnsafeRawBufferPointer(rebasing: b[0..<count]))
            }
        }
        for b in 0..<header.blocks {
            let r = LinesFile.blockRange(header, b)
            let sum = b * LinesFile.checksumsPerBlock
            table[sum + 2] = try read(5, r.lowerBound..<r.upperBound + 1).littleEndian
            let first = buffer.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            let last = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: r.count * 4, as: Int32.self) }
            let lines = Int(Int32(littleEndian: first))..<Int(Int32(littleEndian: last))
            guard lines.lowerBound >= 0, lines.lowerBound <= lines.upperBound, lines.upperBound <= header.lines else {
                throw ColumnFile.Rejected("the starts written do not fit the lines")
            }
            for (slot, k) in [(0, 3), (1, 4), (3, 6), (4, 7)] { table[sum + slot] = try read(k, r).littleEndian }
            table[sum + 5] = try read(8, lines).littleEndian
            table[sum + 6] = try read(9, lines).littleEndian
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try FileBytes.write(fd, bytes, at: offset, name: temporary)
    }

    /// The block checksums, the table checksum and the header; flushed and renamed into place.
    package func finish() throws {
        try table.withUnsafeBytes { try write($0, at: header.sections[10]) }
        // The table checksum over what is now in the file (sections 0–2 and 10).
        var parts: [UInt64] = []
        for k in LinesFile.tableSections {
            var bytes = [UInt8](repeating: 0, count: header.sizes[k])
            try bytes.withUnsafeMutableBytes { try FileBytes.read(fd, into: $0, at: header.sections[k], name: temporary) }
            parts.append(bytes.withUnsafeBytes { ColumnChecksum.hash($0) })
        }
        header.tableChecksum = LinesFile.tableChecksum(parts)
        try LinesFile.encode(header).withUnsafeBytes { try write($0, at: 0) }
        guard fsync(fd) == 0 else { throw ColumnFile.Rejected("cannot flush \(temporary)") }
        guard rename(temporary, path) == 0 else { throw ColumnFile.Rejected("cannot rename \(temporary): \(String(cString: strerror(errno)))") }
        done = true
        let folder = (path as NSString).deletingLastPathComponent
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
