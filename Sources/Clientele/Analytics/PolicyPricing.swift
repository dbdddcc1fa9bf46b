import ClienteleCore

extension PolicyEvaluator {
    /// The conditions and tier bases of every policy's rules and assumptions for orders of
    /// `year` (judged on the year before, with each policy's settings), in one statement.
    func clientConditions(_ policies: [Policy], year: Int, clients: ClientList, tx: any StoreTransaction) throws -> (ClientConditions, [PolicyPlan]) {
        let object = CatalogObjects.clients
        let contexts = segmentContexts(policies, year: year, tx: tx)
        var distinct: [SQLContext] = [], builders: [SelectBuilder] = [], projections: [[(String, SQLExpr)]] = []
        var columnOf: [String: Int] = [:]
        var kinds: [Bool] = []   // true: a basis column
        var categoryIDs: [String: Int64] = [:]
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)

        func column(_ c: Int, key: String, isBasis: Bool, _ expr: () throws -> SQLExpr) rethrows -> Int {
            let full = "\(c)\u{0}\(isBasis ? "b" : "c")\u{0}\(key)"
            if let k = columnOf[full] { return k }
            let k = kinds.count
            kinds.append(isBasis)
            columnOf[full] = k
            projections[c].append(("v\(k)", try expr()))
            return k
        }

        var plans: [PolicyPlan] = []
        for (p, policy) in policies.enumerated() {
            let ctx = contexts[p]
            let c: Int
            if let i = distinct.firstIndex(where: { $0 === ctx }) { c = i } else {
                c = distinct.count
                distinct.append(ctx)
                builders.append(SelectBuilder(object: object, context: ctx))
                projections.append([])
            }
            let ex = ExpressionCompiler(context: ctx)
            var plan = PolicyPlan(rules: policy.enabledRules)
            for r in plan.rules {
                plan.condition.append(r.condition == "true" ? nil : try column(c, key: r.condition, isBasis: false) {
                    .when(try ex.compile(PolicyEvaluator.typedCondition(r.condition, rule: r.name, settings: policy.settings), in: &builders[c]),
                          .integer(1), else: .integer(0))
                })
                if let tiers = r.tiers, !tiers.isEmpty {
                    let name = r.tierBasis ?? "avg_order"
                    let field = object.field(name)!
                    plan.basis.append(try column(c, key: name, isBasis: true) {
                        let typed = TypedExpr(node: .field(FieldPath(hops: [], field: field, owner: object, period: nil)), type: field.type, span: zero)
                        return .coalesce(try ex.compile(typed, in: &builders[c]), .integer(0))
                    })
                } else {
                    plan.basis.append(nil)
                }
                if let name = r.category {
                    if categoryIDs[name] == nil {
                        categoryIDs[name] = try tx.fetchOne("SELECT id FROM categories WHERE name = ?", .positional([.text(name)]))?.first.flatMap(ResultReader.integer) ?? -1
                    }
                    plan.categoryID.append(categoryIDs[name])
                } else {
                    plan.categoryID.append(nil)
                }
            }
            for a in policy.assumptions {
                plan.assumptions.append(try a.condition.map { text in
                    try column(c, key: text, isBasis: false) {
                        .when(try ex.compile(PolicyEvaluator.typedCondition(text, rule: "assume", settings: policy.settings), in: &builders[c]),
                              .integer(1), else: .integer(0))
                    }
                })
            }
            plans.append(plan)
        }

        var out = ClientConditions()
        var slot: [Int] = []   // column k → its index in holds or basis
        for isBasis in kinds {
            if isBasis { slot.append(out.basis.count); out.basis.append(Array(repeating: 0, count: clients.count)) }
            else { slot.append(out.holds.count); out.holds.append(Array(repeating: false, count: clients.count)) }
        }
        // The plans name columns; the values are kept by kind.
        for p in plans.indices {
            plans[p].condition = plans[p].condition.map { $0.map { slot[$0] } }
            plans[p].basis = plans[p].basis.map { $0.map { slot[$0] } }
            plans[p].assumptions = plans[p].assumptions.map { $0.map { slot[$0] } }
        }
        guard !kinds.isEmpty else { return (out, plans) }

        var selects: [SQLSelect] = [], orders: [[Int]] = []
        for c in distinct.indices {
            builders[c].projection = [("client_id", .q(builders[c].objectAlias!, "id"))] + projections[c]
            selects.append(builders[c].select())
            orders.append(projections[c].map { Int($0.0.dropFirst())! })
        }
        var times = PhaseTimes()
        try measures?.compute()
        times.mark("measures")
        // Contexts whose columns read only measures computed in Swift: evaluated here, with
        // no statement (`SwiftClientSelect`).
        var remaining = Array(distinct.indices)
        if let measures, swiftConditions {
            remaining = try remaining.filter { c in
                guard var swift = SwiftClientSelect(selects[c], measures: measures, clients: clients) else { return true }
                var values: [SwiftClientSelect.Column] = []
                for (_, e) in projections[c] {
                    guard let v = swift.evaluate(e) else { return true }
                    values.append(v)
                }
                for (j, k) in orders[c].enumerated() {
                    if kinds[k] {
                        guard let (v, present) = swift.integers(values[j]) else { return true }
                        out.basis[slot[k]] = (0..<clients.count).map { present[$0] ? v[$0] : 0 }
                    } else {
                        guard let t = swift.truth(values[j]) else { return true }
                        out.holds[slot[k]] = t.map { $0 == 1 }
                    }
                }
                try Interruption.check(.policySums)
                return false
            }
            times.mark("in Swift")
        }
        guard !remaining.isEmpty else {
            times.report("conditions")
            return (out, plans)
        }
        // With the measures computed in Swift, one statement per distinct context (each a
        // scan of the clients: joining their results by client cost SQLite more than the
        // statements, a third of a comparison with the facts in memory); else one statement,
        // a CTE per distinct context joined by client, whose contexts share their CTEs (the
        // sales of the year over the orders, say).
        var statements: [(SQLSelect, [Int])] = []
        if measures != nil && remaining.count > 1 {
            for c in remaining {
                let shared = SharedCTEs([distinct[c]])
                var select = shared.renamed(selects[c])
                select.with = shared.ctes
                statements.append((select, orders[c]))
            }
        } else {
            let shared = SharedCTEs(remaining.map { distinct[$0] })
            var ctes = shared.ctes
            for (i, c) in remaining.enumerated() {
                ctes.append(SQLCommonTable(name: "cond\(i + 1)", select: shared.renamed(selects[c]), materialized: true))
            }
            let joins = remaining.indices.dropFirst().map {
                SQLJoin(.inner, .table("cond\($0 + 1)", "k\($0 + 1)", explicitAs: false), on: .bin(.equal, .q("k\($0 + 1)", "client_id"), .q("k1", "client_id")))
            }
            var items = [SQLSelectItem(.q("k1", "client_id"))]
            for (i, c) in remaining.enumerated() { items += projections[c].map { SQLSelectItem(.q("k\(i + 1)", $0.0)) } }
            var select = SQLSelect(items, from: .table("cond1", "k1", explicitAs: false), joins: joins, layout: .lines)
            select.with = ctes
            statements.append((select, remaining.flatMap { orders[$0] }))
        }
        let printed = try statements.map { (try dialect.print($0.0), $0.1) }
        var rows = 0
        for (statement, order) in printed {
            try tx.scan(statement.text, statement.arguments(in: dialect)) { row in
                try Interruption.check(.policySums, every: &rows)
                guard let c = clients.position(of: row.int64(0)) else { return }
                for (j, k) in order.enumerated() {
                    if kinds[k] {
                        let v: Int64
                        switch row.kind(j + 1) {
                        case .real:
                            let d = row.double(j + 1).rounded(.down)
                            guard d > -9.2e18 && d < 9.2e18 else { throw PolicySums.overflow }
                            v = Int64(d)
                        case .null: v = 0
                        default: v = row.int64(j + 1)
                        }
                        out.basis[slot[k]][c] = v
                    } else {
                        out.holds[slot[k]][c] = row.int64(j + 1) != 0
                    }
                }
            }
        }
        times.mark("statement")
        times.report("conditions")
        return (out, plans)
    }

    /// Each client's combined rate under `plan` (rules that do not look at the line) into
    /// `flat[at + c]`. Rules combined as best-of only (the usual case) rule by rule over all
    /// clients, with no call per client and rule; the same as `combine` (the largest rate,
    /// at most 100%). Other combinations client by client through `RuleCombiner`.
    func flatRates(_ plan: PolicyPlan, _ combiner: RuleCombiner, conditions: ClientConditions, clients n: Int,
                   into flat: inout [Int64], at base: Int) {
        guard combiner.exclusive.isEmpty, combiner.stack.isEmpty else {
            for c in 0..<n { flat[base + c] = combiner.combine { max(0, plan.rate($0, client: c, conditions)) } }
            return
        }
        var top = [Int64](repeating: 0, count: n)
        for i in combiner.best {
            let rule = plan.rules[i]
            if let tiers = rule.tiers, !tiers.isEmpty {
                for c in 0..<n { top[c] = max(top[c], plan.rate(i, client: c, conditions)) }
                continue
            }
            let percent = rule.percentBP ?? 0
            guard percent > 0 else { continue }
            if let k = plan.condition[i] {
                conditions.holds[k].withUnsafeBufferPointer { holds in
                    for c in 0..<n where holds[c] { top[c] = max(top[c], percent) }
                }
            } else {
                for c in 0..<n { top[c] = max(top[c], percent) }
            }
        }
        for c in 0..<n { flat[base + c] = min(10_000, top[c]) }
    }

    /// Prices the orders of `slice` under every policy and adds them to `sums`: per order,
    /// each category's rate per policy from the client's conditions and the line's tests,
    /// limited by the category's minimum margin; then the fixed amounts; then the limits per
    /// order and per client and year (`OrderDiscounts`).
    func priceYear(_ lines: PolicyLines, slice: DateRange, policies: [Policy], plans: [PolicyPlan], conditions: ClientConditions,
                   categories: CategoryTable, clients: ClientList, sums: inout PolicySums) throws {
        let count = plans.count, n = clients.count
        var times = PhaseTimes()
        defer { times.report("price") }
        let combiners = plans.map { RuleCombiner($0.rules) }
        // Policies whose rules do not look at the line: one rate per client, in `flat`
        // (policy p's rate of client c at p * n + c).
        let byClient = plans.map { !$0.hasLineTests }
        var flat = [Int64](repeating: 0, count: count * n)
        var ruleRates: [[[Int64]]] = plans.map { _ in [] }
        for p in plans.indices {
            let plan = plans[p]
            if plan.hasLineTests {
                ruleRates[p] = plan.rules.indices.map { i in (0..<n).map { plan.rate(i, client: $0, conditions) } }
            } else {
                flatRates(plan, combiners[p], conditions: conditions, clients: n, into: &flat, at: p * n)
            }
        }
        let allByClient = !byClient.contains(false)
        let assumptions: [[Int32]] = plans.map { plan in
            plan.assumptions.isEmpty ? [] : (0..<n).map { plan.assumption(client: $0, conditions) }
        }
        let anyAssumption = assumptions.contains { !$0.isEmpty }
        let limits = policies.map { OrderDiscounts.Limits($0.settings) }
        let fixed = plans.map(\.fixedRules)
        let adjusted = plans.indices.filter { !fixed[$0].isEmpty || limits[$0].perOrder > 0 || limits[$0].perClient > 0 }
        let floors = categories.maxRates.contains { $0 != nil }
        var given: [[Int64]] = limits.map { $0.perClient > 0 ? Array(repeating: 0, count: n) : [] }
        let needsMonth = plans.contains { $0.rules.contains { $0.seasonMonths != nil } }
        let from = slice.start.dayNumber, to = slice.end.dayNumber
        var keys: [Int64] = [], gross: [Int64] = [], discounts: [Int64] = [], categoryIndex: [Int] = []
        var assumed = Array(repeating: Int32(0), count: count)
        var rows = 0
        // Client positions in this evaluation's list; categories as indexes of `categories`.
        let remap = lines.positions(in: clients)
        let tableIndex = lines.categoryIDs.map { id in id == Int64.min ? categories.none : categories.index[id] ?? categories.none }
        let ceilings: [Int64] = categories.maxRates.map { $0 ?? Int64.max }
        times.mark("rates")
        if allByClient && adjusted.isEmpty && flatSums {
            // Every rate is the client's: one pass, the policy-free work once per line.
            try sums.addFlat(lines, from: from, to: to, rates: flat, remap: remap, tableIndex: tableIndex,
                             ceilings: floors ? ceilings : nil, assumptions: assumptions)
            times.mark("sums")
            return
        }
        // A limit per client and year takes the orders in date order (then in order id order).
        var order = Array(0..<lines.count)
        if limits.contains(where: { $0.perClient > 0 }) {
            order = order.filter { Int(lines.day[$0]) >= from && Int(lines.day[$0]) <= to }.sorted { (lines.day[$0], $0) < (lines.day[$1], $1) }
        }
        for k in order {
            let day = Int(lines.day[k])
            guard day >= from && day <= to else { continue }
            try Interruption.check(.policySums, every: &rows)
            let c = remap.map { Int($0[Int(lines.client[k])]) } ?? Int(lines.client[k])
            guard c >= 0 else { throw RuntimeError.message("an order refers to a client that does not exist") }
            try sums.addRecorded(lines.recordedDiscount[k], client: c)
            if anyAssumption { for p in 0..<count { assumed[p] = assumptions[p].isEmpty ? 0 : assumptions[p][c] } }
            keys.removeAll(keepingCapacity: true); gross.removeAll(keepingCapacity: true)
            discounts.removeAll(keepingCapacity: true); categoryIndex.removeAll(keepingCapacity: true)
            let month = needsMonth ? CalendarDate(dayNumber: day).month : 0
            let orderGross = lines.orderGross[k]
            for e in Int(lines.start[k])..<Int(lines.start[k + 1]) {
                let local = Int(lines.category[e]), g = lines.gross[e]
                let category = lines.categoryIDs[local], index = tableIndex[local]
                keys.append(category)
                gross.append(g)
                categoryIndex.append(index)
                let ceiling = floors ? ceilings[index] : Int64.max
                if allByClient {
                    var i = c
                    for _ in 0..<count {
                        discounts.append(try PolicySums.rounded(g, times: min(flat[i], ceiling)))
                        i += n
                    }
                    continue
                }
                for p in 0..<count {
                    var rate: Int64
                    if byClient[p] {
                        rate = flat[p * n + c]
                    } else {
                        let plan = plans[p], own = ruleRates[p]
                        rate = combiners[p].combine { i in
                            let r = own[i][c]
                            return r > 0 && plan.lineAllows(i, day: day, month: month, orderGross: orderGross, category: category) ? r : 0
                        }
                    }
                    rate = min(rate, ceiling)
                    discounts.append(try PolicySums.rounded(g, times: rate))
                }
            }
            for p in adjusted {
                var d = OrderDiscounts(policy: p, count: count, gross: gross, discounts: discounts)
                if !fixed[p].isEmpty {
                    let plan = plans[p]
                    var amounts: [(amount: Int64, category: Int64?)] = []
                    for i in fixed[p] where plan.conditionHolds(i, client: c, conditions) {
                        // The order-level tests; a category rule needs a line of its category.
                        guard plan.lineAllows(i, day: day, month: month, orderGross: orderGross, category: plan.categoryID[i] ?? 0),
                              plan.categoryID[i] == nil || keys.contains(plan.categoryID[i]!) else { continue }
                        amounts.append((plan.rules[i].amountMinor!, plan.categoryID[i]))
                    }
                    let room: [Int64] = categoryIndex.indices.map { r in
                        let g = gross[r], ceiling = floors ? categories.maxRates[categoryIndex[r]] : nil
                        return ceiling.map { (try? PolicySums.rounded(g, times: $0)) ?? g } ?? g
                    }
                    try d.addFixed(amounts, keys: keys, room: room)
                }
                if limits[p].perOrder > 0 { try d.limit(to: limits[p].perOrder) }
                if limits[p].perClient > 0 {
                    try d.limit(to: max(0, limits[p].perClient - given[p][c]))
                    given[p][c] += d.total
                }
                d.write(into: &discounts)
            }
            try sums.addOrder(client: c, assumptions: assumed, keys: keys, indexes: categoryIndex, gross: gross, discounts: discounts)
        }
        lines.passed(0..<lines.count)
    }
}
