/// Checks discount rules and scenarios when they are defined: an unknown field, rule,
/// category or setting is refused here, with its line and column, never when a scenario runs.
extension Checker {
    package mutating func checkPolicy(_ p: PolicyStatement, span: SourceSpan) throws -> CheckedPolicy {
        switch p {
        case .defineRule(let r):
            try refuseIfReadOnly("rule", span)
            let rule = try checkRule(r)
            if !policyNames.rules.contains(rule.name) { policyNames.rules.append(rule.name) }
            return .defineRule(rule)
        case .dropRule(let name, let nameSpan):
            try refuseIfReadOnly("drop rule", span)
            try requireRule(name, nameSpan, known: policyNames.rules)
            policyNames.rules.removeAll { $0 == name }
            return .dropRule(name)
        case .enableRule(let name, let nameSpan, let enabled):
            try refuseIfReadOnly(enabled ? "enable rule" : "disable rule", span)
            try requireRule(name, nameSpan, known: policyNames.rules)
            return .enableRule(name, enabled: enabled)
        case .defineScenario(let name, _, let changes, let source):
            try refuseIfReadOnly("scenario", span)
            let checked = try checkScenarioChanges(changes)
            if !policyNames.scenarios.contains(name) { policyNames.scenarios.append(name) }
            return .defineScenario(name: name, source: source, changes: checked)
        case .dropScenario(let name, let nameSpan):
            try refuseIfReadOnly("drop scenario", span)
            try requireScenario(name, nameSpan)
            policyNames.scenarios.removeAll { $0 == name }
            return .dropScenario(name)
        case .compare(let items, let periods, let listClients, let stages):
            if items.count < 2 {
                throw error("compare needs two or more columns: baseline and scenario names", span,
                            help: "e.g. compare baseline, \"A to 7%\" over last 12 months")
            }
            var failed = false
            var columns: [CompareColumn] = []
            var inlineCount = 0
            for item in items {
                do {
                    if let changes = item.inline {
                        inlineCount += 1
                        // Checked against the store's rules, like a saved scenario's changes.
                        checkingInlineScenario = true
                        defer { checkingInlineScenario = false }
                        let checked = try checkScenarioChanges(changes)
                        columns.append(.inline(label: "{\(inlineCount)}", source: item.source ?? "", changes: checked))
                    } else if let name = item.name {
                        try requireScenario(name, item.span)
                        columns.append(.saved(name))
                    } else {
                        columns.append(.baseline)
                    }
                } catch { failed = true }
            }
            let checkedPeriods = try periods.map { try checkPeriod($0) }
            if listClients && checkedPeriods.count > 1 {
                throw error("compare ... clients takes one period, not \(checkedPeriods.count)", periods[1].span,
                            help: "list the clients of each period in its own compare")
            }
            if failed { throw Abort() }
            guard listClients else { return .compare(columns, periods: checkedPeriods, clients: nil) }
            let rows = try checkResultPipeline(stages, over: CompareClients.object(policies: columns.count))
            return .compare(columns, periods: checkedPeriods, clients: rows)
        case .sweep(let target, let from, let to, let step, let period):
            let variable = try checkSweepTarget(target)
            let low = try sweepValue(variable, from, target), high = try sweepValue(variable, to, target)
            let by = try sweepValue(variable, step, target, isStep: true)
            guard let a = SweepVariable.scaled(low), let b = SweepVariable.scaled(high), let d = SweepVariable.scaled(by) else { throw Abort() }
            guard a <= b else { throw error("a sweep goes up: \(low.plain) is above \(high.plain)", from.span.through(to.span)) }
            guard d > 0 else { throw error("the step must be above zero", step.span) }
            let count = (b - a) / d + 1
            guard count <= PolicyLimits.sweepValues else {
                throw error("a sweep takes at most \(PolicyLimits.sweepValues) values, not \(count)", step.span,
                            help: "take a larger step, or a narrower range")
            }
            let values = stride(from: a, through: b, by: Int(d)).map { variable.value($0) }
            return .sweep(variable, values: values, period: try period.map { try checkPeriod($0) })
        case .solve(let target, let from, let to, let goal, let period):
            let variable = try checkSweepTarget(target)
            var low: Value, high: Value
            if let from, let to {
                low = try sweepValue(variable, from, target); high = try sweepValue(variable, to, target)
                if (SweepVariable.scaled(low) ?? 0) >= (SweepVariable.scaled(high) ?? 0) {
                    throw error("the range to search goes up: \(low.plain) is not below \(high.plain)", from.span.through(to.span))
                }
            } else if case .ruleDiscount = variable {
                low = .percent(Percent(basisPoints: 0)); high = .percent(Percent(basisPoints: PolicyLimits.solveDiscountMaxBP))
            } else {
                throw error("solving for a setting needs the range to search: from A to B", goal.span,
                            help: "e.g. solve abc.a_min from 300 to 700 for margin = max")
            }
            guard let metric = SolveGoal.Metric(rawValue: goal.metric.text.lowercased()) else {
                throw error("solve for margin or net, not '\(goal.metric.text)'", goal.metric.span,
                            help: Suggestions.didYouMean(goal.metric.text, ["margin", "net"]))
            }
            let checkedGoal: SolveGoal
            if let amount = goal.atLeast {
                checkedGoal = .atLeast(metric, try checkAmount(amount, what: "the \(metric.rawValue) to reach"))
            } else {
                checkedGoal = goal.atLeastBaseline ? .atLeastBaseline(metric) : .maximize(metric)
            }
            return .solve(variable, low: low, high: high, goal: checkedGoal, period: try period.map { try checkPeriod($0) })
        case .applyScenario(let name, let nameSpan):
            try refuseIfReadOnly("apply scenario", span)
            try requireScenario(name, nameSpan)
            return .applyScenario(name)
        case .explainDiscount(let client, let on, let order):
            let c = try checkExpr(client, in: .columns([]))
            guard case .literal(let v) = c.node, v.type == .text || v.type == .integer else {
                throw error("give the client by name or id, e.g. explain discount client: \"ООО Ромашка\"", client.span)
            }
            var date: CalendarDate?
            if let on {
                guard case .date(let text, let s) = on else { throw error("'on' needs a date, e.g. on 2025-06-01", on.span) }
                date = try checkDate(text, s)
            }
            return .explainDiscount(client: v, on: date, order: order)
        }
    }

    /// A sweep's variable: a known rule (its flat discount) or a numeric stored setting.
    package mutating func checkSweepTarget(_ target: SweepTargetSyntax) throws -> SweepVariable {
        switch target {
        case .ruleDiscount(let name, let span):
            try requireRule(name, span, known: policyNames.rules)
            return .ruleDiscount(name)
        case .setting(let key):
            let k = key.text.lowercased()
            guard let type = storeSettings[k] else {
                throw error("unknown setting '\(key.text)'", key.span,
                            help: Suggestions.didYouMean(key.text, storeSettings.keys.sorted()) ?? "list them with: settings")
            }
            guard [.money, .percent, .integer].contains(type) else {
                throw error("\(k) is \(Checker.article(type)): only amounts, percents and counts can be swept", key.span)
            }
            return .setting(k, type)
        }
    }

    /// One value of a sweep (or its step), of the variable's type and, but for a step, in its range.
    package mutating func sweepValue(_ variable: SweepVariable, _ e: Expr, _ target: SweepTargetSyntax, isStep: Bool = false) throws -> Value {
        switch variable {
        case .ruleDiscount:
            return .percent(Percent(basisPoints: try checkPercent(e, what: isStep ? "the step of a discount" : "a discount", range: 0...10_000)))
        case .setting(let k, _):
            guard case .setting(let key) = target else { throw Abort() }
            checkingInlineScenario = true
            defer { checkingInlineScenario = false }
            if isStep {
                // A step has the setting's type but not its range (a step of 50 for a threshold from 100).
                let typed = try checkExpr(e, in: .columns([]))
                guard let c = coerce(typed, to: variable.type), case .literal(let v) = c.node, SweepVariable.scaled(v) != nil else {
                    throw error("the step of \(k) is \(Checker.article(variable.type)), e.g. \(Checker.example(for: variable.type))", e.span)
                }
                return v
            }
            // A sweep only reads: its values are checked as a session `set` would be.
            guard case .setSessionSetting(_, let v) = try checkSet(key, e, stored: false) else { throw Abort() }
            return v
        }
    }

    package mutating func requireRule(_ name: String, _ span: SourceSpan, known: [String]) throws {
        guard known.contains(name) else {
            throw error("unknown rule \"\(name)\"", span,
                        help: Suggestions.didYouMean(name, known) ?? "list them with: rules")
        }
    }

    package mutating func requireScenario(_ name: String, _ span: SourceSpan) throws {
        guard policyNames.scenarios.contains(name) else {
            throw error("unknown scenario \"\(name)\"", span,
                        help: Suggestions.didYouMean(name, policyNames.scenarios) ?? "list them with: scenarios")
        }
    }

    package mutating func checkScenarioChanges(_ changes: [ScenarioChangeSyntax]) throws -> [ScenarioChange] {
        var known = policyNames.rules
        var out: [ScenarioChange] = []
        var failed = false
        for change in changes {
            do {
                switch change {
                case .rule(let r):
                    let rule = try checkRule(r)
                    if !known.contains(rule.name) { known.append(rule.name) }
                    out.append(.rule(rule))
                case .dropRule(let name, let span):
                    try requireRule(name, span, known: known)
                    known.removeAll { $0 == name }
                    out.append(.dropRule(name))
                case .enableRule(let name, let span, let enabled):
                    try requireRule(name, span, known: known)
                    out.append(.enableRule(name, enabled: enabled))
                case .set(let key, let value, _):
                    if Checker.sessionSettings.contains(key.text.lowercased()) {
                        throw error("a scenario changes stored settings only, not \(key.text.lowercased())", key.span,
                                    help: "choose the period when comparing: compare baseline, \"S\" over 2025")
                    }
                    guard case .setStore(let k, let v, let type) = try checkSet(key, value) else { throw Abort() }
                    out.append(.setting(key: k, value: v.plain))
                case .assume(let elasticity, let condition, let text, _):
                    let bp = try checkPercent(elasticity, what: "a volume response", range: -10_000...10_000)
                    if let condition { try checkRuleCondition(condition, keyword: "for") }
                    out.append(.assume(elasticityBP: bp, condition: text))
                }
            } catch { failed = true }
        }
        if failed { throw Abort() }
        return out
    }

    package mutating func checkRule(_ r: RuleSyntax) throws -> DiscountRule {
        var rule = DiscountRule(name: r.name)
        var failed = false
        func attempt(_ body: () throws -> Void) { do { try body() } catch { failed = true } }
        attempt {
            switch r.discount {
            case .percent(let e):
                // A percent, or an amount off each order.
                if case .literal(.percent) = try checkExpr(e, in: .columns([])).node {
                    rule.percentBP = try checkPercent(e, what: "a discount", range: 0...10_000)
                } else {
                    let t = try checkExpr(e, in: .columns([]))
                    if case .literal(.integer(let n)) = t.node {
                        throw error("write \(n)% for a percent, or \(n).00 for an amount off each order", e.span)
                    }
                    guard coerce(t, to: .money) != nil else {
                        throw error("a discount is a percent (5%) or an amount off each order (50.00)", e.span)
                    }
                    rule.amountMinor = try checkAmount(e, what: "a fixed discount")
                    guard rule.amountMinor! > 0 else { throw error("a fixed discount is more than 0", e.span) }
                }
            case .tiers(let basis, let steps, _, let marginal):
                if marginal { rule.tierMode = .marginal }
                guard ["avg_order", "turnover"].contains(basis.text.lowercased()) else {
                    throw error("tiers are by avg_order or turnover, not '\(basis.text)'", basis.span,
                                help: Suggestions.didYouMean(basis.text, ["avg_order", "turnover"]))
                }
                rule.tierBasis = basis.text.lowercased()
                var tiers: [DiscountTier] = []
                for (from, pct) in steps {
                    let amount = try checkAmount(from, what: "a tier threshold")
                    if let last = tiers.last, amount <= last.fromMinor {
                        throw error("tier thresholds must increase: \(Money(minorUnits: amount).plain) comes after \(Money(minorUnits: last.fromMinor).plain)", from.span)
                    }
                    tiers.append(DiscountTier(fromMinor: amount, bp: try checkPercent(pct, what: "a discount", range: 0...10_000)))
                }
                rule.tiers = tiers
            }
        }
        if let c = r.condition {
            attempt {
                try checkRuleCondition(c, keyword: "when")
                rule.condition = r.conditionText ?? "true"
            }
        }
        var seen: [String: SourceSpan] = [:]
        var capSpan: SourceSpan?
        for clause in r.clauses {
            if seen[clause.keyword] != nil {
                _ = error("\(clause.keyword) is given twice in this rule", clause.span)
                failed = true
                continue
            }
            seen[clause.keyword] = clause.span
            attempt {
                switch clause {
                case .priority(let e, _):
                    var value: Int64?
                    if case .path = e {} else if case .literal(.integer(let v)) = try checkExpr(e, in: .columns([])).node { value = v }
                    guard let n = value else {
                        throw error("priority is a whole number (lower numbers are considered first), e.g. priority 10", e.span)
                    }
                    rule.priority = n
                case .combine(let name, _):
                    guard let c = Combination(rawValue: name.text.lowercased()) else {
                        throw error("combine is exclusive, best or stack, not '\(name.text)'", name.span,
                                    help: Suggestions.didYouMean(name.text, Combination.allCases.map(\.rawValue)))
                    }
                    rule.combine = c
                case .cap(let e, let s):
                    rule.stackCapBP = try checkPercent(e, what: "a cap", range: 0...10_000)
                    capSpan = s
                case .category(let name, let s):
                    guard let c = policyNames.categories.first(where: { $0.lowercased() == name.lowercased() }) else {
                        throw error("unknown category \"\(name)\"", s,
                                    help: Suggestions.didYouMean(name, policyNames.categories) ?? "list them with: categories")
                    }
                    rule.category = c
                case .validity(let from, let to, let s):
                    rule.validFrom = try from.map { try checkRuleDate($0) }
                    rule.validTo = try to.map { try checkRuleDate($0) }
                    if let f = rule.validFrom, let t = rule.validTo, t < f {
                        throw error("this rule ends (\(t.iso)) before it starts (\(f.iso))", s)
                    }
                case .months(let items, _):
                    var months: [Int] = []
                    for m in items {
                        guard case .integer(let n, let ms) = m else { throw error("months are numbers 1 to 12, e.g. in months 1, 2, 7", m.span) }
                        guard (1...12).contains(n) else { throw error("months are 1 to 12, not \(n)", ms) }
                        if !months.contains(Int(n)) { months.append(Int(n)) }
                    }
                    rule.seasonMonths = months.sorted()
                case .minOrder(let e, _):
                    rule.minOrderMinor = try checkAmount(e, what: "min order")
                }
            }
        }
        if rule.amountMinor != nil, let s = seen["combine"] ?? seen["cap"] {
            _ = error("a fixed amount is added to the percent discounts after they combine: 'combine' and 'cap' do not apply to it", s)
            failed = true
        } else if let capSpan, rule.combine != .stack {
            _ = error("a cap limits stacking rules: add 'combine stack' to this rule", capSpan)
            failed = true
        }
        if failed { throw Abort() }
        return rule
    }

    /// A rule condition: a boolean over one client's fields and segments, without
    /// parameters (it is stored and evaluated again later).
    package mutating func checkRuleCondition(_ c: Expr, keyword: String) throws {
        if let p = Checker.firstParameter(c) {
            throw error("a rule condition cannot use parameters: it is stored and evaluated again later", p,
                        help: "write the value itself")
        }
        if let (name, span) = firstHostCall(c) {
            throw error("a rule condition cannot use \(name): the rule is stored, and \(name) is a function of this program only", span)
        }
        if let (name, span) = firstModelField(c) {
            throw error("a rule condition cannot use \(name): it is an estimate fitted on the order history, not a rule's fact", span,
                        help: "use status, abc, risk or another segment; docs/analytics.md")
        }
        let typed = try checkExpr(c, in: .object(catalog.object("clients")!, derived: []))
        try requireBoolean(typed, keyword)
        try forbidAggregate(typed, "a rule condition")
    }

    /// The first call of a host function, which a program that reads the store later may not have.
    package func firstHostCall(_ e: Expr) -> (String, SourceSpan)? {
        switch e {
        case .call(let name, let args, let filter, _, _):
            if case .host(let f)? = catalog.scalarFunction(name.text) { return (f.name, name.span) }
            return args.lazy.compactMap(firstHostCall).first ?? filter.flatMap(firstHostCall)
        case .unary(_, let x, _): return firstHostCall(x)
        case .binary(_, let a, let b, _): return firstHostCall(a) ?? firstHostCall(b)
        case .inList(let x, let items, _, _): return firstHostCall(x) ?? items.lazy.compactMap(firstHostCall).first
        case .inRange(let x, let a, let b, _, _): return firstHostCall(x) ?? firstHostCall(a) ?? firstHostCall(b)
        case .within(let a, let b, _): return firstHostCall(a) ?? firstHostCall(b)
        default: return nil
        }
    }

    package static func firstParameter(_ e: Expr) -> SourceSpan? {
        switch e {
        case .parameter(_, let s): return s
        case .call(_, let args, let filter, _, _):
            return args.lazy.compactMap(firstParameter).first ?? filter.flatMap(firstParameter)
        case .unary(_, let x, _): return firstParameter(x)
        case .binary(_, let a, let b, _): return firstParameter(a) ?? firstParameter(b)
        case .inList(let x, let items, _, _): return firstParameter(x) ?? items.lazy.compactMap(firstParameter).first
        case .inRange(let x, let a, let b, _, _): return firstParameter(x) ?? firstParameter(a) ?? firstParameter(b)
        case .within(let a, let b, _): return firstParameter(a) ?? firstParameter(b)
        default: return nil
        }
    }

    package mutating func checkPercent(_ e: Expr, what: String, range: ClosedRange<Int64>) throws -> Int64 {
        let t = try checkExpr(e, in: .columns([]))
        guard case .literal(.percent(let p)) = t.node else {
            throw error("\(what) is a percent, e.g. 5%", e.span)
        }
        guard range.contains(p.basisPoints) else {
            throw error("\(what) is between \(Percent(basisPoints: range.lowerBound)) and \(Percent(basisPoints: range.upperBound)), not \(p)", e.span)
        }
        return p.basisPoints
    }

    package mutating func checkAmount(_ e: Expr, what: String) throws -> Int64 {
        let t = try checkExpr(e, in: .columns([]))
        guard let c = coerce(t, to: .money), case .literal(.money(let m)) = c.node else {
            throw error("\(what) is an amount of money, e.g. 100 or 99.50", e.span)
        }
        guard m.minorUnits >= 0 else { throw error("\(what) cannot be negative", e.span) }
        return m.minorUnits
    }

    package mutating func checkRuleDate(_ e: Expr) throws -> CalendarDate {
        guard case .date(let text, let s) = e else { throw error("expected a date (YYYY-MM-DD), e.g. from 2025-01-01 to 2025-12-31", e.span) }
        return try checkDate(text, s)
    }
}
