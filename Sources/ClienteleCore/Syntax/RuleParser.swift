/// `rule "NAME": discount ...` and its clauses (docs/discounts.md "Rules").
extension Parser {
    package mutating func ruleDefinition() throws -> RuleSyntax {
        let start = try expectWord("rule", "").span
        let (name, nameSpan) = try stringLiteral("the rule's name")
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("a rule needs a name", at: nameSpan) }
        _ = try expectSymbol(":", "after the rule's name (rule \"Name\": discount 5% when ...)")
        _ = try expectWord("discount", "after 'rule \"\(name)\":' (e.g. discount 5% when abc == \"A\")")
        let discount: DiscountSyntax
        if isWord("tiers") {
            let tiersStart = advance().span
            _ = try expectWord("by", "after 'tiers' (tiers by avg_order [0: 0%, 100: 2%])")
            let basis = try identifier("avg_order or turnover after 'tiers by'")
            let marginal = isWord("marginal")
            if marginal { _ = advance() }
            _ = try expectSymbol("[", "to open the tier table (e.g. [0: 0%, 100: 2%, 500: 5%])")
            var tiers: [(Expr, Expr)] = []
            repeat {
                if isSymbol(",") { _ = advance() }
                let from = try additive()
                _ = try expectSymbol(":", "between an amount and its percent in the tier table (e.g. 100: 2%)")
                tiers.append((from, try unary()))
            } while isSymbol(",")
            let close = try expectSymbol("]", "to close the tier table")
            discount = .tiers(basis: basis, tiers, tiersStart.through(close.span), marginal: marginal)
        } else {
            if atPolicyItemEnd || isWord("when") {
                throw fail("expected a percent or an amount after 'discount', found \(describe(current))",
                           help: "e.g. discount 5%, discount 50.00 (off each order), or discount tiers by avg_order [0: 0%, 100: 2%]")
            }
            discount = .percent(try unary())
        }
        var condition: Expr?
        var conditionText: String?
        var clauses: [RuleClause] = []
        var end = tokens[pos - 1].span
        while !atPolicyItemEnd && !isSymbol(";") {
            let t = current
            guard case .identifier(let w) = t.kind else {
                throw fail("unexpected \(describe(t)) in the rule", help: "rule options are: " + Parser.ruleOptions)
            }
            _ = advance()
            switch w.lowercased() {
            case "when":
                if condition != nil { throw fail("'when' is given twice", at: t.span) }
                let (e, text) = try delimitedCondition(after: "when")
                condition = e; conditionText = text
            case "priority": clauses.append(.priority(try unary(), t.span))
            case "combine": clauses.append(.combine(try identifier("exclusive, best or stack after 'combine'"), t.span))
            case "cap": clauses.append(.cap(try unary(), t.span))
            case "category":
                let (c, cs) = try stringLiteral("a category name after 'category'")
                clauses.append(.category(c, cs))
            case "from":
                let from = try primary()
                var to: Expr?
                if isWord("to") { _ = advance(); to = try primary() }
                clauses.append(.validity(from: from, to: to, t.span))
            case "to", "until":
                clauses.append(.validity(from: nil, to: try primary(), t.span))
            case "in":
                _ = try expectWord("months", "after 'in' (in months 1, 2, 7)")
                var months: [Expr] = []
                repeat {
                    if isSymbol(",") { _ = advance() }
                    months.append(try unary())
                } while isSymbol(",")
                clauses.append(.months(months, t.span))
            case "min":
                _ = try expectWord("order", "after 'min' (min order 100)")
                clauses.append(.minOrder(try unary(), t.span))
            default:
                throw fail("unknown rule option '\(w)'", at: t.span,
                           help: Suggestions.didYouMean(w, ["when", "priority", "combine", "cap", "category", "from", "until", "in", "min"])
                               ?? "rule options are: " + Parser.ruleOptions)
            }
            end = tokens[pos - 1].span
        }
        return RuleSyntax(name: name, nameSpan: nameSpan, discount: discount, condition: condition,
                          conditionText: conditionText, clauses: clauses, span: start.through(end))
    }
}
