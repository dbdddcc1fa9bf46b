#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// A read-only mapping of a lines file (LinesFile), unmapped when the last user goes. Its
/// header, sizes, table checksum and token are checked when it is opened (`map`); each
/// block of orders with its lines is checked against its checksums before it is read
/// (`check`), once per mapping. In a mapping larger than the store's resident budget
/// (ColumnStore.residentBytes: none in a one-off process of the command line), `release`
/// hands a range's pages back to the kernel once a pass is done with them, so the process
/// keeps only what it is reading resident (the pages stay in the page cache).
package final class LinesMapping: @unchecked Sendable {
    package let header: LinesFile.Header
    let base: UnsafeRawPointer
    let bytes: Int
    /// Whether passes hand the pages back (`release`).
    let releases: Bool
    private let lock = NSLock()
    private var checked: [Bool]

    private init(base: UnsafeRawPointer, bytes: Int, header: LinesFile.Header, residentBytes: Int) {
        self.base = base; self.bytes = bytes; self.header = header
        releases = bytes > residentBytes
        checked = [Bool](repeating: false, count: header.blocks)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), bytes) }

    /// Maps and checks the file at `path` for the store `token` (all but the counter).
    package static func map(_ path: String, token: String, residentBytes: Int = ColumnMapping.defaultResidentBytes) throws -> LinesMapping {
        let (base, size) = try FileBytes.mapReadOnly(path, header: LinesFile.headerSize)
        let header: LinesFile.Header
        do {
            header = try LinesFile.decode(UnsafeRawBufferPointer(start: base, count: LinesFile.headerSize))
        } catch {
            munmap(base, size)
            throw error
        }
        let mapping = LinesMapping(base: UnsafeRawPointer(base), bytes: size, header: header, residentBytes: residentBytes)
        guard header.fileBytes == size else { throw ColumnFile.Rejected("is truncated or extended (\(size) bytes, \(header.fileBytes) recorded)") }
        guard header.token == token else { throw ColumnFile.Rejected("belongs to another store") }
        guard LinesFile.tableChecksum(header, mapping.base) == header.tableChecksum else {
            throw ColumnFile.Rejected("is damaged (checksum of the ids, years and block checksums)")
        }
        // The years' first orders ascend within the orders (the checksum vouches for them; a
        // file that says otherwise was written wrong).
        var last: Int64 = 0
        for y in 0..<header.years {
            let first = mapping.yearTable[2 * y + 1]
            guard first >= last, first <= Int64(header.orders) else { throw ColumnFile.Rejected("has years out of order") }
            last = first
        }
        return mapping
    }

    private func section<T>(_ k: Int, _: T.Type) -> UnsafePointer<T> {
        (base + header.sections[k]).assumingMemoryBound(to: T.self)
    }

    package var clientIDs: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(start: section(0, Int64.self), count: header.clients) }
    package var categoryIDs: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(start: section(1, Int64.self), count: header.categories) }
    private var yearTable: UnsafePointer<Int64> { section(2, Int64.self) }
    package var client: UnsafePointer<Int32> { section(3, Int32.self) }
    package var day: UnsafePointer<Int32> { section(4, Int32.self) }
    package var start: UnsafePointer<Int32> { section(5, Int32.self) }
    package var orderGross: UnsafePointer<Int64> { section(6, Int64.self) }
    package var recordedDiscount: UnsafePointer<Int64> { section(7, Int64.self) }
    package var category: UnsafePointer<UInt32> { section(8, UInt32.self) }
    package var gross: UnsafePointer<Int64> { section(9, Int64.self) }

    /// The orders of the years `from` through `to` (a contiguous range: the file is in year order).
    package func orders(years from: Int, through to: Int) -> Range<Int> {
        var lo = header.orders, hi = header.orders
        for y in 0..<header.years {
            let year = Int(yearTable[2 * y]), first = Int(yearTable[2 * y + 1])
            if year >= from && lo == header.orders { lo = first }
            if year > to { hi = first; break }
        }
        return lo..<max(lo, hi)
    }

    /// Checks every block the orders of `range` lie in (once per mapping), handing each
    /// block's pages back after hashing it; throws `ColumnFile.Damaged` for the first block
    /// that does not match its checksums (or whose lines fall outside the file).
    package func check(_ range: Range<Int>) throws {
        guard !range.isEmpty else { return }
        for b in (range.lowerBound / ColumnFile.blockOrders)...((range.upperBound - 1) / ColumnFile.blockOrders) {
            try lock.withLock {
                guard !checked[b] else { return }
                let r = LinesFile.blockRange(header, b)
                let lo = start[r.lowerBound], hi = start[r.upperBound]
                // The start entries first: they say where the block's lines are.
                let startHash = ColumnChecksum.hash(UnsafeRawBufferPointer(start: start + r.lowerBound, count: (r.count + 1) * 4))
                guard startHash == LinesFile.storedChecksum(header, base, block: b, 2), lo >= 0, lo <= hi, Int(hi) <= header.lines else {
                    throw ColumnFile.Damaged(description: "is damaged (checksum of the line starts, orders \(r.lowerBound)–\(r.upperBound - 1))")
                }
                let sums = LinesFile.blockChecksums(header, base, block: b)
                for j in 0..<LinesFile.checksumsPerBlock where sums[j] != LinesFile.storedChecksum(header, base, block: b, j) {
                    throw ColumnFile.Damaged(description: "is damaged (block checksum \(j), orders \(r.lowerBound)–\(r.upperBound - 1))")
                }
                // The checksums catch damage, not a file written wrong on purpose: what indexes
                // the evaluator's tables (client positions, category numbers, line starts) is
                // checked to lie in range as well.
                var bad = false
                for i in r { bad = bad || client[i] < 0 || Int(client[i]) >= header.clients || start[i] > start[i + 1] }
                for e in Int(lo)..<Int(hi) { bad = bad || Int(category[e]) >= header.categories }
                if bad {
                    throw ColumnFile.Damaged(description: "is damaged (a client, category or line start out of range, orders \(r.lowerBound)–\(r.upperBound - 1))")
                }
                checked[b] = true
                release(r)
            }
        }
    }

    /// Hands back the pages of the orders of `range` and of their lines.
    package func release(_ range: Range<Int>) {
        guard releases, !range.isEmpty else { return }
        let page = Int(getpagesize())
        func drop(_ k: Int, _ r: Range<Int>) {
            let w = LinesFile.widths[k], section = Int(bitPattern: base) + header.sections[k]
            // Whole pages inside the range only: a page shared with a neighbour is left.
            let lo = (section + r.lowerBound * w + page - 1) / page * page, hi = (section + r.upperBound * w) / page * page
            if hi > lo { madvise(UnsafeMutableRawPointer(bitPattern: lo), hi - lo, MADV_DONTNEED) }
        }
        let lines = Int(start[range.lowerBound])..<Int(start[range.upperBound])
        for k in [3, 4, 6, 7] { drop(k, range) }
        drop(5, range)
        drop(8, lines); drop(9, lines)
    }
}

extension ColumnStore {
    /// Maps the lines file at `path` with this store's resident budget.
    package func mapLines(_ path: String, token: String) throws -> LinesMapping {
        try LinesMapping.map(path, token: token, residentBytes: residentBytes)
    }

    /// The lines file beside the store (`<store>.lines`), else in the cache folder when the
    /// store's folder cannot be written (as the column file: ColumnStore).
    package func linesReadPath(token: String) -> String? {
        let beside = storePath + ".lines"
        if access(beside, F_OK) == 0 { return beside }
        let cached = linesCachePath(token: token)
        return access(cached, F_OK) == 0 ? cached : nil
    }

    /// Where the lines file is written: beside the column file's place.
    package func linesWritePath(token: String) -> String? {
        guard !readOnly, let columns = writePath(token: token) else { return nil }
        return columns == besidePath ? storePath + ".lines" : linesCachePath(token: token)
    }

    private func linesCachePath(token: String) -> String {
        let columns = cachePath(token: token)
        return String(columns.dropLast(".columns".count)) + ".lines"
    }

    /// What `.cache` reports about the lines file (every block checked).
    func linesStatus(_ db: Database, version: Int64?) -> Status {
        let storeBytes = ColumnStore.size(storePath)
        guard let token = StoreIdentityMigration.token(db), let version else {
            return Status(path: nil, state: "absent (an older store: open it for writing once)", bytes: 0, storeBytes: storeBytes, what: "lines file")
        }
        guard let path = linesReadPath(token: token) else {
            return Status(path: linesWritePath(token: token), state: "absent (written by the next what-if in a store that takes files)", bytes: 0,
                          storeBytes: storeBytes, what: "lines file")
        }
        let bytes = ColumnStore.size(path)
        do {
            let m = try mapLines(path, token: token)
            try m.check(0..<m.header.orders)
            let state = m.header.version == version ? "valid" : "stale (written again by the next what-if in a store that takes files)"
            return Status(path: path, state: state, bytes: bytes, storeBytes: storeBytes, what: "lines file")
        } catch {
            return Status(path: path, state: "not used: it \(error)", bytes: bytes, storeBytes: storeBytes, what: "lines file")
        }
    }
}
