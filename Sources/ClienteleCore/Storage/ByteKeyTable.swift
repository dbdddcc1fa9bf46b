/// Byte strings to dense numbers 0, 1, 2, … in the order they were first seen: the hash
/// table of the passes that group millions of rows by a handful of keys (a `group` ending a
/// pipeline, a partition of the clients by region). Keys are equal exactly when their bytes
/// are (SQL's BINARY equality, given an encoding that tells kinds apart).
///
/// A key is written into the table's own buffer (`reset`, `append`) and looked up with
/// `find`; nothing allocates for a key already in the table, and the buffer is raw memory
/// (an append is a store, not an array's capacity and uniqueness checks). The keys are kept
/// end to end in one arena. The hash is a multiply-xor over 8 bytes at a time from a seed
/// chosen per process (keys are user data: a fixed function would let crafted values
/// collide on purpose); several times cheaper than `Hasher` (SipHash) on short keys.
/// A struct (a class's stored properties would be checked for exclusive access on every
/// row) whose key buffer is freed by `release()`; one pass, one thread.
package struct ByteKeyTable {
    private var slots = [Int32](repeating: -1, count: 64)
    private var hashes: [Int] = []
    /// Where key g starts in `arena`; key g ends where key g + 1 starts (or at the end).
    private var starts: [Int] = []
    private var arena: [UInt8] = []
    /// The key being built: `length` bytes at `key`, room for `capacity`.
    private var key: UnsafeMutableRawPointer
    private var length = 0
    private var capacity = 256

    package init() { key = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 8) }

    /// Frees the key buffer (call once, when the pass is over).
    package func release() { key.deallocate() }

    /// The number of distinct keys.
    package var count: Int { hashes.count }

    /// Starts a new key.
    @inline(__always) package mutating func reset() { length = 0 }

    @inline(__always) private mutating func reserve(_ n: Int) {
        guard length + n > capacity else { return }
        var c = capacity * 2
        while c < length + n { c *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: c, alignment: 8)
        bigger.copyMemory(from: key, byteCount: length)
        key.deallocate()
        key = bigger
        capacity = c
    }

    @inline(__always) package mutating func append(_ byte: UInt8) {
        reserve(1)
        key.storeBytes(of: byte, toByteOffset: length, as: UInt8.self)
        length += 1
    }

    @inline(__always) package mutating func append(_ value: UInt64) {
        reserve(8)
        key.storeBytes(of: value.littleEndian, toByteOffset: length, as: UInt64.self)
        length += 8
    }

    @inline(__always) package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (key + length).copyMemory(from: p, byteCount: bytes.count)
        length += bytes.count
    }

    /// The number of the key built since `reset`, and whether it was just added.
    package mutating func find() -> (Int, Bool) {
        let built = UnsafeRawBufferPointer(start: key, count: length)
        let hash = ByteKeyTable.hash(built)
        let mask = slots.count - 1
        var s = hash & mask
        while true {
            let g = Int(slots[s])
            if g < 0 { break }
            if hashes[g] == hash && equals(g, built) { return (g, false) }
            s = (s + 1) & mask
        }
        let g = hashes.count
        slots[s] = Int32(g)
        hashes.append(hash)
        starts.append(arena.count)
        arena.append(contentsOf: built)
        if hashes.count * 2 > slots.count { grow() }
        return (g, true)
    }

    /// The bytes of key g.
    package func bytes(_ g: Int) -> ArraySlice<UInt8> {
        arena[starts[g]..<(g + 1 < starts.count ? starts[g + 1] : arena.count)]
    }

    @inline(__always) private func equals(_ g: Int, _ built: UnsafeRawBufferPointer) -> Bool {
        let start = starts[g], end = g + 1 < starts.count ? starts[g + 1] : arena.count
        guard end - start == built.count else { return false }
        return arena.withUnsafeBytes { a in ByteKeyTable.same(UnsafeRawBufferPointer(rebasing: a[start..<end]), built) }
    }

    /// Whether two buffers of the same length hold the same bytes, 8 at a time.
    @inline(__always) static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        guard n > 0, let p = a.baseAddress, let q = b.baseAddress else { return true }
        var i = 0
        while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if p.load(fromByteOffset: i, as: UInt8.self) != q.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

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
        let mask = slots.count - 1
        for (g, hash) in hashes.enumerated() {
            var s = hash & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(g)
        }
    }
}
