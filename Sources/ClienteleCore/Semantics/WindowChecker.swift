/// Window functions: running totals, rank, previous/next row, change and share of total,
/// computed over the rows a `derive` or `select` sees, in their order, optionally
/// partitioned (`by KEY`). The parser keeps `desc`/`asc` and `by` inside a call's
/// parentheses as markers around the argument (`.unary("desc", ...)`, `.unary("by", ...)`).
extension Checker {
    package static let windowFunctionNames = ["running_sum", "rank", "previous", "next", "change"]

    /// The stages a window function may not appear in: where, sort, group, agg.
    package mutating func forbidWindow(_ t: TypedExpr, _ stage: String) throws {
        if t.containsWindow {
            throw error("window functions like running_sum() and rank() belong in derive or select, not in \(stage)", t.span,
                        help: "derive the column first, then use it: derive r = rank(turnover desc) | where r <= 10")
        }
    }

    package mutating func checkWindow(_ kind: WindowKind, _ name: Name, _ args: [Expr], filter: Expr?, distinct: Bool,
                                      span: SourceSpan, in scope: Scope) throws -> TypedExpr {
        let fn = kind.rawValue
        if filter != nil || distinct {
            throw error("'where' and 'distinct' go only inside aggregates, not in \(fn)()", span,
                        help: "filter the rows first: where ... | derive x = \(fn)(...)")
        }
        var values: [Expr] = []
        var keys: [Expr] = []
        for a in args {
            if case .unary("by", let key, _) = a { keys.append(key) } else { values.append(a) }
        }
        guard values.count == 1 else {
            throw error("\(fn) takes one value\(kind == .rank ? " to rank by" : ""), e.g. \(Checker.windowExample(kind))", span)
        }
        var valueExpr = values[0]
        var descending = false
        if case .unary(let dir, let inner, let dirSpan) = valueExpr, dir == "desc" || dir == "asc" {
            guard kind == .rank else {
                throw error("only rank() takes asc or desc; \(fn)() follows the order of the rows", dirSpan,
                            help: "sort the rows first: sort order_date | derive x = \(fn)(...)")
            }
            descending = dir == "desc"
            valueExpr = inner
        }
        if case .columns(let cols) = scope, cols.isEmpty {
            throw error("\(fn)() is a window function: use it in derive or select", span)
        }
        let value = try checkExpr(valueExpr, in: scope)
        try checkWindowArgument(value, fn)
        var partition: [TypedExpr] = []
        for k in keys {
            let t = try checkExpr(k, in: scope)
            try checkWindowArgument(t, fn)
            partition.append(t)
        }
        let type: ValueType
        var labels: [String] = []
        switch kind {
        case .runningSum, .change:
            guard value.type.isNumeric else {
                throw error("\(fn) needs a number, but this is \(Checker.article(value.type))", value.span)
            }
            type = value.type
        case .share:
            guard value.type.isNumeric, value.type != .percent else {
                throw error("share needs an amount or a count, but this is \(Checker.article(value.type))", value.span)
            }
            type = .percent
        case .rank:
            if value.type == .boolean || value.type == .null { throw error("cannot rank by \(Checker.article(value.type))", value.span) }
            type = .integer
        case .previous, .next:
            if value.type == .null { throw error("\(fn) needs a value", value.span) }
            type = value.type
            labels = value.labels
        }
        return TypedExpr(node: .window(kind, value, partition: partition, descending: descending), type: type, span: span, labels: labels)
    }

    private mutating func checkWindowArgument(_ t: TypedExpr, _ fn: String) throws {
        if t.isAggregate {
            throw error("\(fn)() works on the rows' values, not on an aggregate", t.span,
                        help: "group first, then use the column: group month agg revenue = sum(net) | derive running = \(fn)(revenue)")
        }
        if t.containsWindow { throw error("window functions cannot be nested", t.span, help: "derive one column, then the other from it") }
    }

    /// The error for `desc`, `asc` or `by` outside the parentheses of a window function.
    package mutating func misplacedWindowWord(_ word: String, _ span: SourceSpan) -> Error {
        if word == "by" {
            return error("'by' partitions a window function, e.g. running_sum(net by client)", span)
        }
        return error("'\(word)' orders a sort key or a rank, e.g. sort turnover \(word) or rank(turnover \(word))", span)
    }

    static func windowExample(_ kind: WindowKind) -> String {
        switch kind {
        case .rank: return "rank(turnover desc)"
        case .share: return "share(net)"
        case .runningSum: return "running_sum(net by client)"
        default: return "\(kind.rawValue)(net)"
        }
    }
}
