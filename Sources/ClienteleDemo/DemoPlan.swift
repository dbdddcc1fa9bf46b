import Foundation
import ClienteleCore

/// The economics of one demo client: how much and how often it buys, when it started and
/// stopped, how it pays. Text (names, addresses) lives in `DemoNames`; rows are written by
/// `DemoData`.
struct DemoClientPlan {
    enum Intent { case potential, new, active, lost }

    /// 0 wholesaler, 1 retail chain, 2 retail point (index into `DemoPlanner.salesTypes`).
    var salesType = 2
    var outlets = 1
    var mallOutlets = 0
    /// Expected net turnover per year, minor units.
    var annualMinor = 0.0
    var ordersPerYear = 0.0
    /// Discount tier in basis points (5% A-like, 3% B-like, 0).
    var tierBP: Int64 = 0
    var intent = Intent.active
    /// 0 disciplined, 1..3 the payment-risk group the client is meant to land in.
    var payProfile = 0
    var deferralDays = 14
    var activity = 0
    /// First and last order day (day numbers); unused for potential clients.
    var first = 0
    var last = 0
}

struct DemoOrder {
    var date = 0
    var due = 0
    /// 0 shipped, 1 returned, 2 cancelled.
    var status = 0
    var gross: Int64 = 0
    var discount: Int64 = 0
    var net: Int64 = 0
    /// Order lines: distinct categories, amounts summing exactly to `gross`.
    var lines: [(category: Int64, gross: Int64)] = []
    var outlet = 1
    /// Days the (full) payment comes after the due date; 0 = on time.
    var lateBy = 0
    /// No payment at all as of the end date (an overdue receivable when due < end).
    var unpaid = false
}

enum DemoPlanner {
    static let salesTypes = ["wholesaler", "retail chain", "retail point"]
    static let salesTypeWeights = [10, 25, 65]
    static let statusNames = ["shipped", "returned", "cancelled"]

    /// Relative order intensity per month (Jan..Dec): a dip in January and in summer, the
    /// autumn season and the New Year run-up strongest. Values are per 100.
    static let seasonality: [Int] = [60, 85, 100, 100, 90, 75, 70, 80, 115, 125, 130, 140]
    static let seasonMax = 140

    /// The default ABC thresholds (abc.a_min 500.00, abc.b_min 100.00) as minor units; the
    /// generator aims the clients' yearly volume around them so every class is populated.
    static let aMinMinor = 50_000.0
    static let bMinMinor = 10_000.0

    static func plan(_ r: inout DemoRandom, start: Int, end: Int) -> DemoClientPlan {
        var p = DemoClientPlan()
        p.salesType = r.weighted(salesTypeWeights)
        switch p.salesType {
        case 0:
            p.outlets = r.int(1...3)
            p.mallOutlets = r.chance(0.1) ? 1 : 0
        case 1:
            let u = r.unit()
            p.outlets = 3 + Int(37 * u * u * u)
            let v = r.unit()
            p.mallOutlets = min(p.outlets, Int(Double(p.outlets + 1) * v * v))
        default:
            p.outlets = r.chance(0.7) ? 1 : 2
            p.mallOutlets = r.chance(0.3) ? r.int(1...p.outlets) : 0
        }
        p.activity = r.weighted([34, 16, 22, 12, 16])

        // Volume: log-normal around the ABC thresholds, shifted by sales type, with a
        // Pareto tail of key accounts. Frequency follows volume loosely.
        let z = r.normal()
        let shift: Double = p.salesType == 0 ? 1.2 : p.salesType == 1 ? 0.5 : -0.25
        var annualMajor = exp(log(110.0) + 1.3 * z + shift)
        if r.chance(0.03) { annualMajor *= min(50, 1 / pow(max(r.unit(), 1e-9), 1 / 1.5)) }
        p.annualMinor = annualMajor * 100
        let freqFactor: Double = p.salesType == 0 ? 1.6 : p.salesType == 1 ? 1.3 : 0.85
        p.ordersPerYear = min(150, max(0.7, 10.5 * exp(0.55 * z + 0.35 * r.normal()) * freqFactor))
        // The client's expected class (for the corporate-card chance only); the discount on
        // each order follows the default rules on the client's real history (see `orders`).
        p.tierBP = p.annualMinor > aMinMinor ? 500 : p.annualMinor >= bMinMinor ? 300 : 0

        p.payProfile = r.weighted([60, 18, 12, 10])
        p.deferralDays = r.pick([10, 14, 14, 20, 21, 30, 30])

        // Status intent and the window of purchases.
        let span = end - start
        switch r.int(0...99) {
        case 0..<5:
            p.intent = .potential
        case 5..<10:
            p.intent = .new
            p.first = end - r.int(3...85)
            p.last = end
        case 10..<18 where span > 200:
            p.intent = .lost
            p.last = end - r.int(185...max(185, span - 5))
            p.first = max(start, p.last - r.int(20...500))
        default:
            p.intent = .active
            p.first = r.chance(0.7) ? start + r.int(0...20) : start + r.int(0...max(0, span - 120))
            p.first = min(p.first, end - 100)
            p.last = end
        }
        return p
    }

    /// The client's orders, in date order, with lateness and unpaid flags decided.
    static func orders(_ r: inout DemoRandom, plan p: DemoClientPlan, end: Int,
                       categories: [Int64], mainCategory: Int64?,
                       monthOf: (Int) -> Int, into out: inout [DemoOrder]) {
        out.removeAll(keepingCapacity: true)
        if p.intent == .potential { return }
        let days = Double(p.last - p.first + 1)
        let expected = p.ordersPerYear * days / 365.25
        let n = max(1, Int((expected * (0.75 + 0.5 * r.unit())).rounded()))

        var dates: [Int] = [p.first]
        dates.reserveCapacity(n + 2)
        let lo = p.first + 1
        let hi = p.intent == .lost ? p.last - 1 : p.last
        let sampled = p.intent == .lost ? n - 2 : n - 1
        if hi >= lo && sampled > 0 {
            for _ in 0..<sampled {
                while true {
                    let d = r.int(lo...hi)
                    if r.int(0...(seasonMax - 1)) < seasonality[monthOf(d) - 1] { dates.append(d); break }
                }
            }
        }
        if p.intent == .lost && p.last > p.first { dates.append(p.last) }
        dates.sort()
        if p.intent == .active && dates.last! < end - 150 {
            // An active client bought within the lost threshold (180 days).
            dates.append(end - r.int(0...150))
        }

        let meanGross = p.annualMinor / max(p.ordersPerYear, 0.7)
        let credit = Int64(20_000 * p.outlets) * (p.outlets >= 3 ? 3 : 2) / 2
        for (k, d) in dates.enumerated() {
            var o = DemoOrder()
            o.date = d
            o.due = d + (k == 0 ? 10 : p.deferralDays)   // first deal: 10 days (first_deal.deferral_days)
            let firstOrLast = k == 0 || k == dates.count - 1
            if !firstOrLast {
                let s = r.int(0...99)
                o.status = s < 2 ? 1 : s < 3 ? 2 : 0
            }
            var g = Int64(meanGross * exp(0.55 * r.normal() - 0.15125))
            if k == 0 { g = min(g, credit) }   // first-deal credit: 200.00 per outlet, chains 150 %
            o.gross = max(100, g)
            o.lines = lines(&r, gross: o.gross, categories: categories, mainCategory: mainCategory)
            // Rounded per line, as the discount engine rounds per order and category.
            let rate = Percent(basisPoints: defaultRuleDiscount(beforeYearOf: d, history: out))
            o.discount = o.lines.reduce(0) { $0 + rate.of(Money(minorUnits: $1.gross)).minorUnits }
            o.net = o.gross - o.discount
            o.outlet = r.int(1...p.outlets)
            out.append(o)
        }
        decidePayments(&r, profile: p.payProfile, end: end, orders: &out)
    }

    /// 1-3 distinct categories (the client's own line of business first, often), amounts
    /// summing exactly to the gross.
    static func lines(_ r: inout DemoRandom, gross: Int64, categories: [Int64], mainCategory: Int64?) -> [(category: Int64, gross: Int64)] {
        let k = 1 + r.weighted([45, 35, 20])
        var cats: [Int64] = []
        if let mainCategory, r.chance(0.6) { cats.append(mainCategory) }
        while cats.count < min(k, categories.count) {
            let c = r.pick(categories)
            if !cats.contains(c) { cats.append(c) }
        }
        let weights: [Int64] = cats.map { _ in Int64(r.int(20...100)) }
        let totalWeight = weights.reduce(0, +)
        var remaining = gross
        var out: [(category: Int64, gross: Int64)] = []
        for j in 0..<cats.count {
            let amount = j == cats.count - 1 ? remaining : gross * weights[j] / totalWeight
            remaining -= amount
            out.append((cats[j], amount))
        }
        return out
    }

    /// The discount the default rules ("Volume A" 5 % when abc == "A", "Volume B" 3 % when
    /// abc == "B", best-of) give an order dated `day`, judged as the discount engine judges it
    /// (docs/discounts.md): the client's ABC class over the previous calendar year, from the
    /// net amounts of its shipped orders then; no class without turnover; a client whose only
    /// shipped order so far is its first deal is C. So `compare baseline` on demo data
    /// reproduces the stored discounts.
    static func defaultRuleDiscount(beforeYearOf day: Int, history: [DemoOrder]) -> Int64 {
        let year = CalendarDate(dayNumber: day).year
        let yearStart = CalendarDate(year: year - 1, month: 1, day: 1)!.dayNumber
        let yearEnd = CalendarDate(year: year - 1, month: 12, day: 31)!.dayNumber
        var turnover: Int64 = 0
        var shippedSoFar = 0
        for o in history where o.status == 0 && o.date <= yearEnd {
            shippedSoFar += 1
            if o.date >= yearStart { turnover += o.net }
        }
        if turnover <= 0 || shippedSoFar == 1 { return 0 }
        if Double(turnover) > aMinMinor { return 500 }
        if Double(turnover) >= bMinMinor { return 300 }
        return 0
    }

    /// Marks which shipped orders are paid late (and by how much) or not at all, so the
    /// client lands in its intended payment-risk group (0: none; 1: <= 2 violations /
    /// <= 3 days; 2: <= 5 / <= 7; 3: worse).
    private static func decidePayments(_ r: inout DemoRandom, profile: Int, end: Int, orders: inout [DemoOrder]) {
        var eligible: [Int] = []
        for (i, o) in orders.enumerated() where o.status == 0 && o.due < end { eligible.append(i) }
        if eligible.isEmpty { return }
        func choose(_ k: Int) -> ArraySlice<Int> {
            let k = min(k, eligible.count)
            for i in 0..<k { eligible.swapAt(i, r.int(i...(eligible.count - 1))) }
            return eligible[0..<k]
        }
        switch profile {
        case 1:
            for i in choose(r.int(1...2)) { orders[i].lateBy = r.int(1...3) }
        case 2:
            let chosen = choose(r.int(1...5))
            for i in chosen { orders[i].lateBy = r.int(1...7) }
            if chosen.count < 3, let i = chosen.first { orders[i].lateBy = r.int(4...7) }
        case 3:
            var worst = 0
            for i in eligible where r.chance(0.3) {
                orders[i].lateBy = r.chance(0.5) ? r.int(1...7) : r.int(8...45)
                worst = max(worst, orders[i].lateBy)
            }
            if worst <= 7 { orders[eligible[r.int(0...(eligible.count - 1))]].lateBy = r.int(8...30) }
            if r.chance(0.4) {
                // Receivables: the latest one or two overdue orders are not paid at all.
                let last = eligible.max()!
                orders[last].unpaid = true
                if r.chance(0.5), let prev = eligible.filter({ $0 < last }).max() { orders[prev].unpaid = true }
            }
        default:
            break
        }
    }
}
