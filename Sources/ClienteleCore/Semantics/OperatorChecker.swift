import Foundation

/// Calls, operators and the coercions between literals and typed fields.
extension Checker {
    package mutating func checkCall(_ name: Name, _ args: [Expr], filter: Expr?, distinct: Bool, span: SourceSpan, in scope: Scope) throws -> TypedExpr {
        let fn = name.text.lowercased()
        // An estimate of the customer-base models: p_alive(last 24 months), clv(2025, 12 months).
        if case .object(let object, _) = scope, let f = object.field(fn), case .model(let m) = f.kind {
            guard filter == nil, !distinct else { throw error("\(fn) takes no where or distinct, e.g. \(m.example)", span) }
            return try checkModelField(f, m, on: object, args, span: span)
        }
        // A metric or segment with an explicit period: turnover(2025-Q1), abc(previous year).
        if case .object(let object, _) = scope, let f = object.field(fn), f.takesPeriod {
            guard args.count == 1, filter == nil else {
                throw error("\(fn) takes one period, e.g. \(fn)(2025-Q1)", span)
            }
            let period = try checkPeriod(args[0])
            return try resolveField([name], from: object, period: period, span: span)
        }
        if let kind = WindowKind(rawValue: fn), kind != .share {
            return try checkWindow(kind, name, args, filter: filter, distinct: distinct, span: span, in: scope)
        }
        if fn == "share", args.count >= 1, !Checker.isAggregateCall(args[0]) {
            return try checkWindow(.share, name, args, filter: filter, distinct: distinct, span: span, in: scope)
        }
        if BuiltinFunction.aggregateNames.contains(fn) {
            return try checkAggregate(fn, name, args, filter: filter, distinct: distinct, span: span, in: scope)
        }
        guard let function = catalog.scalarFunction(fn) else {
            if case .object(let object, _) = scope, let f = object.field(fn) {
                throw error("\(f.name) is a field, not a function: it takes no period", name.span)
            }
            let names = catalog.functionNames
            throw error("unknown function '\(name.text)'", name.span,
                        help: Suggestions.didYouMean(fn, names) ?? "functions are: " + names.joined(separator: ", "))
        }
        if filter != nil || distinct { throw error("'where' and 'distinct' go only inside aggregates", span) }
        let typed = try args.map { try checkExpr($0, in: scope) }
        switch function {
        case .builtin(let id):
            let builtin = BuiltinFunction.function(id)
            try checkArity(fn, builtin.arity, typed, span)
            switch builtin.typeRule(typed) {
            case .result(let type, let labels):
                return TypedExpr(node: .function(function, typed), type: type, span: span, labels: labels,
                                 monthBucket: id == .monthOf)
            case .badArgument(let index, let message):
                throw error(message, typed[index].span)
            case .sameAsFirst:
                var coerced = [typed[0]]
                for later in typed.dropFirst() {
                    guard let c = coerce(later, to: typed[0].type, labels: typed[0].labels) else {
                        throw mismatch(typed[0], later, later.span, op: fn)
                    }
                    coerced.append(c)
                }
                return TypedExpr(node: .function(function, coerced), type: typed[0].type, span: span, labels: typed[0].labels)
            }
        case .host(let host):
            try checkArity(fn, host.argumentTypes.count, typed, span)
            var coerced: [TypedExpr] = []
            for (i, (argument, type)) in zip(typed, host.argumentTypes).enumerated() {
                guard let c = coerce(argument, to: type) else {
                    if let m = Checker.tooLarge(argument, for: type) { throw error(m, argument.span) }
                    let which = typed.count == 1 ? "" : " as its \(Checker.ordinal(i + 1)) argument"
                    throw error("\(host.name) needs \(Checker.article(type))\(which), but this is \(Checker.article(argument.type))",
                                argument.span, help: "\(host.usage): \(host.help)")
                }
                coerced.append(c)
            }
            return TypedExpr(node: .function(function, coerced), type: host.resultType, span: span)
        }
    }

    /// `share(sum(x))` is the aggregate share; `share(x)` of a row's value is the window one.
    static func isAggregateCall(_ e: Expr) -> Bool {
        switch e {
        case .call(let n, let args, _, _, _):
            return BuiltinFunction.aggregateNames.contains(n.text.lowercased()) || args.contains(where: isAggregateCall)
        case .binary(_, let a, let b, _): return isAggregateCall(a) || isAggregateCall(b)
        case .unary(_, let a, _): return isAggregateCall(a)
        default: return false
        }
    }

    package mutating func checkArity(_ fn: String, _ n: Int, _ typed: [TypedExpr], _ span: SourceSpan) throws {
        if n == BuiltinFunction.variadic {
            if typed.count < 2 { throw error("\(fn) takes two or more arguments, got \(typed.count)", span) }
            return
        }
        if typed.count != n { throw error("\(fn) takes \(n) argument\(n == 1 ? "" : "s"), got \(typed.count)", span) }
    }

    package static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "1st"
        case 2: return "2nd"
        case 3: return "3rd"
        default: return "\(n)th"
        }
    }

    package mutating func checkAggregate(_ fn: String, _ name: Name, _ args: [Expr], filter: Expr?, distinct: Bool, span: SourceSpan, in scope: Scope) throws -> TypedExpr {
        if fn == "share" {
            guard args.count == 1 else { throw error("share takes one aggregate, e.g. share(sum(turnover))", span) }
            let inner = try checkExpr(args[0], in: scope)
            guard inner.isAggregate, inner.type.isNumeric, inner.type != .percent else {
                throw error("share needs a numeric aggregate, e.g. share(sum(turnover)) or share(count())", args[0].span)
            }
            return TypedExpr(node: .share(inner), type: .percent, span: span)
        }
        let kind = AggregateKind(rawValue: fn)!
        // count(orders), sum(orders.net where ...): an aggregate over a to-many relationship.
        if case .object(let object, _) = scope, let first = args.first, case .path(let parts) = first,
           let rel = object.relation(named: parts[0].text) {
            let target = catalog.object(rel.object)!
            var inner: TypedExpr?
            if parts.count > 1 {
                inner = try resolveField(Array(parts.dropFirst()), from: target, period: nil, span: first.span)
            } else if kind != .count {
                throw error("\(fn)(\(rel.name)) needs a field: e.g. \(fn)(\(rel.name).net)", first.span)
            }
            var f: TypedExpr?
            if let filter {
                f = try checkExpr(filter, in: .object(target, derived: []))
                try requireBoolean(f!, "where")
            }
            if let i = inner { try checkAggregatable(kind, i) }
            let type = kind == .count ? ValueType.integer : Checker.aggregateType(kind, inner!.type)
            return TypedExpr(node: .relationAggregate(kind, rel, target, inner, filter: f), type: type, span: span)
        }
        if case .columns(let cols) = scope, cols.isEmpty {
            throw error("\(fn)() is an aggregate: use it in agg", span, help: "e.g. group region agg total = sum(turnover)")
        }
        // `sum(turnover where abc == "A")`: only the rows for which the condition holds.
        var rowFilter: TypedExpr?
        if let filter {
            let f = try checkExpr(filter, in: scope)
            try requireBoolean(f, "where")
            if f.isAggregate { throw error("aggregates cannot be nested", filter.span) }
            rowFilter = f
        }
        if args.isEmpty {
            guard kind == .count else { throw error("\(fn) needs a value, e.g. \(fn)(turnover)", span) }
            return TypedExpr(node: .aggregate(.count, nil, distinct: false, filter: rowFilter), type: .integer, span: span)
        }
        guard args.count == 1 else { throw error("\(fn) takes one value", span) }
        let inner = try checkExpr(args[0], in: scope)
        if inner.isAggregate { throw error("aggregates cannot be nested", args[0].span) }
        try checkAggregatable(kind, inner)
        return TypedExpr(node: .aggregate(kind, inner, distinct: distinct, filter: rowFilter), type: Checker.aggregateType(kind, inner.type),
                         span: span, labels: kind == .min || kind == .max ? inner.labels : [],
                         monthBucket: (kind == .min || kind == .max) && inner.monthBucket)
    }

    package mutating func checkAggregatable(_ kind: AggregateKind, _ e: TypedExpr) throws {
        switch kind {
        case .sum, .avg:
            guard e.type.isNumeric else { throw error("\(kind.rawValue) needs a number, but this is \(Checker.article(e.type))", e.span) }
        case .min, .max:
            guard e.type != .boolean else { throw error("\(kind.rawValue) of true/false is not meaningful", e.span) }
        case .count: break
        }
    }

    package static func aggregateType(_ kind: AggregateKind, _ t: ValueType) -> ValueType {
        switch kind {
        case .count: return .integer
        case .avg: return t == .integer ? .decimal : t
        default: return t == .label ? .text : t
        }
    }

    /// Why a whole-number literal cannot become money or a percent: it is too large once
    /// scaled to minor units or basis points. Nil when that is not the problem.
    package static func tooLarge(_ literal: TypedExpr, for target: ValueType) -> String? {
        guard case .literal(.integer(let i)) = literal.node, target == .money || target == .percent else { return nil }
        let scale: Int64 = target == .money ? Money.scale : 100
        guard i.multipliedReportingOverflow(by: scale).overflow else { return nil }
        let largest = target == .money ? "\(Int64.max / scale)" : "\(Int64.max / scale)%"
        return "\(i) is too large for \(Checker.article(target)) (the largest is \(largest))"
    }

    package mutating func mismatch(_ a: TypedExpr, _ b: TypedExpr, _ span: SourceSpan, op: String) -> Abort {
        if let m = Checker.tooLarge(b, for: a.type) ?? Checker.tooLarge(a, for: b.type) { return error(m, span) }
        if a.type == .date, b.type == .text {
            return error("cannot compare a date with a text", span, help: "write dates without quotes: 2025-03-31")
        }
        if !a.labels.isEmpty, b.type == .text, case .literal(.text(let s)) = b.node {
            return error("'\(s)' is not one of the values: \(a.labels.map { "\"\($0)\"" }.joined(separator: ", "))", span,
                         help: Suggestions.didYouMean(s, a.labels))
        }
        return error("cannot use '\(op)' with \(Checker.article(a.type)) and \(Checker.article(b.type))", span)
    }

    /// Converts a literal to the type it meets: `turnover > 1000` reads 1000 as money,
    /// `discount > 5` as 5%, `abc == "a"` checks the label.
    package func coerce(_ e: TypedExpr, to target: ValueType, labels: [String] = []) -> TypedExpr? {
        if e.type == target && labels.isEmpty { return e }
        if e.type == .null { return e }
        guard case .literal(let v) = e.node else {
            if e.type == target { return e }
            if [e.type, target].allSatisfy({ $0 == .text || $0 == .label }) { return e }
            return nil
        }
        var out: Value?
        switch (v, target) {
        case (.integer(let i), .money):
            let (m, o) = i.multipliedReportingOverflow(by: Money.scale)
            out = o ? nil : .money(Money(minorUnits: m))
        case (.decimal(let d), .money): out = .money(Money(minorUnits: Checker.scaled(d, 100)))
        case (.integer(let i), .percent):
            let (bp, o) = i.multipliedReportingOverflow(by: 100)
            out = o ? nil : .percent(Percent(basisPoints: bp))
        case (.decimal(let d), .percent): out = .percent(Percent(basisPoints: Checker.scaled(d, 100)))
        case (.integer(let i), .decimal): out = .decimal(Decimal(i))
        case (.text(let s), .label):
            if labels.isEmpty { out = v } else if let l = labels.first(where: { $0.lowercased() == s.lowercased() }) { out = .text(l) }
        case (.text(let s), .text):
            if labels.isEmpty { out = v } else if let l = labels.first(where: { $0.lowercased() == s.lowercased() }) { out = .text(l) }
        case (.integer, .integer), (.boolean, .boolean), (.date, .date), (.money, .money), (.percent, .percent), (.decimal, .decimal):
            out = v
        default: out = nil
        }
        guard let value = out else { return nil }
        return TypedExpr(node: .literal(value), type: target == .label ? .text : target, span: e.span, labels: labels)
    }

    package static func scaled(_ d: Decimal, _ factor: Int) -> Int64 {
        var x = d * Decimal(factor)
        var r = Decimal()
        NSDecimalRound(&r, &x, 0, .plain)
        return NSDecimalNumber(decimal: r).int64Value
    }

    /// Days in a duration of days or weeks, refused beyond SQLite's calendar (years 0 to
    /// 9999) so that no arithmetic on it can overflow.
    package mutating func durationDays(_ n: Int64, _ unit: DurationUnit, _ span: SourceSpan) throws -> Int64 {
        let days = unit == .weeks ? n.multipliedReportingOverflow(by: 7) : (partialValue: n, overflow: false)
        guard !days.overflow, days.partialValue <= 3_660_000 else {
            throw error("this duration is too long: at most 3660000 days (about 10,000 years)", span)
        }
        return days.partialValue
    }

    package mutating func checkBinary(_ op: String, _ l: Expr, _ r: Expr, span: SourceSpan, in scope: Scope) throws -> TypedExpr {
        // Date arithmetic with durations: order_date + 30 days.
        if op == "+" || op == "-", case .duration(let n, let unit, _) = r {
            let left = try checkExpr(l, in: scope)
            guard left.type == .date else { throw error("only a date can have a duration added", l.span) }
            guard unit == .days || unit == .weeks else {
                throw error("add days or weeks to a date (months vary in length)", r.span)
            }
            let days = try durationDays(n, unit, r.span) * (op == "-" ? -1 : 1)
            return TypedExpr(node: .binary(.addDays, left, TypedExpr(node: .literal(.integer(days)), type: .integer, span: r.span)),
                             type: .date, span: span)
        }
        guard let binary = BinaryOperator(symbol: op) else { throw error("unknown operator '\(op)'", span) }
        if case .logical = binary {
            let a = try checkExpr(l, in: scope), b = try checkExpr(r, in: scope)
            try requireBoolean(a, op); try requireBoolean(b, op)
            return TypedExpr(node: .binary(binary, a, b), type: .boolean, span: span)
        }
        var a = try checkExpr(l, in: scope), b = try checkExpr(r, in: scope)
        if case .textMatch = binary {
            guard [.text, .label].contains(a.type), [.text, .label].contains(b.type) else {
                throw error("'\(op)' compares texts; \(a.type == .text || a.type == .label ? "the right side" : "the left side") is \(Checker.article(a.type == .text || a.type == .label ? b.type : a.type))", span)
            }
            return TypedExpr(node: .binary(binary, a, b), type: .boolean, span: span)
        }
        if case .comparison(let comparison) = binary {
            // A text literal against a label field must be one of its labels.
            for (field, literal) in [(a, b), (b, a)] where !field.labels.isEmpty {
                if case .literal(.text) = literal.node, coerce(literal, to: field.type, labels: field.labels) == nil {
                    throw mismatch(field, literal, span, op: op)
                }
            }
            if let bc = coerce(b, to: a.type, labels: a.labels) { b = bc }
            else if let ac = coerce(a, to: b.type, labels: b.labels) { a = ac }
            else { throw mismatch(a, b, span, op: op) }
            if a.type == .boolean && comparison != .equal && comparison != .notEqual { throw error("true/false values cannot be ordered", span) }
            return TypedExpr(node: .binary(binary, a, b), type: .boolean, span: span)
        }
        guard case .arithmetic(let arithmetic) = binary else { throw error("unknown operator '\(op)'", span) }
        if arithmetic == .divide, case .literal(let v) = b.node, Checker.isZero(v) {
            throw error("division by zero", r.span)
        }
        guard let type = Checker.arithmeticType(arithmetic, &a, &b, coerce: { coerce($0, to: $1) }) else {
            throw error("cannot use '\(op)' with \(Checker.article(a.type)) and \(Checker.article(b.type))", span)
        }
        return TypedExpr(node: .binary(binary, a, b), type: type, span: span)
    }

    package static func isZero(_ v: Value) -> Bool {
        switch v {
        case .integer(0): return true
        case .decimal(let d): return d == 0
        case .money(let m): return m.minorUnits == 0
        case .percent(let p): return p.basisPoints == 0
        default: return false
        }
    }

    /// The result type of arithmetic, coercing literals: money * 5% is money,
    /// money / 3 is money, money / money is a decimal ratio, date - date is days.
    package static func arithmeticType(_ op: ArithmeticOperator, _ a: inout TypedExpr, _ b: inout TypedExpr,
                               coerce: (TypedExpr, ValueType) -> TypedExpr?) -> ValueType? {
        let (ta, tb) = (a.type, b.type)
        switch (op, ta, tb) {
        case (.subtract, .date, .date): return .integer
        case (.add, .text, .text): return .text
        case (_, .integer, .integer): return op == .divide ? .decimal : .integer
        case (.add, .money, _), (.subtract, .money, _):
            if let c = coerce(b, .money) { b = c; return .money }
            return nil
        case (.add, _, .money), (.subtract, _, .money):
            if let c = coerce(a, .money) { a = c; return .money }
            return nil
        case (.multiply, .money, .integer), (.multiply, .money, .percent), (.multiply, .money, .decimal),
             (.divide, .money, .integer), (.divide, .money, .decimal):
            return .money
        case (.multiply, .integer, .money), (.multiply, .percent, .money), (.multiply, .decimal, .money):
            swap(&a, &b)
            return .money
        case (.divide, .money, .money): return .decimal
        case (.add, .percent, _), (.subtract, .percent, _):
            if let c = coerce(b, .percent) { b = c; return .percent }
            return nil
        case (.multiply, .percent, .integer), (.divide, .percent, .integer): return .percent
        case (_, .decimal, .decimal), (_, .decimal, .integer), (_, .integer, .decimal):
            return .decimal
        default: return nil
        }
    }
}
