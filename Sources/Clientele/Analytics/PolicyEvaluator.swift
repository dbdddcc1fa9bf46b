import Foundation
import ClienteleCore

/// Gross, discount and cost of goods of a set of order lines, in minor units.
///
/// Cost of goods is fixed by what was sold: gross at list price × (1 − the category's
/// margin), whatever the discount; a discount changes net revenue only, so
/// margin = net − cost. Lines whose cost is unknown (orders without lines, or of a category
/// no longer known) are counted in gross and discount, and apart in `uncostedGross` and
/// `uncostedDiscount`: margin covers only the lines with a cost.
struct PolicyTotals: Equatable, Sendable {
    var gross: Int64 = 0
    var discount: Int64 = 0
    var cost: Int64 = 0
    var uncostedGross: Int64 = 0
    var uncostedDiscount: Int64 = 0
    /// Set when a sum went past 64 bits: the totals are then meaningless, and
    /// `PolicySums.evaluations` reports "an amount is too large to compute exactly" instead.
    var overflowed = false
    var net: Int64 { gross &- discount }
    /// Net revenue of the lines with a known cost, less their cost of goods.
    var margin: Int64 { (gross &- uncostedGross) &- (discount &- uncostedDiscount) &- cost }
    /// Whether every line has a cost of goods.
    var fullyCosted: Bool { uncostedGross == 0 && uncostedDiscount == 0 }

    init(gross: Int64 = 0, discount: Int64 = 0, cost: Int64 = 0, uncostedGross: Int64 = 0, uncostedDiscount: Int64 = 0, overflowed: Bool = false) {
        self.gross = gross; self.discount = discount; self.cost = cost
        self.uncostedGross = uncostedGross; self.uncostedDiscount = uncostedDiscount; self.overflowed = overflowed
    }

    /// Lines of no known cost: gross and discount only.
    static func uncosted(gross: Int64, discount: Int64) -> PolicyTotals {
        PolicyTotals(gross: gross, discount: discount, uncostedGross: gross, uncostedDiscount: discount)
    }

    static func + (a: PolicyTotals, b: PolicyTotals) -> PolicyTotals {
        let g = a.gross.addingReportingOverflow(b.gross), d = a.discount.addingReportingOverflow(b.discount)
        let c = a.cost.addingReportingOverflow(b.cost)
        let ug = a.uncostedGross.addingReportingOverflow(b.uncostedGross), ud = a.uncostedDiscount.addingReportingOverflow(b.uncostedDiscount)
        return PolicyTotals(gross: g.partialValue, discount: d.partialValue, cost: c.partialValue,
                            uncostedGross: ug.partialValue, uncostedDiscount: ud.partialValue,
                            overflowed: a.overflowed || b.overflowed || g.overflow || d.overflow || c.overflow || ug.overflow || ud.overflow)
    }
}

/// The result of recomputing every shipped order of a period under one policy.
struct PolicyEvaluation: Sendable {
    var policy: String
    var period: DateRange
    var total = PolicyTotals()
    /// By category name; lines of orders without lines are under "(none)".
    var byCategory: [String: PolicyTotals] = [:]
    /// By client (those with shipped orders in the period).
    var byClient = ClientTotals()
    /// By client position (`byClient.ids`): the discounts recorded on the period's shipped
    /// orders, what was actually given (the same for every policy of an evaluation).
    var recordedDiscount: [Int64] = []
    /// The first order of the store when the period holds orders of its year: the first year
    /// of data, whose rule conditions look at a year without purchases.
    var firstOrder: CalendarDate?
    /// ABC class of each client over the period under the policy's settings (no purchases: none).
    var classes = ClientLabels()
    /// Assumptions that changed some client's volume: their text, for the report.
    var assumptionsUsed: [String] = []

    /// Average discount, basis points of gross.
    var averageDiscountBP: Int64 {
        guard total.gross != 0 else { return 0 }
        // discount ≤ gross, so the rate is at most 100%: divide first when the product would overflow.
        let (product, overflow) = total.discount.multipliedReportingOverflow(by: 10_000)
        return overflow ? DecimalText.roundedDivide(total.discount, by: max(1, total.gross / 10_000)) : DecimalText.roundedDivide(product, by: total.gross)
    }
}

/// Recomputes each shipped order's discount under one or more policies at once: per
/// calendar year, one SQL statement computes every policy's client conditions and tier
/// bases (`clientConditions`); the rates of the order lines, held in memory (`PolicyLines`),
/// and their sums are computed in Swift (`priceYear`, `PolicySums`).
///
/// Definitions (docs/discounts.md):
/// - A rule's client condition and tier basis are evaluated per calendar year: for orders
///   dated in year Y, over the whole year Y-1, as it stood on 31 December of Y-1 (with the
///   policy's settings). This needs no knowledge of the period being compared, so the
///   current rules reproduce discounts recorded under them for any period.
/// - Order-level conditions (validity dates, season months, minimum order on the order's
///   gross, product category) are checked per order and category.
/// - Amounts: an order's lines are summed per category; discount = gross × bp rounded half
///   away from zero per order and category; cost of goods = gross × (1 − category margin),
///   rounded the same way, whatever the discount; margin = net − cost. Orders without lines
///   count as one line of no category, whose cost (hence margin) is unknown.
struct PolicyEvaluator {
    /// The dialect of the store the statements run on.
    let dialect: SQLDialect
    /// Where the segment conditions' per-client measures are computed in Swift (the
    /// statement's, shared by every context of the evaluation: a comparison is one question,
    /// and each period's sales are computed once for every policy); nil: SQL.
    var measures: (any MeasureSource)? = nil
    /// Keeps the period's order lines between evaluations (the engine's); nil: loaded each time.
    var lines: PolicyLinesCache? = nil
    /// Rates and sums in Swift over the order lines in memory (`PolicyLines`, `priceYear`);
    /// false: one SQL statement per year rates every line (`yearQuery`), which the tests
    /// compare with it.
    var pricesInSwift = true
    /// Policies whose rates depend on the client only are summed by `PolicySums.addFlat`
    /// (false: order by order, `addOrder`, which the tests compare with it).
    var flatSums = true
    /// Rule conditions, tier bases and classes that read only measures computed in Swift
    /// are evaluated in Swift (`SwiftClientSelect`; false: by their SQL statements, which
    /// the tests compare with it).
    var swiftConditions = true

    /// Evaluates several policies over the same orders, in one pass per calendar year: the
    /// first policy is the reference the others' volume assumptions are measured against
    /// (its own assumptions are not applied).
    func evaluate(_ policies: [Policy], period: DateRange, tx: any StoreTransaction) throws -> [PolicyEvaluation] {
        guard !policies.isEmpty else { return [] }
        var times = PhaseTimes()
        let clients = try ClientList.read(tx)
        times.mark("clients")
        var results: [PolicyEvaluation], used: [Set<Int>], firstOrderDate: CalendarDate?
        do {
            var sums = PolicySums(policies: policies, categories: try CategoryTable(tx), clients: clients)
            // Only the years that hold orders: `over all` starts in the year 1.
            let firstOrder = try tx.fetchOne("SELECT MIN(order_date) FROM orders")?.first.flatMap(ResultReader.text).flatMap(CalendarDate.init(iso:))
            firstOrderDate = firstOrder
            let firstYear = max(period.start.year, firstOrder?.year ?? period.end.year)
            let range = DateRange(start: max(period.start, CalendarDate(year: firstYear, month: 1, day: 1)!), end: period.end)
            if !pricesInSwift, sums.categories.maxRates.contains(where: { $0 != nil }) || policies.contains(where: \.needsLinePricing) {
                throw RuntimeError.message("fixed amounts, marginal tiers, minimum margins and discount limits are priced in Swift only")
            }
            times.mark("categories")
            let orders: PolicyLines? = pricesInSwift ? try linesOf(range, clients: clients, tx: tx) : nil
            times.mark("lines")
            for year in stride(from: firstYear, through: period.end.year, by: 1) {
                let slice = DateRange(start: max(period.start, CalendarDate(year: year, month: 1, day: 1)!),
                                      end: min(period.end, CalendarDate(year: year, month: 12, day: 31)!))
                if let orders {
                    let (conditions, plans) = try clientConditions(policies, year: year, clients: clients, tx: tx)
                    times.mark("conditions \(year)")
                    try priceYear(orders, slice: slice, policies: policies, plans: plans, conditions: conditions,
                                  categories: sums.categories, clients: clients, sums: &sums)
                    times.mark("price \(year)")
                    try sums.endYear()
                    times.mark("end year")
                } else {
                    let (sql, arguments) = try yearQuery(policies, slice: slice, year: year, tx: tx)
                    try measures?.compute()
                    try sums.addYear(sql, arguments, in: tx)
                }
            }
            results = try sums.evaluations(period: period)
            used = sums.used
            times.mark("results")
        }
        // Classes depend on the settings only: computed once per distinct settings, in one statement.
        var distinct: [StoreSettings] = []
        let group = policies.map { p in
            if let i = distinct.firstIndex(where: { $0.sameValues(as: p.settings) }) { return i }
            distinct.append(p.settings)
            return distinct.count - 1
        }
        let classes = try self.classes(distinct, period: period, clients: clients, tx: tx)
        times.mark("classes")
        for (p, policy) in policies.enumerated() {
            results[p].assumptionsUsed = used[p].sorted().map { i in
                let a = policy.assumptions[i]
                return "volume \(a.elasticityBP >= 0 ? "+" : "")\(Percent(basisPoints: a.elasticityBP)) per discount point" + (a.condition.map { " for \($0)" } ?? "")
            }
            results[p].classes = classes[group[p]]
            if let first = firstOrderDate, first <= period.end, period.start <= CalendarDate(year: first.year, month: 12, day: 31)! {
                results[p].firstOrder = first
            }
        }
        times.mark("labels")
        times.report("evaluate \(policies.count) policies")
        return results
    }

    /// The shipped orders of `range` with their lines: the cache's when it holds them at the
    /// store's current change counter, else the store's lines file (PolicyLinesFile) when
    /// the cache has one, else read from the store.
    func linesOf(_ range: DateRange, clients: ClientList, tx: any StoreTransaction) throws -> PolicyLines {
        let counter = try tx.changeCounter()
        let load = { try PolicyLines.load(range: range, dialect: self.dialect, scan: try self.scansOrders(range, tx: tx), counter: counter, clients: clients, tx: tx) }
        guard let lines else { return try load() }
        let files = lines.files
        let file = { files.flatMap { PolicyLinesFile.lines($0, range: range, counter: counter, clients: clients, dialect: self.dialect, tx: tx) } }
        return try lines.lines(range: range, counter: counter, file: file, load: load)
    }

    /// Volume change in basis points for a client whose average discount moved from
    /// `referenceDiscount` to `discount` on `gross`: elasticity × Δ points, where
    /// Δ = (discount - referenceDiscount) / gross in basis points, both steps rounded.
    /// Throws "an amount is too large to compute exactly" rather than overflow.
    static func upliftBP(elasticityBP: Int64, gross: Int64, discount: Int64, referenceDiscount: Int64) throws -> Int64 {
        guard gross != 0 else { return 0 }
        let difference = discount.subtractingReportingOverflow(referenceDiscount)
        let scaled = difference.partialValue.multipliedReportingOverflow(by: 10_000)
        if difference.overflow || scaled.overflow { throw PolicySums.overflow }
        let deltaBP = DecimalText.roundedDivide(scaled.partialValue, by: gross)
        let product = elasticityBP.multipliedReportingOverflow(by: deltaBP)
        if product.overflow { throw PolicySums.overflow }
        return DecimalText.roundedDivide(product.partialValue, by: 100)
    }

    /// Each amount grown by `bp` basis points; throws rather than overflow.
    static func scaled(_ t: PolicyTotals, byBP bp: Int64) throws -> PolicyTotals {
        guard bp != 0 else { return t }
        func up(_ x: Int64) throws -> Int64 {
            let grown = x.addingReportingOverflow(try PolicySums.rounded(x, times: bp))
            if grown.overflow { throw PolicySums.overflow }
            return grown.partialValue
        }
        return PolicyTotals(gross: try up(t.gross), discount: try up(t.discount), cost: try up(t.cost),
                            uncostedGross: try up(t.uncostedGross), uncostedDiscount: try up(t.uncostedDiscount), overflowed: t.overflowed)
    }

    /// The context segments are evaluated in for orders of `year`: the previous calendar year.
    func segmentContext(_ policy: Policy, year: Int, namespace: String = "", tx: (any StoreTransaction)? = nil) -> SQLContext {
        // The year 1 has no previous year: its orders are judged on an empty first day instead.
        guard year > 1 else {
            return attachFacts(SQLContext(dialect: dialect, today: .earliest, defaultPeriod: .range(CalendarDate.earliest.iso, CalendarDate.earliest.iso),
                                          settings: policy.settings, namespace: namespace), tx: tx)
        }
        return attachFacts(SQLContext(dialect: dialect, today: CalendarDate(year: year - 1, month: 12, day: 31)!,
                                      defaultPeriod: .year(year - 1), settings: policy.settings, namespace: namespace), tx: tx)
    }

    /// Lets a context compute its per-client measures from the evaluation's source (only
    /// where the statement's transaction `tx` runs it).
    func attachFacts(_ ctx: SQLContext, tx: (any StoreTransaction)?) -> SQLContext {
        if tx != nil { ctx.measures = measures }
        return ctx
    }

    /// A stored condition back to a typed expression over clients.
    static func typedCondition(_ text: String, rule: String, settings: StoreSettings) throws -> TypedExpr {
        var parser = Parser(tokens: Lexer.tokenize(text).tokens)
        var checker = Checker(catalog: Catalog(), storeSettings: settings.types, lets: [:], params: [:], readOnly: true)
        guard let e = try? parser.expression(), case .eof = parser.kind, parser.diagnostics.isEmpty,
              let t = try? checker.checkExpr(e, in: .object(CatalogObjects.clients, derived: [])), t.type == .boolean else {
            let why = (parser.diagnostics + checker.diagnostics).first?.message ?? "it does not parse"
            throw RuntimeError.message("the condition of \"\(rule)\" (\(text)) no longer checks: \(why)")
        }
        return t
    }

    /// Per client: each enabled rule's discount in basis points when its client condition
    /// holds (0 otherwise), and the index (1-based) of the first assumption that applies.
    func conditionSelect(_ policy: Policy, rules: [DiscountRule], ctx: SQLContext) throws -> SQLSelect {
        let clients = CatalogObjects.clients
        var q = SelectBuilder(object: clients, context: ctx)
        let ex = ExpressionCompiler(context: ctx)
        var projection: [(String, SQLExpr)] = [("client_id", .q(q.objectAlias!, "id"))]
        for (i, r) in rules.enumerated() {
            let cond: SQLExpr = r.condition == "true" ? .boolean(true)
                : try ex.compile(PolicyEvaluator.typedCondition(r.condition, rule: r.name, settings: policy.settings), in: &q)
            var bp = ctx.bind(.integer(r.percentBP ?? 0))
            if let tiers = r.tiers, !tiers.isEmpty {
                let field = clients.field(r.tierBasis ?? "avg_order")!
                let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
                let basis = TypedExpr(node: .field(FieldPath(hops: [], field: field, owner: clients, period: nil)), type: field.type, span: zero)
                let value = SQLExpr.coalesce(try ex.compile(basis, in: &q), .integer(0))
                bp = .caseWhen(tiers.reversed().map { tier in
                    let from = ctx.bind(.integer(tier.fromMinor))
                    return SQLWhen(.bin(.greaterOrEqual, value, from), ctx.bind(.integer(tier.bp)))
                }, else: .integer(0))
            }
            projection.append(("r\(i + 1)", .when(cond, bp, else: .integer(0))))
        }
        var assume = SQLExpr.integer(0)
        if !policy.assumptions.isEmpty {
            var whens: [SQLWhen] = []
            for (i, a) in policy.assumptions.enumerated() {
                let cond = try a.condition.map { try ex.compile(PolicyEvaluator.typedCondition($0, rule: "assume", settings: policy.settings), in: &q) }
                    ?? .boolean(true)
                whens.append(SQLWhen(cond, .integer(Int64(i + 1))))
            }
            assume = .caseWhen(whens, else: .integer(0))
        }
        projection.append(("assume", assume))
        q.projection = projection
        return q.select()
    }
}

extension StoreSettings {
    /// Same keys, types and values: everything compiled under one is valid under the other.
    func sameValues(as other: StoreSettings) -> Bool {
        values.count == other.values.count && values.allSatisfy { key, v in
            other.values[key].map { $0.type == v.type && $0.value == v.value } ?? false
        }
    }
}
