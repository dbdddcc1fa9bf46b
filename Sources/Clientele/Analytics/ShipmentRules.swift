import ClienteleCore

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
struct ShipmentRules {
    let measures: ClientMeasures
    var context: SQLContext { measures.context }

    /// Reasons in the order they are listed in `block_reasons`.
    static let firstPaymentOverdue = "first payment overdue"
    static let limitExceeded = "credit limit exceeded"
    static let firstBatchNotSold = "first batch not sold"
    static let manualPrefix = "manual: "

    func field(_ s: ClientSegment, client: String, key: String, in q: inout SelectBuilder) -> String {
        let j = measures.joinCTE(cte(), client: client, key: key, in: &q)
        switch s {
        case .creditLimit: return "\(j).credit_limit"
        case .openBalance: return "\(j).open_balance"
        case .shipmentBlocked: return "(\(j).reasons IS NOT NULL)"
        default: return "\(j).reasons"
        }
    }

    /// One row per client with the facts the rules need and the joined reasons.
    func cte() -> String {
        context.cte(key: "shipment", prefix: "ship") { _ in
            let st = context.settings
            let d = context.dialect
            let today = context.bind(context.today)
            let paid = "COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.order_id = o.id AND p.date <= \(today)), 0)"
            let shippedOrders = "FROM orders o WHERE o.status = 'shipped' AND o.order_date <= \(today)"
            let totals = "SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(\(paid)) AS paid \(shippedOrders) GROUP BY o.client_id"
            let first = """
                SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, \(paid) AS paid, \
                ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn \(shippedOrders)) WHERE rn = 1
                """
            let batch = "SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= \(today) GROUP BY client_id"
            let chainFactor = "CASE WHEN c.outlets >= \(context.bind(.integer(st.integer("first_deal.chain_outlets")))) THEN \(context.bind(.integer(st.percent("first_deal.chain_credit_factor").basisPoints))) ELSE 10000 END"
            // CLIENTELE_EXACT: a product past 64 bits (huge outlets) is an error, not a REAL.
            let limit = d.roundedDivide("CLIENTELE_EXACT(\(context.bind(.money(st.money("first_deal.credit_per_outlet")))) * c.outlets * \(chainFactor))", "10000")
            let deferralEnd = d.addDays("b.first_date", context.bind(.integer(st.integer("first_deal.deferral_days"))))
            let notSold = """
                b.first_date IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= \(today)) \
                AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date \
                AND o3.order_date <= \(deferralEnd) AND o3.order_date <= \(today))
                """
            let facts = """
                SELECT c.id AS client_id, c.manual_block, \(limit) AS credit_limit, \
                COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, \
                f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, \
                (f.paid < f.net_minor AND f.due_date < \(today)) AS first_overdue, \
                (\(notSold)) AS not_sold \
                FROM clients c LEFT JOIN (\(totals)) t ON t.client_id = c.id \
                LEFT JOIN (\(first)) f ON f.client_id = c.id LEFT JOIN (\(batch)) b ON b.client_id = c.id
                """
            func reason(_ condition: String, _ text: String) -> String {
                "CASE WHEN \(condition) THEN \(context.bind(.text("; " + text))) ELSE '' END"
            }
            let manual = "NULLIF(TRIM(manual_block), '')"
            let reasons = [
                reason("first_overdue", ShipmentRules.firstPaymentOverdue),
                reason("shipped <= 1 AND open_balance > credit_limit", ShipmentRules.limitExceeded),
                reason("not_sold", ShipmentRules.firstBatchNotSold),
                "CASE WHEN \(manual) IS NOT NULL THEN \(context.bind(.text("; " + ShipmentRules.manualPrefix))) || \(manual) ELSE '' END",
            ].joined(separator: " || ")
            return """
            SELECT client_id, credit_limit, open_balance, shipped, first_order, first_net, first_paid, first_overdue, not_sold, \
            manual_block, NULLIF(substr(\(reasons), 3), '') AS reasons FROM (\(facts))
            """
        }
    }
}
