import Foundation
import ClienteleCore

/// The order keys (client + number) an orders import has seen: stored orders' (with their
/// ids, for upserts) and the file's (with the line that took each, for duplicates).
///
/// A hash table of entry numbers over one array of entries, instead of a `Dictionary` from
/// key to (id, line): for 2 million orders that dictionary's 4 million buckets of 40 bytes
/// were 160 MB, two thirds of the import's peak memory; here 32 bytes per entry plus 4 per
/// slot. Keys compare as `String`s do (`Hasher` and `==`), as they did in the dictionary.
package struct OrderKeys {
    private struct Entry {
        package var client: Int64
        package var number: String
        /// 0: a stored order not (yet) in the file; > 0: the line of the file that took the
        /// key; -1: given back (a row whose write failed), as if absent.
        package var line: Int
    }

    /// What a row's key is.
    package enum Claim {
        /// Taken by an earlier line of the file.
        case duplicate(line: Int)
        /// Now this row's; `storedID`: the stored order with this key, if any.
        case claimed(entry: Int, storedID: Int64?)
    }

    private var entries: [Entry] = []
    /// Ids of the stored orders: entries `0..<storedIDs.count`.
    private var storedIDs: [Int64] = []
    /// Entry number + 1 per slot; 0 is empty. Linear probing; at most 3/4 full.
    private var slots: [UInt32] = []

    package init(capacity: Int) {
        entries.reserveCapacity(capacity)
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        slots = [UInt32](repeating: 0, count: size)
    }

    private static func hash(_ client: Int64, _ number: String) -> Int {
        var h = Hasher()
        h.combine(client)
        h.combine(number)
        return h.finalize()
    }

    /// The entry with this key, or the empty slot where it would go.
    private func find(_ client: Int64, _ number: String) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var s = OrderKeys.hash(client, number) & mask
        while true {
            let v = slots[s]
            if v == 0 { return (s, nil) }
            let e = Int(v) - 1
            if entries[e].client == client && entries[e].number == number { return (s, e) }
            s = (s + 1) & mask
        }
    }

    private mutating func append(_ entry: Entry, at slot: Int) -> Int {
        entries.append(entry)
        slots[slot] = UInt32(entries.count)
        if entries.count * 4 > slots.count * 3 { grow() }
        return entries.count - 1
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, e) in entries.enumerated() {
            var s = OrderKeys.hash(e.client, e.number) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = UInt32(i + 1)
        }
    }

    /// A stored order; a later one with the same key replaces the earlier one's id.
    package mutating func addStored(client: Int64, number: String, id: Int64) {
        precondition(entries.count == storedIDs.count, "stored orders come first")
        let (slot, entry) = find(client, number)
        if let e = entry { storedIDs[e] = id; return }
        _ = append(Entry(client: client, number: number, line: 0), at: slot)
        storedIDs.append(id)
    }

    /// The line of the file that took the key, if one did.
    package func line(client: Int64, number: String) -> Int? {
        guard let e = find(client, number).entry, entries[e].line > 0 else { return nil }
        return entries[e].line
    }

    /// Looks the key up and, unless an earlier line took it, gives it to `line`: one hash.
    package mutating func claim(client: Int64, number: String, line: Int) -> Claim {
        let (slot, entry) = find(client, number)
        guard let e = entry else {
            return .claimed(entry: append(Entry(client: client, number: number, line: line), at: slot), storedID: nil)
        }
        if entries[e].line > 0 { return .duplicate(line: entries[e].line) }
        entries[e].line = line
        return .claimed(entry: e, storedID: e < storedIDs.count ? storedIDs[e] : nil)
    }

    /// Undoes a claim (the row's write failed): the key is as it was before.
    package mutating func giveBack(entry: Int) {
        entries[entry].line = entry < storedIDs.count ? 0 : -1
    }
}
