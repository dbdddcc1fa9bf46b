import Foundation
import ClienteleCore

/// The categories of a store by dense index; the last index is no category (orders without
/// lines) or one no longer known, named "(none)": its cost of goods is unknown.
struct CategoryTable {
    var names: [String] = []
    var margins: [Int64] = []
    var index: [Int64: Int] = [:]

    /// Per category: the largest discount rate (basis points) that leaves the category's
    /// minimum margin, nil when it has none: with margin M and minimum m (of net revenue),
    /// net = gross × (1 − r) and cost = gross × (1 − M), so (net − cost) / net ≥ m exactly
    /// when r ≤ (M − m) / (1 − m), rounded down to a basis point.
    var maxRates: [Int64?] = []

    init(_ tx: any StoreTransaction) throws {
        // A store opened read-only before v15-rule-kinds has no minimum margins.
        let floors = (try? tx.fetchOne("SELECT min_margin_bp FROM categories LIMIT 1")) != nil
        try tx.stream("SELECT id, name, margin_bp\(floors ? ", min_margin_bp" : "") FROM categories", .none) { row in
            guard let id = row[0].int64, let name = row[1].string, let margin = row[2].int64 else {
                throw RuntimeError.message("a category has no id, name or margin")
            }
            index[id] = names.count
            names.append(name)
            margins.append(margin)
            maxRates.append(floors ? row[3].int64.map { CategoryTable.maxRate(margin: margin, floor: $0) } : nil)
        }
        names.append(CategoryTable.noneName)
        margins.append(0)
        maxRates.append(nil)
    }

    static func maxRate(margin: Int64, floor: Int64) -> Int64 {
        guard margin > floor, floor < 10_000 else { return 0 }
        return min(10_000, (margin - floor) * 10_000 / (10_000 - floor))
    }

    var none: Int { names.count - 1 }
    static let noneName = "(none)"
}

/// Sums the rows of `yearQuery` (one row per order line, in order id order) for every
/// policy of an evaluation, with the arithmetic the SQL used to do (docs/discounts.md):
/// the lines of an order are summed per category, discount = gross × rate rounded half away
/// from zero, cost of goods = gross × (1 − category margin) rounded the same way (the same
/// under every policy), margin = net − cost; then per
/// client and year a scenario's volume assumption scales each of the client's category
/// totals by its uplift.
///
/// Memory: the totals over the period by client position (gross, cost and gross of no known
/// cost once, the discount and its part of no known cost per policy: `ClientTotals`), the
/// reference discount of the year by client, and per category totals only for
/// the clients a volume assumption applies to (the uplift is known at the year's end and
/// rounds per client and category).
struct PolicySums {
    let policies: [Policy]
    let categories: CategoryTable
    let clients: ClientList
    var count: Int { policies.count }

    // Read and written by `addFlat` (PolicyFlatSums.swift) too.
    /// Over the period, by client position: gross, cost of goods and gross of no known
    /// cost, every policy's but where a volume assumption scaled them (`adjusted`).
    let shared: ClientTotals.Shared
    /// Over the period, by policy then client position: the discount, and its part of no known cost.
    var clientDiscount: [[Int64]]
    var clientUncostedDiscount: [[Int64]]
    /// By policy: what a volume assumption added to the shared amounts of a client (gross,
    /// cost, uncosted gross; a few clients).
    var adjusted: [[Int32: PolicyTotals]]
    /// Whether a client's sum went past 64 bits.
    var clientOverflow = false
    var present: [Bool]
    /// Over the period, by policy × category index.
    var byCategory: [PolicyTotals]
    var categorySeen: [Bool]
    /// Over the period, by client position: the discounts recorded on the orders (what was
    /// actually given).
    private(set) var recordedDiscount: [Int64]
    /// Indexes of the assumptions that changed some client's volume, by policy.
    private(set) var used: [Set<Int>]

    /// This year: policy 0's discount by client.
    var referenceDiscount: [Int64]
    /// This year, for each policy with assumptions: the assumption (1-based) by client, and
    /// the client's slot of category totals (-1: none yet).
    private(set) var assumption: [[Int32]]
    private var slotOf: [[Int32]]
    private var slotClients: [[Int32]]
    private var slots: [[PolicyTotals]]
    /// Category totals of assumed clients for categories not in the table (by raw id).
    private var unknown: [UnknownKey: PolicyTotals] = [:]
    private struct UnknownKey: Hashable { var policy: Int; var client: Int32; var category: Int64 }
    /// Slot width: the known categories plus no category.
    var width: Int { categories.names.count }
    /// Whether some policy has assumptions (else every order's totals go straight to the sums).
    private let anyAssumed: Bool

    init(policies: [Policy], categories: CategoryTable, clients: ClientList) {
        self.policies = policies; self.categories = categories; self.clients = clients
        let n = clients.count, count = policies.count
        shared = ClientTotals.Shared(count: n)
        clientDiscount = Array(repeating: Array(repeating: 0, count: n), count: count)
        clientUncostedDiscount = clientDiscount
        adjusted = Array(repeating: [:], count: count)
        present = Array(repeating: false, count: n)
        recordedDiscount = Array(repeating: 0, count: n)
        byCategory = Array(repeating: PolicyTotals(), count: count * categories.names.count)
        categorySeen = Array(repeating: false, count: categories.names.count)
        used = Array(repeating: [], count: count)
        referenceDiscount = Array(repeating: 0, count: n)
        let assumed = policies.indices.map { $0 > 0 && !policies[$0].assumptions.isEmpty }
        anyAssumed = assumed.contains(true)
        assumption = assumed.map { $0 ? Array(repeating: 0, count: n) : [] }
        slotOf = assumed.map { $0 ? Array(repeating: -1, count: n) : [] }
        slotClients = Array(repeating: [], count: count)
        slots = Array(repeating: [], count: count)
    }

    static let overflow = RuntimeError.message("an amount is too large to compute exactly")

    /// Reads the rows of one year's statement: order id, client id, category id, line gross,
    /// the order's recorded discount, then per policy the client's assumption (1-based, 0: none) and the line's rate in
    /// basis points. Read cell by cell (`StoreRow`): millions of rows as arrays of values
    /// would cost more than the query.
    mutating func addYear(_ sql: String, _ arguments: SQLArguments, in tx: any StoreTransaction) throws {
        let count = self.count
        // The current order's lines, summed per category id (Int64.min: no category).
        var keys: [Int64] = [], gross: [Int64] = [], rates: [Int64] = []
        var orderID: Int64 = 0, client = -1
        var assumptions = Array(repeating: Int32(0), count: count)
        var started = false, rows = 0
        try tx.scan(sql, arguments) { handle in
            try Interruption.check(.policySums, every: &rows)
            let id = handle.int64(0)
            if !started || id != orderID {
                if started { try addOrder(client: client, assumptions: assumptions, keys: keys, gross: gross, rates: rates) }
                keys.removeAll(keepingCapacity: true); gross.removeAll(keepingCapacity: true); rates.removeAll(keepingCapacity: true)
                started = true
                orderID = id
                guard let p = clients.position(of: handle.int64(1)) else {
                    throw RuntimeError.message("an order refers to a client that does not exist")
                }
                client = p
                let (sum, o) = recordedDiscount[p].addingReportingOverflow(handle.int64(4))
                if o { throw PolicySums.overflow }
                recordedDiscount[p] = sum
                for q in 0..<count { assumptions[q] = Int32(truncatingIfNeeded: handle.int64(5 + 2 * q)) }
            }
            let key = handle.kind(2) == .null ? Int64.min : handle.int64(2)
            let g = handle.int64(3)
            if let k = keys.firstIndex(of: key) {
                let (s, o) = gross[k].addingReportingOverflow(g)
                if o { throw PolicySums.overflow }
                gross[k] = s
            } else {
                keys.append(key); gross.append(g)
                for q in 0..<count { rates.append(handle.int64(6 + 2 * q)) }
            }
        }
        if started { try addOrder(client: client, assumptions: assumptions, keys: keys, gross: gross, rates: rates) }
        try endYear()
    }

    /// An order whose lines have a rate per category and policy (`rates[r * count + p]`).
    mutating func addOrder(client c: Int, assumptions: [Int32], keys: [Int64], gross: [Int64], rates: [Int64]) throws {
        let count = self.count
        var discounts = rates
        for r in keys.indices {
            for p in 0..<count { discounts[r * count + p] = try PolicySums.rounded(gross[r], times: rates[r * count + p]) }
        }
        let indexes = keys.map { $0 == Int64.min ? categories.none : categories.index[$0] ?? categories.none }
        try addOrder(client: c, assumptions: assumptions, keys: keys, indexes: indexes, gross: gross, discounts: discounts)
    }

    /// Policy `p`'s totals over the clients with orders (the differences of the clients an
    /// assumption scaled are theirs: summed apart).
    func total(policy p: Int) -> PolicyTotals {
        var sums = [Int64](repeating: 0, count: 5), o = false
        let columns = [shared.gross, clientDiscount[p], shared.cost, shared.uncostedGross, clientUncostedDiscount[p]]
        for k in 0..<5 {
            let column = columns[k]
            var sum: Int64 = 0
            for c in present.indices where present[c] {
                let x = sum.addingReportingOverflow(column[c])
                sum = x.partialValue
                if x.overflow { o = true }
            }
            sums[k] = sum
        }
        var t = PolicyTotals(gross: sums[0], discount: sums[1], cost: sums[2], uncostedGross: sums[3], uncostedDiscount: sums[4], overflowed: o)
        for (_, a) in adjusted[p] { t = t + a }
        return t
    }

    /// Adds amounts to client `c`'s shared gross, cost and gross of no known cost.
    @inline(__always)
    mutating func addShared(client c: Int, gross g: Int64, cost: Int64, uncostedGross u: Int64) {
        let a = shared.gross[c].addingReportingOverflow(g), b = shared.cost[c].addingReportingOverflow(cost)
        let d = shared.uncostedGross[c].addingReportingOverflow(u)
        shared.gross[c] = a.partialValue; shared.cost[c] = b.partialValue; shared.uncostedGross[c] = d.partialValue
        if a.overflow || b.overflow || d.overflow { clientOverflow = true }
    }

    /// Adds a discount (and its part of no known cost) to client `c` under policy `p`.
    @inline(__always)
    mutating func addDiscount(policy p: Int, client c: Int, _ d: Int64, uncosted u: Int64) {
        let a = clientDiscount[p][c].addingReportingOverflow(d), b = clientUncostedDiscount[p][c].addingReportingOverflow(u)
        clientDiscount[p][c] = a.partialValue; clientUncostedDiscount[p][c] = b.partialValue
        if a.overflow || b.overflow { clientOverflow = true }
    }

    /// An order's recorded discount (what was actually given), to its client.
    mutating func addRecorded(_ amount: Int64, client p: Int) throws {
        let (sum, o) = recordedDiscount[p].addingReportingOverflow(amount)
        if o { throw PolicySums.overflow }
        recordedDiscount[p] = sum
    }

    /// One order's lines summed per category (`keys`: category ids, Int64.min for none;
    /// `indexes`: their indexes in `categories`), with each policy's discount of each
    /// category (`discounts[r * count + p]`): discount and margin per policy.
    mutating func addOrder(client c: Int, assumptions: [Int32], keys: [Int64], indexes: [Int], gross: [Int64], discounts: [Int64]) throws {
        present[c] = true
        let width = self.width, none = categories.none
        for (r, key) in keys.enumerated() {
            let category = indexes[r]
            categorySeen[category] = true
            let g = gross[r], costed = category != none
            // Cost of goods: fixed by what was sold, the same under every policy.
            let cost = costed ? try PolicySums.rounded(g, times: 10_000 - categories.margins[category]) : 0
            // Wraps only when this client's gross sum overflows too, which is reported.
            referenceDiscount[c] &+= discounts[r * count]
            addShared(client: c, gross: g, cost: cost, uncostedGross: costed ? 0 : g)
            for p in 0..<count {
                let d = discounts[r * count + p]
                guard anyAssumed, !assumption[p].isEmpty, assumptions[p] > 0 else {
                    // Totals added in place (no assumption applies to this client under p).
                    addDiscount(policy: p, client: c, d, uncosted: costed ? 0 : d)
                    byCategory[p * width + category].add(gross: g, discount: d, cost: cost, costed: costed)
                    continue
                }
                addAssumed(policy: p, client: c, assumption: assumptions[p], key: key, category: category, gross: g, discount: d,
                           cost: cost, costed: costed)
            }
        }
    }

    /// A line of category `key` (its index `category`) of client `c`'s order under policy
    /// `p`, whose assumption (1-based) applies to the client this year: kept per category
    /// until the year's end scales it (`endYear`).
    mutating func addAssumed(policy p: Int, client c: Int, assumption a: Int32, key: Int64, category: Int, gross g: Int64,
                             discount d: Int64, cost: Int64, costed: Bool) {
        let width = self.width
        let t = costed ? PolicyTotals(gross: g, discount: d, cost: cost) : PolicyTotals.uncosted(gross: g, discount: d)
        assumption[p][c] = a
        if slotOf[p][c] < 0 {
            slotOf[p][c] = Int32(slotClients[p].count)
            slotClients[p].append(Int32(c))
            slots[p].append(contentsOf: repeatElement(PolicyTotals(), count: width))
        }
        if key == Int64.min || category != categories.none {
            let s = Int(slotOf[p][c]) * width + category
            slots[p][s] = slots[p][s] + t
        } else {
            unknown[UnknownKey(policy: p, client: Int32(c), category: key), default: PolicyTotals()] += t
        }
    }

    /// The year's volume assumptions: each assumed client's category totals scaled by its
    /// uplift against the reference discount, then the year's per-client state cleared.
    mutating func endYear() throws {
        let width = self.width
        var unknownBySlot: [UnknownKey: [(Int64, PolicyTotals)]] = [:]
        for (k, t) in unknown { unknownBySlot[UnknownKey(policy: k.policy, client: k.client, category: 0), default: []].append((k.category, t)) }
        for p in 0..<count where !assumption[p].isEmpty {
            for (s, c32) in slotClients[p].enumerated() {
                let c = Int(c32)
                let extra = unknownBySlot[UnknownKey(policy: p, client: c32, category: 0)] ?? []
                var mine = PolicyTotals()
                for i in 0..<width { mine = mine + slots[p][s * width + i] }
                for (_, t) in extra { mine = mine + t }
                let a = Int(assumption[p][c]) - 1
                let uplift = try PolicyEvaluator.upliftBP(elasticityBP: policies[p].assumptions[a].elasticityBP, gross: mine.gross,
                                                      discount: mine.discount, referenceDiscount: referenceDiscount[c])
                if uplift != 0 { used[p].insert(a) }
                var client = PolicyTotals()
                for i in 0..<width {
                    let t = try PolicyEvaluator.scaled(slots[p][s * width + i], byBP: uplift)
                    client = client + t
                    byCategory[p * width + i] = byCategory[p * width + i] + t
                }
                for (_, t) in extra {
                    let scaled = try PolicyEvaluator.scaled(t, byBP: uplift)
                    client = client + scaled
                    byCategory[p * width + categories.none] = byCategory[p * width + categories.none] + scaled
                }
                // The shared amounts hold the client's lines unscaled (`mine`): the difference
                // is this policy's own; its discount is all its own.
                if client.overflowed || mine.overflowed { clientOverflow = true }
                addDiscount(policy: p, client: c, client.discount, uncosted: client.uncostedDiscount)
                let change = PolicyTotals(gross: client.gross &- mine.gross, cost: client.cost &- mine.cost,
                                          uncostedGross: client.uncostedGross &- mine.uncostedGross)
                if change.gross != 0 || change.cost != 0 || change.uncostedGross != 0 {
                    let sum = adjusted[p][c32, default: PolicyTotals()] + change
                    if sum.overflowed { clientOverflow = true }
                    adjusted[p][c32] = sum
                }
                slotOf[p][c] = -1
                assumption[p][c] = 0
            }
            slotClients[p].removeAll(keepingCapacity: true)
            slots[p].removeAll(keepingCapacity: true)
        }
        unknown.removeAll()
        for i in referenceDiscount.indices { referenceDiscount[i] = 0 }
    }

    /// x × bp / 10000, rounded half away from zero; throws on overflow.
    @inline(__always) static func rounded(_ x: Int64, times bp: Int64) throws -> Int64 {
        let (product, overflow) = x.multipliedReportingOverflow(by: bp)
        if overflow { throw PolicySums.overflow }
        return byTenThousand(product)
    }

    /// `DecimalText.roundedDivide(n, by: 10_000)`, with the divisor a constant the compiler
    /// turns into a multiplication (a division per line and policy was a good part of the
    /// pricing's time).
    /// Without branches: whether a remainder rounds up is as good as random, and a
    /// mispredicted branch per line and policy cost more than the arithmetic.
    @inline(__always) static func byTenThousand(_ n: Int64) -> Int64 {
        let q = n / 10_000, r = n &- q &* 10_000
        let m = r < 0 ? 0 &- r : r
        let away: Int64 = m >= 5_000 ? 1 : 0
        return q &+ away &* ((n >> 63) | 1)
    }

    /// The results, one per policy (classes and assumptions' text are filled in by the caller).
    /// Throws when a sum went past 64 bits.
    func evaluations(period: DateRange) throws -> [PolicyEvaluation] {
        try policies.indices.map { p in
            var e = PolicyEvaluation(policy: policies[p].name, period: period)
            e.byClient = ClientTotals(clients: clients, shared: shared, discount: clientDiscount[p],
                                      uncostedDiscount: clientUncostedDiscount[p], adjusted: adjusted[p], present: present)
            e.recordedDiscount = recordedDiscount
            e.total = total(policy: p)
            for (i, name) in categories.names.enumerated() where categorySeen[i] {
                e.byCategory[name, default: PolicyTotals()] = e.byCategory[name, default: PolicyTotals()] + byCategory[p * width + i]
            }
            if e.total.overflowed || e.byCategory.values.contains(where: \.overflowed) || clientOverflow { throw PolicySums.overflow }
            return e
        }
    }
}

extension PolicyTotals {
    static func += (a: inout PolicyTotals, b: PolicyTotals) { a = a + b }

    /// Adds a line of gross `g`, discount `d` and cost of goods `cost` (`costed`), or of no
    /// known cost: the same as `self + PolicyTotals(...)` or `self + .uncosted(...)`, in place.
    @inline(__always)
    mutating func add(gross g: Int64, discount d: Int64, cost c: Int64, costed: Bool) {
        let a = gross.addingReportingOverflow(g), b = discount.addingReportingOverflow(d)
        gross = a.partialValue; discount = b.partialValue
        var o = a.overflow || b.overflow
        if costed {
            let x = cost.addingReportingOverflow(c)
            cost = x.partialValue; o = o || x.overflow
        } else {
            let x = uncostedGross.addingReportingOverflow(g), y = uncostedDiscount.addingReportingOverflow(d)
            uncostedGross = x.partialValue; uncostedDiscount = y.partialValue; o = o || x.overflow || y.overflow
        }
        if o { overflowed = true }
    }
}
