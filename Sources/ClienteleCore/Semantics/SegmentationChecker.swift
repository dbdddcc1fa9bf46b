/// Checking of the segmentation commands (`segment`, `movement`, `check shipment`) and
/// their checked forms, which Analytics/ in the engine runs.

/// The words segmentation settings and `segment ... per` accept: checked when set, read
/// by the segment SQL (Analytics/ in the engine).
package enum SegmentChoices {
    /// Values a text setting of the segmentation may take (checked by `set`).
    package static let allowedValues: [String: [String]] = [
        "importance.per": ["global", "none"] + SegmentChoices.partitionColumns.keys.sorted(),
        "first_deal.class": ["A", "B", "C", "none"],
        "risk.debts": ["open", "period"],
        "first_deal.contract_required": ["yes", "no"],
        "first_deal.fast_moving_only": ["yes", "no"],
    ]

    /// Client fields importance may be computed within (`importance.per`, `segment ... per`):
    /// columns of clients, and `direction_or_territory`, the field `importance_group` (the
    /// direction, or the region for the directions of importance.territorial_directions).
    package static let partitionColumns: [String: String] = [
        "region": "region", "territory": "region", "direction": "direction",
        "curator": "curator", "activity": "activity", "source": "source",
        "direction_or_territory": ClientPartition.groupField,
    ]
}

/// `segment clients by abc`: clients, turnover and share per class, with a bar chart;
/// `segment clients by abc, risk`: a matrix of client counts;
/// `segment clients by importance per region`: importance computed within each region,
/// one row per region.
package struct CheckedSegment: Sendable {
    /// Object-scoped stages choosing the clients (where, sort, take, skip).
    package var source: [CheckedStage]
    package var keys: [(String, TypedExpr)]
    /// `per`: the name as written and the client column it stands for.
    package var per: (name: String, column: String)?
    package var period: PeriodSyntax?
    /// `segment ... | stages`: the groups as rows (the keys, `clients`, `turnover`, `share`)
    /// and the stages after them, as one pipeline over the clients; nil without stages.
    package var piped: CheckedPipeline? = nil
}

extension Checker {
    package static let segmentableTypes: [ValueType] = [.label, .text, .integer, .boolean]

    package mutating func checkSegment(_ c: SegmentSyntax) throws -> CheckedSegment {
        let source = try checkPipeline(c.source)
        guard source.object.name == "clients" else {
            throw error("segment works on clients, not \(source.object.name)", c.source.source.span,
                        help: "e.g. segment clients by abc")
        }
        guard source.isObjectScoped, source.shape == .table else {
            throw error("segment needs whole clients: use only where, sort, take and skip before 'by'", c.source.span)
        }
        var stages = source.stages
        if case .select? = stages.last { stages.removeLast() }
        if c.keys.count > 2 {
            throw error("segment takes one or two segmentations, got \(c.keys.count)", c.keys[2].span,
                        help: "one gives a distribution (segment clients by abc), two a matrix (segment clients by abc, risk)")
        }
        var keys: [(String, TypedExpr)] = []
        for k in c.keys {
            let t = try checkExpr(k, in: .object(CatalogObjects.clients, derived: []))
            try forbidAggregate(t, "segment")
            guard Checker.segmentableTypes.contains(t.type) else {
                throw error("segment needs a classification (a label, a text, a whole number or true/false), but this is \(Checker.article(t.type))",
                            k.span, help: "e.g. segment clients by abc, or by importance, risk, status, region")
            }
            var name = Checker.columnName(for: k)
            if keys.contains(where: { $0.0 == name }) { name += "_2" }
            keys.append((name, t))
        }
        var per: (String, String)?
        if let p = c.per {
            guard keys.count == 1 else {
                throw error("'per' goes with one segmentation", p.span, help: "e.g. segment clients by importance per region")
            }
            let word = p.text.lowercased()
            guard let column = SegmentChoices.partitionColumns[word] else {
                let choices = SegmentChoices.partitionColumns.keys.sorted()
                throw error("cannot segment per '\(p.text)'", p.span,
                            help: Suggestions.didYouMean(p.text, choices) ?? "per takes one of: " + choices.joined(separator: ", "))
            }
            per = (word, column)
        }
        let period = try c.period.map { try checkPeriod($0) }
        var checked = CheckedSegment(source: stages, keys: keys, per: per, period: period)
        if !c.stages.isEmpty { checked.piped = try checkPipedSegment(c, keyNames: keys.map(\.0), per: per) }
        return checked
    }

    /// `segment clients by abc, risk over 2025 | where clients > 10`: the segment as the
    /// pipeline `clients | ... | group [per,] abc, risk | agg clients = count(),
    /// turnover = sum(turnover), share = share(sum(turnover))` continued by the stages; the
    /// engine plans it with the segment's period as the default one.
    private mutating func checkPipedSegment(_ c: SegmentSyntax, keyNames: [String], per: (name: String, column: String)?) throws -> CheckedPipeline {
        let span = c.span
        func name(_ t: String) -> Name { Name(text: t, span: span) }
        func call(_ f: String, _ args: [Expr]) -> Expr { .call(name(f), args, filter: nil, distinct: false, span) }
        let turnover = Expr.path([name("turnover")])
        var keyItems = zip(keyNames, c.keys).map { NamedExpr(alias: name($0.0), expr: $0.1) }
        if let per { keyItems.insert(NamedExpr(alias: name(per.name), expr: .path([name(per.column)])), at: 0) }
        let aggregates = [NamedExpr(alias: name("clients"), expr: call("count", [])),
                          NamedExpr(alias: name("turnover"), expr: call("sum", [turnover])),
                          NamedExpr(alias: name("share"), expr: call("share", [call("sum", [turnover])]))]
        let stages = c.source.stages + [.group(keyItems, aggregates: aggregates, span)] + c.stages
        return try checkPipeline(Pipeline(source: c.source.source, stages: stages, span: span))
    }
}

/// `movement abc from 2024 to 2025`: how many clients went from each class in the first
/// period to each class in the second. With stages after it
/// (`movement abc from 2024 to 2025 | where from == "A" and to == "B"`) it lists the
/// clients instead, with two columns `from` and `to`.
package struct CheckedMovement: Sendable {
    package var field: String
    package var from: (PeriodSyntax, TypedExpr)
    package var to: (PeriodSyntax, TypedExpr)
}

extension Checker {
    package static let movementFields = ClientSegment.allCases.filter(\.takesPeriod).map(\.rawValue)

    package mutating func checkMovement(_ m: MovementSyntax) throws -> CheckedStatement {
        let clients = CatalogObjects.clients
        guard let f = clients.field(m.field.text) else {
            throw error("unknown segmentation '\(m.field.text)'", m.field.span,
                        help: Suggestions.didYouMean(m.field.text, Checker.movementFields)
                            ?? "movement works with: " + Checker.movementFields.joined(separator: ", "))
        }
        guard case .segment(let s) = f.kind, s.takesPeriod else {
            throw error("movement needs a segmentation computed over a period, not '\(f.name)'", m.field.span,
                        help: "movement works with: " + Checker.movementFields.joined(separator: ", "))
        }
        let fromPeriod = try checkPeriod(m.from)
        let toPeriod = try checkPeriod(m.to)
        if !m.stages.isEmpty {
            // The list of clients behind the matrix: an ordinary pipeline over clients.
            func column(_ name: String, _ period: Expr) -> NamedExpr {
                NamedExpr(alias: Name(text: name, span: period.span),
                          expr: .call(m.field, [period], filter: nil, distinct: false, m.field.span.through(period.span)))
            }
            let derive = Stage.derive([column("from", m.from), column("to", m.to)], m.field.span)
            let source = Name(text: "clients", span: m.field.span)
            let pipeline = Pipeline(source: source, stages: [derive] + m.stages, span: m.span)
            return .query(try checkPipeline(pipeline), m.span)
        }
        let fromKey = try resolveField([m.field], from: clients, period: fromPeriod, span: m.from.span)
        let toKey = try resolveField([m.field], from: clients, period: toPeriod, span: m.to.span)
        return .movement(CheckedMovement(field: f.name, from: (fromPeriod, fromKey), to: (toPeriod, toKey)))
    }
}

/// `check shipment client: "Name" or id, amount: 150`: may this client receive a shipment
/// of this amount now? Allowed, or refused with every reason (docs/segmentation.md).
package struct CheckedShipmentCheck: Sendable {
    package var client: TypedExpr
    package var amount: TypedExpr
}

extension Checker {
    package mutating func checkShipmentCheck(_ assignments: [Assignment], span: SourceSpan) throws -> CheckedShipmentCheck {
        var client: TypedExpr?
        var amount: TypedExpr?
        for a in assignments {
            let name = a.field.text.lowercased()
            guard name == "client" || name == "amount" else {
                throw error("check shipment takes client: and amount:, not '\(a.field.text)'", a.field.span,
                            help: Suggestions.didYouMean(a.field.text, ["client", "amount"]))
            }
            if (name == "client" ? client : amount) != nil {
                throw error("\(name) is given twice", a.field.span)
            }
            let value = try checkExpr(a.value, in: .columns([]))
            if name == "client" {
                guard value.type == .text || value.type == .integer else {
                    throw error("client is given by name (a text) or id (a whole number), not \(Checker.article(value.type))", a.value.span)
                }
                client = value
            } else {
                guard let money = coerce(value, to: .money), money.type == .money else {
                    throw error("amount takes an amount of money, not \(Checker.article(value.type))", a.value.span,
                                help: "e.g. amount: 150")
                }
                if case .literal(.money(let m)) = money.node, m.minorUnits <= 0 {
                    throw error("amount must be more than zero", a.value.span)
                }
                amount = money
            }
        }
        guard let client else {
            throw error("check shipment needs client: (a name or an id)", span, help: "e.g. check shipment client: \"ООО Ромашка\", amount: 150")
        }
        guard let amount else {
            throw error("check shipment needs amount:", span, help: "e.g. check shipment client: \"ООО Ромашка\", amount: 150")
        }
        return CheckedShipmentCheck(client: client, amount: amount)
    }
}
