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
        var uncostedDiscount = [Int64](repeating: 0, count: n * count)
        var touched: [Int32] = []
        // By policy × category index: gross, discount, cost, and the part of no known cost.
        var catGross = [Int64](repeating: 0, count: count * width), catDiscount = catGross, catCost = catGross
        var catUncostedGross = catGross, catUncostedDiscount = catGross
        var usedCategory = [Bool](repeating: false, count: width)
        // Cost of goods per basis point of gross, by category index (0 for no known cost).
        let costBP = (0..<width).map { $0 == none ? Int64(0) : 10_000 - categories.margins[$0] }
        let ceiling = ceilings ?? Array(repeating: Int64.max, count: width)
        var overflow = false, rows = 0
        let day = lines.day, client = lines.client, start = lines.start, category = lines.category, gross = lines.gross
        let ahead = 8, total = lines.count
        @inline(__always) func position(_ k: Int) -> Int { remap.map { Int($0[Int(client[k])]) } ?? Int(client[k]) }
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
            for e in Int(start[k])..<Int(start[k + 1]) {
                let local = Int(category[e]), g = gross[e], index = tableIndex[local]
                let costed = index != none
                usedCategory[index] = true
                let (costProduct, o1) = g.multipliedReportingOverflow(by: costBP[index])
                if o1 { throw PolicySums.overflow }
                let cost = PolicySums.byTenThousand(costProduct)
                var o = false, x: (partialValue: Int64, overflow: Bool)
                x = r[Record.gross].addingReportingOverflow(g); r[Record.gross] = x.partialValue; o = o || x.overflow
                if costed {
                    x = r[Record.cost].addingReportingOverflow(cost); r[Record.cost] = x.partialValue; o = o || x.overflow
                } else {
                    x = r[Record.uncostedGross].addingReportingOverflow(g); r[Record.uncostedGross] = x.partialValue; o = o || x.overflow
                }
                let top = ceiling[index]
                for p in 0..<count {
                    let (product, o2) = g.multipliedReportingOverflow(by: min(r[Record.rate(p)], top))
                    if o2 { throw PolicySums.overflow }
                    let discount = PolicySums.byTenThousand(product)
                    let slot = r[Record.slotted(p)]
                    if slot > 0 {
                        addAssumed(policy: p, client: c, assumption: Int32(slot), key: lines.categoryIDs[local],
                                   category: index, gross: g, discount: discount, cost: cost, costed: costed)
                        continue
                    }
                    x = r[Record.discount(p)].addingReportingOverflow(discount); r[Record.discount(p)] = x.partialValue; o = o || x.overflow
                    let at = p &* width &+ index
                    x = catDiscount[at].addingReportingOverflow(discount); catDiscount[at] = x.partialValue; o = o || x.overflow
                    x = catGross[at].addingReportingOverflow(g); catGross[at] = x.partialValue; o = o || x.overflow
                    if costed {
                        x = catCost[at].addingReportingOverflow(cost); catCost[at] = x.partialValue; o = o || x.overflow
                    } else {
                        let u = c &* count &+ p
                        x = uncostedDiscount[u].addingReportingOverflow(discount); uncostedDiscount[u] = x.partialValue; o = o || x.overflow
                        x = catUncostedGross[at].addingReportingOverflow(g); catUncostedGross[at] = x.partialValue; o = o || x.overflow
                        x = catUncostedDiscount[at].addingReportingOverflow(discount)
                        catUncostedDiscount[at] = x.partialValue; o = o || x.overflow
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
                                                               uncostedDiscount: uncostedDiscount[c * count + p])
            }
        }
        for i in 0..<width where usedCategory[i] { categorySeen[i] = true }
        for at in 0..<(count * width) {
            byCategory[at] = byCategory[at] + PolicyTotals(gross: catGross[at], discount: catDiscount[at], cost: catCost[at],
                                                           uncostedGross: catUncostedGross[at], uncostedDiscount: catUncostedDiscount[at])
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
