/// The first-deal rules and shipment blocks, as of today (docs/segmentation.md):
///
/// - credit_limit = first_deal.credit_per_outlet × outlets, × first_deal.chain_credit_factor
///   when outlets ≥ first_deal.chain_outlets;
/// - open_balance = net of shipped orders minus payments received on them (up to today);
/// - first-deal terms: the client has at most one shipped order;
/// - blocks: the first shipped order is unpaid past its due date; on first-deal terms, the
///   open balance is above the credit limit; the first batch did not sell (no later shipped
///   order, and a return dated within first_deal.deferral_days of the first batch); a
///   manual block (`clients.manual_block`).
package struct ShipmentRules {
    package let measures: ClientMeasures
    package init(measures: ClientMeasures) { self.measures = measures }
    package var context: SQLContext { measures.context }

    /// Reasons in the order they are listed in `block_reasons`.
    package static let firstPaymentOverdue = "first payment overdue"
    package static let limitExceeded = "credit limit exceeded"
    package static let firstBatchNotSold = "first batch not sold"
    package static let manualPrefix = "manual: "

    package func field(_ s: ClientSegment, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        let j = measures.joinCTE(cte(), client: client, key: key, in: &q)
        switch s {
        case .creditLimit: return .q(j, "credit_limit")
        case .openBalance: return .q(j, "open_balance")
        case .shipmentBlocked: return .grouped(.isNull(.q(j, "reasons"), negated: true))
        default: return .q(j, "reasons")
        }
    }

    /// One row per client with the facts the rules need and the joined reasons.
    package func cte() -> String {
        context.cte(key: .shipment, prefix: "ship") { _ in
            let st = context.settings
            let today = context.bind(context.today)
            func item(_ e: SQLExpr, _ alias: String? = nil) -> SQLSelectItem { SQLSelectItem(e, as: alias) }
            func c(_ name: String) -> SQLExpr { .column(name) }
            let paid = SQLExpr.coalesce(.subquery(SQLSelect([item(.sum(.q("p", "amount_minor")))], from: .table("payments", "p", explicitAs: false),
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
            let batch = SQLSelect([item(c("client_id")), item(.min(c("order_date")), "first_date")], from: .table("orders"),
                                  where: .conjunction([.inList(c("status"), [.text("shipped"), .text("returned")], negated: false),
                                                       .bin(.lessOrEqual, c("order_date"), today)]),
                                  groupBy: [c("client_id")])
            let chainOutlets = context.bind(.integer(st.integer("first_deal.chain_outlets")))
            let chainFactor = SQLExpr.when(.bin(.greaterOrEqual, .q("c", "outlets"), chainOutlets),
                                           context.bind(.integer(st.percent("first_deal.chain_credit_factor").basisPoints)), else: .integer(10000))
            // CLIENTELE_EXACT: a product past 64 bits (huge outlets) is an error, not a REAL.
            let perOutlet = context.bind(.money(st.money("first_deal.credit_per_outlet")))
            let limit = SQLExpr.call(.roundedDivide, .call(.exact, .bin(.times, .bin(.times, perOutlet, .q("c", "outlets")), chainFactor)), .integer(10000))
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
            let facts = SQLSelect([
                item(.q("c", "id"), "client_id"), item(.q("c", "manual_block")), item(limit, "credit_limit"),
                item(.bin(.minus, .coalesce(.q("t", "net"), .integer(0)), .coalesce(.q("t", "paid"), .integer(0))), "open_balance"),
                item(.coalesce(.q("t", "shipped"), .integer(0)), "shipped"),
                item(.q("f", "id"), "first_order"), item(.q("f", "net_minor"), "first_net"), item(.q("f", "paid"), "first_paid"),
                item(.grouped(.conjunction([.bin(.less, .q("f", "paid"), .q("f", "net_minor")), .bin(.less, .q("f", "due_date"), today)])), "first_overdue"),
                item(.grouped(notSold), "not_sold"),
            ], from: .table("clients", "c", explicitAs: false), joins: [
                SQLJoin(.left, SQLFrom(.select(totals), alias: "t", explicitAs: false), on: .bin(.equal, .q("t", "client_id"), .q("c", "id"))),
                SQLJoin(.left, SQLFrom(.select(first), alias: "f", explicitAs: false), on: .bin(.equal, .q("f", "client_id"), .q("c", "id"))),
                SQLJoin(.left, SQLFrom(.select(batch), alias: "b", explicitAs: false), on: .bin(.equal, .q("b", "client_id"), .q("c", "id"))),
            ])
            func reason(_ condition: SQLExpr, _ text: String) -> SQLExpr {
                .when(condition, context.bind(.text("; " + text)), else: .text(""))
            }
            let manual = SQLExpr.call(.nullIf, .call(.trim, c("manual_block")), .text(""))
            let reasons = [
                reason(c("first_overdue"), ShipmentRules.firstPaymentOverdue),
                reason(.conjunction([.bin(.lessOrEqual, c("shipped"), .integer(1)), .bin(.greater, c("open_balance"), c("credit_limit"))]),
                       ShipmentRules.limitExceeded),
                reason(c("not_sold"), ShipmentRules.firstBatchNotSold),
                .when(.isNull(manual, negated: true), .bin(.concat, context.bind(.text("; " + ShipmentRules.manualPrefix)), manual), else: .text("")),
            ]
            let joined = reasons.dropFirst().reduce(reasons[0]) { .bin(.concat, $0, $1) }
            let columns = ["client_id", "credit_limit", "open_balance", "shipped", "first_order", "first_net", "first_paid",
                           "first_overdue", "not_sold", "manual_block"].map { item(c($0)) }
            return SQLSelect(columns + [item(.call(.nullIf, .call(.substring, joined, .integer(3)), .text("")), "reasons")],
                             from: SQLFrom(.select(facts)))
        }
    }
}
