import ClienteleCore

/// Fields to SQL: plain columns, relationship hops (joins), and the per-client measures
/// and segments, each computed once per period in a common table expression.
struct ClientMeasures {
    let context: SQLContext
    var d: SQLDialect { context.dialect }

    func field(_ path: FieldPath, in q: inout SelectBuilder) throws -> String {
        guard var alias = q.objectAlias, q.object != nil else {
            throw PlanError.internalError("field \(path.field.name) outside an object query")
        }
        var key = ""
        for hop in path.hops {
            let from = alias
            key += "/" + hop.name
            alias = q.join(key: key, build: { a in
                "LEFT JOIN \(hop.object.table) AS \(a) ON \(a).id = \(from).\(hop.foreignKey)"
            }, context: context, prefix: String(hop.object.name.prefix(1)))
        }
        switch path.field.kind {
        case .column(let c): return "\(alias).\(c)"
        case .expression(let template): return template.replacingOccurrences(of: "$", with: alias)
        case .relation(_, let fk): return "\(alias).\(fk)"
        case .metric(let m): return measure(m, period: path.period, client: alias, key: key, in: &q)
        case .segment(let s): return segment(s, period: path.period, client: alias, key: key, in: &q)
        }
    }

    func range(_ period: PeriodSyntax?) -> DateRange {
        (period ?? context.defaultPeriod).resolve(today: context.today)
    }

    /// Sales of shipped orders per client in a period.
    /// Only the `columns` asked for (by any user of the CTE) are aggregated.
    func salesCTE(_ r: DateRange, columns: [String] = MeasureRequest.salesColumns) -> String {
        if let cached = cachedSales(r) {
            return context.cte(key: "sales \(r)", prefix: "sales") { _ in table(cached) }
        }
        let name = context.cte(key: "sales \(r)", prefix: "sales", columns: [
            ("turnover", "SUM(net_minor)"), ("orders_count", "COUNT(*)"),
            ("first_order", "MIN(order_date)"), ("last_order", "MAX(order_date)"),
        ]) {
            "FROM orders WHERE status = 'shipped' AND order_date BETWEEN \(context.bind(r.start)) AND \(context.bind(r.end)) GROUP BY client_id"
        }
        context.use(columns, of: name)
        return name
    }

    /// Payment discipline of the orders of a period, as of today: a violation is an order
    /// paid in full after its due date, or still not paid in full when its due date has passed.
    /// Paid amounts and dates come from the facts kept on orders when they are current for
    /// today, else from the payments dated up to today.
    func disciplineCTE(_ r: DateRange) -> String {
        context.cte(key: "discipline \(r)", prefix: "disc") { _ in
            let today = context.bind(context.today)
            if let cached = cachedDiscipline(r) { return table(cached) }
            let overdue = """
                CASE WHEN paid >= net_minor THEN \(d.greatest("0", "COALESCE(" + d.daysBetween(from: "due_date", to: "last_paid") + ", 0)")) \
                WHEN due_date < \(today) THEN \(d.daysBetween(from: "due_date", to: today)) ELSE 0 END
                """
            let facts = context.paymentFactsAreCurrent
                ? "o.paid_minor AS paid, o.last_paid AS last_paid"
                : """
                  COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.order_id = o.id AND p.date <= \(today)), 0) AS paid, \
                  (SELECT MAX(p.date) FROM payments p WHERE p.order_id = o.id AND p.date <= \(today)) AS last_paid
                  """
            return """
            SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, \
            SUM(\(d.greatest("net_minor - paid", "0"))) AS unpaid FROM (\
            SELECT client_id, net_minor, paid, \(overdue) AS overdue FROM (\
            SELECT o.client_id, o.net_minor, o.due_date, \(facts) \
            FROM orders o WHERE o.status = 'shipped' AND o.order_date BETWEEN \(context.bind(r.start)) AND \(context.bind(r.end)))) \
            GROUP BY client_id
            """
        }
    }

    // MARK: In-memory order facts (FactsCache)

    /// Per-client sales of a period computed in Swift (MeasureSource), when the statement has a source.
    func cachedSales(_ r: DateRange) -> MeasureHandle? {
        context.clientColumns(.sales(r))
    }

    /// Column first_deal: 1 for a client whose only shipped order up to the end of the
    /// period is in the period (its first deal), else 0; computed in Swift. Where the
    /// client has a positive turnover in the period (the only place ABC asks), it is 1
    /// exactly when the client has one shipped order up to the period's end (firstDealCTE).
    func cachedFirstDeals(_ r: DateRange) -> MeasureHandle? {
        guard cachedSales(r) != nil else { return nil }
        return context.clientColumns(.firstDeals(r))
    }

    /// Payment discipline computed in Swift: only when the payment facts on orders are
    /// current for today (as for the SQL that reads them).
    func cachedDiscipline(_ r: DateRange) -> MeasureHandle? {
        guard context.paymentFactsAreCurrent else { return nil }
        return context.clientColumns(.discipline(r, today: context.today))
    }

    /// Computed columns as a table (for CTEs that rank or partition clients).
    func table(_ c: MeasureHandle) -> String {
        let names = c.names.enumerated().map { "c\($0.offset) AS \($0.element)" }.joined(separator: ", ")
        return "SELECT client_id, \(names) FROM \(FactsTable.tableName)(\(c.placeholder))"
    }

    /// One computed column for the client at `client`: a function call, no join.
    func value(_ c: MeasureHandle, _ name: String, client: String) -> String {
        "\(FactsTable.functionName)(\(c.placeholder), \(c.index(of: name)!), \(client).id)"
    }

    /// A column of the per-client sales of a period for the client at `client`.
    func salesColumn(_ r: DateRange, _ name: String, client: String, key: String, in q: inout SelectBuilder) -> String {
        if let cached = cachedSales(r) { return value(cached, name, client: client) }
        return "\(joinCTE(salesCTE(r, columns: [name]), client: client, key: key, in: &q)).\(name)"
    }

    /// Joins a per-client table (rows keyed by `client_id`, each an existing client: they come
    /// from orders or payments) to the client rows at `client`.
    func joinCTE(_ cte: String, client: String, key: String, in q: inout SelectBuilder) -> String {
        let alias = q.join(key: key + "#" + cte, build: { a in "LEFT JOIN \(cte) AS \(a) ON \(a).client_id = \(client).id" },
                           context: context, prefix: "j")
        if client == q.objectAlias { q.clientTables[alias] = cte }
        q.lastClientTable = alias
        return alias
    }

    /// Measures that are 0 (not null) for a client with no row in their table.
    static func zeroWithoutRow(_ m: ClientMeasure) -> Bool {
        switch m {
        case .turnover, .ordersCount, .latePayments, .maxOverdueDays, .unpaid: return true
        default: return false
        }
    }

    func measure(_ m: ClientMeasure, period: PeriodSyntax?, client: String, key: String, in q: inout SelectBuilder) -> String {
        let r = range(period)
        switch m {
        case .turnover, .ordersCount, .avgOrder, .firstOrder, .lastOrder, .daysSinceLastOrder:
            func col(_ name: String) -> String { salesColumn(r, name, client: client, key: key, in: &q) }
            switch m {
            case .turnover: return "COALESCE(\(col("turnover")), 0)"
            case .ordersCount: return "COALESCE(\(col("orders_count")), 0)"
            case .avgOrder: return d.roundedDivide(col("turnover"), col("orders_count"))
            case .firstOrder: return col("first_order")
            case .lastOrder: return col("last_order")
            default: return d.daysBetween(from: col("last_order"), to: context.bind(context.today))
            }
        case .latePayments, .maxOverdueDays, .unpaid:
            func col(_ name: String) -> String {
                if let cached = cachedDiscipline(r) { return value(cached, name, client: client) }
                return "\(joinCTE(disciplineCTE(r), client: client, key: key, in: &q)).\(name)"
            }
            switch m {
            case .latePayments: return "COALESCE(\(col("late_payments")), 0)"
            case .maxOverdueDays: return "COALESCE(\(col("max_overdue_days")), 0)"
            default: return "COALESCE(\(col("unpaid")), 0)"
            }
        }
    }

    func segment(_ s: ClientSegment, period: PeriodSyntax?, client: String, key: String, in q: inout SelectBuilder) -> String {
        let st = context.settings
        switch s {
        case .salesType:
            return "COALESCE(\(client).sales_type, CASE WHEN \(client).outlets >= \(context.bind(.integer(st.integer("sales_type.chain_outlets")))) THEN 'retail chain' ELSE 'retail point' END)"
        case .status:
            let all = PeriodSyntax.all.resolve(today: context.today)
            let first = salesColumn(all, "first_order", client: client, key: key, in: &q)
            let last = salesColumn(all, "last_order", client: client, key: key, in: &q)
            let lostBefore = context.today.clampedAdding(days: -Int(clamping: st.integer("status.lost_days")))
            let newFrom = context.today.clampedAdding(days: -Int(clamping: st.integer("status.new_days")))
            return """
            COALESCE(\(client).status_override, CASE WHEN \(first) IS NULL THEN 'potential' \
            WHEN \(last) < \(context.bind(lostBefore)) THEN 'lost' \
            WHEN \(first) >= \(context.bind(newFrom)) THEN 'new' ELSE 'active' END)
            """
        case .abc, .importance, .rfm, .rfmR, .rfmF, .rfmM:
            return Segments(measures: self).field(s, period: period, client: client, key: key, in: &q)
        case .creditLimit, .openBalance, .shipmentBlocked, .blockReasons:
            return ShipmentRules(measures: self).field(s, client: client, key: key, in: &q)
        case .risk:
            let v = measure(.latePayments, period: period, client: client, key: key, in: &q)
            let days = measure(.maxOverdueDays, period: period, client: client, key: key, in: &q)
            func grade(_ x: String, _ g1: String, _ g2: String) -> String {
                "CASE WHEN \(x) = 0 THEN 0 WHEN \(x) <= \(context.bind(.integer(st.integer(g1)))) THEN 1 WHEN \(x) <= \(context.bind(.integer(st.integer(g2)))) THEN 2 ELSE 3 END"
            }
            return d.greatest(grade(v, "risk.g1_violations", "risk.g2_violations"), grade(days, "risk.g1_days", "risk.g2_days"))
        }
    }
}
