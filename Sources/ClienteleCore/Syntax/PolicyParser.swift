/// Discount-policy commands:
///
///     rule "Volume A": discount 5% when abc == "A" priority 10 combine best
///     rule "Winter": discount tiers by avg_order [0: 0%, 100: 2%, 500: 5%] in months 1, 2 min order 100
///     disable rule "X" | enable rule "X" | drop rule "X" | drop scenario "S"
///     scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A"; set abc.a_min = 400
///                          assume volume +2% per discount point for abc == "B" }
///     compare baseline, "A to 7%", { rule "X": discount 8% when abc == "A" } over last 12 months [clients]
///     apply scenario "A to 7%"
///     explain discount client: "ООО Ромашка" [on 2025-06-01] [order "A-102"]
extension Parser {
    package static let ruleOptions = "when, priority, combine, cap, category, from DATE to DATE, in months, min order"
    /// Words that end a rule's condition (and a rule inside a scenario).
    package static let conditionStopWords: Set<String> = ["priority", "combine", "cap", "category", "from", "to", "until",
                                                  "when", "rule", "drop", "set", "assume", "enable", "disable", "for"]
    package static let scenarioItemWords: Set<String> = ["rule", "drop", "set", "assume", "enable", "disable"]

    /// A policy statement, or nil when the current words do not start one.
    package mutating func policyStatement() throws -> StatementSyntax? {
        guard case .identifier(let w) = kind else { return nil }
        let word = w.lowercased()
        let nextWord: String? = { if case .identifier(let n) = peekKind(1) { return n.lowercased() } else { return nil } }()
        let start = current.span
        switch word {
        case "rule":
            guard case .string = peekKind(1) else { return nil }
            let r = try ruleDefinition()
            return .policy(.defineRule(r), r.span)
        case "drop", "enable", "disable":
            guard nextWord == "rule" || (word == "drop" && nextWord == "scenario") else { return nil }
            _ = advance()
            let what = advance().text.lowercased()
            let (name, span) = try stringLiteral("the \(what)'s name")
            if what == "scenario" { return .policy(.dropScenario(name, span), start.through(span)) }
            if word == "drop" { return .policy(.dropRule(name, span), start.through(span)) }
            return .policy(.enableRule(name, span, enabled: word == "enable"), start.through(span))
        case "scenario":
            guard case .string = peekKind(1) else { return nil }
            return try scenarioDefinition()
        case "compare":
            return try compareStatement()
        case "sweep", "solve":
            guard case .string = peekKind(1) else {
                guard case .identifier = peekKind(1) else { return nil }
                return try sweepStatement(solve: word == "solve")
            }
            return try sweepStatement(solve: word == "solve")
        case "apply":
            guard nextWord == "scenario" else { return nil }
            _ = advance(); _ = advance()
            let (name, span) = try stringLiteral("the scenario's name")
            return .policy(.applyScenario(name, span), start.through(span))
        case "explain":
            guard nextWord == "discount" else { return nil }
            _ = advance(); _ = advance()
            _ = try expectWord("client", "after 'explain discount' (explain discount client: \"Name\")")
            if isSymbol(":") { _ = advance() }
            let client = try additive()
            var end = client.span
            var on: Expr?
            var order: (String, SourceSpan)?
            while isWord("on") || isWord("order") {
                if isWord("order") {
                    _ = advance()
                    order = try stringLiteral("the order's number after 'order' (explain discount client: \"Name\" order \"A-102\")")
                    end = order!.1
                } else {
                    _ = advance()
                    let d = try primary()
                    on = d
                    end = d.span
                }
            }
            return .policy(.explainDiscount(client: client, on: on, order: order?.0), start.through(end))
        case "assume":
            throw fail("an assumption belongs inside a scenario",
                       help: "e.g. scenario \"S\" { assume volume +2% per discount point for abc == \"B\" }")
        default:
            return nil
        }
    }

    package var atPolicyItemEnd: Bool {
        if atStatementEnd || isSymbol("}") { return true }
        if case .identifier(let w) = kind, Parser.scenarioItemWords.contains(w.lowercased()) { return true }
        return false
    }

    /// An expression that runs up to the next option word, `;`, `}` or the end of the
    /// statement; parsed on its own so that option words are never taken as names.
    package mutating func delimitedCondition(after keyword: String) throws -> (Expr, String) {
        let first = pos
        var level = 0
        scan: while true {
            switch kind {
            case .eof, .newline: break scan
            case .symbol(";") where level == 0: break scan
            case .symbol("}") where level == 0: break scan
            case .symbol("("), .symbol("["), .symbol("{"): level += 1
            case .symbol(")"), .symbol("]"), .symbol("}"): level -= 1
            case .identifier(let w) where level == 0:
                let lw = w.lowercased()
                if Parser.conditionStopWords.contains(lw) && pos > first { break scan }
                if lw == "in", case .identifier(let n) = peekKind(1), n.lowercased() == "months" { break scan }
                if lw == "min", case .identifier(let n) = peekKind(1), n.lowercased() == "order" { break scan }
            default: break
            }
            _ = advance()
        }
        let slice = Array(tokens[first..<pos])
        guard !slice.isEmpty else {
            throw fail("expected a condition after '\(keyword)', found \(describe(current))",
                       help: "e.g. \(keyword) abc == \"A\" and outlets >= 5")
        }
        let last = slice.last!
        let eof = Token(kind: .eof, span: SourceSpan(line: last.span.line, column: last.span.column + last.span.length,
                                                     length: 1, offset: last.span.offset + last.span.length), text: "")
        var sub = Parser(tokens: slice + [eof])
        sub.depth = depth
        do {
            let e = try sub.expression()
            if case .eof = sub.kind {} else {
                var help: String?
                if case .identifier(let w) = sub.kind {
                    help = Suggestions.didYouMean(w, ["priority", "combine", "cap", "category", "from", "until", "min order"])
                }
                _ = sub.fail("unexpected \(sub.describe(sub.current)) in the condition", help: help)
            }
            diagnostics += sub.diagnostics
            if !sub.diagnostics.isEmpty { throw Bail() }
            return (e, Parser.sourceText(slice))
        } catch {
            diagnostics += sub.diagnostics.filter { !diagnostics.contains($0) }
            throw Bail()
        }
    }

    /// Tokens back to text, one space wherever the source had space between them.
    package static func sourceText(_ tokens: [Token]) -> String {
        var out = ""
        var previousEnd: Int?
        for t in tokens {
            if case .newline = t.kind { continue }
            if case .eof = t.kind { continue }
            if let e = previousEnd, t.span.offset > e { out += " " }
            out += t.text
            previousEnd = t.span.offset + t.span.length
        }
        return out
    }

    package mutating func scenarioDefinition() throws -> StatementSyntax {
        let startIndex = pos
        let start = advance().span
        let (name, nameSpan) = try stringLiteral("the scenario's name")
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("a scenario needs a name", at: nameSpan) }
        // Throws unless the body opens here.
        if !isSymbol("{") { _ = try expectSymbol("{", "after the scenario's name (scenario \"Name\" { changes })") }
        let (changes, _, body) = try scenarioBody(what: "scenario", start: start)
        let source = Parser.sourceText(Array(tokens[startIndex...pos - 1]))
        return .policy(.defineScenario(name: name, nameSpan: nameSpan, changes: changes, source: source), start.through(body))
    }

    /// `{ change; ... }` at the current `{`: the changes, their source text (braces
    /// included) and the span from `start` (default: the `{`) to the `}`.
    package mutating func scenarioBody(what: String, start given: SourceSpan? = nil) throws -> ([ScenarioChangeSyntax], String, SourceSpan) {
        let startIndex = pos
        let open = advance().span
        let start = given ?? open
        var changes: [ScenarioChangeSyntax] = []
        while true {
            while isSymbol(";") || isSymbol(",") { _ = advance() }
            if isSymbol("}") { break }
            if case .eof = kind { throw fail("this \(what) is not closed: add '}' after its changes", at: start) }
            changes.append(try scenarioChange())
        }
        let close = advance()
        if changes.isEmpty {
            throw fail("a scenario needs at least one change", at: start.through(close.span),
                       help: "e.g. scenario \"A to 7%\" { rule \"Volume A\": discount 7% when abc == \"A\" }")
        }
        return (changes, Parser.sourceText(Array(tokens[startIndex...pos - 1])), start.through(close.span))
    }

    package mutating func scenarioChange() throws -> ScenarioChangeSyntax {
        let t = current
        guard case .identifier(let w) = t.kind else {
            throw fail("expected a change in the scenario, found \(describe(t))",
                       help: "changes are: rule \"X\": ..., drop rule \"X\", disable rule \"X\", enable rule \"X\", set key = value, assume volume ...")
        }
        switch w.lowercased() {
        case "rule":
            return .rule(try ruleDefinition())
        case "drop", "enable", "disable":
            _ = advance()
            _ = try expectWord("rule", "after '\(w)' in a scenario")
            let (name, span) = try stringLiteral("the rule's name")
            if w.lowercased() == "drop" { return .dropRule(name, span) }
            return .enableRule(name, span, enabled: w.lowercased() == "enable")
        case "set":
            _ = advance()
            let key = try dottedName("a setting name after 'set'")
            _ = try expectSymbol("=", "after the setting name")
            let value = try additive()
            return .set(key, value, t.span.through(value.span))
        case "assume":
            _ = advance()
            _ = try expectWord("volume", "after 'assume' (assume volume +2% per discount point)")
            if isSymbol("+") { _ = advance() }
            let elasticity = try unary()
            _ = try expectWord("per", "after the percent (assume volume +2% per discount point)")
            _ = try expectWord("discount", "after 'per' (per discount point)")
            let end = try expectWord("point", "after 'per discount' (per discount point)").span
            var condition: Expr?
            var text: String?
            var span = t.span.through(end)
            if isWord("for") {
                _ = advance()
                let (e, s) = try delimitedCondition(after: "for")
                condition = e; text = s
                span = t.span.through(e.span)
            }
            return .assume(elasticity: elasticity, condition: condition, conditionText: text, span)
        default:
            throw fail("unknown change '\(w)' in a scenario",
                       help: Suggestions.didYouMean(w, ["rule", "drop", "disable", "enable", "set", "assume"])
                           ?? "changes are: rule, drop rule, disable rule, enable rule, set, assume")
        }
    }

    package mutating func compareStatement() throws -> StatementSyntax {
        let start = advance().span
        var items: [CompareItemSyntax] = []
        repeat {
            if isSymbol(",") { _ = advance() }
            if isWord("baseline") {
                items.append(CompareItemSyntax(name: nil, span: advance().span))
            } else if case .string(let s) = kind {
                items.append(CompareItemSyntax(name: s, span: advance().span))
            } else if isSymbol("{") {
                let (changes, source, span) = try scenarioBody(what: "scenario")
                items.append(CompareItemSyntax(name: nil, span: span, inline: changes, source: source))
            } else {
                throw fail("expected baseline, a scenario name in quotes or a scenario in braces, found \(describe(current))",
                           help: "e.g. compare baseline, \"A to 7%\", { rule \"Volume A\": discount 8% when abc == \"A\" } over last 12 months")
            }
        } while isSymbol(",")
        var end = items.last!.span
        var periods: [Expr] = []
        if isWord("over") {
            _ = advance()
            repeat {
                if isSymbol(",") { _ = advance() }
                let p = try additive()
                periods.append(p)
                end = p.span
            } while isSymbol(",")
        }
        var listClients = false
        var stages: [Stage] = []
        if isWord("clients") {
            listClients = true
            end = advance().span
            // The clients' answers are rows like any object's: stages continue them.
            (stages, end) = try self.stages(after: end)
        } else {
            skipContinuationNewlines()
            if isSymbol("|") {
                throw fail("only the clients of a compare can be piped", help: "add 'clients' before '|': compare baseline, \"A to 7%\" over 2025 clients | where Δnet < 0")
            }
        }
        return .policy(.compare(items, periods: periods, listClients: listClients, stages: stages), start.through(end))
    }

    /// `sweep TARGET from A to B step S [over PERIOD]` and
    /// `solve TARGET [from A to B] for METRIC = max | >= AMOUNT | >= baseline [over PERIOD]`,
    /// where TARGET is `"Rule" discount` or a setting name.
    package mutating func sweepStatement(solve: Bool) throws -> StatementSyntax {
        let start = advance().span
        let what = solve ? "solve" : "sweep"
        let target: SweepTargetSyntax
        if case .string = kind {
            let (name, span) = try stringLiteral("the rule's name")
            _ = try expectWord("discount", "after the rule's name (\(what) \"Volume A\" discount ...)")
            target = .ruleDiscount(name, span)
        } else {
            target = .setting(try dottedName("a rule name in quotes or a setting name after '\(what)'"))
        }
        var from: Expr?, to: Expr?, step: Expr?
        if isWord("from") || !solve {
            _ = try expectWord("from", "after what \(what) varies (\(what) \"Volume A\" discount from 3% to 10%\(solve ? "" : " step 1%"))")
            from = try additive()
            _ = try expectWord("to", "after the first value (from 3% to 10%)")
            to = try additive()
        }
        var end = to?.span ?? start
        var goal: SolveGoalSyntax?
        if solve {
            let forWord = try expectWord("for", "(solve \"Volume A\" discount for margin = max)")
            let metric = try dottedName("margin or net after 'for'")
            if isSymbol("=") || isSymbol("==") {
                _ = advance()
                let m = try expectWord("max", "after '=' (for margin = max)")
                goal = SolveGoalSyntax(metric: metric, atLeast: nil, atLeastBaseline: false, span: forWord.span.through(m.span))
                end = m.span
            } else if isSymbol(">=") {
                _ = advance()
                if isWord("baseline") {
                    let b = advance()
                    goal = SolveGoalSyntax(metric: metric, atLeast: nil, atLeastBaseline: true, span: forWord.span.through(b.span))
                    end = b.span
                } else {
                    let amount = try additive()
                    goal = SolveGoalSyntax(metric: metric, atLeast: amount, atLeastBaseline: false, span: forWord.span.through(amount.span))
                    end = amount.span
                }
            } else {
                throw fail("expected '= max' or '>= AMOUNT' or '>= baseline' after \(metric.text), found \(describe(current))",
                           help: "e.g. solve \"Volume A\" discount for margin = max")
            }
        } else {
            _ = try expectWord("step", "after the range (from 3% to 10% step 1%)")
            step = try additive()
            end = step!.span
        }
        var period: Expr?
        if isWord("over") {
            _ = advance()
            let p = try additive()
            period = p
            end = p.span
        }
        if solve {
            return .policy(.solve(target, from: from, to: to, goal: goal!, period: period), start.through(end))
        }
        return .policy(.sweep(target, from: from!, to: to!, step: step!, period: period), start.through(end))
    }
}
