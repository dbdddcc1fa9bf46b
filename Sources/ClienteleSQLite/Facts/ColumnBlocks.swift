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
package final class ColumnMapping: @unchecked Sendable {
    let base: UnsafeRawPointer
    let bytes: Int
    let header: ColumnFile.Header
    let releases: Bool
    /// Guards `state` and `found`; waited on for a block another thread is checking.
    private let condition = NSCondition()
    /// Per column and block: 0 not checked, 1 being checked, 2 checked.
    private var state: [UInt8]
    private var found: ColumnFile.Damaged?

    /// The size above which a mapping's pages are handed back as passes go (a ColumnStore
    /// may set another; tests lower it).
    package static let defaultResidentBytes = 96 << 20

    /// The number of blocks from which a pass has those ahead of it checked on another thread.
    let verifyAheadFrom: Int

    init(base: UnsafeRawPointer, bytes: Int, header: ColumnFile.Header, residentBytes: Int,
         verifyAheadFrom: Int = BlockVerifier.minimumBlocks) {
        self.verifyAheadFrom = max(2, verifyAheadFrom)
        self.base = base
        self.bytes = bytes
        self.header = header
        releases = bytes > residentBytes
        state = [UInt8](repeating: 0, count: 6 * ColumnFile.blocks(header.orders))
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), bytes) }

    /// The damage a check found (the mapping is then never used again).
    var damage: ColumnFile.Damaged? { condition.withLock { found } }

    /// Checks block `b` of `columns` (each block once per mapping); throws when one does not
    /// match its checksum. Two threads may check at once (a pass and its `BlockVerifier`):
    /// each hashes the columns nobody has started, outside the lock, and waits for those
    /// another thread is hashing, so a block is never read before it is checked.
    func check(block b: Int, _ columns: OrderColumns) throws {
        let blocks = ColumnFile.blocks(header.orders)
        let sections = columns.sections
        var mine: [Int] = []
        condition.lock()
        if let found { condition.unlock(); throw found }
        for k in sections where state[(k - 1) * blocks + b] == 0 {
            state[(k - 1) * blocks + b] = 1
            mine.append(k)
        }
        condition.unlock()
        var damage: ColumnFile.Damaged?
        let lo = b * ColumnFile.blockOrders, hi = min(header.orders, lo + ColumnFile.blockOrders)
        for k in mine where damage == nil {
            if ColumnFile.blockChecksum(header, base, section: k, block: b) != ColumnFile.storedChecksum(header, base, section: k, block: b) {
                damage = ColumnFile.Damaged(description: "is damaged (checksum of the \(OrderColumns.names[k - 1]) column, orders \(lo)–\(hi - 1))")
            } else if k == 2, !ColumnMapping.inRange(base + header.sections[k].offset, lo..<hi, below: header.clients) {
                // The checksums catch damage, not a file written wrong on purpose: client
                // positions index the per-client tables, so each one is checked as well.
                damage = ColumnFile.Damaged(description: "is damaged (a client position out of range, orders \(lo)–\(hi - 1))")
            }
        }
        condition.lock()
        defer { condition.unlock() }
        if let damage, found == nil { found = damage }
        for k in mine { state[(k - 1) * blocks + b] = found == nil ? 2 : 0 }
        if !mine.isEmpty { condition.broadcast() }
        while found == nil && sections.contains(where: { state[($0 - 1) * blocks + b] != 2 }) { condition.wait() }
        if let found { throw found }
    }

    /// Whether the Int32 values of `range` at `p` all lie in 0..<limit.
    static func inRange(_ p: UnsafeRawPointer, _ range: Range<Int>, below limit: Int) -> Bool {
        let v = p.assumingMemoryBound(to: Int32.self)
        var bad = false
        for i in range { bad = bad || v[i] < 0 || Int(v[i]) >= limit }
        return !bad
    }

    /// Whether every block in `blocks` of `columns` is checked already.
    func checked(_ blocks: ClosedRange<Int>, _ columns: OrderColumns) -> Bool {
        let n = ColumnFile.blocks(header.orders)
        return condition.withLock {
            columns.sections.allSatisfy { k in blocks.allSatisfy { state[(k - 1) * n + $0] == 2 } }
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
        let verifier = BlockVerifier.start(file, range, columns)
        defer { verifier?.stop() }
        var lo = range.lowerBound
        while lo < range.upperBound {
            let b = lo / ColumnFile.blockOrders
            let hi = min(range.upperBound, (b + 1) * ColumnFile.blockOrders)
            verifier?.passed(b)
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

/// Checks the blocks a pass is about to read on the other core, a few blocks ahead of it
/// (`lookahead`: their pages stay mapped until the pass hands them back, so it is kept
/// short), so that the pass finds them checked: hashing what it reads was about a tenth of
/// a question over the L store. Damage it finds is the mapping's (`ColumnMapping.check`),
/// which the pass then throws when it reaches any block. Stopped (and waited for) when the
/// pass ends, however it ends.
package final class BlockVerifier: @unchecked Sendable {
    static let lookahead = 4
    /// Below this many blocks a pass checks its own: a thread is not worth it (the default
    /// of `ColumnStore.verifyAheadFrom`).
    package static let minimumBlocks = 4

    private let condition = NSCondition()
    private var limit: Int
    private var stopped = false
    private var finished = false

    private init(first: Int) { limit = first + BlockVerifier.lookahead }

    /// A verifier for the blocks of `range` after its first, or nil when there are few or
    /// all are checked already.
    static func start(_ mapping: ColumnMapping, _ range: Range<Int>, _ columns: OrderColumns) -> BlockVerifier? {
        guard !range.isEmpty else { return nil }
        let first = range.lowerBound / ColumnFile.blockOrders, last = (range.upperBound - 1) / ColumnFile.blockOrders
        guard last - first + 1 >= mapping.verifyAheadFrom, !mapping.checked(first...last, columns) else { return nil }
        let verifier = BlockVerifier(first: first)
        DispatchQueue.global(qos: .userInitiated).async {
            for b in (first + 1)...last {
                guard verifier.mayCheck(b) else { break }
                do { try mapping.check(block: b, columns) } catch { break }
            }
            verifier.condition.withLock { verifier.finished = true; verifier.condition.broadcast() }
        }
        return verifier
    }

    /// Waits until block b is within the lookahead of the pass; false once stopped.
    private func mayCheck(_ b: Int) -> Bool {
        condition.withLock {
            while !stopped && b > limit { condition.wait() }
            return !stopped
        }
    }

    /// The pass has reached block b.
    func passed(_ b: Int) {
        condition.withLock {
            limit = b + BlockVerifier.lookahead
            condition.broadcast()
        }
    }

    /// Stops the verifier and waits for it (it finishes the block it is hashing).
    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
            while !finished { condition.wait() }
        }
    }
}
