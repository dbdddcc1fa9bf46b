import Foundation
import ClienteleCore

/// `explain discount client: "Name" [on DATE] [order "NUMBER"]`: each rule, whether it
/// applies and why, and how the applicable ones combine for an order on that date; with an
/// order, each category of its lines with the rules that gave it a discount (a category
/// rule's lines are named), the minimum margin, the fixed amounts and the limits. The rates
/// are the what-if's own (`clientConditions`, `PolicyPlan`), so explain and compare agree.
enum DiscountExplanation {
    static func explain(clientID id: Int64, on day: CalendarDate, order number: String? = nil, dialect: SQLDialect,
                        in tx: any StoreTransaction) throws -> [Output] {
        let name = try tx.fetchOne("SELECT name FROM clients WHERE id = ?", .positional([.integer(id)]))?.first.flatMap(ResultReader.text) ?? ""
        var order: OrderToExplain?
        if let number {
            order = try OrderToExplain.read(number: number, client: id, tx: tx)
        }
        let date = order?.date ?? day
        let policy = try Policy.baseline(tx)
        // Every rule, disabled ones too, gets its rate for the table.
        var all = policy
        all.rules = policy.rules.map { var r = $0; r.enabled = true; return r }
        let evaluator = PolicyEvaluator(dialect: dialect)
        let clients = try ClientList.read(tx)
        guard let position = clients.position(of: id) else { throw RuntimeError.message("there is no client with id \(id)") }
        let (conditions, plans) = try evaluator.clientConditions([all], year: date.year, clients: clients, tx: tx)
        let plan = plans[0]
        let (abc, turnover, avg) = try facts(id, policy: policy, year: date.year, evaluator: evaluator, tx: tx)

        var tableRows: [[Value]] = []
        var applicable: [(rule: DiscountRule, bp: Int64)] = []
        for (i, r) in plan.rules.enumerated() {
            let enabled = policy.rules[i].enabled
            let holds0 = plan.conditionHolds(i, client: position, conditions)
            let bp = r.amountMinor == nil ? max(0, plan.rate(i, client: position, conditions)) : 0
            var reasons: [String] = []
            var holds = enabled && (r.amountMinor != nil ? holds0 : bp > 0)
            if !enabled { reasons.append("disabled") } else if !holds0 { reasons.append("condition false") } else if r.amountMinor == nil && bp == 0 {
                reasons.append("tier 0%")
            }
            if let f = r.validFrom, date < f { holds = false; reasons.append("valid from \(f.iso)") }
            if let t = r.validTo, date > t { holds = false; reasons.append("expired \(t.iso)") }
            if let m = r.seasonMonths, !m.contains(date.month) { holds = false; reasons.append("not in season (months \(m.map(String.init).joined(separator: ", ")))") }
            var limits: [String] = []
            if r.minOrderMinor > 0 { limits.append("orders from \(Money(minorUnits: r.minOrderMinor).plain)") }
            if let c = r.category { limits.append("\(c) lines only") }
            if r.amountMinor != nil { limits.append("off each order, after the percentages") }
            if holds && r.amountMinor == nil { applicable.append((r, bp)) }
            tableRows.append([.text(r.name), .text(r.condition), .text(r.discountText), .percent(Percent(basisPoints: bp)),
                              .text(r.amountMinor == nil ? r.combine.rawValue : "added"), .integer(r.priority),
                              .text(holds ? "applies" + (limits.isEmpty ? "" : " (" + limits.joined(separator: ", ") + ")") : "no: " + reasons.joined(separator: "; "))])
        }
        let table = Table(columns: [Column(name: "rule", type: .text), Column(name: "condition", type: .text),
                                    Column(name: "discount", type: .text), Column(name: "for this client", type: .percent),
                                    Column(name: "combine", type: .text), Column(name: "priority", type: .integer),
                                    Column(name: "result", type: .text)], rows: tableRows)
        let (total, how) = PolicyEvaluator.combine(applicable)
        let header = "\(name) (id \(id)) on \(date.iso): segments over \(date.year - 1): abc \(abc ?? "none"), turnover \(turnover.plain), avg_order \(avg.plain)"
        var out: [Output] = [.message(header), .table(table), .message("discount: \(how)" + (total == 0 ? " (0%)" : ""))]
        if let order {
            var enabledPolicy = policy
            enabledPolicy.rules = policy.enabledRules
            let (c2, p2) = try evaluator.clientConditions([enabledPolicy], year: date.year, clients: clients, tx: tx)
            out += try order.explain(policy: enabledPolicy, plan: p2[0], conditions: c2, client: position,
                                     categories: try CategoryTable(tx))
        }
        return out
    }

    /// The client's abc, turnover and avg_order over the year before `year`, as its rules saw them.
    static func facts(_ id: Int64, policy: Policy, year: Int, evaluator: PolicyEvaluator, tx: any StoreTransaction) throws -> (String?, Money, Money) {
        let ctx = evaluator.segmentContext(policy, year: year)
        let clients = CatalogObjects.clients
        var q = SelectBuilder(object: clients, context: ctx)
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        var facts: [(String, SQLExpr)] = []
        for f in ["abc", "turnover", "avg_order"] {
            let field = clients.field(f)!
            facts.append(("f\(facts.count)", try ExpressionCompiler(context: ctx).compile(
                TypedExpr(node: .field(FieldPath(hops: [], field: field, owner: clients, period: nil)), type: field.type, span: zero), in: &q)))
        }
        q.projection = facts
        q.wheres.append(.bin(.equal, .q(q.objectAlias!, "id"), ctx.bind(.integer(id))))
        let (sql, arguments) = try ctx.statement(ctx.withCTEs(q.select()))
        guard let row = try tx.fetchOne(sql, arguments) else { throw RuntimeError.message("there is no client with id \(id)") }
        return (ResultReader.text(row[0]), Money(minorUnits: ResultReader.integer(row[1]) ?? 0), Money(minorUnits: ResultReader.integer(row[2]) ?? 0))
    }
}

/// One order of the client, its lines summed per category (the unit discounts are rounded in).
struct OrderToExplain {
    var number: String
    var date: CalendarDate
    var status: String
    var gross: Int64
    var recorded: Int64
    var keys: [Int64] = []
    var lineGross: [Int64] = []

    static func read(number: String, client: Int64, tx: any StoreTransaction) throws -> OrderToExplain {
        var found: OrderToExplain?
        try tx.stream("""
            SELECT o.order_date, o.status, o.gross_minor, o.discount_minor, l.category_id, COALESCE(l.gross_minor, o.gross_minor)
            FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.client_id = ? AND o.number = ? ORDER BY l.id
            """, .positional([.integer(client), .text(number)])) { row in
            if found == nil {
                guard let d = row[0].string.flatMap(CalendarDate.init(iso:)) else { throw RuntimeError.message("order \"\(number)\" has no calendar date") }
                found = OrderToExplain(number: number, date: d, status: row[1].string ?? "", gross: row[2].int64 ?? 0, recorded: row[3].int64 ?? 0)
            }
            let key = row[4].int64 ?? Int64.min, g = row[5].int64 ?? 0
            if let k = found!.keys.firstIndex(of: key) { found!.lineGross[k] += g } else { found!.keys.append(key); found!.lineGross.append(g) }
        }
        guard let found else { throw RuntimeError.message("the client has no order \"\(number)\"") }
        return found
    }

    func explain(policy: Policy, plan: PolicyPlan, conditions: ClientConditions, client c: Int, categories: CategoryTable) throws -> [Output] {
        let combiner = RuleCombiner(plan.rules)
        var rows: [[Value]] = [], discounts: [Int64] = [], index: [Int] = []
        for (r, key) in keys.enumerated() {
            let i = key == Int64.min ? categories.none : categories.index[key] ?? categories.none
            index.append(i)
            var given: [String] = []
            let rate0 = combiner.combine { k in
                let v = max(0, plan.rate(k, client: c, conditions))
                let ok = v > 0 && plan.lineAllows(k, day: date.dayNumber, month: date.month, orderGross: gross, category: key)
                if ok { given.append("\"\(plan.rules[k].name)\" \(Percent(basisPoints: v))") }
                return ok ? v : 0
            }
            var rate = rate0, note = ""
            if let ceiling = categories.maxRates[i], rate > ceiling { rate = ceiling; note = "limited by the minimum margin to \(Percent(basisPoints: ceiling))" }
            let d = try PolicySums.rounded(lineGross[r], times: rate)
            discounts.append(d)
            rows.append([.text(key == Int64.min ? "(no lines)" : categories.names[i]), .money(Money(minorUnits: lineGross[r])),
                         .text(given.isEmpty ? "none" : given.joined(separator: ", ")), .percent(Percent(basisPoints: rate)),
                         .money(Money(minorUnits: d)), .text(note)])
        }
        var notes: [String] = []
        var d = OrderDiscounts(policy: 0, count: 1, gross: lineGross, discounts: discounts)
        let fixed = plan.fixedRules.filter { k in
            plan.conditionHolds(k, client: c, conditions)
                && plan.lineAllows(k, day: date.dayNumber, month: date.month, orderGross: gross, category: plan.categoryID[k] ?? 0)
                && (plan.categoryID[k] == nil || keys.contains(plan.categoryID[k]!))
        }
        if !fixed.isEmpty {
            let room = index.indices.map { r in categories.maxRates[index[r]].map { (try? PolicySums.rounded(lineGross[r], times: $0)) ?? lineGross[r] } ?? lineGross[r] }
            let before = d.total
            try d.addFixed(fixed.map { (plan.rules[$0].amountMinor!, plan.categoryID[$0]) }, keys: keys, room: room)
            notes.append("fixed: " + fixed.map { "\"\(plan.rules[$0].name)\" \(plan.rules[$0].discountText)" }.joined(separator: ", ")
                         + " = \(Money(minorUnits: d.total - before).plain) more")
        }
        let limits = OrderDiscounts.Limits(policy.settings)
        if limits.perOrder > 0, d.total > limits.perOrder {
            try d.limit(to: limits.perOrder)
            notes.append("limited to \(Money(minorUnits: limits.perOrder).plain) per order (discount.max_per_order)")
        }
        if limits.perClient > 0 { notes.append("discount.max_per_client \(Money(minorUnits: limits.perClient).plain) a year: see compare, it depends on the client's other orders") }
        let table = Table(columns: [Column(name: "category", type: .text), Column(name: "gross", type: .money), Column(name: "rules", type: .text),
                                    Column(name: "rate", type: .percent), Column(name: "discount", type: .money), Column(name: "note", type: .text)],
                          rows: rows)
        return [.message("order \"\(number)\" of \(date.iso) (\(status)), gross \(Money(minorUnits: gross).plain), discount recorded \(Money(minorUnits: recorded).plain):"),
                .table(table),
                .message((notes.isEmpty ? "" : notes.joined(separator: "; ") + "; ") + "the rules give \(Money(minorUnits: d.total).plain)")]
    }
}
