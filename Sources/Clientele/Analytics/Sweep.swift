import Foundation
import ClienteleCore

/// `sweep` and `solve`: one variable of the policy (a rule's flat discount or a stored
/// setting) set to a series of values, each value a policy of one evaluation (every value
/// is computed in the same pass over the orders), against the baseline.
struct Sweep {
    let variable: SweepVariable
    let period: DateRange
    let dialect: SQLDialect
    var measures: (any MeasureSource)? = nil
    var lines: PolicyLinesCache? = nil

    /// The changes that set the variable to `value`, on top of the current rules and settings.
    func changes(_ value: Value, baseline: Policy) throws -> [ScenarioChange] {
        switch variable {
        case .ruleDiscount(let name):
            guard var rule = baseline.rules.first(where: { $0.name == name }) else {
                throw RuntimeError.message("there is no rule \"\(name)\"")
            }
            guard rule.tiers == nil else {
                throw RuntimeError.message("rule \"\(name)\" gives a discount by tiers: only a flat discount can be swept or solved for")
            }
            rule.percentBP = SweepVariable.scaled(value)
            rule.enabled = true
            return [.rule(rule)]
        case .setting(let key, _):
            return [.setting(key: key, value: value.plain)]
        }
    }

    /// How many values one evaluation takes at most: each holds totals per client (about
    /// 5 MB per value on a 100,000-client store), so a long sweep is evaluated in batches.
    static let batch = 12

    /// The baseline, then one evaluation per value, in order.
    func evaluate(_ values: [Value], tx: any StoreTransaction) throws -> (baseline: PolicyEvaluation, current: String, results: [PolicyEvaluation]) {
        let baseline = try Policy.baseline(tx)
        let policies = try values.map { v in try baseline.applying(try changes(v, baseline: baseline), name: v.plain) }
        var base: PolicyEvaluation?, results: [PolicyEvaluation] = []
        for start in stride(from: 0, to: max(policies.count, 1), by: Sweep.batch) {
            let part = Array(policies[start..<min(start + Sweep.batch, policies.count)])
            let evaluations = try PolicyEvaluator(dialect: dialect, measures: measures, lines: lines).evaluate([baseline] + part, period: period, tx: tx)
            if base == nil { base = evaluations[0] }
            results += evaluations.dropFirst()
        }
        return (base!, currentValue(baseline), results)
    }

    /// The variable's value under the current rules and settings, as text.
    func currentValue(_ baseline: Policy) -> String {
        switch variable {
        case .ruleDiscount(let name):
            guard let r = baseline.rules.first(where: { $0.name == name }) else { return "none" }
            if !r.enabled { return "disabled" }
            return r.percentBP.map { Percent(basisPoints: $0).description } ?? "tiers"
        case .setting(let key, _):
            return baseline.settings.values[key]?.value ?? ""
        }
    }

    static func metric(_ e: PolicyEvaluation, _ m: SolveGoal.Metric) -> Int64 { m == .net ? e.total.net : e.total.margin }

    /// `sweep`: a table of net, margin and discount cost per value, with their differences
    /// from the baseline, and a chart of the margin.
    func sweepOutputs(_ values: [Value], periodText: String, tx: any StoreTransaction) throws -> [Output] {
        let (base, current, results) = try evaluate(values, tx: tx)
        let costed = base.total.gross != base.total.uncostedGross || base.total.cost != 0
        func money(_ x: Int64) -> Value { .money(Money(minorUnits: x)) }
        func row(_ label: String, _ e: PolicyEvaluation) -> [Value] {
            [.text(label), money(e.total.gross), money(e.total.discount), .percent(Percent(basisPoints: e.averageDiscountBP)),
             money(e.total.net), costed ? money(e.total.margin) : .null,
             money(e.total.net - base.total.net), costed ? money(e.total.margin - base.total.margin) : .null]
        }
        var rows = [row("baseline (\(current))", base)]
        for (v, e) in zip(values, results) { rows.append(row(v.plain, e)) }
        let table = Table(columns: [Column(name: variable.text, type: .text), Column(name: "gross revenue", type: .money),
                                    Column(name: "discount cost", type: .money), Column(name: "average discount", type: .percent),
                                    Column(name: "net revenue", type: .money), Column(name: "margin", type: .money),
                                    Column(name: "Δ net", type: .money), Column(name: "Δ margin", type: .money)], rows: rows)
        var header = "sweep \(variable.text) over \(periodText) (\(period)): each value is the current rules and settings with only that changed; "
            + "margin = net revenue − cost of goods (cost fixed by what was sold); differences against the baseline"
        if !costed { header += "\nno shipped order of the period has order lines: cost of goods, hence margin, is unknown" }
        let chart: Output = costed
            ? .chart(title: "margin by \(variable.text)", labels: values.map(\.plain), values: results.map { money($0.total.margin) })
            : .chart(title: "net revenue by \(variable.text)", labels: values.map(\.plain), values: results.map { money($0.total.net) })
        return [.message(header), .table(table), chart]
    }

    /// The grid a search evaluates at once.
    static let gridPoints: Int64 = 11

    /// `solve`: the value that meets the goal, found by evaluating a grid of values over the
    /// range and narrowing it around the best (for `= max`: the best point's neighbours; for
    /// `>= X`: between the last value that reaches X and the first that does not) until
    /// neighbouring values are one smallest unit apart. Assumes one peak (`max`) or a
    /// metric that falls as the value grows (`>=`) within the range; the output says so.
    func solve(low: Value, high: Value, goal: SolveGoal, periodText: String, tx: any StoreTransaction) throws -> [Output] {
        guard var lo = SweepVariable.scaled(low), var hi = SweepVariable.scaled(high) else { return [] }
        let baseline = try Policy.baseline(tx)
        var target: Int64? = nil
        var best: (value: Int64, metric: Int64)? = nil
        var passes = 0, evaluated = 0
        while true {
            passes += 1
            let step = max(1, (hi - lo + Sweep.gridPoints - 2) / (Sweep.gridPoints - 1))
            let points = Array(stride(from: lo, through: hi, by: Int(step))) + ((hi - lo) % step == 0 ? [] : [hi])
            let (base, _, results) = try evaluate(points.map { variable.value($0) }, tx: tx)
            evaluated += points.count
            if !(base.total.gross != base.total.uncostedGross || base.total.cost != 0), goal.metric == .margin {
                throw RuntimeError.message("no shipped order of the period has order lines: cost of goods, hence margin, is unknown; solve for net instead")
            }
            let metrics = results.map { Sweep.metric($0, goal.metric) }
            var next: (Int64, Int64)? = nil
            if case .maximize = goal {
                // The first of equal maxima: the least generous value that gives the most.
                let i = metrics.indices.max { metrics[$0] < metrics[$1] || (metrics[$0] == metrics[$1] && $0 > $1) }!
                best = (points[i], metrics[i])
                if step > 1 { next = (points[max(0, i - 1)], points[min(points.count - 1, i + 1)]) }
            } else {
                let needed: Int64
                if case .atLeast(_, let x) = goal { needed = x } else { needed = Sweep.metric(base, goal.metric) }
                target = needed
                if let last = metrics.indices.last(where: { metrics[$0] >= needed }) {
                    best = (points[last], metrics[last])
                    if step > 1 && last < points.count - 1 { next = (points[last], points[last + 1]) }
                } else {
                    best = nil
                }
            }
            guard let (a, b) = next else { break }
            (lo, hi) = (a, b)
        }
        let goalText: String
        switch goal {
        case .maximize(let m): goalText = "the largest \(m.rawValue)"
        case .atLeast(let m, let x): goalText = "the most generous value whose \(m.rawValue) is at least \(Money(minorUnits: x).plain)"
        case .atLeastBaseline(let m): goalText = "the most generous value whose \(m.rawValue) is at least the baseline's (\(Money(minorUnits: target ?? 0).plain))"
        }
        let how = "solve \(variable.text) over \(periodText) (\(period)) for \(goalText): searched \(low.plain) to \(high.plain), "
            + "\(evaluated) values in \(passes) passes, to a precision of \(variable.precision); "
            + (goal == .maximize(goal.metric) ? "assumes the \(goal.metric.rawValue) has one peak in the range"
                                               : "assumes the \(goal.metric.rawValue) falls as the value grows in the range")
        guard let best else {
            return [.message(how + "\nno value in the range reaches it")]
        }
        let value = variable.value(best.value)
        let label = "\(variable.text) = \(value.plain)"
        let comparison = try Comparison.run(columns: [.baseline, .inline(label: label, source: "", changes: try changes(value, baseline: baseline))],
                                            period: period, dialect: dialect, measures: measures, tx: tx)
        return [.message(how + "\nanswer: \(label) (\(goal.metric.rawValue) \(Money(minorUnits: best.metric).plain))")]
            + (try comparison.outputs(periodText: periodText))
    }
}
