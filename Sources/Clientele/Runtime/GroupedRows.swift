import Foundation
import ClienteleCore

/// Runs a `GroupInMemory` plan: one pass over the scan's rows into a hash table of groups,
/// then the groups in key order, each as its key values followed by its aggregates.
extension GroupInMemory {
    /// The groups of the rows of `q`, in output order: key values, then aggregate values.
    ///
    /// The rows are read cell by cell (`StoreRow`) and each row's key is encoded as bytes in
    /// the table's reused buffer (`ByteKeyTable`: a tag per value, then the integer or the
    /// text's length and bytes), so rows of a known group allocate nothing; keys are equal
    /// exactly when SQLite's GROUP BY (BINARY) puts them together.
    func rows(_ q: CompiledQuery, in tx: any StoreTransaction) throws -> [[SQLValue]] {
        let keyCount = textKeys.count, width = aggregates.count
        // The aggregates as small integers read from a buffer, not an array of enums walked
        // per row (which retained it and checked bounds at every step).
        let kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, width))
        defer { kinds.deallocate() }
        for (a, kind) in aggregates.enumerated() {
            switch kind {
            case .rows: kinds[a] = 0
            case .nonNull: kinds[a] = 1
            case .sum: kinds[a] = 2
            }
        }
        var table = ByteKeyTable()
        defer { table.release() }
        var keys: [[SQLValue]] = []
        var totals: [Int64] = []
        var rows = 0
        try tx.scan(q.sql, q.arguments) { handle in
            try Interruption.check(.grouping, every: &rows)
            table.reset()
            for i in 0..<keyCount { GroupInMemory.encode(handle, i, into: &table) }
            let (group, isNew) = table.find()
            if isNew {
                keys.append((0..<keyCount).map { handle.value($0) })
                totals.append(contentsOf: repeatElement(0, count: width))
            }
            try totals.withUnsafeMutableBufferPointer { t in
                var column = keyCount
                let base = group * width
                for a in 0..<width {
                    switch kinds[a] {
                    case 0:
                        t[base + a] += 1
                        continue
                    case 1:
                        if handle.kind(column) != .null { t[base + a] += 1 }
                    default:
                        switch handle.kind(column) {
                        case .null: break
                        case .integer:
                            let (sum, overflow) = t[base + a].addingReportingOverflow(handle.int64(column))
                            guard !overflow else { throw GroupInMemory.overflow(q, keyCount + a) }
                            t[base + a] = sum
                        default: throw GroupInMemory.overflow(q, keyCount + a)
                        }
                    }
                    column += 1
                }
            }
        }
        let order = keys.indices.sorted { precedes(keys[$0], keys[$1]) }
        return order.map { g in keys[g] + (0..<width).map { SQLValue.integer(totals[g * width + $0]) } }
    }

    /// Appends one value of the current row to the key being built: a type tag, then 8
    /// bytes of the number, or the length and the bytes of the text or blob.
    static func encode(_ row: any StoreRow, _ i: Int, into key: inout ByteKeyTable) {
        let kind = row.kind(i)
        key.append(GroupInMemory.tag(kind))
        switch kind {
        case .integer:
            key.append(UInt64(bitPattern: row.int64(i)))
        case .real:
            var d = row.double(i)
            if d == 0 { d = 0 }  // -0.0 groups with 0.0, as in SQLite
            key.append(d.bitPattern)
        case .text, .blob:
            row.withBytes(i) { bytes in
                key.append(UInt64(bytes.count))
                key.append(bytes)
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
