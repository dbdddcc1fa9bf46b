/// The first-deal rules, credit control and shipment blocks, as of today (docs/segmentation.md).
/// One rule set: `block_reasons`, `shipment_blocked` and `check shipment` all read the flags
/// of `cte()`, one column per rule (`Rule`).
///
/// - credit_limit: the client's own (`clients.credit_limit`) when set; else on first-deal
///   terms first_deal.credit_per_outlet × outlets (× first_deal.chain_credit_factor when
///   outlets ≥ first_deal.chain_outlets); else credit.default_limit (none: no limit);
/// - open_balance (= exposure): net of shipped orders minus payments received on them (up to today);
/// - first-deal terms: the client has at most one shipped order.
package struct ShipmentRules {
    package let measures: ClientMeasures
    package init(measures: ClientMeasures) { self.measures = measures }
    package var context: SQLContext { measures.context }

    /// The rules, in the order `block_reasons` lists them. `column` is the rule's flag in `cte()`.
    package enum Rule: String, CaseIterable, Sendable {
        /// The first shipped order is not paid in full and its due date has passed.
        case firstPaymentOverdue = "first_overdue"
        /// "The second shipment only after the first delivery is paid 100 %."
        case firstDeliveryUnpaid = "first_unpaid"
        /// Established clients: a shipped order unpaid more than credit.overdue_grace_days after its due date.
        case overdueStop = "overdue_stop"
        /// The open balance is above the credit limit (exactly at the limit is allowed).
        case creditLimitExceeded = "over_limit"
        /// No later shipped order, and a return within first_deal.deferral_days of the first batch.
        case firstBatchNotSold = "not_sold"
        /// `clients.manual_block` is set.
        case manual = "manual"
        package var column: String { rawValue }
    }

    /// Reasons as `block_reasons` words them (the overdue stop and a manual block add the order,
    /// days or the reason given).
    package static let firstPaymentOverdue = "first payment overdue"
    package static let firstDeliveryUnpaid = "first delivery not paid in full"
    package static let overduePrefix = "overdue order "
    package static let limitExceeded = "credit limit exceeded"
    package static let firstBatchNotSold = "first batch not sold"
    package static let manualPrefix = "manual: "

    /// Where a client's credit limit comes from (column limit_source).
    package enum LimitSource: String, Sendable {
        case own = "set", firstDeal = "first deal", standard = "default"
    }

    /// credit.default_limit, or nil for `none` (no limit for established clients).
    package static func defaultLimit(_ st: StoreSettings) -> Money? {
        let text = st.text("credit.default_limit").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text != "none" else { return nil }
        return try? Money(parsing: text)
    }

    package func field(_ s: ClientSegment, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        let j = measures.joinCTE(cte(), client: client, key: key, in: &q)
        switch s {
        case .creditLimit: return .q(j, "credit_limit")
        case .openBalance, .exposure: return .q(j, "open_balance")
        case .shipmentBlocked: return .grouped(.isNull(.q(j, "reasons"), negated: true))
        default: return .q(j, "reasons")
        }
    }

    /// One row per client with the facts (`facts()`), a flag per rule and the joined reasons.
    package func cte() -> String {
        context.cte(key: .shipment, prefix: "ship") { _ in
            func c(_ name: String) -> SQLExpr { .column(name) }
            let grace = context.bind(.integer(context.settings.integer("credit.overdue_grace_days")))
            let manual = SQLExpr.call(.nullIf, .call(.trim, c("manual_block")), .text(""))
            let flags: [(Rule, SQLExpr)] = [
                (.firstPaymentOverdue, c("first_late")),
                (.firstDeliveryUnpaid, .conjunction([.bin(.greaterOrEqual, c("shipped"), .integer(1)), .bin(.less, c("first_paid"), c("first_net"))])),
                (.overdueStop, .conjunction([.bin(.greater, c("shipped"), .integer(1)), .bin(.greater, c("overdue_days"), grace)])),
                (.creditLimitExceeded, .conjunction([.isNull(c("credit_limit"), negated: true), .bin(.greater, c("open_balance"), c("credit_limit"))])),
                (.firstBatchNotSold, c("batch_unsold")),
                (.manual, .isNull(manual, negated: true)),
            ]
            func text(_ rule: Rule) -> SQLExpr {
                switch rule {
                case .firstPaymentOverdue: return context.bind(.text("; " + ShipmentRules.firstPaymentOverdue))
                case .firstDeliveryUnpaid: return context.bind(.text("; " + ShipmentRules.firstDeliveryUnpaid))
                case .overdueStop:
                    return .bin(.concat, .bin(.concat, .bin(.concat, context.bind(.text("; " + ShipmentRules.overduePrefix)), c("overdue_order")),
                                                .bin(.concat, .text(": "), .cast(c("overdue_days"), .text))), .text(" days past due"))
                case .creditLimitExceeded: return context.bind(.text("; " + ShipmentRules.limitExceeded))
                case .firstBatchNotSold: return context.bind(.text("; " + ShipmentRules.firstBatchNotSold))
                case .manual: return .bin(.concat, context.bind(.text("; " + ShipmentRules.manualPrefix)), manual)
                }
            }
            let withFlags = SQLSelect([SQLSelectItem(.star(nil))] + flags.map { SQLSelectItem(.grouped($0.1), as: $0.0.column) },
                                      from: SQLFrom(.select(facts())))
            let reasons = Rule.allCases.map { SQLExpr.when(c($0.column), text($0), else: .text("")) }
            let joined = reasons.dropFirst().reduce(reasons[0]) { .bin(.concat, $0, $1) }
            return SQLSelect([SQLSelectItem(.star(nil)),
                              SQLSelectItem(.call(.nullIf, .call(.substring, joined, .integer(3)), .text("")), as: "reasons")],
                             from: SQLFrom(.select(withFlags)))
        }
    }
}
