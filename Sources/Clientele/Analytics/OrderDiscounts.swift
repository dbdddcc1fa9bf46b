import ClienteleCore

/// One policy's discounts of one order's categories, as the fixed amounts and the limits
/// change them. Every split is exact: an amount is shared in proportion to weights, whole
/// minor units, the remainder to the largest fractions (then the first category).
struct OrderDiscounts {
    struct Limits {
        var perOrder: Int64, perClient: Int64
        init(_ settings: StoreSettings) {
            perOrder = settings.values["discount.max_per_order"] == nil ? 0 : settings.money("discount.max_per_order").minorUnits
            perClient = settings.values["discount.max_per_client"] == nil ? 0 : settings.money("discount.max_per_client").minorUnits
        }
    }

    let policy: Int, count: Int
    let gross: [Int64]
    var amounts: [Int64]
    var total: Int64 { amounts.reduce(0, &+) }

    init(policy: Int, count: Int, gross: [Int64], discounts: [Int64]) {
        self.policy = policy; self.count = count; self.gross = gross
        amounts = gross.indices.map { discounts[$0 * count + policy] }
    }

    func write(into discounts: inout [Int64]) {
        for r in amounts.indices { discounts[r * count + policy] = amounts[r] }
    }

    /// Fixed amounts off the order: a category's own to that category's lines, the others to
    /// all, each at most what is left below the categories' `room` (gross, or the discount the
    /// minimum margin allows).
    mutating func addFixed(_ fixed: [(amount: Int64, category: Int64?)], keys: [Int64], room: [Int64]) throws {
        for (amount, category) in fixed.sorted(by: { ($0.category == nil ? 1 : 0) < ($1.category == nil ? 1 : 0) }) {
            let left = amounts.indices.map { r in category == nil || keys[r] == category ? max(0, room[r] - amounts[r]) : 0 }
            let available = left.reduce(0, &+)
            guard available > 0 else { continue }
            let parts = try OrderDiscounts.split(min(amount, available), by: left)
            for r in amounts.indices { amounts[r] += parts[r] }
        }
    }

    /// The order's discount brought down to `limit`, each category in proportion.
    mutating func limit(to limit: Int64) throws {
        // An order with a negative line (a correction) is left as it is.
        guard total > limit, !amounts.contains(where: { $0 < 0 }) else { return }
        amounts = try OrderDiscounts.split(limit, by: amounts)
    }

    /// `amount` shared in proportion to `weights` (all ≥ 0, some > 0), in whole units.
    static func split(_ amount: Int64, by weights: [Int64]) throws -> [Int64] {
        let sum = weights.reduce(Int64(0)) { $0 &+ $1 }
        guard sum > 0 else { return weights.map { _ in 0 } }
        var parts: [Int64] = [], remainders: [(Int64, Int)] = []
        for (i, w) in weights.enumerated() {
            let product = amount.multipliedFullWidth(by: w)
            guard product.high < sum else { throw PolicySums.overflow }
            let (q, r) = sum.dividingFullWidth(product)
            parts.append(q)
            remainders.append((r, i))
        }
        var left = amount - parts.reduce(0, &+)
        for (_, i) in remainders.sorted(by: { ($0.0, -$0.1) > ($1.0, -$1.1) }) where left > 0 {
            parts[i] += 1
            left -= 1
        }
        return parts
    }
}
