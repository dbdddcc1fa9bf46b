import ClienteleCore
import CPrefetch

extension PolicySums {
    /// Prices and sums the orders of `lines` dated from day `from` to day `to` under every
    /// policy when each policy's rate depends on the client only (no rule tests the order
    /// or the line, no fixed amounts, no limits per order or client): line discount =
    /// gross × min(`rates[p * n + c]`, the category's ceiling) rounded half away from zero,
    /// the arithmetic of `addOrder` (PolicyPricingTests compare the two paths).
    ///
    /// What does not depend on the policy is done once per line: the gross, the cost of
    /// goods, the client's and the category's shares of them; per policy only the discount.
    /// Everything the pass reads and writes for a client is one record (`Record`), loaded
    /// ahead of its order: the orders come in id order, so clients come at random, and
    /// the client's state spread over several arrays cost a cache miss each. The year's
    /// amounts are added to the period's totals at the end; lines of clients a volume
    /// assumption applies to go, as in `addOrder`, to the year's per-category slots.
    ///
    /// `remap`: client positions of `lines` in this evaluation's list (nil: the same list);
    /// `tableIndex`: the category index in `categories` of each of the lines' categories;
    /// `ceilings`: the largest rate per category index (nil: no minimum margins);
    /// `assumptions[p]`: policy p's assumption (1-based, 0: none) by client (empty: none).
    mutating func addFlat(_ lines: PolicyLines, from: Int, to: Int, rates: [Int64], remap: [Int32]?, tableIndex: [Int],
                          ceilings: [Int64]?, assumptions: [[Int32]]) throws {
        let n = clients.count, count = self.count, width = self.width, none = categories.none
        let layout = Record(policies: count)
        let stride = layout.stride
        let records = ZeroedWords(count: n * stride)
        defer { records.release() }
        let r0 = records.pointer
        // Rates, and which policies keep the client's lines apart (an assumption applies).
        let assumed = (0..<count).map { p in !assumption[p].isEmpty && !assumptions[p].isEmpty }
        for p in 0..<count {
            for c in 0..<n {
                r0[c * stride + Record.rate(p)] = rates[p * n + c]
                if assumed[p] { r0[c * stride + Record.slotted(p)] = Int64(assumptions[p][c]) }
            }
        }
        // Per client and policy: the discount of lines of no known cost (rare: apart, and
        // only when some line has no known cost).
        let anyUncosted = tableIndex.contains(none)
        let uncosted = ZeroedWords(count: anyUncosted ? n * count : 0)
        defer { uncosted.release() }
        let ud = uncosted.pointer
        var touched: [Int32] = []
        // By category index: gross, cost and gross of no known cost of every line (`all`),
        // and of the lines no assumption took, for the policies with assumptions (`own`);
        // by policy and category index: the discount, and the part of no known cost.
        let sums = ZeroedWords(count: width * 3 + count * width * 5 + width * 3)
        defer { sums.release() }
        let all = sums.pointer, own = all + width * 3, discounts = own + count * width * 3
        let small = discounts + count * width * 2
        // Cost of goods per basis point of gross, the largest rate and whether seen, by category index.
        let costBP = small, ceiling = small + width, used = small + 2 * width
        for i in 0..<width {
            costBP[i] = i == none ? 0 : 10_000 - categories.margins[i]
            ceiling[i] = ceilings?[i] ?? Int64.max
        }
        var overflow = false, rows = 0
        let day = lines.day, client = lines.client, start = lines.start, category = lines.category, gross = lines.gross
        let ahead = 8, total = lines.count
        @inline(__always) func position(_ k: Int) -> Int { remap.map { Int($0[Int(client[k])]) } ?? Int(client[k]) }
        @inline(__always) func add(_ p: UnsafeMutablePointer<Int64>, _ v: Int64, _ o: inout Bool) {
            let x = p.pointee.addingReportingOverflow(v)
            p.pointee = x.partialValue
            if x.overflow { o = true }
        }
        try tableIndex.withUnsafeBufferPointer { tableIndex in
        for k in 0..<total {
            let d = Int(day[k])
            guard d >= from && d <= to else { continue }
            try Interruption.check(.policySums, every: &rows)
            if k + ahead < total {
                let q = position(k + ahead)
                if q >= 0 {
                    let next = r0 + q * stride
                    clientele_prefetch(next)
                    if stride > 8 { clientele_prefetch(next + 8) }
                }
            }
            let c = position(k)
            guard c >= 0 else { throw RuntimeError.message("an order refers to a client that does not exist") }
            let r = r0 + c * stride
            let given = r[Record.recorded].addingReportingOverflow(lines.recordedDiscount[k])
            if given.overflow { throw PolicySums.overflow }
            r[Record.recorded] = given.partialValue
            if r[Record.seen] == 0 { r[Record.seen] = 1; touched.append(Int32(c)) }
            var o = false
            for e in Int(start[k])..<Int(start[k + 1]) {
                let local = Int(category[e]), g = gross[e], index = tableIndex[local]
                let costed = index != none
                used[index] = 1
                let (costProduct, o1) = g.multipliedReportingOverflow(by: costBP[index])
                if o1 { throw PolicySums.overflow }
                let cost = PolicySums.byTenThousand(costProduct)
                add(r + Record.gross, g, &o)
                add(all + index * 3, g, &o)
                if costed {
                    add(r + Record.cost, cost, &o)
                    add(all + index * 3 + 1, cost, &o)
                } else {
                    add(r + Record.uncostedGross, g, &o)
                    add(all + index * 3 + 2, g, &o)
                }
                let top = ceiling[index]
                // Policies often give a client the same rate (a sweep's values differ for
                // the clients of one rule only), and a rate of 0 adds nothing: the discount
                // is computed once per distinct rate of the line.
                var lastRate: Int64 = 0, discount: Int64 = 0
                for p in 0..<count {
                    let rate = min(r[Record.rate(p)], top)
                    if rate != lastRate {
                        let (product, o2) = g.multipliedReportingOverflow(by: rate)
                        if o2 { throw PolicySums.overflow }
                        discount = PolicySums.byTenThousand(product)
                        lastRate = rate
                    }
                    let at = p &* width &+ index
                    if assumed[p] {
                        let slot = r[Record.slotted(p)]
                        if slot > 0 {
                            addAssumed(policy: p, client: c, assumption: Int32(slot), key: lines.categoryIDs[local],
                                       category: index, gross: g, discount: discount, cost: cost, costed: costed)
                            continue
                        }
                        add(own + at * 3, g, &o)
                        add(own + at * 3 + (costed ? 1 : 2), costed ? cost : g, &o)
                    }
                    if discount == 0 { continue }
                    add(r + Record.discount(p), discount, &o)
                    add(discounts + at * 2, discount, &o)
                    if !costed {
                        add(ud + (c &* count &+ p), discount, &o)
                        add(discounts + at * 2 + 1, discount, &o)
                    }
                }
            }
            if o { overflow = true }
        }
        }
        // The year's amounts to the period's, for the clients and policies no assumption
        // took (those are added, scaled, by `endYear`).
        for c32 in touched {
            let c = Int(c32), r = r0 + c * stride
            present[c] = true
            try addRecorded(r[Record.recorded], client: c)
            // Policy 0 is the reference (never assumed): the client's discount under it.
            referenceDiscount[c] &+= r[Record.discount(0)]
            for p in 0..<count where r[Record.slotted(p)] <= 0 {
                byClient[p][c] = byClient[p][c] + PolicyTotals(gross: r[Record.gross], discount: r[Record.discount(p)], cost: r[Record.cost],
                                                               uncostedGross: r[Record.uncostedGross],
                                                               uncostedDiscount: anyUncosted ? ud[c * count + p] : 0)
            }
        }
        for i in 0..<width where used[i] != 0 { categorySeen[i] = true }
        for p in 0..<count {
            for i in 0..<width {
                let at = p * width + i, base = (assumed[p] ? own + at * 3 : all + i * 3)
                byCategory[at] = byCategory[at] + PolicyTotals(gross: base[0], discount: discounts[at * 2], cost: base[1],
                                                               uncostedGross: base[2], uncostedDiscount: discounts[at * 2 + 1])
            }
        }
        if overflow { throw PolicySums.overflow }
    }

    /// Where `addFlat` keeps a client's year in its record (Int64 slots): the gross, cost of
    /// goods, gross of no known cost and recorded discount, whether it has orders, then per
    /// policy the client's rate, assumption (0: none) and discount. A whole number of cache
    /// lines.
    struct Record {
        static let gross = 0, cost = 1, uncostedGross = 2, recorded = 3, seen = 4
        @inline(__always) static func rate(_ p: Int) -> Int { 5 + 3 * p }
        @inline(__always) static func slotted(_ p: Int) -> Int { 6 + 3 * p }
        @inline(__always) static func discount(_ p: Int) -> Int { 7 + 3 * p }
        let stride: Int
        init(policies: Int) { stride = (5 + 3 * policies + 7) / 8 * 8 }
    }
}

/// Zeroed Int64 memory, freed by `release`.
struct ZeroedWords {
    let pointer: UnsafeMutablePointer<Int64>
    init(count: Int) {
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
    }
    func release() { pointer.deallocate() }
}
