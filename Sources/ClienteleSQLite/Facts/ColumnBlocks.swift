#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The order columns of a column file (its sections 1–6), as a set: what a pass over the
/// orders reads, so that only those blocks are checked and handed back.
struct OrderColumns: OptionSet {
    let rawValue: UInt8
    static let day = OrderColumns(rawValue: 1 << 0)
    static let client = OrderColumns(rawValue: 1 << 1)
    static let due = OrderColumns(rawValue: 1 << 2)
    static let lastPaid = OrderColumns(rawValue: 1 << 3)
    static let net = OrderColumns(rawValue: 1 << 4)
    static let paid = OrderColumns(rawValue: 1 << 5)
    static let all: OrderColumns = [.day, .client, .due, .lastPaid, .net, .paid]
    static let names = ["day", "client", "due date", "last payment", "net", "paid"]

    /// Section numbers in the file (1 day … 6 paid), in that order.
    var sections: [Int] { (0..<6).filter { rawValue & (1 << $0) != 0 }.map { $0 + 1 } }
}

/// A read-only mapping of a column file, unmapped when the last snapshot using it goes.
///
/// The orders' sections are checked block by block (`ColumnFile.blockOrders` orders of one
/// column each), the first time a pass reads the block, against the block checksums the
/// header's checksum vouches for; a question therefore hashes only what it reads, and never
/// reads a value that was not checked. A mapping larger than `residentBytes` also hands each
/// block's pages back to the kernel once a pass is done with them (`madvise`), so a one-off
/// process over a large store keeps only the blocks it is reading resident; the pages stay
/// in the page cache, so a later pass maps them again without reading the disk.
final class ColumnMapping: @unchecked Sendable {
    let base: UnsafeRawPointer
    let bytes: Int
    let header: ColumnFile.Header
    let releases: Bool
    private let lock = NSLock()
    private var checked: [Bool]
    private var found: ColumnFile.Damaged?

    /// The size above which a mapping's pages are handed back as passes go (a ColumnStore
    /// may set another; tests lower it).
    static let defaultResidentBytes = 96 << 20

    init(base: UnsafeRawPointer, bytes: Int, header: ColumnFile.Header, residentBytes: Int) {
        self.base = base
        self.bytes = bytes
        self.header = header
        releases = bytes > residentBytes
        checked = [Bool](repeating: false, count: 6 * ColumnFile.blocks(header.orders))
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), bytes) }

    /// The damage a check found (the mapping is then never used again).
    var damage: ColumnFile.Damaged? { lock.withLock { found } }

    /// Checks block `b` of `columns` (each block once per mapping); throws when one does not
    /// match its checksum.
    func check(block b: Int, _ columns: OrderColumns) throws {
        let blocks = ColumnFile.blocks(header.orders)
        try lock.withLock {
            if let found { throw found }
            for k in columns.sections where !checked[(k - 1) * blocks + b] {
                guard ColumnFile.blockChecksum(header, base, section: k, block: b) == ColumnFile.storedChecksum(header, base, section: k, block: b) else {
                    let lo = b * ColumnFile.blockOrders, hi = min(header.orders, lo + ColumnFile.blockOrders) - 1
                    let damage = ColumnFile.Damaged(description: "is damaged (checksum of the \(OrderColumns.names[k - 1]) column, orders \(lo)–\(hi))")
                    found = damage
                    throw damage
                }
                checked[(k - 1) * blocks + b] = true
            }
        }
    }

    /// Checks every block of every column (before the file's orders are copied into a new
    /// file, and for `.cache`).
    func checkAll() throws {
        for b in 0..<ColumnFile.blocks(header.orders) { try check(block: b, .all) }
    }

    /// Hands back the pages of `columns` for the orders in `range` (a large mapping only),
    /// with `margin` bytes before and after it: the kernel maps a page cache folio whole
    /// when one of its pages is read (up to 2 MiB), so a fault at the start of a block maps
    /// pages of the block before it again, which a release of the block alone would leave
    /// mapped (about half of a pass over the L store stayed resident that way).
    func release(_ range: Range<Int>, _ columns: OrderColumns, before: Int = ColumnMapping.margin, after: Int = 0) {
        guard releases, !range.isEmpty || after > 0 else { return }
        let page = Int(getpagesize())
        for k in columns.sections {
            let w = ColumnFile.widths[k]
            let section = Int(bitPattern: base) + header.sections[k].offset
            let sectionEnd = section + header.sections[k].bytes
            let start = max(section, section + range.lowerBound * w - before)
            let end = min(sectionEnd, section + range.upperBound * w + after)
            let lo = start / page * page, hi = (end == sectionEnd ? end + page - 1 : end) / page * page
            if hi > lo { madvise(UnsafeMutableRawPointer(bitPattern: lo), hi - lo, MADV_DONTNEED) }
        }
    }

    /// Bytes released around a block (ColumnMapping.release).
    static let margin = 4 << 20
}

extension OrderSegment {
    /// Runs `body` over `range` a block at a time: in a segment mapped from a column file,
    /// each block's `columns` are checked before `body` reads them and, in a large mapping,
    /// handed back after; a segment in memory of its own is one call.
    @inline(__always)
    func forEachBlock(_ range: Range<Int>, _ columns: OrderColumns, _ body: (Range<Int>) throws -> Void) throws {
        guard let file else { return try body(range) }
        var lo = range.lowerBound
        while lo < range.upperBound {
            let b = lo / ColumnFile.blockOrders
            let hi = min(range.upperBound, (b + 1) * ColumnFile.blockOrders)
            try file.check(block: b, columns)
            try body(lo..<hi)
            file.release(lo..<hi, columns, after: hi == range.upperBound ? ColumnMapping.margin : 0)
            lo = hi
        }
    }

    /// The day of order `i`, checked first when the segment is mapped.
    @inline(__always)
    func checkedDay(_ i: Int) throws -> Int32 {
        if let file { try file.check(block: i / ColumnFile.blockOrders, .day) }
        return day[i]
    }
}
