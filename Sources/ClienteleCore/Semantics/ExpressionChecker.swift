import Foundation

extension Checker {
    package mutating func checkExpr(_ e: Expr, in scope: Scope) throws -> TypedExpr {
        let span = e.span
        switch e {
        case .integer(let v, _): return TypedExpr(node: .literal(.integer(v)), type: .integer, span: span)
        case .decimal(let s, _):
            guard let scaled = DecimalText.parseScaled(s, scale: 2) else {
                throw error("'\(s)' has too many decimals (at most 2) or is too large", span)
            }
            return TypedExpr(node: .literal(.decimal(Decimal(scaled) / 100)), type: .decimal, span: span)
        case .percent(let bp, _): return TypedExpr(node: .literal(.percent(Percent(basisPoints: bp))), type: .percent, span: span)
        case .string(let s, _): return TypedExpr(node: .literal(.text(s)), type: .text, span: span)
        case .boolean(let b, _): return TypedExpr(node: .literal(.boolean(b)), type: .boolean, span: span)
        case .null: return TypedExpr(node: .literal(.null), type: .null, span: span)
        case .date(let text, _):
            return TypedExpr(node: .literal(.date(try checkDate(text, span))), type: .date, span: span)
        case .period:
            throw error("a period can only be a metric's argument (turnover(2025-Q1)) or follow 'in' (order_date in 2025-03)", span)
        case .duration:
            throw error("a duration like '14 days' can only follow 'within' or be added to a date", span)
        case .parameter(let name, _):
            guard let v = params[name] else {
                if name.isEmpty { throw Abort() }  // a bare '$': the lexer has reported it
                throw error("unknown parameter $\(name)", span, help: "pass it with --param \(name)=value")
            }
            try refuseMalformedDate(v, name, span)
            return TypedExpr(node: .literal(v), type: v.type, span: span)
        case .path(let names):
            return try checkPath(names, in: scope)
        case .call(let name, let args, let filter, let distinct, _):
            return try checkCall(name, args, filter: filter, distinct: distinct, span: span, in: scope)
        case .unary(let op, let inner, _):
            if ["desc", "asc", "by"].contains(op) { throw misplacedWindowWord(op, span) }
            let t = try checkExpr(inner, in: scope)
            if op == "not" {
                try requireBoolean(t, "not")
                return TypedExpr(node: .unary(.not, t), type: .boolean, span: span)
            }
            guard t.type.isNumeric else { throw error("cannot negate \(Checker.article(t.type))", span) }
            if case .literal(let v) = t.node { return TypedExpr(node: .literal(Checker.negate(v)), type: t.type, span: span) }
            return TypedExpr(node: .unary(.negate, t), type: t.type, span: span)
        case .binary(let op, let l, let r, _):
            return try checkBinary(op, l, r, span: span, in: scope)
        case .inList(let x, let items, let negated, _):
            let t = try checkExpr(x, in: scope)
            var out: [TypedExpr] = []
            for item in items {
                let it = try checkExpr(item, in: scope)
                guard let c = coerce(it, to: t.type, labels: t.labels) else {
                    throw mismatch(t, it, item.span, op: "in")
                }
                out.append(c)
            }
            return TypedExpr(node: .inList(t, out, negated: negated), type: .boolean, span: span)
        case .inRange(let x, let lo, let hi, let negated, _):
            let t = try checkExpr(x, in: scope)
            if t.type == .date, case .integer(let y, _) = lo, case .integer(let y2, _) = hi {
                _ = (y, y2)
                throw error("write a date range with full dates: 2025-01-01..2025-06-30", span)
            }
            let l = try checkExpr(lo, in: scope), h = try checkExpr(hi, in: scope)
            guard let lc = coerce(l, to: t.type), let hc = coerce(h, to: t.type) else { throw mismatch(t, l, lo.span, op: "in") }
            return TypedExpr(node: .inRange(t, lc, hc, negated: negated), type: .boolean, span: span)
        case .inPeriod(let x, let p, let negated, _):
            let t = try checkExpr(x, in: scope)
            guard t.type == .date else {
                throw error("'in' with a period needs a date on its left, e.g. order_date in 2025-Q1", x.span)
            }
            return TypedExpr(node: .inPeriod(t, try checkPeriod(p), negated: negated), type: .boolean, span: span)
        case .within(let x, let d, _):
            let t = try checkExpr(x, in: scope)
            guard t.type == .date else { throw error("'within' needs a date on its left, e.g. birthday within 14 days", x.span) }
            guard case .duration(let n, let unit, _) = d, unit == .days || unit == .weeks else {
                throw error("'within' needs a number of days, e.g. within 14 days", d.span)
            }
            return TypedExpr(node: .within(t, days: try durationDays(n, unit, d.span)), type: .boolean, span: span)
        }
    }

    package static func negate(_ v: Value) -> Value {
        switch v {
        case .integer(let i): return .integer(-i)
        case .decimal(let d): return .decimal(-d)
        case .money(let m): return .money(Money(minorUnits: -m.minorUnits))
        case .percent(let p): return .percent(Percent(basisPoints: -p.basisPoints))
        default: return v
        }
    }

    package mutating func checkDate(_ text: String, _ span: SourceSpan) throws -> CalendarDate {
        if let d = CalendarDate(iso: text) { return d }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        if parts.count == 3, (1...12).contains(parts[1]) {
            let days = CalendarDate.daysIn(month: parts[1], year: parts[0])
            throw error("\(text) is not a calendar date: \(Checker.monthNames[parts[1] - 1]) \(parts[0]) has \(days) days", span)
        }
        throw error("\(text) is not a calendar date: months are 01 to 12", span)
    }
    package static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Checks a period expression: session `set period = ...` and metric arguments.
    package mutating func checkPeriod(_ e: Expr) throws -> PeriodSyntax {
        switch e {
        case .period(let p, let span):
            return try validatePeriod(p, span)
        case .integer(let y, let span):
            guard (1900...2999).contains(y) else { throw error("\(y) is not a year (1900-2999)", span) }
            return .year(Int(y))
        case .path(let names) where names.count == 1 && names[0].text.lowercased() == "all":
            return .all
        case .parameter(let name, let span):
            guard let v = params[name] else {
                if name.isEmpty { throw Abort() }
                throw error("unknown parameter $\(name)", span, help: "pass it with --param \(name)=value")
            }
            try refuseMalformedDate(v, name, span)
            // A parameter's period is held to the same rules as one written in the script.
            if case .text(let s) = v, let p = PeriodText.parse(s) { return try validatePeriod(p, span, parameter: name) }
            if case .integer(let y) = v, (1900...2999).contains(y) { return .year(Int(y)) }
            throw error("parameter $\(name) is not a period (e.g. 2025, 2025-Q1, 2025-03)", span)
        default:
            throw error("expected a period: 2025, 2025-Q1, 2025-03, last 12 months, this year, previous quarter, 2025-01-01..2025-06-30, all", e.span)
        }
    }

    /// The period if its years, quarter, month, count and ends are possible; a parameter's
    /// problem is reported as the parameter's (its text is not in the script).
    package mutating func validatePeriod(_ p: PeriodSyntax, _ span: SourceSpan, parameter: String? = nil) throws -> PeriodSyntax {
        let prefix = parameter.map { "parameter $\($0): " } ?? ""
        switch p {
        case .last(let n, _) where n <= 0 || n > 10_000:
            throw error(prefix + "a period of \(n) units is not possible; use a count from 1 to 10000", span)
        case .range(let a, let b):
            let s = try checkDate(a, span), t = try checkDate(b, span)
            if t < s { throw error(prefix + "this period ends (\(b)) before it starts (\(a))", span) }
        case .quarter(_, let q) where !(1...4).contains(q):
            throw error(prefix + "'\(p.text)' is not a quarter: quarters are Q1 to Q4", span)
        case .month(let y, let m) where !(1...12).contains(m):
            throw error(prefix + "'\(String(format: "%04d", y))-\(String(format: "%02d", m))' is not a month: months are 01 to 12", span)
        case .year(let y) where !(1...9999).contains(y), .quarter(let y, _) where !(1...9999).contains(y),
             .month(let y, _) where !(1...9999).contains(y):
            // (a year alone is 1900-2999 already; a quarter or a month is 4 digits, 0000 included)
            throw error(prefix + "'\(String(format: "%04d", y))\(p.text.drop { $0 != "-" })' is not a period: years are 0001 to 9999", span)
        default: break
        }
        return p
    }

    package mutating func checkPath(_ names: [Name], in scope: Scope) throws -> TypedExpr {
        let span = names.first!.span.through(names.last!.span)
        if names.count == 1, failedColumns.contains(names[0].text.lowercased()) {
            let known: Bool
            switch scope {
            case .columns(let cols): known = cols.contains { $0.name.lowercased() == names[0].text.lowercased() }
            case .object(let o, let derived): known = o.field(names[0].text) != nil || derived.contains { $0.0.lowercased() == names[0].text.lowercased() }
            }
            if !known { throw Abort() }  // its own definition failed, and said why
        }
        switch scope {
        case .columns(let cols):
            if names.count == 1, let idx = cols.firstIndex(where: { $0.name.lowercased() == names[0].text.lowercased() }) {
                return TypedExpr(node: .column(index: idx), type: cols[idx].type, span: span, labels: cols[idx].labels,
                                 monthBucket: cols[idx].monthBucket)
            }
            if cols.isEmpty {
                throw error("'\(names.map(\.text).joined(separator: "."))' is not known here: only plain values are allowed", span)
            }
            throw error("unknown column '\(names.map(\.text).joined(separator: "."))'", span,
                        help: Suggestions.didYouMean(names[0].text, cols.map(\.name)) ?? "columns here are: " + cols.map(\.name).joined(separator: ", "))
        case .object(let object, let derived):
            if names.count == 1, let d = derived.first(where: { $0.0.lowercased() == names[0].text.lowercased() }) {
                return TypedExpr(node: d.1.node, type: d.1.type, span: span, labels: d.1.labels, monthBucket: d.1.monthBucket)
            }
            return try resolveField(names, from: object, period: nil, span: span)
        }
    }

    package mutating func resolveField(_ names: [Name], from object: ObjectDef, period: PeriodSyntax?, span: SourceSpan) throws -> TypedExpr {
        var current = object
        var hops: [(name: String, object: ObjectDef, foreignKey: String)] = []
        for (i, n) in names.enumerated() {
            guard let f = current.field(n.text) else {
                if current.relation(named: n.text) != nil {
                    throw error("'\(n.text)' is a list of \(n.text) of each \(current.singular): aggregate it", n.span,
                                help: "e.g. count(\(n.text)) or sum(\(n.text).net)")
                }
                throw error("unknown field '\(n.text)' on \(current.name)", n.span,
                            help: Suggestions.didYouMean(n.text, current.fields.map(\.name))
                                ?? (catalog.object(current.name) != nil ? "see: describe \(current.name)"
                                    : "its fields are: " + current.fields.map(\.name).joined(separator: ", ")))
            }
            let last = i == names.count - 1
            if case .relation(let targetName, let fk) = f.kind {
                let target = catalog.object(targetName)!
                if last {
                    // The relation itself: its id.
                    return TypedExpr(node: .field(FieldPath(hops: hops, field: FieldDef(name: f.name, type: .integer, kind: .column(fk), summary: f.summary), owner: current, period: nil)),
                                     type: .integer, span: span)
                }
                hops.append((f.name, target, fk))
                current = target
                continue
            }
            if !last {
                throw error("'\(f.name)' is \(Checker.article(f.type)), it has no fields", names[i + 1].span)
            }
            if case .model(let m) = f.kind, m.horizonUnit != nil {
                throw error("\(f.name) needs a period and a horizon, e.g. \(m.example)", span)
            }
            if period != nil && !f.takesPeriod {
                throw error("\(f.name) does not take a period", span)
            }
            return TypedExpr(node: .field(FieldPath(hops: hops, field: f, owner: current, period: period)),
                             type: f.type, span: span, labels: f.labels)
        }
        throw error("empty name", span)
    }
}

/// Periods given as text (script parameters): "2025", "2025-Q1", "2025-03", "2025-01-01..2025-03-31".
package enum PeriodText {
    package static func parse(_ s: String) -> PeriodSyntax? {
        let (tokens, diags) = Lexer.tokenize(s)
        guard diags.isEmpty else { return nil }
        var parser = Parser(tokens: tokens)
        guard let e = try? parser.expression(), case .eof = parser.kind else { return nil }
        switch e {
        case .period(let p, _): return p
        case .integer(let y, _) where (1900...2999).contains(y): return .year(Int(y))
        default: return nil
        }
    }
}

extension Checker {
    /// A parameter that reads like a date (2025-02-30) but is none is refused as such, not
    /// taken for a text that then cannot be compared with a date.
    mutating func refuseMalformedDate(_ v: Value, _ name: String, _ span: SourceSpan) throws {
        guard case .text(let s) = v else { return }
        let parts = s.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        for part in parts where part.range(of: #"^\d{4}-\d{1,2}-\d{1,2}$"#, options: .regularExpression) != nil {
            if CalendarDate(iso: part) == nil {
                throw error("parameter $\(name): \(part) is not a date", span, help: "give a date as YYYY-MM-DD, e.g. 2025-02-28")
            }
        }
    }
}
