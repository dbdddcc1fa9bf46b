/// Typed expressions to SQL trees with bound parameters.
package struct ExpressionCompiler {
    package let context: SQLContext
    package init(context: SQLContext) { self.context = context }

    package func compile(_ e: TypedExpr, in q: inout SelectBuilder) throws -> SQLExpr {
        switch e.node {
        case .literal(let v):
            return v.isNull ? .null : context.bind(v)
        case .field(let path):
            q.lastClientTable = nil
            let sql = try ClientMeasures(context: context).field(path, in: &q)
            if path.hops.isEmpty, let table = q.lastClientTable { q.fieldClientTables[SelectBuilder.fieldKey(path)] = table }
            return sql
        case .column(let index):
            guard let projection = q.projection, index < projection.count else {
                // Sealed subquery: its columns are col1...colN.
                return .q(subqueryAlias(q), "col\(index + 1)")
            }
            return .column(projection[index].sqlName)
        case .unary(let op, let x):
            let s = try compile(x, in: &q)
            return .unary(op == .not ? .not : .negate, .grouped(s))
        case .binary(let op, let a, let b):
            return try binary(op, a, b, type: e.type, in: &q)
        case .function(let function, let args):
            let s = try args.map { try compile($0, in: &q) }
            let id: BuiltinFunction.ID
            switch function {
            case .host(let host): return try HostFunctionSQL.call(host, s, dialect: context.dialect, swiftRefused: context.swiftFunctionsRefused)
            case .builtin(let builtin): id = builtin
            }
            switch id {
            case .lower: return .call(.foldCase, s[0])
            case .upper: return .call(.upperCase, s[0])
            case .length: return .call(.length, s[0])
            case .year: return .call(.datePart(.year), s[0])
            case .month: return .call(.datePart(.month), s[0])
            case .day: return .call(.datePart(.day), s[0])
            case .abs: return .call(.abs, s[0])
            case .coalesce: return .call(.coalesce, s)
            case .monthOf: return .call(.dateBucket(.month), s[0])
            case .weekOf: return .call(.dateBucket(.week), s[0])
            case .quarterOf: return .call(.dateBucket(.quarter), s[0])
            case .yearOf: return .call(.dateBucket(.year), s[0])
            case .today: return context.bind(context.today)
            }
        case .aggregate(let kind, let x, let distinct, let filter):
            let condition = try filter.map { try compile($0, in: &q) }
            guard let x else { return condition.map { .count(.when($0, .integer(1), else: nil)) } ?? .count() }
            var s = try compile(x, in: &q)
            if let condition { s = .when(condition, s, else: nil) }
            switch kind {
            case .count: return .aggregate(.count, s, distinct: distinct)
            case .sum: return .coalesce(.aggregate(.sum, s, distinct: distinct), .integer(0))
            case .avg:
                let sum = SQLExpr.aggregate(.sum, s, distinct: distinct)
                return .call(.roundedDivide, x.type == .integer ? .bin(.times, sum, .integer(100)) : sum, .aggregate(.count, s, distinct: distinct))
            case .min, .max:
                let inner = x.type == .text || x.type == .label ? SQLExpr.textOrdering(s) : s
                return .aggregate(kind == .min ? .min : .max, inner, distinct: distinct)
            }
        case .share(let x):
            let s = try compile(x, in: &q)
            return .call(.roundedDivide, .bin(.times, .grouped(s), .integer(10000)),
                         .call(.nullIf, .window(SQLWindow(.aggregate(.sum, s))), .integer(0)))
        case .window(let kind, let x, let partition, let descending):
            return try window(kind, x, partition: partition, descending: descending, in: &q)
        case .relationAggregate(let kind, let rel, let target, let inner, let filter):
            return try relationAggregate(kind, rel, target, inner, filter, in: &q)
        case .inList(let x, let items, let negated):
            let s = try compile(x, in: &q)
            if items.isEmpty { return .boolean(negated) }
            return .inList(s, try items.map { try compile($0, in: &q) }, negated: negated)
        case .inRange(let x, let lo, let hi, let negated):
            let s = try compile(x, in: &q)
            let low = try compile(lo, in: &q)
            return .between(s, low, try compile(hi, in: &q), negated: negated)
        case .inPeriod(let x, let p, let negated):
            let r = p.resolve(today: context.today)
            let s = try compile(x, in: &q)
            let start = context.bind(r.start)
            return .between(s, start, context.bind(r.end), negated: negated)
        case .within(let x, let days):
            let s = try compile(x, in: &q)
            // A next date (next_birthday, next_holiday, a holiday's next_date) is counted to
            // itself: a weekday rule's next date can fall on a later day of the month than this
            // year's, whose anniversary would then come too soon.
            let ahead: SQLExpr
            if case .field(let path) = x.node, path.field.isNextDate {
                ahead = .call(.daysBetween, context.bind(context.today), s)
            } else {
                ahead = .call(.daysToAnniversary, s, context.bind(context.today))
            }
            return .between(ahead, .integer(0), context.bind(.integer(days)), negated: false)
        }
    }

    package func subqueryAlias(_ q: SelectBuilder) -> String {
        if case .subquery(_, let alias) = q.base { return alias }
        return ""
    }

    package func binary(_ op: BinaryOperator, _ a: TypedExpr, _ b: TypedExpr, type: ValueType, in q: inout SelectBuilder) throws -> SQLExpr {
        // `x == null` / `x != null` test for a missing value (SQL's `= NULL` is never true).
        let equality: Bool? = op == .comparison(.equal) ? true : op == .comparison(.notEqual) ? false : nil
        if let equality, case .literal(.null) = b.node {
            return .isNull(try compile(a, in: &q), negated: !equality)
        }
        if let equality, case .literal(.null) = a.node {
            return .isNull(try compile(b, in: &q), negated: !equality)
        }
        let l = try compile(a, in: &q), r = try compile(b, in: &q)
        // Comparing with null asks whether the value is missing.
        if let equality, a.type == .null || b.type == .null {
            return .isNull(a.type == .null ? r : l, negated: !equality)
        }
        let arithmetic: ArithmeticOperator
        switch op {
        case .logical(let logical): return .bin(logical == .and ? .and : .or, .grouped(l), .grouped(r))
        case .comparison(let c):
            let sql: SQLBinaryOperator
            switch c {
            case .equal: sql = .equal
            case .notEqual: sql = .notEqual
            case .less: sql = .less
            case .lessOrEqual: sql = .lessOrEqual
            case .greater: sql = .greater
            case .greaterOrEqual: sql = .greaterOrEqual
            }
            // Text equal but for е/ё is equal (a literal without either compares as written).
            if (c == .equal || c == .notEqual), a.type == .text, b.type == .text, !context.yoDistinct,
               [a, b].allSatisfy(ExpressionCompiler.mayHoldYo) {
                return .bin(sql, yo(l, a), yo(r, b))
            }
            return .bin(sql, l, r)
        case .textMatch(.contains): return .call(.containsIgnoringCase, yo(l, a), yo(r, b))
        case .textMatch(.notContains): return .unary(.not, .call(.containsIgnoringCase, yo(l, a), yo(r, b)))
        case .textMatch(.equalsIgnoringCase): return .bin(.equal, .call(.foldCase, yo(l, a)), .call(.foldCase, yo(r, b)))
        case .addDays: return .call(.addDaysChecked, l, r)
        case .arithmetic(let a): arithmetic = a
        }
        let op = arithmetic.rawValue
        let (ta, tb) = (a.type, b.type)
        if ta == .date && tb == .date { return .call(.daysBetween, r, l) }
        if op == "+" && ta == .text { return .grouped(.bin(.concat, l, r)) }
        // Scales: money is minor units, percent basis points, decimal hundredths.
        switch op {
        case "+", "-":
            let o: SQLBinaryOperator = op == "+" ? .plus : .minus
            if ta == .decimal && tb == .integer { return .grouped(.bin(o, l, .bin(.times, r, .integer(100)))) }
            if ta == .integer && tb == .decimal { return .grouped(.bin(o, .bin(.times, l, .integer(100)), r)) }
            return .grouped(.bin(o, l, r))
        case "*":
            let product = SQLExpr.bin(.times, .grouped(l), .grouped(r))
            switch (ta, tb) {
            case (.money, .percent): return .call(.roundedDivide, product, .integer(10000))
            case (.money, .decimal), (.decimal, .decimal): return .call(.roundedDivide, product, .integer(100))
            default: return .grouped(product)   // money*int, percent*int, int*int, decimal*int
            }
        default: // "/"
            if type == .decimal {
                // ratio scaled to hundredths
                let numScale = 100 * (tb == .decimal ? 100 : 1) / (ta == .decimal ? 100 : 1)
                return .call(.roundedDivide, .bin(.times, .grouped(l), .integer(Int64(numScale))), r)
            }
            if tb == .decimal { return .call(.roundedDivide, .bin(.times, .grouped(l), .integer(100)), r) }
            return .call(.roundedDivide, l, r)
        }
    }

    package func relationAggregate(_ kind: AggregateKind, _ rel: ToMany, _ target: ObjectDef, _ inner: TypedExpr?, _ filter: TypedExpr?,
                           in q: inout SelectBuilder) throws -> SQLExpr {
        guard let outer = q.objectAlias else { throw PlanError.internalError("relation aggregate outside an object") }
        var sub = SelectBuilder(object: target, context: context)
        sub.nesting = try q.nested(context)
        let alias = sub.objectAlias!
        sub.wheres.append(.bin(.equal, .q(alias, rel.foreignKey), .q(outer, "id")))
        if let filter { sub.wheres.append(try compile(filter, in: &sub)) }
        let agg: SQLExpr
        if let inner {
            let s = try compile(inner, in: &sub)
            switch kind {
            case .count: agg = .count(s)
            case .sum: agg = .coalesce(.sum(s), .integer(0))
            case .avg: agg = .call(.roundedDivide, inner.type == .integer ? .bin(.times, .sum(s), .integer(100)) : .sum(s), .count(s))
            case .min: agg = .min(s)
            case .max: agg = .max(s)
            }
        } else {
            agg = .count()
        }
        sub.projection = [("v", agg)]
        return .subquery(sub.select())
    }
}

package enum PlanError: Error, CustomStringConvertible {
    case internalError(String)
    package var description: String {
        switch self { case .internalError(let m): return "internal planner error: \(m)" }
    }

}

extension ExpressionCompiler {
    /// The letters е/ё and Е/Ё, which text comparisons treat as one unless `yo = "distinct"`.
    static func hasYo(_ s: String) -> Bool { s.contains { "еёЕЁ".contains($0) } }
    /// A text literal with е or ё, or anything not a literal (a field, a computation).
    static func mayHoldYo(_ t: TypedExpr) -> Bool {
        guard case .literal(let v) = t.node else { return true }
        if case .text(let s) = v { return hasYo(s) }
        return false
    }

    /// Text with ё written е (Ё as Е), for comparing; a literal is folded here, bound as
    /// written otherwise. Unchanged when the session tells them apart.
    func yo(_ e: SQLExpr, _ t: TypedExpr) -> SQLExpr {
        if context.yoDistinct || t.type != .text { return e }
        if case .literal(.text(let s)) = t.node {
            return ExpressionCompiler.hasYo(s) ? context.bind(.text(s.replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: "Ё", with: "Е"))) : e
        }
        return .call(.replace, [.call(.replace, [e, .text("ё"), .text("е")]), .text("Ё"), .text("Е")])
    }
}
