/// Pipelines, stages and expressions.
extension Parser {
    package static let stageKeywords = ["where", "sort", "take", "skip", "select", "derive", "group", "agg", "distinct", "count", "chart", "pivot", "spark"]

    package mutating func pipeline() throws -> Pipeline {
        let source = try identifier("an object or a name (clients, orders, payments, contacts, categories, rules, settings)")
        let (stages, end) = try stages(after: source.span)
        return Pipeline(source: source, stages: stages, span: source.span.through(end))
    }

    /// `| stage | stage ...` after a source; also the span of the last one.
    package mutating func stages(after start: SourceSpan) throws -> ([Stage], SourceSpan) {
        var stages: [Stage] = []
        var end = start
        while true {
            skipContinuationNewlines()
            guard isSymbol("|") else { break }
            _ = advance()
            skipNewlines()
            let stage = try self.stage()
            // `group keys | agg ...` is one grouping.
            if case .aggregate(let items, let span) = stage, case .group(let keys, let aggs, let gspan)? = stages.last, aggs.isEmpty {
                stages[stages.count - 1] = .group(keys, aggregates: items, gspan.through(span))
            } else {
                stages.append(stage)
            }
            end = stage.span
        }
        return (stages, end)
    }

    package mutating func stage() throws -> Stage {
        guard case .identifier(let word) = kind else {
            let orInstead = isSymbol("|") && pos > 0 && tokens[pos - 1].span.offset + 1 == current.span.offset
            throw fail("expected a stage after '|', found \(describe(current))",
                       help: orInstead ? "'||' is not an operator: combine conditions with 'or'"
                           : "stages are: " + Parser.stageKeywords.joined(separator: ", "))
        }
        let start = current.span
        switch word.lowercased() {
        case "where", "filter":
            _ = advance()
            let e = try expression()
            return .filter(e, start.through(e.span))
        case "sort":
            _ = advance()
            var keys: [SortKey] = []
            repeat {
                if isSymbol(",") { _ = advance() }
                let e = try expression()
                var desc = false
                if isWord("desc") { _ = advance(); desc = true } else if isWord("asc") { _ = advance() }
                keys.append(SortKey(expr: e, descending: desc))
            } while isSymbol(",")
            return .sort(keys, start.through(tokens[pos - 1].span))
        case "take", "limit":
            _ = advance()
            let e = try expression()
            return .take(e, start.through(e.span))
        case "skip", "offset":
            _ = advance()
            let e = try expression()
            return .skip(e, start.through(e.span))
        case "select":
            _ = advance()
            let items = try namedList("a column")
            return .select(items, start.through(items.last!.expr.span))
        case "derive":
            _ = advance()
            let items = try namedList("a column")
            return .derive(items, start.through(items.last!.expr.span))
        case "group":
            _ = advance()
            let keys = try namedList("a grouping key")
            var aggs: [NamedExpr] = []
            if isWord("agg") {
                _ = advance()
                aggs = try namedList("an aggregate")
            }
            return .group(keys, aggregates: aggs, start.through(tokens[pos - 1].span))
        case "agg", "aggregate":
            _ = advance()
            let items = try namedList("an aggregate")
            return .aggregate(items, start.through(items.last!.expr.span))
        case "distinct":
            return .distinct(advance().span)
        case "count":
            return .count(advance().span)
        case "chart":
            let chart = advance()
            if isWord("line") { return .lineChart(chart.span.through(advance().span)) }
            return .chart(chart.span)
        case "pivot":
            _ = advance()
            let key = try identifier("the column to spread across, e.g. pivot abc")
            if isWord("spark") { return .pivot(key, spark: true, start.through(advance().span)) }
            return .pivot(key, spark: false, start.through(key.span))
        case "spark":
            _ = advance()
            let key = try identifier("the group key the series runs over, e.g. spark month")
            return .spark(key, start.through(key.span))
        default:
            let help = Suggestions.didYouMean(word, Parser.stageKeywords)
                ?? "stages are: " + Parser.stageKeywords.joined(separator: ", ")
            throw fail("unknown stage '\(word)'", help: help)
        }
    }

    package mutating func namedList(_ what: String) throws -> [NamedExpr] {
        var items: [NamedExpr] = []
        repeat {
            if isSymbol(",") { _ = advance() }
            if case .identifier(let n) = kind, peekKind(1).symbol == "=" {
                let t = advance()
                _ = advance()
                items.append(NamedExpr(alias: Name(text: n, span: t.span), expr: try expression()))
            } else {
                if atStatementEnd || isSymbol("|") { throw fail("expected \(what), found \(describe(current))") }
                items.append(NamedExpr(alias: nil, expr: try expression()))
            }
        } while isSymbol(",")
        return items
    }

    // MARK: Expressions, by precedence: or < and < not < comparison < + - < * / < unary < primary

    package mutating func expression() throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw fail("expression nested too deeply (more than \(Parser.maxDepth) levels)")
        }
        return try orExpr()
    }

    /// Each operator in a chain (`a and b and c ...`) nests the tree one level deeper, so a
    /// chain counts towards the same limit as brackets: a 20,000-term sum must not
    /// overflow the stack of the checker or the planner.
    package mutating func lengthenChain() throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw fail("expression too long: more than \(Parser.maxDepth) operators in a row",
                       help: "split it, e.g. into several where stages, or use 'in [...]' for a list of values")
        }
    }

    package mutating func orExpr() throws -> Expr {
        var left = try andExpr()
        let outer = depth
        defer { depth = outer }
        while isWord("or") {
            try lengthenChain()
            _ = advance()
            let right = try andExpr()
            left = .binary("or", left, right, left.span.through(right.span))
        }
        return left
    }

    package mutating func andExpr() throws -> Expr {
        var left = try notExpr()
        let outer = depth
        defer { depth = outer }
        while isWord("and") {
            try lengthenChain()
            _ = advance()
            let right = try notExpr()
            left = .binary("and", left, right, left.span.through(right.span))
        }
        return left
    }

    package mutating func notExpr() throws -> Expr {
        if isWord("not") {
            let start = advance().span
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw fail("expression nested too deeply (more than \(Parser.maxDepth) levels)") }
            let e = try notExpr()
            return .unary("not", e, start.through(e.span))
        }
        return try comparison()
    }

    package static let comparisonOperators: Set<String> = ["==", "!=", "<", "<=", ">", ">=", "~", "~=", "!~"]

    package mutating func comparison() throws -> Expr {
        let left = try additive()
        if let op = kind.symbol, Parser.comparisonOperators.contains(op) {
            _ = advance()
            let right = try additive()
            return .binary(op, left, right, left.span.through(right.span))
        }
        if isSymbol("=") {
            throw fail("'=' is assignment; compare with '=='", help: "write == to compare, e.g. region == \"North\"")
        }
        var negated = false
        if isWord("not"), case .identifier(let w) = peekKind(1), w.lowercased() == "in" { _ = advance(); negated = true }
        if isWord("in") {
            _ = advance()
            if isSymbol("[") {
                _ = advance()
                var items: [Expr] = []
                if !isSymbol("]") {
                    repeat {
                        if isSymbol(",") { _ = advance() }
                        items.append(try additive())
                    } while isSymbol(",")
                }
                let close = try expectSymbol("]", "to close the list")
                return .inList(left, items, negated: negated, left.span.through(close.span))
            }
            let low = try additive()
            if !isSymbol("..") {
                switch low {
                case .period, .integer, .parameter:
                    return .inPeriod(left, low, negated: negated, left.span.through(low.span))
                default: break
                }
            }
            _ = try expectSymbol("..", "in a range (x in 100..500), a period (x in 2025-Q1) or '[' for a list")
            let high = try additive()
            return .inRange(left, low, high, negated: negated, left.span.through(high.span))
        }
        if isWord("within") {
            _ = advance()
            let d = try additive()
            return .within(left, d, left.span.through(d.span))
        }
        return left
    }

    package mutating func additive() throws -> Expr {
        var left = try multiplicative()
        let outer = depth
        defer { depth = outer }
        while let op = kind.symbol, op == "+" || op == "-" {
            try lengthenChain()
            _ = advance()
            let right = try multiplicative()
            left = .binary(op, left, right, left.span.through(right.span))
        }
        return left
    }

    package mutating func multiplicative() throws -> Expr {
        var left = try unary()
        let outer = depth
        defer { depth = outer }
        while let op = kind.symbol, op == "*" || op == "/" {
            try lengthenChain()
            _ = advance()
            let right = try unary()
            left = .binary(op, left, right, left.span.through(right.span))
        }
        return left
    }

    package mutating func unary() throws -> Expr {
        if isSymbol("-") {
            let start = advance().span
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw fail("expression nested too deeply (more than \(Parser.maxDepth) levels)") }
            let e = try unary()
            return .unary("-", e, start.through(e.span))
        }
        return try primary()
    }

    package mutating func primary() throws -> Expr {
        let t = current
        switch t.kind {
        case .integer(let v):
            _ = advance()
            if case .identifier(let w) = kind, let unit = DurationUnit.parse(w) {
                let u = advance()
                return .duration(v, unit, t.span.through(u.span))
            }
            return .integer(v, t.span)
        case .decimal(let s): _ = advance(); return .decimal(s, t.span)
        case .percent(let bp): _ = advance(); return .percent(bp, t.span)
        case .string(let s): _ = advance(); return .string(s, t.span)
        case .date(let d):
            _ = advance()
            if isSymbol(".."), case .date(let e) = peekKind(1) {
                _ = advance()
                let endTok = advance()
                return .period(.range(d, e), t.span.through(endTok.span))
            }
            return .date(d, t.span)
        case .monthPeriod(let y, let m): _ = advance(); return .period(.month(year: y, month: m), t.span)
        case .quarterPeriod(let y, let q): _ = advance(); return .period(.quarter(year: y, quarter: q), t.span)
        case .parameter(let n): _ = advance(); return .parameter(n, t.span)
        case .symbol("("):
            _ = advance()
            skipNewlines()
            let e = try expression()
            _ = try expectSymbol(")", "to close '('")
            return e
        case .identifier(let word):
            switch word.lowercased() {
            case "true": _ = advance(); return .boolean(true, t.span)
            case "false": _ = advance(); return .boolean(false, t.span)
            case "null": _ = advance(); return .null(t.span)
            // `previous(net)` is the window function; `previous quarter` a period.
            case "last", "this", "previous" where peekKind(1).symbol != "(":
                return try periodPhrase()
            default:
                return try pathOrCall()
            }
        default:
            if atStatementEnd || isSymbol("|") {
                throw fail("expected a value, found \(describe(t))")
            }
            throw fail("expected a value, found \(describe(t))")
        }
    }

    package mutating func periodPhrase() throws -> Expr {
        let start = advance()
        let word = start.text.lowercased()
        if word == "last", case .integer(let n) = kind {
            _ = advance()
            guard case .identifier(let u) = kind, let unit = DurationUnit.parse(u) else {
                throw fail("expected days, weeks, months, quarters or years after 'last \(n)'")
            }
            let end = advance()
            return .period(.last(count: n, unit: unit), start.span.through(end.span))
        }
        guard case .identifier(let u) = kind, let unit = DurationUnit.parse(u), unit != .days, unit != .weeks else {
            throw fail("expected year, quarter or month after '\(word)'",
                       help: "periods look like: last 12 months, this year, previous quarter, 2025, 2025-Q1, 2025-03")
        }
        let end = advance()
        return .period(word == "this" ? .this(unit) : .previous(unit), start.span.through(end.span))
    }

    /// A call's argument, with the `asc` or `desc` a rank takes after it (kept as a marker
    /// around the argument: `.unary("desc", x)`; the checker says where it does not belong).
    package mutating func orderedArgument() throws -> Expr {
        let e = try expression()
        if isWord("desc") || isWord("asc") {
            let word = advance()
            return .unary(word.text.lowercased(), e, e.span.through(word.span))
        }
        return e
    }

    package mutating func pathOrCall() throws -> Expr {
        let first = try identifier("a name")
        if isSymbol("(") {
            _ = advance()
            skipNewlines()
            var args: [Expr] = []
            var filter: Expr?
            var distinct = false
            if isWord("distinct") { _ = advance(); distinct = true }
            if isWord("where") {
                // count(where abc == "A"): count the rows for which it holds.
                _ = advance()
                filter = try expression()
            } else if !isSymbol(")") {
                repeat {
                    if isSymbol(",") { _ = advance() }
                    args.append(try orderedArgument())
                } while isSymbol(",")
                if isWord("where") {
                    _ = advance()
                    filter = try expression()
                }
                // running_sum(net by client), rank(turnover desc by region): a window's partition.
                if isWord("by") {
                    _ = advance()
                    repeat {
                        if isSymbol(",") { _ = advance() }
                        let key = try expression()
                        args.append(.unary("by", key, key.span))
                    } while isSymbol(",")
                }
            }
            let close = try expectSymbol(")", "to close the call of '\(first.text)'")
            return .call(first, args, filter: filter, distinct: distinct, first.span.through(close.span))
        }
        var names = [first]
        while isSymbol(".") {
            _ = advance()
            names.append(try identifier("a field name after '.'"))
        }
        return .path(names)
    }
}
