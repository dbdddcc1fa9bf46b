import Foundation
import ClienteleCore

/// The order keys (client + number) an orders import has seen: stored orders' (with their
/// ids, for upserts) and the file's (with the line that took each, for duplicates).
///
/// A hash table of entry numbers over arrays of entries, instead of a `Dictionary` from
/// key to (id, line): for 2 million orders that dictionary's 4 million buckets of 40 bytes
/// were 160 MB, two thirds of the import's peak memory. Here an entry is 24 bytes (client
/// and number) plus 4 for its line, and a slot 4 bytes; the table is at most 3/4 full, its
/// size any number (not a power of two: 2.7 million slots for 2 million keys, not 4). Keys
/// compare as `String`s do (`Hasher` and `==`), as they did in the dictionary.
package struct OrderKeys {
    private struct Entry {
        var client: Int64
        var number: String
    }

    /// What a row's key is.
    package enum Claim {
        /// Taken by an earlier line of the file.
        case duplicate(line: Int)
        /// Now this row's; `storedID`: the stored order with this key, if any.
        case claimed(entry: Int, storedID: Int64?)
    }

    private var entries: [Entry] = []
    /// Per entry: 0, a stored order not (yet) in the file; > 0, the line of the file that
    /// took the key; -1, given back (a row whose write failed), as if absent. A line past
    /// `Int32.max` is kept in `farLines` (`OrderKeys.far` here).
    private var lines: [Int32] = []
    private var farLines: [Int: Int] = [:]
    private static let far = Int32.max
    /// Ids of the stored orders: entries `0..<storedIDs.count`.
    private var storedIDs: [Int64] = []
    /// Entry number + 1 per slot; 0 is empty. Linear probing; at most 3/4 full.
    private var slots: [UInt32] = []

    package init(capacity: Int) {
        entries.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        slots = [UInt32](repeating: 0, count: OrderKeys.slotCount(for: capacity))
    }

    /// Slots for `count` keys at most 3/4 full.
    private static func slotCount(for count: Int) -> Int { max(16, count + count / 3 + 1) }

    private static func hash(_ client: Int64, _ number: String) -> Int {
        var h = Hasher()
        h.combine(client)
        h.combine(number)
        return h.finalize()
    }

    /// The first slot of a hash: its high bits scaled to the table (any size, no modulo).
    private static func home(_ hash: Int, _ size: Int) -> Int {
        Int(UInt64(UInt(bitPattern: hash)).multipliedFullWidth(by: UInt64(size)).high)
    }

    private func line(_ e: Int) -> Int {
        let l = lines[e]
        return l == OrderKeys.far ? farLines[e] ?? 0 : Int(l)
    }

    private mutating func setLine(_ e: Int, _ line: Int) {
        if line >= Int(OrderKeys.far) {
            lines[e] = OrderKeys.far
            farLines[e] = line
        } else {
            lines[e] = Int32(line)
            farLines[e] = nil
        }
    }

    /// The entry with this key, or the empty slot where it would go.
    private func find(_ client: Int64, _ number: String) -> (slot: Int, entry: Int?) {
        let size = slots.count
        var s = OrderKeys.home(OrderKeys.hash(client, number), size)
        while true {
            let v = slots[s]
            if v == 0 { return (s, nil) }
            let e = Int(v) - 1
            if entries[e].client == client && entries[e].number == number { return (s, e) }
            s += 1
            if s == size { s = 0 }
        }
    }

    private mutating func append(client: Int64, number: String, line: Int, at slot: Int) -> Int {
        entries.append(Entry(client: client, number: number))
        lines.append(0)
        setLine(entries.count - 1, line)
        slots[slot] = UInt32(entries.count)
        if entries.count * 4 > slots.count * 3 { grow() }
        return entries.count - 1
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt32](repeating: 0, count: size)
        for (i, e) in entries.enumerated() {
            var s = OrderKeys.home(OrderKeys.hash(e.client, e.number), size)
            while slots[s] != 0 { s += 1; if s == size { s = 0 } }
            slots[s] = UInt32(i + 1)
        }
    }

    /// A stored order; a later one with the same key replaces the earlier one's id.
    package mutating func addStored(client: Int64, number: String, id: Int64) {
        precondition(entries.count == storedIDs.count, "stored orders come first")
        let (slot, entry) = find(client, number)
        if let e = entry { storedIDs[e] = id; return }
        _ = append(client: client, number: number, line: 0, at: slot)
        storedIDs.append(id)
    }

    /// The line of the file that took the key, if one did.
    package func line(client: Int64, number: String) -> Int? {
        guard let e = find(client, number).entry, line(e) > 0 else { return nil }
        return line(e)
    }

    /// Looks the key up and, unless an earlier line took it, gives it to `line`: one hash.
    package mutating func claim(client: Int64, number: String, line: Int) -> Claim {
        let (slot, entry) = find(client, number)
        guard let e = entry else {
            return .claimed(entry: append(client: client, number: number, line: line, at: slot), storedID: nil)
        }
        let taken = self.line(e)
        if taken > 0 { return .duplicate(line: taken) }
        setLine(e, line)
        return .claimed(entry: e, storedID: e < storedIDs.count ? storedIDs[e] : nil)
    }

    /// Undoes a claim (the row's write failed): the key is as it was before.
    package mutating func giveBack(entry: Int) {
        setLine(entry, entry < storedIDs.count ? 0 : -1)
    }
}
