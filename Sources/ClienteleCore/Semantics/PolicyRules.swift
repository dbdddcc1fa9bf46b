/// Discount rules and scenarios as values: what the checker produces when a rule or
/// scenario is defined and what the evaluator (Analytics/ in the engine) reads and stores.

/// One step of a tier table: from this amount (minor units) of the basis, this discount.
package struct DiscountTier: Codable, Equatable, Sendable {
    package var fromMinor: Int64
    package var bp: Int64

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(fromMinor: Int64, bp: Int64) {
        self.fromMinor = fromMinor
        self.bp = bp
    }
}

/// How a tier table turns the basis into a discount.
package enum TierMode: String, Codable, Sendable, CaseIterable {
    /// The tier the basis reaches gives its discount (the default).
    case step
    /// Each tier's discount applies to the part of the basis inside the tier; the rule's
    /// discount is the blend (cumulative tiers).
    case marginal
}

/// How a rule combines with the others that apply to the same order line.
package enum Combination: String, Codable, Sendable, CaseIterable {
    /// The only discount when it applies (the lowest priority number among exclusive rules wins).
    case exclusive
    /// Competes with the other best-of rules: the largest wins.
    case best
    /// Added on top of the best-of discount, up to the cap.
    case stack
}

/// A discount rule as stored in the `rules` table. Its condition is source text in the
/// query language, checked when defined and compiled to SQL when evaluated.
package struct DiscountRule: Codable, Equatable, Sendable {
    package var name: String
    /// A condition over client fields and segments; "true" applies to every client.
    package var condition: String = "true"
    /// Limits the rule to order lines of this product category.
    package var category: String?
    /// A flat discount; nil when the rule is tiered or a fixed amount.
    package var percentBP: Int64?
    /// A fixed amount off each order the rule applies to (minor units), added after the
    /// percentages; nil for a percent or tiered rule.
    package var amountMinor: Int64?
    /// Step (nil) or marginal tiers.
    package var tierMode: TierMode?
    /// Tiers by `tierBasis`, ascending by `fromMinor`.
    package var tiers: [DiscountTier]?
    /// avg_order or turnover, over the same window as the condition.
    package var tierBasis: String?
    package var validFrom: CalendarDate?
    package var validTo: CalendarDate?
    /// Months of the year (1-12) the rule is in force; nil means all year.
    package var seasonMonths: [Int]?
    /// The order's gross amount must be at least this.
    package var minOrderMinor: Int64 = 0
    package var priority: Int64 = 100
    package var combine: Combination = .best
    /// For stacking rules: the total discount may not exceed this.
    package var stackCapBP: Int64?
    package var enabled: Bool = true

    /// "5%", "50.00", or "tiers by avg_order [0.00: 0%, 100.00: 2%]" (with "marginal" after the basis).
    package var discountText: String {
        if let bp = percentBP { return Percent(basisPoints: bp).description }
        if let amount = amountMinor { return Money(minorUnits: amount).plain }
        let steps = (tiers ?? []).map { "\(Money(minorUnits: $0.fromMinor).plain): \(Percent(basisPoints: $0.bp))" }
        return "tiers by \(tierBasis ?? "avg_order")\(tierMode == .marginal ? " marginal" : "") [\(steps.joined(separator: ", "))]"
    }

    /// Whether the rule needs what only the evaluation in Swift computes (a fixed amount,
    /// marginal tiers).
    package var needsLinePricing: Bool { amountMinor != nil || tierMode == .marginal }

    /// The rule written back in the language (for `rules` and scenario sources).
    package var sourceText: String {
        var s = "rule \"\(name)\": discount \(discountText)"
        if condition != "true" { s += " when \(condition)" }
        if let category { s += " category \"\(category)\"" }
        if validFrom != nil || validTo != nil {
            if let f = validFrom { s += " from \(f.iso)" }
            if let t = validTo { s += (validFrom == nil ? " until " : " to ") + t.iso }
        }
        if let m = seasonMonths { s += " in months " + m.map(String.init).joined(separator: ", ") }
        if minOrderMinor > 0 { s += " min order \(Money(minorUnits: minOrderMinor).plain)" }
        s += amountMinor == nil ? " priority \(priority) combine \(combine.rawValue)" : " priority \(priority)"
        if let cap = stackCapBP { s += " cap \(Percent(basisPoints: cap))" }
        return s
    }

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(name: String, condition: String = "true", category: String? = nil, percentBP: Int64? = nil, amountMinor: Int64? = nil, tiers: [DiscountTier]? = nil, tierBasis: String? = nil, tierMode: TierMode? = nil, validFrom: CalendarDate? = nil, validTo: CalendarDate? = nil, seasonMonths: [Int]? = nil, minOrderMinor: Int64 = 0, priority: Int64 = 100, combine: Combination = .best, stackCapBP: Int64? = nil, enabled: Bool = true) {
        self.name = name
        self.condition = condition
        self.category = category
        self.percentBP = percentBP
        self.amountMinor = amountMinor
        self.tierMode = tierMode
        self.tiers = tiers
        self.tierBasis = tierBasis
        self.validFrom = validFrom
        self.validTo = validTo
        self.seasonMonths = seasonMonths
        self.minOrderMinor = minOrderMinor
        self.priority = priority
        self.combine = combine
        self.stackCapBP = stackCapBP
        self.enabled = enabled
    }
}

/// One change of a scenario, as stored in `scenario_changes` (kind + JSON payload).
package enum ScenarioChange: Codable, Equatable, Sendable {
    /// Adds a rule or replaces the one with the same name.
    case rule(DiscountRule)
    case dropRule(String)
    case enableRule(String, enabled: Bool)
    /// A stored setting overridden inside the evaluation only (the value as stored text).
    case setting(key: String, value: String)
    /// Volume responds to the change in discount: `elasticityBP` percent of gross per
    /// discount point, for the clients matching `condition` (all when nil).
    case assume(elasticityBP: Int64, condition: String?)

    package var kind: String {
        switch self {
        case .rule: return "rule"
        case .dropRule: return "drop rule"
        case .enableRule(_, let e): return e ? "enable rule" : "disable rule"
        case .setting: return "setting"
        case .assume: return "assume"
        }
    }
}

/// What the interpreter runs for a policy statement.
/// What `sweep` and `solve` vary.
package enum SweepVariable: Equatable, Sendable {
    /// A rule's flat discount (basis points).
    case ruleDiscount(String)
    /// A stored setting of type money, percent or integer.
    case setting(String, ValueType)

    package var text: String {
        switch self {
        case .ruleDiscount(let n): return "\"\(n)\" discount"
        case .setting(let k, _): return k
        }
    }

    package var type: ValueType {
        switch self {
        case .ruleDiscount: return .percent
        case .setting(_, let t): return t
        }
    }

    /// A value of the variable's type in its smallest unit (basis points, kopecks, units).
    package static func scaled(_ v: Value) -> Int64? {
        switch v {
        case .money(let m): return m.minorUnits
        case .percent(let p): return p.basisPoints
        case .integer(let i): return i
        default: return nil
        }
    }

    /// The value of `units` smallest units.
    package func value(_ units: Int64) -> Value {
        switch type {
        case .money: return .money(Money(minorUnits: units))
        case .percent: return .percent(Percent(basisPoints: units))
        default: return .integer(units)
        }
    }

    /// The smallest step a search can tell apart, as text ("0.01%", "0.01", "1").
    package var precision: String { value(1).plain }
}

/// What `solve` looks for.
package enum SolveGoal: Equatable, Sendable {
    package enum Metric: String, Sendable { case net, margin }
    case maximize(Metric)
    /// The most generous value (largest discount; for a setting, the largest value) whose metric reaches the amount.
    case atLeast(Metric, Int64)
    case atLeastBaseline(Metric)

    package var metric: Metric {
        switch self { case .maximize(let m), .atLeast(let m, _), .atLeastBaseline(let m): return m }
    }
}

/// A column of `compare`, checked.
package enum CompareColumn: Equatable, Sendable {
    case baseline
    case saved(String)
    /// A throwaway scenario written inline: its label in the output (`{1}`, `{2}` in order),
    /// its source text, its changes. Never saved.
    case inline(label: String, source: String, changes: [ScenarioChange])
}

package enum CheckedPolicy: Sendable {
    case defineRule(DiscountRule)
    case dropRule(String)
    case enableRule(String, enabled: Bool)
    case defineScenario(name: String, source: String, changes: [ScenarioChange])
    case dropScenario(String)
    /// No period: the session's; several: side by side. `clients`: the per-client answers,
    /// as a pipeline over their rows (`CompareClients`), nil for the totals.
    case compare([CompareColumn], periods: [PeriodSyntax], clients: CheckedPipeline?)
    /// `order`: the lines of that order of the client, with what each got.
    case explainDiscount(client: Value, on: CalendarDate?, order: String? = nil)
    /// `apply scenario "S"`: the saved scenario's changes made to the live rules and settings.
    case applyScenario(String)
    /// `sweep`: the values in order (of the variable's type).
    case sweep(SweepVariable, values: [Value], period: PeriodSyntax?)
    /// `solve`: the range searched (of the variable's type) and the goal.
    case solve(SweepVariable, low: Value, high: Value, goal: SolveGoal, period: PeriodSyntax?)

    package var mutates: Bool {
        switch self {
        case .defineRule, .dropRule, .enableRule, .defineScenario, .dropScenario, .applyScenario: return true
        case .compare, .explainDiscount, .sweep, .solve: return false
        }
    }
}

/// Names the checker needs from the store to refuse references to unknown things
/// when a rule or scenario is defined, not when it runs.
package struct PolicyNames: Sendable {
    package var rules: [String] = []
    package var categories: [String] = []
    package var scenarios: [String] = []


    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(rules: [String] = [], categories: [String] = [], scenarios: [String] = []) {
        self.rules = rules
        self.categories = categories
        self.scenarios = scenarios
    }
}

/// Bounds of the what-if searches (docs/discounts.md), not domain values.
package enum PolicyLimits {
    /// The most values one sweep evaluates (each is a policy of one evaluation).
    package static let sweepValues: Int64 = 50
    /// `solve "Rule" discount for ...` without a range searches 0% to this.
    package static let solveDiscountMaxBP: Int64 = 3_000
}
