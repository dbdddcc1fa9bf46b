import ClienteleCore

/// Typed expressions to SQL text with bound parameters.
struct ExpressionCompiler {
    let context: SQLContext
    var d: SQLDialect { context.dialect }

    func compile(_ e: TypedExpr, in q: inout SelectBuilder) throws -> String {
        switch e.node {
        case .literal(let v):
            return v.isNull ? "NULL" : context.bind(v)
        case .field(let path):
            q.lastClientTable = nil
            let sql = try ClientMeasures(context: context).field(path, in: &q)
            if path.hops.isEmpty, let table = q.lastClientTable { q.fieldClientTables[SelectBuilder.fieldKey(path)] = table }
            return sql
        case .column(let index):
            guard let projection = q.projection, index < projection.count else {
                // Sealed subquery: its columns are col1...colN.
                return "\(subqueryAlias(q)).col\(index + 1)"
            }
            return projection[index].sqlName
        case .unary(let op, let x):
            let s = try compile(x, in: &q)
            return op == .not ? "NOT (\(s))" : "-(\(s))"
        case .binary(let op, let a, let b):
            return try binary(op, a, b, type: e.type, in: &q)
        case .function(let function, let args):
            let s = try args.map { try compile($0, in: &q) }
            let id: BuiltinFunction.ID
            switch function {
            case .host(let host): return try HostFunctionSQL.call(host, s, dialect: d)
            case .builtin(let builtin): id = builtin
            }
            switch id {
            case .lower: return d.foldCase(s[0])
            case .upper: return d.upperCase(s[0])
            case .length: return "length(\(s[0]))"
            case .year, .month, .day: return d.datePart(id.rawValue, s[0])
            case .abs: return "abs(\(s[0]))"
            case .coalesce: return "COALESCE(\(s[0]), \(s[1]))"
            case .today: return context.bind(context.today)
            }
        case .aggregate(let kind, let x, let distinct, let filter):
            let condition = try filter.map { try compile($0, in: &q) }
            guard let x else { return condition.map { "COUNT(CASE WHEN \($0) THEN 1 END)" } ?? "COUNT(*)" }
            var s = try compile(x, in: &q)
            if let condition { s = "CASE WHEN \(condition) THEN \(s) END" }
            let dist = distinct ? "DISTINCT " : ""
            switch kind {
            case .count: return "COUNT(\(dist)\(s))"
            case .sum: return "COALESCE(SUM(\(dist)\(s)), 0)"
            case .avg:
                let sum = x.type == .integer ? "SUM(\(dist)\(s)) * 100" : "SUM(\(dist)\(s))"
                return d.roundedDivide(sum, "COUNT(\(dist)\(s))")
            case .min, .max:
                let inner = x.type == .text || x.type == .label ? d.textOrdering(s) : s
                return "\(kind.rawValue.uppercased())(\(dist)\(inner))"
            }
        case .share(let x):
            let s = try compile(x, in: &q)
            return d.roundedDivide("(\(s)) * 10000", "NULLIF(SUM(\(s)) OVER (), 0)")
        case .relationAggregate(let kind, let rel, let target, let inner, let filter):
            return try relationAggregate(kind, rel, target, inner, filter, in: &q)
        case .inList(let x, let items, let negated):
            let s = try compile(x, in: &q)
            if items.isEmpty { return negated ? "1" : "0" }
            let list = try items.map { try compile($0, in: &q) }.joined(separator: ", ")
            return "\(s) \(negated ? "NOT IN" : "IN") (\(list))"
        case .inRange(let x, let lo, let hi, let negated):
            return "\(try compile(x, in: &q)) \(negated ? "NOT BETWEEN" : "BETWEEN") \(try compile(lo, in: &q)) AND \(try compile(hi, in: &q))"
        case .inPeriod(let x, let p, let negated):
            let r = p.resolve(today: context.today)
            return "\(try compile(x, in: &q)) \(negated ? "NOT BETWEEN" : "BETWEEN") \(context.bind(r.start)) AND \(context.bind(r.end))"
        case .within(let x, let days):
            return "\(d.daysToAnniversary(try compile(x, in: &q), today: context.bind(context.today))) BETWEEN 0 AND \(context.bind(.integer(days)))"
        }
    }

    func subqueryAlias(_ q: SelectBuilder) -> String {
        if case .subquery(_, let alias) = q.base { return alias }
        return ""
    }

    func binary(_ op: BinaryOperator, _ a: TypedExpr, _ b: TypedExpr, type: ValueType, in q: inout SelectBuilder) throws -> String {
        // `x == null` / `x != null` test for a missing value (SQL's `= NULL` is never true).
        let equality: Bool? = op == .comparison(.equal) ? true : op == .comparison(.notEqual) ? false : nil
        if let equality, case .literal(.null) = b.node {
            return "\(try compile(a, in: &q)) \(equality ? "IS NULL" : "IS NOT NULL")"
        }
        if let equality, case .literal(.null) = a.node {
            return "\(try compile(b, in: &q)) \(equality ? "IS NULL" : "IS NOT NULL")"
        }
        let l = try compile(a, in: &q), r = try compile(b, in: &q)
        // Comparing with null asks whether the value is missing.
        if let equality, a.type == .null || b.type == .null {
            let value = a.type == .null ? r : l
            return "\(value) IS \(equality ? "" : "NOT ")NULL"
        }
        let arithmetic: ArithmeticOperator
        switch op {
        case .logical(let logical): return "(\(l)) \(logical.rawValue.uppercased()) (\(r))"
        case .comparison(.equal): return "\(l) = \(r)"
        case .comparison(.notEqual): return "\(l) <> \(r)"
        case .comparison(let c): return "\(l) \(c.rawValue) \(r)"
        case .textMatch(.contains): return d.containsIgnoringCase(l, r)
        case .textMatch(.notContains): return "NOT \(d.containsIgnoringCase(l, r))"
        case .textMatch(.equalsIgnoringCase): return "\(d.foldCase(l)) = \(d.foldCase(r))"
        case .addDays: return d.addDaysChecked(l, r)
        case .arithmetic(let a): arithmetic = a
        }
        let op = arithmetic.rawValue
        let (ta, tb) = (a.type, b.type)
        if ta == .date && tb == .date { return d.daysBetween(from: r, to: l) }
        if op == "+" && ta == .text { return "(\(l) || \(r))" }
        // Scales: money is minor units, percent basis points, decimal hundredths.
        switch op {
        case "+", "-":
            if ta == .decimal && tb == .integer { return "(\(l) \(op) \(r) * 100)" }
            if ta == .integer && tb == .decimal { return "(\(l) * 100 \(op) \(r))" }
            return "(\(l) \(op) \(r))"
        case "*":
            switch (ta, tb) {
            case (.money, .percent): return d.roundedDivide("(\(l)) * (\(r))", "10000")
            case (.money, .decimal), (.decimal, .decimal): return d.roundedDivide("(\(l)) * (\(r))", "100")
            default: return "((\(l)) * (\(r)))"   // money*int, percent*int, int*int, decimal*int
            }
        default: // "/"
            if type == .decimal {
                // ratio scaled to hundredths
                let numScale = 100 * (tb == .decimal ? 100 : 1) / (ta == .decimal ? 100 : 1)
                return d.roundedDivide("(\(l)) * \(numScale)", r)
            }
            if tb == .decimal { return d.roundedDivide("(\(l)) * 100", r) }
            return d.roundedDivide(l, r)
        }
    }

    func relationAggregate(_ kind: AggregateKind, _ rel: ToMany, _ target: ObjectDef, _ inner: TypedExpr?, _ filter: TypedExpr?,
                           in q: inout SelectBuilder) throws -> String {
        guard let outer = q.objectAlias else { throw PlanError.internalError("relation aggregate outside an object") }
        var sub = SelectBuilder(object: target, context: context)
        let alias = sub.objectAlias!
        sub.wheres.append("\(alias).\(rel.foreignKey) = \(outer).id")
        if let filter { sub.wheres.append(try compile(filter, in: &sub)) }
        let agg: String
        if let inner {
            let s = try compile(inner, in: &sub)
            switch kind {
            case .count: agg = "COUNT(\(s))"
            case .sum: agg = "COALESCE(SUM(\(s)), 0)"
            case .avg: agg = d.roundedDivide(inner.type == .integer ? "SUM(\(s)) * 100" : "SUM(\(s))", "COUNT(\(s))")
            case .min, .max: agg = "\(kind.rawValue.uppercased())(\(s))"
            }
        } else {
            agg = "COUNT(*)"
        }
        sub.projection = [("v", agg)]
        return "(" + sub.sql(context) + ")"
    }
}

enum PlanError: Error, CustomStringConvertible {
    case internalError(String)
    var description: String {
        switch self { case .internalError(let m): return "internal planner error: \(m)" }
    }
}
