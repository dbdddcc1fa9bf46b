/// Fields to SQL: plain columns, relationship hops (joins), and the per-client measures
/// and segments, each computed once per period in a common table expression.
package struct ClientMeasures {
    package let context: SQLContext
    package init(context: SQLContext) { self.context = context }

    package func field(_ path: FieldPath, in q: inout SelectBuilder) throws -> SQLExpr {
        guard var alias = q.objectAlias, q.object != nil else {
            throw PlanError.internalError("field \(path.field.name) outside an object query")
        }
        var key = ""
        for hop in path.hops {
            let from = alias
            key += "/" + hop.name
            alias = q.join(key: key, build: { a in
                SQLJoin(.left, .table(hop.object.table, a), on: .bin(.equal, .q(a, "id"), .q(from, hop.foreignKey)))
            }, context: context, prefix: String(hop.object.name.prefix(1)))
        }
        switch path.field.kind {
        case .column(let c): return .q(alias, c)
        case .expression(let template): return .catalogTemplate(template, alias: alias)
        case .nextAnniversary(let column):
            let today = context.bind(context.today)
            return .call(.addDaysChecked, today, .call(.daysToAnniversary, .q(alias, column), today))
        case .nextHoliday:
            let today = context.bind(context.today)
            return .call(.addDaysChecked, today, holidayDays(alias))
        case .relation(_, let fk): return .q(alias, fk)
        case .metric(let m): return measure(m, period: path.period, client: alias, key: key, in: &q)
        case .segment(let s): return segment(s, period: path.period, client: alias, key: key, in: &q)
        case .model(let m): return try ClientModels(measures: self).field(m, period: path.period, client: alias, key: key, in: &q)
        }
    }

    package func range(_ period: PeriodSyntax?) -> DateRange {
        (period ?? context.defaultPeriod).resolve(today: context.today)
    }

    /// Shipped orders of a period: `status = 'shipped' AND <date> BETWEEN start AND end`.
    package func shippedIn(_ r: DateRange, alias: String? = nil) -> SQLExpr {
        func column(_ c: String) -> SQLExpr { alias.map { .q($0, c) } ?? .column(c) }
        let start = context.bind(r.start)
        return .conjunction([.bin(.equal, column("status"), .text("shipped")),
                             .between(column("order_date"), start, context.bind(r.end), negated: false)])
    }

    /// Sales of shipped orders per client in a period.
    /// Only the `columns` asked for (by any user of the CTE) are aggregated.
    package func salesCTE(_ r: DateRange, columns: [String] = MeasureRequest.salesColumns) -> String {
        if let cached = cachedSales(r) {
            return context.cte(key: .sales(r), prefix: "sales") { _ in table(cached) }
        }
        let name = context.cte(key: .sales(r), prefix: "sales", columns: [
            ("turnover", .sum(.column("net_minor"))), ("orders_count", .count()),
            ("first_order", .min(.column("order_date"))), ("last_order", .max(.column("order_date"))),
        ]) {
            SQLSelect([], from: .table("orders"), where: shippedIn(r), groupBy: [.column("client_id")])
        }
        context.use(columns, of: name)
        return name
    }

    /// Payment discipline of the orders of a period, as of today: a violation is an order
    /// paid in full after its due date, or still not paid in full when its due date has passed.
    /// With risk.debts = open (`openDebts`), the earlier shipped orders still open at the
    /// period's end (not paid in full, or last paid after it) count too.
    /// Paid amounts and dates come from the facts kept on orders when they are current for
    /// today, else from the payments dated up to today.
    package func disciplineCTE(_ r: DateRange) -> String {
        context.cte(key: .discipline(r), prefix: "disc") { _ in
            let today = context.bind(context.today)
            let openDebts = self.openDebts
            if let cached = cachedDiscipline(r) { return table(cached) }
            let c = { (name: String) in SQLExpr.column(name) }
            let overdue = SQLExpr.caseWhen([
                SQLWhen(.bin(.greaterOrEqual, c("paid"), c("net_minor")),
                        .call(.greatest, .integer(0), .coalesce(.call(.daysBetween, c("due_date"), c("last_paid")), .integer(0)))),
                SQLWhen(.bin(.less, c("due_date"), today), .call(.daysBetween, c("due_date"), today)),
            ], else: .integer(0))
            let facts: [SQLSelectItem]
            if context.paymentFactsAreCurrent {
                facts = [SQLSelectItem(.q("o", "paid_minor"), as: "paid"), SQLSelectItem(.q("o", "last_paid"), as: "last_paid")]
            } else {
                func payments(_ value: SQLExpr) -> SQLExpr {
                    .subquery(SQLSelect([SQLSelectItem(value)], from: .table("payments", "p", explicitAs: false),
                                        where: .conjunction([.bin(.equal, .q("p", "order_id"), .q("o", "id")),
                                                             .bin(.lessOrEqual, .q("p", "date"), today)])))
                }
                facts = [SQLSelectItem(.coalesce(payments(.sum(.q("p", "amount_minor"))), .integer(0)), as: "paid"),
                         SQLSelectItem(payments(.max(.q("p", "date"))), as: "last_paid")]
            }
            let end = context.bind(r.end)
            let upToEnd = SQLExpr.conjunction([.bin(.equal, .q("o", "status"), .text("shipped")), .bin(.lessOrEqual, .q("o", "order_date"), end)])
            let orders = SQLSelect([SQLSelectItem(.q("o", "client_id")), SQLSelectItem(.q("o", "net_minor")),
                                    SQLSelectItem(.q("o", "due_date")), SQLSelectItem(.q("o", "order_date"))] + facts,
                                   from: .table("orders", "o", explicitAs: false), where: openDebts ? upToEnd : shippedIn(r, alias: "o"))
            let stillOpen = SQLExpr.bin(.or, .bin(.or, .bin(.greaterOrEqual, c("order_date"), context.bind(r.start)),
                                                  .bin(.less, c("paid"), c("net_minor"))), .bin(.greater, c("last_paid"), end))
            let perOrder = SQLSelect([SQLSelectItem(c("client_id")), SQLSelectItem(c("net_minor")), SQLSelectItem(c("paid")),
                                      SQLSelectItem(overdue, as: "overdue")], from: SQLFrom(.select(orders)),
                                     where: openDebts ? stillOpen : nil)
            return SQLSelect([SQLSelectItem(c("client_id")),
                              SQLSelectItem(.aggregate(.countWhere, .bin(.greater, c("overdue"), .integer(0)), distinct: false), as: "late_payments"),
                              SQLSelectItem(.max(c("overdue")), as: "max_overdue_days"),
                              SQLSelectItem(.sum(.call(.greatest, .bin(.minus, c("net_minor"), c("paid")), .integer(0))), as: "unpaid")],
                             from: SQLFrom(.select(perOrder)), groupBy: [c("client_id")])
        }
    }

    // MARK: In-memory order facts (FactsCache)

    /// Per-client sales of a period computed in Swift (MeasureSource), when the statement has a source.
    package func cachedSales(_ r: DateRange) -> MeasureHandle? {
        context.clientColumns(.sales(r))
    }

    /// Column first_deal: 1 for a client whose only shipped order up to the end of the
    /// period is in the period (its first deal), else 0; computed in Swift. Where the
    /// client has a positive turnover in the period (the only place ABC asks), it is 1
    /// exactly when the client has one shipped order up to the period's end (firstDealCTE).
    package func cachedFirstDeals(_ r: DateRange) -> MeasureHandle? {
        guard cachedSales(r) != nil else { return nil }
        return context.clientColumns(.firstDeals(r))
    }

    /// Payment discipline computed in Swift: only when the payment facts on orders are
    /// current for today (as for the SQL that reads them).
    package func cachedDiscipline(_ r: DateRange) -> MeasureHandle? {
        guard context.paymentFactsAreCurrent else { return nil }
        return context.clientColumns(.discipline(r, today: context.today, openDebts: openDebts))
    }

    /// risk.debts: open (the default) counts the debts still open from before the period; period does not.
    package var openDebts: Bool { context.settings.text("risk.debts") != "period" }

    /// Computed columns as a table (for CTEs that rank or partition clients).
    package func table(_ c: MeasureHandle) -> SQLSelect {
        let names = c.names.enumerated().map { SQLSelectItem(.column("c\($0.offset)"), as: $0.element) }
        return SQLSelect([SQLSelectItem(.column("client_id"))] + names, from: SQLFrom(.computedTable(c.placeholder)))
    }

    /// One computed column for the client at `client`: a function call, no join.
    package func value(_ c: MeasureHandle, _ name: String, client: String) -> SQLExpr {
        .call(.computedColumn, c.placeholder, .integer(Int64(c.index(of: name)!)), .q(client, "id"))
    }

    /// A column of the per-client sales of a period for the client at `client`.
    package func salesColumn(_ r: DateRange, _ name: String, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        if let cached = cachedSales(r) { return value(cached, name, client: client) }
        return .q(joinCTE(salesCTE(r, columns: [name]), client: client, key: key, in: &q), name)
    }

    /// Joins a per-client table (rows keyed by `client_id`, each an existing client: they come
    /// from orders or payments) to the client rows at `client`.
    package func joinCTE(_ cte: String, client: String, key: String, in q: inout SelectBuilder) -> String {
        let alias = q.join(key: key + "#" + cte, build: { a in SelectBuilder.clientJoin(cte, alias: a, client: .q(client, "id")) },
                           context: context, prefix: "j")
        if client == q.objectAlias { q.clientTables[alias] = cte }
        q.lastClientTable = alias
        return alias
    }

    /// Measures that are 0 (not null) for a client with no row in their table.
    package static func zeroWithoutRow(_ m: ClientMeasure) -> Bool {
        switch m {
        case .turnover, .ordersCount, .latePayments, .maxOverdueDays, .unpaid: return true
        default: return false
        }
    }

    package func measure(_ m: ClientMeasure, period: PeriodSyntax?, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        let r = range(period)
        switch m {
        case .turnover, .ordersCount, .avgOrder, .firstOrder, .lastOrder, .daysSinceLastOrder:
            func col(_ name: String) -> SQLExpr { salesColumn(r, name, client: client, key: key, in: &q) }
            switch m {
            case .turnover: return .coalesce(col("turnover"), .integer(0))
            case .ordersCount: return .coalesce(col("orders_count"), .integer(0))
            case .avgOrder:
                let turnover = col("turnover")
                return .call(.roundedDivide, turnover, col("orders_count"))
            case .firstOrder: return col("first_order")
            case .lastOrder: return col("last_order")
            default:
                let last = col("last_order")
                return .call(.daysBetween, last, context.bind(context.today))
            }
        case .latePayments, .maxOverdueDays, .unpaid:
            func col(_ name: String) -> SQLExpr {
                if let cached = cachedDiscipline(r) { return value(cached, name, client: client) }
                return .q(joinCTE(disciplineCTE(r), client: client, key: key, in: &q), name)
            }
            switch m {
            case .latePayments: return .coalesce(col("late_payments"), .integer(0))
            case .maxOverdueDays: return .coalesce(col("max_overdue_days"), .integer(0))
            default: return .coalesce(col("unpaid"), .integer(0))
            }
        }
    }

    package func segment(_ s: ClientSegment, period: PeriodSyntax?, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        let st = context.settings
        switch s {
        case .salesType:
            let chain = SQLExpr.bin(.greaterOrEqual, .q(client, "outlets"), context.bind(.integer(st.integer("sales_type.chain_outlets"))))
            return .coalesce(.q(client, "sales_type"), .when(chain, .text("retail chain"), else: .text("retail point")))
        case .status:
            let all = PeriodSyntax.all.resolve(today: context.today)
            let first = salesColumn(all, "first_order", client: client, key: key, in: &q)
            let last = salesColumn(all, "last_order", client: client, key: key, in: &q)
            let lostBefore = context.today.clampedAdding(days: -Int(clamping: st.integer("status.lost_days")))
            let newFrom = context.today.clampedAdding(days: -Int(clamping: st.integer("status.new_days")))
            let lost = SQLExpr.bin(.less, last, context.bind(lostBefore))
            let new = SQLExpr.bin(.greaterOrEqual, first, context.bind(newFrom))
            return .coalesce(.q(client, "status_override"), .caseWhen([
                SQLWhen(.isNull(first, negated: false), .text("potential")), SQLWhen(lost, .text("lost")), SQLWhen(new, .text("new")),
            ], else: .text("active")))
        case .importanceGroup:
            return ClientPartition.directionOrTerritory(territorial: st.territorialDirections).key(client: client, context: context)
        case .abc, .importance, .rfm, .rfmR, .rfmF, .rfmM, .rfmSegment:
            return Segments(measures: self).field(s, period: period, client: client, key: key, in: &q)
        case .creditLimit, .openBalance, .shipmentBlocked, .blockReasons, .exposure:
            return ShipmentRules(measures: self).field(s, client: client, key: key, in: &q)
        case .lastContact, .daysSinceContact, .nextPromisedPayment:
            return contactField(s, client: client)
        case .nextHoliday, .nextHolidayName: return holidayField(s, client: client)
        case .salesTypeConflict: return ClientChecks(measures: self).salesTypeConflict(client: client)
        case .duplicateOf, .duplicateReason: return ClientChecks(measures: self).duplicate(s, client: client, key: key, in: &q)
        case .risk:
            let v = measure(.latePayments, period: period, client: client, key: key, in: &q)
            let days = measure(.maxOverdueDays, period: period, client: client, key: key, in: &q)
            func grade(_ x: SQLExpr, _ g1: String, _ g2: String) -> SQLExpr {
                let first = context.bind(.integer(st.integer(g1)))
                return .caseWhen([SQLWhen(.bin(.equal, x, .integer(0)), .integer(0)), SQLWhen(.bin(.lessOrEqual, x, first), .integer(1)),
                                  SQLWhen(.bin(.lessOrEqual, x, context.bind(.integer(st.integer(g2)))), .integer(2))], else: .integer(3))
            }
            let violations = grade(v, "risk.g1_violations", "risk.g2_violations")
            return .call(.greatest, violations, grade(days, "risk.g1_days", "risk.g2_days"))
        }
    }
}

extension ClientMeasures {
    /// The dossier's history as of today: the latest contact (an interaction or a
    /// debt-collection action dated up to today), the days since it, and the earliest payment
    /// date promised from today on.
    func contactField(_ s: ClientSegment, client: String) -> SQLExpr {
        let today = context.bind(context.today)
        func latest(_ table: String, _ alias: String) -> SQLExpr {
            .subquery(SQLSelect([SQLSelectItem(.max(.q(alias, "date")))], from: .table(table, alias, explicitAs: false),
                                where: .conjunction([.bin(.equal, .q(alias, "client_id"), .q(client, "id")),
                                                     .bin(.lessOrEqual, .q(alias, "date"), today)])))
        }
        let talked = latest("interactions", "ia"), worked = latest("collections", "ca")
        let last = SQLExpr.caseWhen([SQLWhen(.isNull(talked, negated: false), worked), SQLWhen(.isNull(worked, negated: false), talked),
                                     SQLWhen(.bin(.greater, worked, talked), worked)], else: talked)
        switch s {
        case .lastContact: return last
        case .daysSinceContact: return .call(.daysBetween, last, today)
        default:
            return .subquery(SQLSelect([SQLSelectItem(.min(.q("pa", "promised_date")))], from: .table("collections", "pa", explicitAs: false),
                                       where: .conjunction([.bin(.equal, .q("pa", "client_id"), .q(client, "id")),
                                                            .bin(.greaterOrEqual, .q("pa", "promised_date"), today)])))
        }
    }
}

extension ClientMeasures {
    /// Days from today to the next date of the holiday row `alias` (NULL: it names no date).
    func holidayDays(_ alias: String) -> SQLExpr {
        .call(.holidayDays, .q(alias, "month"), .q(alias, "day"), .q(alias, "weekday"), .q(alias, "week"), context.bind(context.today))
    }

    /// Memorable dates: the soonest holiday, from today on, of the client's activity or of
    /// everyone's (no activity), and its name (two on one day: the first by name).
    func holidayField(_ s: ClientSegment, client: String) -> SQLExpr {
        let days = holidayDays("ho")
        let mine = SQLExpr.grouped(.bin(.or, .isNull(.q("ho", "activity"), negated: false), .bin(.equal, .q("ho", "activity"), .q(client, "activity"))))
        let from = SQLFrom.table("holidays", "ho", explicitAs: false)
        if s == .nextHoliday {
            let soonest = SQLExpr.subquery(SQLSelect([SQLSelectItem(.min(days))], from: from, where: mine))
            return .call(.addDaysChecked, context.bind(context.today), soonest)
        }
        var named = SQLSelect([SQLSelectItem(.q("ho", "name"))], from: from, where: .conjunction([mine, .isNull(days, negated: true)]),
                              orderBy: [SQLOrdering(days), SQLOrdering(.q("ho", "name"))])
        named.limit = 1
        return .subquery(named)
    }
}
