/// Syntax of the discount-policy commands: rules, scenarios, compare, explain discount.

/// `rule "Volume A": discount 5% when abc == "A" priority 10 combine best ...`
package struct RuleSyntax: Hashable, Sendable {
    package var name: String
    package var nameSpan: SourceSpan
    package var discount: DiscountSyntax
    /// The applies-to condition and its source text as written (tokens re-joined).
    package var condition: Expr?
    package var conditionText: String?
    package var clauses: [RuleClause]
    package var span: SourceSpan
}

package enum DiscountSyntax: Hashable, Sendable {
    /// `discount 5%`; the expression must be a percent (a literal or a parameter).
    case percent(Expr)
    /// `discount tiers by avg_order [0: 0%, 100: 2%, 500: 5%]` (`marginal` after the basis:
    /// cumulative tiers).
    case tiers(basis: Name, [(Expr, Expr)], SourceSpan, marginal: Bool = false)

    package static func == (a: DiscountSyntax, b: DiscountSyntax) -> Bool {
        switch (a, b) {
        case (.percent(let x), .percent(let y)): return x == y
        case (.tiers(let b1, let t1, let s1, let m1), .tiers(let b2, let t2, let s2, let m2)):
            return b1 == b2 && s1 == s2 && m1 == m2 && t1.count == t2.count && zip(t1, t2).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
    package func hash(into h: inout Hasher) {
        switch self {
        case .percent(let e): h.combine(e)
        case .tiers(let b, let t, _, let m): h.combine(b); h.combine(m); for (x, y) in t { h.combine(x); h.combine(y) }
        }
    }
}

/// The optional parts of a rule, each at most once.
package enum RuleClause: Hashable, Sendable {
    case priority(Expr, SourceSpan)
    case combine(Name, SourceSpan)
    case cap(Expr, SourceSpan)
    case category(String, SourceSpan)
    case validity(from: Expr?, to: Expr?, SourceSpan)
    case months([Expr], SourceSpan)
    case minOrder(Expr, SourceSpan)

    package var keyword: String {
        switch self {
        case .priority: return "priority"
        case .combine: return "combine"
        case .cap: return "cap"
        case .category: return "category"
        case .validity: return "from/to"
        case .months: return "in months"
        case .minOrder: return "min order"
        }
    }
    package var span: SourceSpan {
        switch self {
        case .priority(_, let s), .combine(_, let s), .cap(_, let s), .category(_, let s), .validity(_, _, let s),
             .months(_, let s), .minOrder(_, let s):
            return s
        }
    }
}

/// One change inside `scenario "X" { ... }`.
package enum ScenarioChangeSyntax: Hashable, Sendable {
    case rule(RuleSyntax)
    case dropRule(String, SourceSpan)
    case enableRule(String, SourceSpan, enabled: Bool)
    case set(Name, Expr, SourceSpan)
    /// `assume volume +2% per discount point [for CONDITION]`.
    case assume(elasticity: Expr, condition: Expr?, conditionText: String?, SourceSpan)
}

/// One column of `compare`: `baseline`, a saved scenario's name, or a throwaway scenario
/// written inline (`{ rule "X": discount 7% when abc == "A" }`), evaluated and never saved.
package struct CompareItemSyntax: Hashable, Sendable {
    /// The saved scenario's name; nil for baseline and inline scenarios.
    package var name: String?
    package var span: SourceSpan
    /// The changes of an inline scenario, with its source text.
    package var inline: [ScenarioChangeSyntax]?
    package var source: String?

    package init(name: String?, span: SourceSpan, inline: [ScenarioChangeSyntax]? = nil, source: String? = nil) {
        self.name = name; self.span = span; self.inline = inline; self.source = source
    }
}

/// What `sweep` and `solve` vary: a rule's flat discount or a stored setting.
package enum SweepTargetSyntax: Hashable, Sendable {
    case ruleDiscount(String, SourceSpan)
    case setting(Name)
}

/// `solve ... for margin = max`, `for net >= 2800000`, `for margin >= baseline`.
package struct SolveGoalSyntax: Hashable, Sendable {
    package var metric: Name
    /// nil: `= max`.
    package var atLeast: Expr?
    /// `>= baseline`.
    package var atLeastBaseline: Bool
    package var span: SourceSpan
}

package enum PolicyStatement: Hashable, Sendable {
    case defineRule(RuleSyntax)
    case dropRule(String, SourceSpan)
    case enableRule(String, SourceSpan, enabled: Bool)
    case defineScenario(name: String, nameSpan: SourceSpan, changes: [ScenarioChangeSyntax], source: String)
    case dropScenario(String, SourceSpan)
    /// `compare baseline, "A to 7%", { changes } [over PERIOD, ...] [clients [| stage ...]]`.
    case compare([CompareItemSyntax], periods: [Expr], listClients: Bool, stages: [Stage] = [])
    /// `apply scenario "A to 7%"`: the scenario's changes made to the live rules and settings.
    case applyScenario(String, SourceSpan)
    /// `sweep "Volume A" discount from 3% to 10% step 1% [over PERIOD]`, `sweep abc.a_min from 300 to 700 step 50`.
    case sweep(SweepTargetSyntax, from: Expr, to: Expr, step: Expr, period: Expr?)
    /// `solve "Volume A" discount [from 0% to 20%] for margin = max [over PERIOD]`.
    case solve(SweepTargetSyntax, from: Expr?, to: Expr?, goal: SolveGoalSyntax, period: Expr?)
    /// `explain discount client: "Name" [on DATE] [order "NUMBER"]`.
    case explainDiscount(client: Expr, on: Expr?, order: String? = nil)

    package static func == (a: PolicyStatement, b: PolicyStatement) -> Bool { a.hashValue == b.hashValue }
    package func hash(into h: inout Hasher) {
        switch self {
        case .defineRule(let r): h.combine(0); h.combine(r)
        case .dropRule(let n, let s): h.combine(1); h.combine(n); h.combine(s)
        case .enableRule(let n, let s, let e): h.combine(2); h.combine(n); h.combine(s); h.combine(e)
        case .defineScenario(let n, let s, let c, let src): h.combine(3); h.combine(n); h.combine(s); h.combine(c); h.combine(src)
        case .dropScenario(let n, let s): h.combine(4); h.combine(n); h.combine(s)
        case .compare(let items, let p, let l, let stages):
            h.combine(5); h.combine(items); h.combine(p); h.combine(l); h.combine(stages)
        case .applyScenario(let n, let s): h.combine(7); h.combine(n); h.combine(s)
        case .sweep(let t, let f, let to, let st, let p): h.combine(8); h.combine(t); h.combine(f); h.combine(to); h.combine(st); h.combine(p)
        case .solve(let t, let f, let to, let g, let p): h.combine(9); h.combine(t); h.combine(f); h.combine(to); h.combine(g); h.combine(p)
        case .explainDiscount(let c, let d, let o): h.combine(6); h.combine(c); h.combine(d); h.combine(o)
        }
    }
}
