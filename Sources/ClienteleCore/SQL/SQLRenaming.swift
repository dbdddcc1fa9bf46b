/// Renaming the tables a tree reads (common table expressions shared between statements:
/// a dropped duplicate's readers read the one kept). A tree walk, not a text search.
extension SQLSelect {
    package func renamingTables(_ names: [String: String]) -> SQLSelect {
        if names.isEmpty { return self }
        var s = self
        s.with = with.map { SQLCommonTable(name: $0.name, select: $0.select.renamingTables(names), materialized: $0.materialized) }
        s.columns = columns.map { SQLSelectItem($0.expression.renamingTables(names), as: $0.alias) }
        s.from = from?.renamingTables(names)
        s.joins = joins.map { SQLJoin($0.kind, $0.from.renamingTables(names), on: $0.on.renamingTables(names)) }
        s.filter = filter?.renamingTables(names)
        s.groupBy = groupBy.map { $0.renamingTables(names) }
        s.orderBy = orderBy.map { $0.renamingTables(names) }
        return s
    }
}

extension SQLFrom {
    func renamingTables(_ names: [String: String]) -> SQLFrom {
        var f = self
        switch source {
        case .table(let t): f.source = .table(names[t] ?? t)
        case .select(let s): f.source = .select(s.renamingTables(names))
        case .computedTable(let e): f.source = .computedTable(e.renamingTables(names))
        case .jsonRows(let e, let columns): f.source = .jsonRows(e.renamingTables(names), columns: columns)
        case .function(let name, let arguments): f.source = .function(name, arguments.map { $0.renamingTables(names) })
        }
        return f
    }
}

extension SQLOrdering {
    func renamingTables(_ names: [String: String]) -> SQLOrdering {
        SQLOrdering(expression.renamingTables(names), descending: descending, nullsLast: nullsLast)
    }
}

extension SQLExpr {
    func renamingTables(_ names: [String: String]) -> SQLExpr {
        func r(_ e: SQLExpr) -> SQLExpr { e.renamingTables(names) }
        switch self {
        case .column, .qualified, .star, .parameter, .integer, .text, .null, .boolean, .catalogTemplate: return self
        case .grouped(let x): return .grouped(r(x))
        case .unary(let op, let x): return .unary(op, r(x))
        case .binary(let op, let a, let b): return .binary(op, r(a), r(b))
        case .conjunction(let xs): return .conjunction(xs.map(r))
        case .call(let f, let xs): return .call(f, xs.map(r))
        case .aggregate(let f, let x, let d): return .aggregate(f, x.map(r), distinct: d)
        case .window(var w):
            switch w.function {
            case .aggregate(let f, let x): w.function = .aggregate(f, x.map(r))
            case .lag(let x): w.function = .lag(r(x))
            case .lead(let x): w.function = .lead(r(x))
            case .ntile, .rowNumber, .rank: break
            }
            w.partitionBy = w.partitionBy.map(r)
            w.orderBy = w.orderBy.map { $0.renamingTables(names) }
            return .window(w)
        case .caseWhen(let whens, let e): return .caseWhen(whens.map { SQLWhen(r($0.condition), r($0.result)) }, else: e.map(r))
        case .cast(let x, let t): return .cast(r(x), t)
        case .isNull(let x, let n): return .isNull(r(x), negated: n)
        case .inList(let x, let items, let n): return .inList(r(x), items.map(r), negated: n)
        case .inSelect(let x, let s, let n): return .inSelect(r(x), s.renamingTables(names), negated: n)
        case .between(let x, let a, let b, let n): return .between(r(x), r(a), r(b), negated: n)
        case .exists(let s, let n): return .exists(s.renamingTables(names), negated: n)
        case .subquery(let s): return .subquery(s.renamingTables(names))
        case .textOrdering(let x): return .textOrdering(r(x))
        }
    }
}
