import ClienteleCore

/// Rankings of clients by their sales (ClientColumns from `sales(from:to:)` of an
/// OrderSource), computed in Swift exactly as the SQL ranks them. Each sort is over (value,
/// position) pairs side by side, not positions compared through the value column: with a
/// million clients, the column lookups of every comparison would each miss the cache.
extension ClientColumns {
    /// RFM quintile scores of the clients with sales in the period, as the SQL defines them
    /// (Segments.rfmCTE): NTILE(5) over the clients in ascending order of last order date,
    /// order count and turnover (client id breaks ties), then equal values share the lowest
    /// score any of them received. Columns r, f, m.
    func rfm() throws -> ClientColumns {
        let sales = self
        let n = clients.ids.count
        var positions: [Int32] = []
        positions.reserveCapacity(n)
        for p in 0..<n where sales.has(p) { positions.append(Int32(p)) }
        // The scores go straight into the records SQL reads (r, f, m, then the presence
        // flag), and the three sorts share their buffers: fresh memory is paid in page
        // faults and zeroing, a good part of the ranking on a million clients.
        let stride = 4
        let memory = ZeroedMemory<Int64>(count: n * stride)
        var handedOver = false
        defer { if !handedOver { memory.release() } }
        let records = memory.pointer
        let scratch = RadixScratch()
        // value columns of `sales`: 0 turnover, 1 orders_count, 3 last_order
        for (k, column) in [3, 1, 0].enumerated() {
            // Positions follow client ids, so sorting by (value, position) orders equals by id.
            try Interruption.check(.rankings)
            let sorted = Self.sortedPairs(positions, n: n, scratch: scratch) { sales.value(column, $0) }
            try Interruption.check(.rankings)
            let total = sorted.count
            // NTILE(5): the first (total % 5) tiles have one row more.
            let small = total / 5, extra = total % 5
            var tile = 1, left = small + (extra >= 1 ? 1 : 0)
            var previous: Int64? = nil, shared: Int64 = 0
            for i in 0..<total {
                let value = sorted.value(i), p = sorted.position(i)
                while left == 0 && tile < 5 { tile += 1; left = small + (extra >= tile ? 1 : 0) }
                left -= 1
                if value != previous { previous = value; shared = Int64(tile) }
                records[p * stride + k] = shared
            }
            if case .packed(let packed) = sorted { scratch.giveBack(keys: packed.keys) }
        }
        for p in positions { records[Int(p) * stride + 3] = 1 }
        handedOver = true
        return ClientColumns(clients: clients, records: memory, stride: stride, presence: 3, names: ["r", "f", "m"],
                             kinds: [.integer, .integer, .integer])
    }

    /// Classes by cumulative share of turnover, as the SQL defines them (Segments.paretoCTE):
    /// among clients with a positive turnover, within each group of `group` (client
    /// position to its group; nil: one group), largest first; a client takes the first
    /// class whose bound (basis points) is above the share of sales *before* it, where
    /// "before" is the turnover of the clients in its group with a strictly larger one.
    /// Throws on overflow (the SQL then reports it).
    func pareto(group: [Int]?, bounds: [Int64], labels: [String]) throws -> ClientColumns {
        let sales = self
        let n = clients.ids.count
        // The members of each group (numbers 0..<k from the partition), by a counting sort
        // into one array, positions ascending within a group: a dictionary of arrays cost a
        // hash and an append per client, a tenth of W5 on a million clients.
        let k = (group?.max() ?? 0) + 1
        var starts = [Int](repeating: 0, count: k + 1)
        for p in 0..<n where sales.has(p) && sales.value(0, p) > 0 { starts[(group?[p] ?? 0) + 1] += 1 }
        for g in 0..<k { starts[g + 1] += starts[g] }
        var members = [Int32](repeating: 0, count: starts[k])
        var next = starts
        for p in 0..<n where sales.has(p) && sales.value(0, p) > 0 {
            let g = group?[p] ?? 0
            members[next[g]] = Int32(p)
            next[g] += 1
        }
        // The class goes straight into the records SQL reads (class, then the presence flag).
        let stride = 2
        let memory = ZeroedMemory<Int64>(count: n * stride)
        var handedOver = false
        defer { if !handedOver { memory.release() } }
        let records = memory.pointer
        for g in 0..<k where starts[g] < starts[g + 1] {
            let positions = Array(members[starts[g]..<starts[g + 1]])
            var total: Int64 = 0
            for p in positions {
                let (x, o) = total.addingReportingOverflow(sales.value(0, Int(p))); if o { throw OrderFacts.Overflow() }
                total = x
            }
            // Largest first; the order among equals does not matter (they are peers).
            try Interruption.check(.rankings)
            let sorted = Self.sortedPairs(positions, n: n, descending: true) { sales.value(0, $0) }
            try Interruption.check(.rankings)
            var before: Int64 = 0
            var i = 0, rows = 0
            while i < sorted.count {
                try Interruption.check(.rankings, every: &rows)
                var j = i
                var peers: Int64 = 0
                // No overflow: the peers' sum is at most the group's total, checked above.
                while j < sorted.count && sorted.value(j) == sorted.value(i) { peers += sorted.value(j); j += 1 }
                let (scaled, o1) = before.multipliedReportingOverflow(by: 10000); if o1 { throw OrderFacts.Overflow() }
                var c = bounds.count
                for (b, bound) in bounds.enumerated() {
                    let (limit, o2) = bound.multipliedReportingOverflow(by: total); if o2 { throw OrderFacts.Overflow() }
                    if scaled < limit { c = b; break }
                }
                for q in i..<j {
                    let p = sorted.position(q)
                    records[p * stride] = Int64(c)
                    records[p * stride + 1] = 1
                }
                before += peers
                i = j
            }
        }
        handedOver = true
        return ClientColumns(clients: clients, records: memory, stride: stride, presence: 1, names: ["class"],
                             kinds: [.label(labels)])
    }

    /// The pairs (value, position) of `positions`, sorted by value (ascending, or
    /// descending), equal values by position: packed and radix-sorted when they fit 64
    /// bits, else as pairs.
    static func sortedPairs(_ positions: [Int32], n: Int, descending: Bool = false, scratch: RadixScratch? = nil,
                            value: (Int) -> Int64) -> SortedPairs {
        if let packed = PackedPairs(positions, count: n, descending: descending, scratch: scratch, value: value) { return .packed(packed) }
        var pairs = positions.map { (value(Int($0)), $0) }
        if descending { pairs.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 } } else { pairs.sort { $0 < $1 } }
        return .pairs(pairs)
    }
}

/// Sorted (value, position) pairs, packed or not (ClientColumns.sortedPairs).
enum SortedPairs {
    case packed(PackedPairs)
    case pairs([(Int64, Int32)])

    var count: Int {
        switch self { case .packed(let k): return k.count; case .pairs(let p): return p.count }
    }

    @inline(__always) func value(_ i: Int) -> Int64 {
        switch self { case .packed(let k): return k.value(i); case .pairs(let p): return p[i].0 }
    }

    @inline(__always) func position(_ i: Int) -> Int {
        switch self { case .packed(let k): return k.position(i); case .pairs(let p): return Int(p[i].1) }
    }
}
