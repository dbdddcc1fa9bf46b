import ClienteleCore

/// Per client, for the orders of one calendar year: each distinct rule or assumption
/// condition of an evaluation (holds or not) and each tier basis, by column. One SQL
/// statement computes them for every policy (`PolicyEvaluator.clientConditions`); a
/// condition shared by several policies with the same settings (a sweep's ten values of one
/// rule) is one column.
struct ClientConditions {
    var holds: [[Bool]] = []
    /// The basis rounded down to a whole minor unit (tiers start at whole minor units, so
    /// `floor(v) >= from` exactly when `v >= from`); 0 when the client has none.
    var basis: [[Int64]] = []
}

/// Where one policy's rules and assumptions find their columns in `ClientConditions`, and
/// what each rule asks of an order line.
struct PolicyPlan {
    var rules: [DiscountRule]
    /// Per rule: its condition's column (nil: every client), its tier basis's column.
    var condition: [Int?] = []
    var basis: [Int?] = []
    /// Per assumption: its condition's column (nil: every client).
    var assumptions: [Int?] = []
    /// Per rule: the category id it is limited to (-1: a category the store does not have).
    var categoryID: [Int64?] = []

    /// Whether any rule depends on the order or the line (dates, season, minimum order, category).
    var hasLineTests: Bool { rules.contains { $0.validFrom != nil || $0.validTo != nil || $0.seasonMonths != nil || $0.minOrderMinor > 0 || $0.category != nil } }

    /// The rule's discount for client position `c`: 0 when its condition does not hold.
    func rate(_ i: Int, client c: Int, _ conditions: ClientConditions) -> Int64 {
        if let k = condition[i], !conditions.holds[k][c] { return 0 }
        let r = rules[i]
        if let tiers = r.tiers, !tiers.isEmpty {
            let value = basis[i].map { conditions.basis[$0][c] } ?? 0
            if r.tierMode == .marginal { return PolicyPlan.marginalRate(tiers, value) }
            for tier in tiers.reversed() where value >= tier.fromMinor { return tier.bp }
            return 0
        }
        return r.percentBP ?? 0
    }

    /// Marginal tiers: each tier's rate on the part of `value` inside the tier (from its
    /// threshold to the next one's), blended over the whole value and rounded half away from
    /// zero to a basis point. 0 for a value of 0 or less. Sums too large for 64 bits give the
    /// highest rate reached (what the blend tends to), never a wrong small one.
    static func marginalRate(_ tiers: [DiscountTier], _ value: Int64) -> Int64 {
        guard value > 0 else { return 0 }
        var sum: Int64 = 0, reached: Int64 = 0
        for (i, tier) in tiers.enumerated() where tier.fromMinor < value {
            let top = i + 1 < tiers.count ? min(value, tiers[i + 1].fromMinor) : value
            let part = top - max(0, tier.fromMinor)
            reached = tier.bp
            guard part > 0 else { continue }
            let (product, o1) = part.multipliedReportingOverflow(by: tier.bp)
            let (next, o2) = sum.addingReportingOverflow(product)
            if o1 || o2 { return reached }
            sum = next
        }
        return DecimalText.roundedDivide(sum, by: value)
    }

    /// The fixed-amount rules (indexes).
    var fixedRules: [Int] { rules.indices.filter { rules[$0].amountMinor != nil } }

    /// Whether rule `i`'s client condition holds for client position `c`.
    func conditionHolds(_ i: Int, client c: Int, _ conditions: ClientConditions) -> Bool {
        condition[i].map { conditions.holds[$0][c] } ?? true
    }

    /// The first assumption (1-based) that applies to client `c`, 0 when none does.
    func assumption(client c: Int, _ conditions: ClientConditions) -> Int32 {
        for (i, k) in assumptions.enumerated() where k.map({ conditions.holds[$0][c] }) ?? true { return Int32(i + 1) }
        return 0
    }

    /// Whether rule `i` applies to a line of category `category` (Int64.min: an order without
    /// lines) in an order of `day` (month `month`) and gross `orderGross`.
    func lineAllows(_ i: Int, day: Int, month: Int, orderGross: Int64, category: Int64) -> Bool {
        let r = rules[i]
        if let f = r.validFrom, day < f.dayNumber { return false }
        if let t = r.validTo, day > t.dayNumber { return false }
        if let months = r.seasonMonths, !months.contains(month) { return false }
        if r.minOrderMinor > 0, orderGross < r.minOrderMinor { return false }
        if let id = categoryID[i], category == Int64.min || category != id { return false }
        return true
    }
}

/// How the discounts of the rules that apply to one order line combine (docs/discounts.md):
/// the first applicable exclusive rule alone; otherwise the best of the best-of rules plus
/// the stacking rules, the sum limited by the smallest cap among the applicable stacking
/// rules but never below the best single discount; at most 100%. The same arithmetic as
/// `PolicyEvaluator.combination` writes in SQL (the tests compare the two).
struct RuleCombiner {
    let exclusive: [Int], best: [Int], stack: [Int]
    let caps: [(rule: Int, bp: Int64)]

    init(_ rules: [DiscountRule]) {
        exclusive = rules.indices.filter { rules[$0].combine == .exclusive }
        best = rules.indices.filter { rules[$0].combine == .best }
        stack = rules.indices.filter { rules[$0].combine == .stack }
        caps = stack.compactMap { i in rules[i].stackCapBP.map { (i, $0) } }
    }

    /// `rate(i)`: rule i's discount for the line, 0 when it does not apply.
    @inline(__always)
    func combine(_ rate: (Int) -> Int64) -> Int64 {
        for i in exclusive { let v = rate(i); if v > 0 { return v } }
        var top: Int64 = 0
        for i in best { top = max(top, rate(i)) }
        if stack.isEmpty { return min(10_000, top) }
        var sum: Int64 = 0
        for i in stack { sum &+= max(0, rate(i)) }
        var cap: Int64 = 10_000
        for c in caps where rate(c.rule) > 0 { cap = min(cap, c.bp) }
        return max(top, min(top &+ sum, cap))
    }
}
