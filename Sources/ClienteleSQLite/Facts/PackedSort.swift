/// Sorting (value, client position) pairs by value then position, as the rankings need
/// (ClientRankings), packed into one 64-bit key each when they fit (the value's distance
/// from the smallest in the high bits, the position in the low ones) and sorted by a
/// least-significant-digit radix sort: linear, four passes at most over a million keys,
/// instead of a comparison sort over 16-byte pairs.
struct PackedPairs {
    let keys: [UInt64]
    let shift: Int
    let base: Int64
    let descending: Bool

    /// The pairs of `positions` (ascending) with `value(p)`, sorted ascending by value (or
    /// descending), equal values by ascending position; nil when the values' range and the
    /// positions do not fit 64 bits together (the caller then sorts the pairs themselves).
    init?(_ positions: [Int32], count n: Int, descending: Bool = false, scratch: RadixScratch? = nil, value: (Int) -> Int64) {
        guard let first = positions.first else {
            keys = []; shift = 0; base = 0; self.descending = descending
            return
        }
        var lo = value(Int(first)), hi = lo
        for p in positions { let v = value(Int(p)); if v < lo { lo = v }; if v > hi { hi = v } }
        let (range, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow else { return nil }
        let shift = max(1, Int.bitWidth - (n - 1).leadingZeroBitCount)
        let rangeBits = range == 0 ? 0 : UInt64.bitWidth - UInt64(range).leadingZeroBitCount
        guard shift + rangeBits <= 64 else { return nil }
        var keys = scratch?.takeKeys(positions.count) ?? [UInt64](repeating: 0, count: positions.count)
        keys.withUnsafeMutableBufferPointer { k in
            for (i, p) in positions.enumerated() {
                let v = value(Int(p))
                let d = UInt64(descending ? hi &- v : v &- lo)
                k[i] = (rangeBits == 0 ? 0 : d << UInt64(shift)) | UInt64(p)
            }
        }
        PackedPairs.radixSort(&keys, bits: shift + rangeBits, scratch: scratch)
        self.keys = keys; self.shift = shift; self.base = descending ? hi : lo; self.descending = descending
    }

    @inline(__always) func position(_ i: Int) -> Int { Int(keys[i] & ((1 << UInt64(shift)) - 1)) }

    @inline(__always) func value(_ i: Int) -> Int64 {
        let d = Int64(bitPattern: shift >= 64 ? 0 : keys[i] >> UInt64(shift))
        return descending ? base &- d : base &+ d
    }

    var count: Int { keys.count }

    /// Sorts keys whose set bits are all below `bits`: 16-bit digits, least significant first.
    static func radixSort(_ keys: inout [UInt64], bits: Int, scratch: RadixScratch? = nil) {
        let n = keys.count
        guard n > 1 else { return }
        var other = scratch?.takeOther(n) ?? [UInt64](repeating: 0, count: n)
        var counts = scratch?.takeCounts() ?? [Int](repeating: 0, count: 1 << 16)
        defer { scratch?.giveBack(other: other, counts: counts) }
        var digit = 0
        while digit < bits {
            let d = UInt64(digit)
            keys.withUnsafeBufferPointer { src in
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<c.count { c[i] = 0 }
                    for i in 0..<n { c[Int((src[i] >> d) & 0xFFFF)] += 1 }
                    var total = 0
                    for i in 0..<c.count { let t = c[i]; c[i] = total; total += t }
                    other.withUnsafeMutableBufferPointer { dst in
                        for i in 0..<n {
                            let b = Int((src[i] >> d) & 0xFFFF)
                            dst[c[b]] = src[i]
                            c[b] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
            digit += 16
        }
    }
}

/// Buffers that one ranking's sorts hand on to the next (RFM sorts the same clients three
/// times): a million clients would otherwise take fresh memory for each sort (16 MB of
/// keys and their copy), and fresh memory costs its page faults and zeroing, which on
/// this kind of machine cost more than the sort. Not thread-safe: one ranking at a time.
final class RadixScratch {
    private var keys: [UInt64] = []
    private var other: [UInt64] = []
    private var counts: [Int] = []

    /// An array of n keys (contents unspecified), reusing the one handed back if it fits.
    func takeKeys(_ n: Int) -> [UInt64] {
        if keys.count == n { defer { keys = [] }; return keys }
        return [UInt64](repeating: 0, count: n)
    }

    /// Hands the keys of a finished ranking back for the next one.
    func giveBack(keys: [UInt64]) { self.keys = keys }

    func takeOther(_ n: Int) -> [UInt64] {
        if other.count == n { defer { other = [] }; return other }
        return [UInt64](repeating: 0, count: n)
    }

    func takeCounts() -> [Int] {
        if counts.count == 1 << 16 { defer { counts = [] }; return counts }
        return [Int](repeating: 0, count: 1 << 16)
    }

    func giveBack(other: [UInt64], counts: [Int]) { self.other = other; self.counts = counts }
}
