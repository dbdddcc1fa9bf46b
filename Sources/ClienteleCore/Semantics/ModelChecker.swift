/// Checked forms of the customer-base commands and fields (docs/analytics.md).
package enum CheckedModelCommand: Sendable {
    /// `cohorts by first order month over PERIOD` (nil: the session period).
    case cohorts(PeriodSyntax?)
    /// `fit clv over PERIOD` (nil: the session period).
    case fitCLV(PeriodSyntax?)
}

/// A per-client estimate from the BG/NBD and Gamma–Gamma models fitted over a period.
package enum ClientModelMeasure: Hashable, Sendable {
    case pAlive
    /// Expected orders in the next `days` days.
    case expectedOrders(days: Int)
    /// Lifetime value over the next `months` months, discounted monthly.
    case clv(months: Int)

    package var name: String {
        switch self {
        case .pAlive: return "p_alive"
        case .expectedOrders: return "expected_orders"
        case .clv: return "clv"
        }
    }

    /// The unit its horizon is written in, or nil when it takes none.
    package var horizonUnit: DurationUnit? {
        switch self {
        case .pAlive: return nil
        case .expectedOrders: return .days
        case .clv: return .months
        }
    }

    package var example: String {
        switch self {
        case .pAlive: return "p_alive(last 24 months)"
        case .expectedOrders: return "expected_orders(last 24 months, 90 days)"
        case .clv: return "clv(last 24 months, 12 months)"
        }
    }

    /// The longest horizon accepted (days or months): ten years.
    package var maximumHorizon: Int {
        horizonUnit == .days ? 3653 : 120
    }
}

extension Checker {
    package mutating func checkModelCommand(_ c: ModelCommandSyntax) throws -> CheckedModelCommand {
        switch c {
        case .cohorts(let period, _): return .cohorts(try period.map { try checkPeriod($0) })
        case .fitCLV(let period, _): return .fitCLV(try period.map { try checkPeriod($0) })
        }
    }

    /// `p_alive(PERIOD)`, `expected_orders(PERIOD, N days)`, `clv(PERIOD, N months)`.
    package mutating func checkModelField(_ f: FieldDef, _ m: ClientModelMeasure, on object: ObjectDef,
                                          _ args: [Expr], span: SourceSpan) throws -> TypedExpr {
        let wanted = m.horizonUnit == nil ? 1 : 2
        guard args.count == wanted else {
            throw error("\(m.name) takes \(wanted == 1 ? "a period" : "a period and a horizon"), e.g. \(m.example)", span)
        }
        let period = try checkPeriod(args[0])
        var measure = m
        if let unit = m.horizonUnit {
            guard case .duration(let n, let written, let s) = args[1], written == unit else {
                throw error("\(m.name)'s horizon is a number of \(unit.rawValue), e.g. \(m.example)", args[1].span)
            }
            guard n >= 1, n <= Int64(m.maximumHorizon) else {
                throw error("\(m.name)'s horizon is 1 to \(m.maximumHorizon) \(unit.rawValue), not \(n)", s)
            }
            measure = unit == .days ? .expectedOrders(days: Int(n)) : .clv(months: Int(n))
        }
        var field = f
        field.kind = .model(measure)
        return TypedExpr(node: .field(FieldPath(hops: [], field: field, owner: object, period: period)),
                         type: f.type, span: span)
    }
}

extension Checker {
    /// The first estimate of the models (p_alive, expected_orders, clv) an expression uses.
    package func firstModelField(_ e: Expr) -> (String, SourceSpan)? {
        func isModel(_ name: Name) -> Bool {
            if case .model? = catalog.object("clients")?.field(name.text.lowercased())?.kind { return true }
            return false
        }
        switch e {
        case .path(let parts): return parts.last.flatMap { isModel($0) ? ($0.text, $0.span) : nil }
        case .call(let name, let args, let filter, _, _):
            if isModel(name) { return (name.text, name.span) }
            return args.lazy.compactMap(firstModelField).first ?? filter.flatMap(firstModelField)
        case .unary(_, let x, _): return firstModelField(x)
        case .binary(_, let a, let b, _): return firstModelField(a) ?? firstModelField(b)
        case .inList(let x, let items, _, _): return firstModelField(x) ?? items.lazy.compactMap(firstModelField).first
        case .inRange(let x, let a, let b, _, _): return firstModelField(x) ?? firstModelField(a) ?? firstModelField(b)
        case .within(let a, let b, _): return firstModelField(a) ?? firstModelField(b)
        default: return nil
        }
    }
}
