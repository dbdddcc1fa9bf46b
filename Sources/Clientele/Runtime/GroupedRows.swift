import Foundation
import ClienteleCore

/// Runs a `GroupInMemory` plan: one pass over the scan's rows into a hash table of groups,
/// then the groups in key order, each as its key values followed by its aggregates.
extension GroupInMemory {
    /// The groups of the rows of `q`, in output order: key values, then aggregate values.
    ///
    /// The rows are read cell by cell (`StoreRow`) and each row's key is encoded as bytes in one
    /// reused buffer (a tag per value, then the integer or the text's bytes), so rows of a
    /// known group allocate nothing; keys are equal exactly when SQLite's GROUP BY (BINARY)
    /// puts them together.
    func rows(_ q: CompiledQuery, in tx: any StoreTransaction) throws -> [[SQLValue]] {
        let keyCount = textKeys.count, width = aggregates.count
        var table = GroupTable()
        var keys: [[SQLValue]] = []
        var totals: [Int64] = []
        var scratch: [UInt8] = []
        var rows = 0
        try tx.scan(q.sql, q.arguments) { handle in
            try Interruption.check(.grouping, every: &rows)
            scratch.removeAll(keepingCapacity: true)
            for i in 0..<keyCount { GroupInMemory.encode(handle, i, into: &scratch) }
            let (group, isNew) = table.find(scratch)
            if isNew {
                keys.append((0..<keyCount).map { handle.value($0) })
                totals.append(contentsOf: repeatElement(0, count: width))
            }
            var column = keyCount
            for (a, kind) in aggregates.enumerated() {
                let slot = group * width + a
                switch kind {
                case .rows:
                    totals[slot] += 1
                    continue
                case .nonNull:
                    if handle.kind(column) != .null { totals[slot] += 1 }
                case .sum:
                    switch handle.kind(column) {
                    case .null: break
                    case .integer:
                        let (sum, overflow) = totals[slot].addingReportingOverflow(handle.int64(column))
                        guard !overflow else { throw GroupInMemory.overflow(q, keyCount + a) }
                        totals[slot] = sum
                    default: throw GroupInMemory.overflow(q, keyCount + a)
                    }
                }
                column += 1
            }
        }
        let order = keys.indices.sorted { precedes(keys[$0], keys[$1]) }
        return order.map { g in keys[g] + (0..<width).map { SQLValue.integer(totals[g * width + $0]) } }
    }

    /// Appends one value of the current row: a type tag, then 8 bytes of the number, or the
    /// length and the bytes of the text or blob.
    static func encode(_ row: any StoreRow, _ i: Int, into out: inout [UInt8]) {
        let kind = row.kind(i)
        out.append(GroupInMemory.tag(kind))
        switch kind {
        case .integer:
            withUnsafeBytes(of: row.int64(i)) { out.append(contentsOf: $0) }
        case .real:
            var d = row.double(i)
            if d == 0 { d = 0 }  // -0.0 groups with 0.0, as in SQLite
            withUnsafeBytes(of: d.bitPattern) { out.append(contentsOf: $0) }
        case .text, .blob:
            row.withBytes(i) { bytes in
                withUnsafeBytes(of: UInt32(bytes.count)) { out.append(contentsOf: $0) }
                if bytes.count > 0 { out.append(contentsOf: bytes) }
            }
        case .null:
            break
        }
    }

    /// A byte per kind of value, so that keys of different kinds never encode alike.
    @inline(__always) static func tag(_ kind: SQLValueKind) -> UInt8 {
        switch kind {
        case .integer: return 1
        case .real: return 2
        case .text: return 3
        case .blob: return 4
        case .null: return 5
        }
    }

    /// Encoded keys to dense group numbers: open addressing on the keys' hashes.
    struct GroupTable {
        private var slots = [Int32](repeating: -1, count: 64)
        private var hashes: [Int] = []
        private var encoded: [[UInt8]] = []

        /// The group of `key`, and whether it was just added.
        mutating func find(_ key: [UInt8]) -> (Int, Bool) {
            let hash = key.withUnsafeBytes { GroupTable.hash($0) }
            var s = hash & (slots.count - 1)
            while slots[s] >= 0 {
                let g = Int(slots[s])
                if hashes[g] == hash && encoded[g] == key { return (g, false) }
                s = (s + 1) & (slots.count - 1)
            }
            let g = encoded.count
            slots[s] = Int32(g)
            hashes.append(hash)
            encoded.append(key)
            if encoded.count * 2 > slots.count { grow() }
            return (g, true)
        }

        /// A multiply-xor hash of the key's bytes, 8 at a time, from a seed chosen per process
        /// (keys are user data: a fixed function would let crafted values collide on purpose).
        /// Several times cheaper than `Hasher` (SipHash) on the short keys of a grouping.
        @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var h = seed ^ UInt64(bytes.count) &* k
            var i = 0
            if let p = bytes.baseAddress {
                while i + 8 <= bytes.count {
                    h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                    h ^= h >> 32
                    i += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while i < bytes.count { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
                h = (h ^ tail) &* k
            }
            h ^= h >> 29; h = h &* k; h ^= h >> 32
            return Int(truncatingIfNeeded: h)
        }

        private static let seed = UInt64.random(in: 0...UInt64.max)

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for (g, hash) in hashes.enumerated() {
                var s = hash & (slots.count - 1)
                while slots[s] >= 0 { s = (s + 1) & (slots.count - 1) }
                slots[s] = Int32(g)
            }
        }
    }

    /// The store's own error for a SUM that leaves 64-bit integers, so the message is the same.
    static func overflow(_ q: CompiledQuery, _ column: Int) -> Error {
        StoreError(.other, "integer overflow")
    }

    /// The ORDER BY of SQLite's grouped query: each key ascending, nulls last, text keys by
    /// `CLIENTELE_NOCASE`; then by bytes, so that the order never depends on the hash table.
    func precedes(_ a: [SQLValue], _ b: [SQLValue]) -> Bool {
        for (i, (x, y)) in zip(a, b).enumerated() {
            let c = GroupInMemory.compare(x, y, collated: textKeys[i])
            if c != .orderedSame { return c == .orderedAscending }
        }
        for (x, y) in zip(a, b) {
            let c = GroupInMemory.compare(x, y, collated: false)
            if c != .orderedSame { return c == .orderedAscending }
        }
        return false
    }

    /// SQLite's order of values, with nulls last: numbers, then text, then blobs.
    static func compare(_ x: SQLValue, _ y: SQLValue, collated: Bool) -> ComparisonResult {
        func rank(_ v: SQLValue) -> Int {
            switch v {
            case .integer, .real: return 0
            case .text: return 1
            case .blob: return 2
            case .null: return 3
            }
        }
        let (rx, ry) = (rank(x), rank(y))
        if rx != ry { return rx < ry ? .orderedAscending : .orderedDescending }
        switch (x, y) {
        case (.integer(let a), .integer(let b)): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.text(let a), .text(let b)):
            if collated { return UnicodeText.compare(a, b) }
            return bytes(a.utf8, b.utf8)
        case (.blob(let a), .blob(let b)): return bytes(a, b)
        case (.null, .null): return .orderedSame
        default:
            let a = GroupInMemory.double(x), b = GroupInMemory.double(y)
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        }
    }

    private static func double(_ v: SQLValue) -> Double {
        switch v {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return 0
        }
    }

    private static func bytes<C: Collection>(_ a: C, _ b: C) -> ComparisonResult where C.Element == UInt8 {
        for (x, y) in zip(a, b) where x != y { return x < y ? .orderedAscending : .orderedDescending }
        return a.count == b.count ? .orderedSame : (a.count < b.count ? .orderedAscending : .orderedDescending)
    }
}
