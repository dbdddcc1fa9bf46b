import ClienteleCore

extension PolicySums {
    /// Prices and sums the orders of `lines` dated from day `from` to day `to` under every
    /// policy when each policy's rate depends on the client only (no rule tests the order
    /// or the line, no fixed amounts, no limits per order or client): line discount =
    /// gross × min(`rates[p * n + c]`, the category's ceiling) rounded half away from zero,
    /// the arithmetic of `addOrder` (PolicyFlatSumsTests compare the two paths).
    ///
    /// What does not depend on the policy is done once per line: the gross, the cost of
    /// goods, the client's and the category's shares of them; per policy only the
    /// discount, computed once per distinct rate of the line (policies often give a client
    /// the same rate: a sweep's values differ for one rule's clients only), nothing added
    /// for a rate of 0. The lines come grouped by client (`PolicyLines`): a client's amounts
    /// are summed in a few local values while its orders follow each other and added to the
    /// period's totals when the next client starts, so nothing per client is held but the
    /// totals themselves (a client met again later is simply added again). Lines of
    /// clients a volume assumption applies to go, as in `addOrder`, to the year's
    /// per-category slots.
    ///
    /// `remap`: client positions of `lines` in this evaluation's list (nil: the same list);
    /// `tableIndex`: the category index in `categories` of each of the lines' categories;
    /// `ceilings`: the largest rate per category index (nil: no minimum margins);
    /// `assumptions[p]`: policy p's assumption (1-based, 0: none) by client (empty: none).
    mutating func addFlat(_ lines: PolicyLines, from: Int, to: Int, rates: [Int64], remap: [Int32]?, tableIndex: [Int],
                          ceilings: [Int64]?, assumptions: [[Int32]]) throws {
        let n = clients.count, count = self.count, width = self.width, none = categories.none
        // Policies that keep an assumed client's lines apart.
        let assumed = (0..<count).map { p in !assumption[p].isEmpty && !assumptions[p].isEmpty }
        // By category index: gross, cost and gross of no known cost of every line (`all`),
        // and of the lines no assumption took, for the policies with assumptions (`own`);
        // by policy and category index: the discount, and the part of no known cost; then
        // per category index the cost per basis point of gross, the largest rate, whether
        // seen; then the current client's rate, assumption, discount and discount of no
        // known cost per policy.
        let memory = ZeroedWords(count: width * 3 + count * width * 5 + width * 3 + count * 4)
        defer { memory.release() }
        let all = memory.pointer, own = all + width * 3, discounts = own + count * width * 3
        let costBP = discounts + count * width * 2, ceiling = costBP + width, used = ceiling + width
        let rate = used + width, slotted = rate + count, discount = slotted + count, uncostedDiscount = discount + count
        for i in 0..<width {
            costBP[i] = i == none ? 0 : 10_000 - categories.margins[i]
            ceiling[i] = ceilings?[i] ?? Int64.max
        }
        // The current client's year so far.
        var current = -1, gross: Int64 = 0, cost: Int64 = 0, uncostedGross: Int64 = 0, recorded: Int64 = 0
        var overflow = false, rows = 0

        /// Adds the current client's amounts to the period's totals.
        func flush(_ sums: inout PolicySums) throws {
            guard current >= 0 else { return }
            let c = current
            sums.present[c] = true
            try sums.addRecorded(recorded, client: c)
            // Policy 0 is the reference (never assumed): the client's discount under it.
            sums.referenceDiscount[c] &+= discount[0]
            // Every line, whatever the policy (a policy whose assumption takes the client's
            // lines adds its own difference at the year's end: `endYear`).
            sums.addShared(client: c, gross: gross, cost: cost, uncostedGross: uncostedGross)
            for p in 0..<count where slotted[p] <= 0 {
                sums.addDiscount(policy: p, client: c, discount[p], uncosted: uncostedDiscount[p])
            }
        }
        @inline(__always) func add(_ p: UnsafeMutablePointer<Int64>, _ v: Int64, _ o: inout Bool) {
            let x = p.pointee.addingReportingOverflow(v)
            p.pointee = x.partialValue
            if x.overflow { o = true }
        }
        @inline(__always) func add(_ total: inout Int64, _ v: Int64, _ o: inout Bool) {
            let x = total.addingReportingOverflow(v)
            total = x.partialValue
            if x.overflow { o = true }
        }
        let day = lines.day, client = lines.client, start = lines.start, category = lines.category, lineGross = lines.gross
        try tableIndex.withUnsafeBufferPointer { tableIndex in
        try rates.withUnsafeBufferPointer { rates in
        // A block of orders at a time: a mapped file's pages go back once the pass is done with them.
        var block = 0
        while block < lines.count {
        let blockEnd = min(lines.count, block + 65_536)
        for k in block..<blockEnd {
            let d = Int(day[k])
            guard d >= from && d <= to else { continue }
            try Interruption.check(.policySums, every: &rows)
            let c = remap.map { Int($0[Int(client[k])]) } ?? Int(client[k])
            guard c >= 0 else { throw RuntimeError.message("an order refers to a client that does not exist") }
            if c != current {
                try flush(&self)
                current = c
                gross = 0; cost = 0; uncostedGross = 0; recorded = 0
                for p in 0..<count {
                    rate[p] = rates[p &* n &+ c]
                    slotted[p] = assumed[p] ? Int64(assumptions[p][c]) : 0
                    discount[p] = 0
                    uncostedDiscount[p] = 0
                }
            }
            let given = recorded.addingReportingOverflow(lines.recordedDiscount[k])
            if given.overflow { throw PolicySums.overflow }
            recorded = given.partialValue
            var o = false
            for e in Int(start[k])..<Int(start[k + 1]) {
                let local = Int(category[e]), g = lineGross[e], index = tableIndex[local]
                let costed = index != none
                used[index] = 1
                let (costProduct, o1) = g.multipliedReportingOverflow(by: costBP[index])
                if o1 { throw PolicySums.overflow }
                let lineCost = PolicySums.byTenThousand(costProduct)
                add(&gross, g, &o)
                add(all + index * 3, g, &o)
                if costed {
                    add(&cost, lineCost, &o)
                    add(all + index * 3 + 1, lineCost, &o)
                } else {
                    add(&uncostedGross, g, &o)
                    add(all + index * 3 + 2, g, &o)
                }
                let top = ceiling[index]
                var lastRate: Int64 = 0, lineDiscount: Int64 = 0
                for p in 0..<count {
                    let r = min(rate[p], top)
                    if r != lastRate {
                        let (product, o2) = g.multipliedReportingOverflow(by: r)
                        if o2 { throw PolicySums.overflow }
                        lineDiscount = PolicySums.byTenThousand(product)
                        lastRate = r
                    }
                    let at = p &* width &+ index
                    if assumed[p] {
                        if slotted[p] > 0 {
                            addAssumed(policy: p, client: c, assumption: Int32(slotted[p]), key: lines.categoryIDs[local],
                                       category: index, gross: g, discount: lineDiscount, cost: lineCost, costed: costed)
                            continue
                        }
                        add(own + at * 3, g, &o)
                        add(own + at * 3 + (costed ? 1 : 2), costed ? lineCost : g, &o)
                    }
                    if lineDiscount == 0 { continue }
                    add(discount + p, lineDiscount, &o)
                    add(discounts + at * 2, lineDiscount, &o)
                    if !costed {
                        add(uncostedDiscount + p, lineDiscount, &o)
                        add(discounts + at * 2 + 1, lineDiscount, &o)
                    }
                }
            }
            if o { overflow = true }
        }
        lines.passed(block..<blockEnd)
        block = blockEnd
        }
        }
        }
        try flush(&self)
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
