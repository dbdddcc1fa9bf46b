/// The per-client facts the shipment rules judge, as of today (ShipmentRules): totals of the
/// shipped orders, the first shipped order, the longest-overdue open order, the first batch
/// and its returns, and the client's credit limit (its own, or the first-deal or default one).
extension ShipmentRules {
    private func item(_ e: SQLExpr, _ alias: String? = nil) -> SQLSelectItem { SQLSelectItem(e, as: alias) }
    private func c(_ name: String) -> SQLExpr { .column(name) }

    /// The credit limit on first-deal terms of a client with `outlets` outlets:
    /// first_deal.credit_per_outlet × outlets (× first_deal.chain_credit_factor from
    /// first_deal.chain_outlets outlets on). Reads only the client's row and the settings.
    package func firstDealLimit(outlets: SQLExpr) -> SQLExpr {
        let st = context.settings
        let chainOutlets = context.bind(.integer(st.integer("first_deal.chain_outlets")))
        let chainFactor = SQLExpr.when(.bin(.greaterOrEqual, outlets, chainOutlets),
                                       context.bind(.integer(st.percent("first_deal.chain_credit_factor").basisPoints)), else: .integer(10000))
        // CLIENTELE_EXACT: a product past 64 bits (huge outlets) is an error, not a REAL.
        let perOutlet = context.bind(.money(st.money("first_deal.credit_per_outlet")))
        return SQLExpr.call(.roundedDivide, .call(.exact, .bin(.times, .bin(.times, perOutlet, outlets), chainFactor)),
                            .integer(10000))
    }

    /// One row per client: client_id, manual_block, credit_limit, limit_source, first_deal_limit,
    /// open_balance, shipped, first_order, first_net, first_paid, first_late, overdue_order,
    /// overdue_days, batch_unsold (the rules' flags have names of their own: PostgreSQL
    /// refuses a name that two columns of a row share).
    func facts() -> SQLSelect {
        let st = context.settings
        let today = context.bind(context.today)
        // What was paid on an order as of today: the facts kept on orders when no payment is
        // dated after today, else its payments one by one.
        let paid = context.paymentFactsAreCurrent ? SQLExpr.q("o", "paid_minor")
            : .coalesce(.subquery(SQLSelect([item(.sum(.q("p", "amount_minor")))], from: .table("payments", "p", explicitAs: false),
                                            where: .conjunction([.bin(.equal, .q("p", "order_id"), .q("o", "id")),
                                                                 .bin(.lessOrEqual, .q("p", "date"), today)]))), .integer(0))
        let orders = SQLFrom.table("orders", "o", explicitAs: false)
        let shippedOrders = SQLExpr.conjunction([.bin(.equal, .q("o", "status"), .text("shipped")), .bin(.lessOrEqual, .q("o", "order_date"), today)])
        let totals = SQLSelect([item(.q("o", "client_id")), item(.count(), "shipped"), item(.sum(.q("o", "net_minor")), "net"), item(.sum(paid), "paid")],
                               from: orders, where: shippedOrders, groupBy: [.q("o", "client_id")])
        let numbered = SQLSelect([item(.q("o", "client_id")), item(.q("o", "id")), item(.q("o", "net_minor")), item(.q("o", "due_date")),
                                  item(paid, "paid"),
                                  item(.window(SQLWindow(.rowNumber, partitionBy: [.q("o", "client_id")],
                                                         orderBy: [SQLOrdering(.q("o", "order_date")), SQLOrdering(.q("o", "id"))])), "rn")],
                                 from: orders, where: shippedOrders)
        let first = SQLSelect(["client_id", "id", "net_minor", "due_date", "paid"].map { item(c($0)) }, from: SQLFrom(.select(numbered)),
                              where: .bin(.equal, c("rn"), .integer(1)))
        // The open shipped order longest past its due date (earliest due date, then id).
        let open = SQLSelect([item(.q("o", "client_id")), item(.q("o", "id")), item(.q("o", "number")),
                              item(.call(.daysBetween, .q("o", "due_date"), today), "days"),
                              item(.window(SQLWindow(.rowNumber, partitionBy: [.q("o", "client_id")],
                                                     orderBy: [SQLOrdering(.q("o", "due_date")), SQLOrdering(.q("o", "id"))])), "rn")],
                             from: orders, where: .conjunction([shippedOrders, .bin(.less, paid, .q("o", "net_minor")),
                                                                .bin(.less, .q("o", "due_date"), today)]))
        let overdue = SQLSelect([item(c("client_id")), item(c("id")), item(c("number")), item(c("days"))], from: SQLFrom(.select(open)),
                                where: .bin(.equal, c("rn"), .integer(1)))
        let batch = SQLSelect([item(c("client_id")), item(.min(c("order_date")), "first_date")], from: .table("orders"),
                              where: .conjunction([.inList(c("status"), [.text("shipped"), .text("returned")], negated: false),
                                                   .bin(.lessOrEqual, c("order_date"), today)]),
                              groupBy: [c("client_id")])
        let firstDealLimit = self.firstDealLimit(outlets: .q("c", "outlets"))
        let shipped = SQLExpr.coalesce(.q("t", "shipped"), .integer(0))
        let defaultLimit = ShipmentRules.defaultLimit(st).map { context.bind(.money($0)) } ?? .null
        let own = SQLExpr.q("c", "credit_limit_minor")
        let limit = SQLExpr.caseWhen([SQLWhen(.isNull(own, negated: true), own),
                                      SQLWhen(.bin(.lessOrEqual, shipped, .integer(1)), firstDealLimit)], else: defaultLimit)
        let source = SQLExpr.caseWhen([SQLWhen(.isNull(own, negated: true), .text(LimitSource.own.rawValue)),
                                       SQLWhen(.bin(.lessOrEqual, shipped, .integer(1)), .text(LimitSource.firstDeal.rawValue))],
                                      else: .text(LimitSource.standard.rawValue))
        let firstDate = SQLExpr.q("b", "first_date")
        let deferralEnd = SQLExpr.call(.addDays, firstDate, context.bind(.integer(st.integer("first_deal.deferral_days"))))
        func laterOrders(_ alias: String, _ status: String, _ conditions: [SQLExpr]) -> SQLSelect {
            SQLSelect([item(.integer(1))], from: .table("orders", alias, explicitAs: false),
                      where: .conjunction([.bin(.equal, .q(alias, "client_id"), .q("c", "id")), .bin(.equal, .q(alias, "status"), .text(status))]
                                          + conditions))
        }
        let notSold = SQLExpr.conjunction([
            .isNull(firstDate, negated: true),
            .exists(laterOrders("o2", "shipped", [.bin(.greater, .q("o2", "order_date"), firstDate),
                                                  .bin(.lessOrEqual, .q("o2", "order_date"), today)]), negated: true),
            .exists(laterOrders("o3", "returned", [.bin(.greaterOrEqual, .q("o3", "order_date"), firstDate),
                                                   .bin(.lessOrEqual, .q("o3", "order_date"), deferralEnd),
                                                   .bin(.lessOrEqual, .q("o3", "order_date"), today)]), negated: false),
        ])
        let overdueName = SQLExpr.coalesce(.q("d", "number"), .bin(.concat, .text("#"), .cast(.q("d", "id"), .text)))
        return SQLSelect([
            item(.q("c", "id"), "client_id"), item(.q("c", "manual_block")), item(limit, "credit_limit"), item(source, "limit_source"),
            item(firstDealLimit, "first_deal_limit"),
            item(.bin(.minus, .coalesce(.q("t", "net"), .integer(0)), .coalesce(.q("t", "paid"), .integer(0))), "open_balance"),
            item(shipped, "shipped"),
            item(.q("f", "id"), "first_order"), item(.q("f", "net_minor"), "first_net"), item(.q("f", "paid"), "first_paid"),
            item(.grouped(.conjunction([.bin(.less, .q("f", "paid"), .q("f", "net_minor")), .bin(.less, .q("f", "due_date"), today)])), "first_late"),
            item(overdueName, "overdue_order"), item(.q("d", "days"), "overdue_days"),
            item(.grouped(notSold), "batch_unsold"),
        ], from: .table("clients", "c", explicitAs: false), joins: [
            SQLJoin(.left, SQLFrom(.select(totals), alias: "t", explicitAs: false), on: .bin(.equal, .q("t", "client_id"), .q("c", "id"))),
            SQLJoin(.left, SQLFrom(.select(first), alias: "f", explicitAs: false), on: .bin(.equal, .q("f", "client_id"), .q("c", "id"))),
            SQLJoin(.left, SQLFrom(.select(overdue), alias: "d", explicitAs: false), on: .bin(.equal, .q("d", "client_id"), .q("c", "id"))),
            SQLJoin(.left, SQLFrom(.select(batch), alias: "b", explicitAs: false), on: .bin(.equal, .q("b", "client_id"), .q("c", "id"))),
        ])
    }
}
