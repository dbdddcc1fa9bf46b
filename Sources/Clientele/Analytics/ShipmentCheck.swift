import Foundation
import ClienteleCore

/// `check shipment client: …, amount: …`: the rules of `block_reasons` (ShipmentRules, one flag
/// each), worded with their figures, and the credit limit held against the open balance plus
/// the amount asked for.
struct ShipmentCheck {
    let interpreter: Interpreter

    func run(_ c: CheckedShipmentCheck, in tx: any StoreTransaction) throws -> Output {
        let mutations = Mutations(interpreter: interpreter)
        let context = try interpreter.context(tx)
        let clientValue = try mutations.evaluate(c.client, context, in: tx)
        let id = ResultReader.integer(try mutations.resolveReference("clients", clientValue, in: tx)) ?? 0
        let amount = Money(minorUnits: ResultReader.integer(try mutations.evaluate(c.amount, context, in: tx)) ?? 0)
        let v = try verdict(client: id, amount: amount, context: context, in: tx)
        var text = "shipment of \(amount.formatted()) to \(v.name) (id \(id)): \(v.reasons.isEmpty ? "allowed" : "refused")"
        if v.reasons.isEmpty {
            if let limit = v.limit {
                let note = v.source == .own ? " (set for this client)" : v.source == .standard ? " (credit.default_limit)" : ""
                text += "\n  \(v.shipped <= 1 ? "first-deal terms: " : "")credit limit \(limit.formatted())\(note), open balance \(v.open.formatted())"
            } else {
                text += "\n  open balance \(v.open.formatted()); \(v.shipped) shipped orders, no credit limit"
            }
        } else {
            text += v.reasons.map { "\n  - " + $0 }.joined()
        }
        return .message(text)
    }

    /// What the rules say of a shipment of `amount` to client `id` today: the reasons it is
    /// refused (empty: allowed), and the figures they were judged on.
    struct Verdict {
        var name: String
        var reasons: [String]
        var limit: Money?
        var source: ShipmentRules.LimitSource
        var open: Money
        var shipped: Int64
    }

    func verdict(client id: Int64, amount: Money, context: SQLContext, in tx: any StoreTransaction) throws -> Verdict {
        let rules = ShipmentRules(measures: ClientMeasures(context: context))
        let cte = rules.cte()
        let columns = ["credit_limit", "limit_source", "open_balance", "shipped", "first_net", "first_paid", "overdue_order", "overdue_days",
                       "manual_block"] + ShipmentRules.Rule.allCases.map(\.column)
        let select = SQLSelect([SQLSelectItem(.q("c", "name"))] + columns.map { SQLSelectItem(.q("s", $0)) }, from: .table(cte, "s"),
                               joins: [SQLJoin(.inner, .table("clients", "c"), on: .bin(.equal, .q("c", "id"), .q("s", "client_id")))],
                               where: .bin(.equal, .q("s", "client_id"), context.bind(.integer(id))))
        let (sql, arguments) = try context.statement(context.withCTEs(select))
        try context.computeMeasures()
        guard let row = try tx.fetchOne(sql, arguments) else {
            throw RuntimeError.message("there is no client with id \(id)")
        }
        func cell(_ name: String) -> SQLValue { row[1 + columns.firstIndex(of: name)!] }
        func money(_ name: String) -> Money? { ResultReader.integer(cell(name)).map { Money(minorUnits: $0) } }
        let name = ResultReader.text(row[0]) ?? ""
        let limit = money("credit_limit")
        let source = ShipmentRules.LimitSource(rawValue: ResultReader.text(cell("limit_source")) ?? "") ?? .standard
        let open = money("open_balance") ?? Money(minorUnits: 0)
        let shipped = ResultReader.integer(cell("shipped")) ?? 0

        var reasons: [String] = []
        for rule in ShipmentRules.Rule.allCases {
            let holds = ResultReader.integer(cell(rule.column)) == 1
            switch rule {
            case .firstPaymentOverdue where holds: reasons.append(ShipmentRules.firstPaymentOverdue)
            case .firstDeliveryUnpaid where holds:
                let paid = money("first_paid") ?? Money(minorUnits: 0), net = money("first_net") ?? Money(minorUnits: 0)
                reasons.append("the first delivery is not paid in full (\(paid.formatted()) of \(net.formatted()) paid); a second shipment waits for it")
            case .overdueStop where holds:
                let days = ResultReader.integer(cell("overdue_days")) ?? 0
                let grace = context.settings.integer("credit.overdue_grace_days")
                reasons.append("\(ShipmentRules.overduePrefix)\(ResultReader.text(cell("overdue_order")) ?? ""): \(days) days past due (credit.overdue_grace_days is \(grace))")
            case .creditLimitExceeded:
                // The same rule with the amount asked for: the open balance plus it.
                if let limit, open + amount > limit {
                    reasons.append("\(ShipmentRules.limitExceeded): open balance \(open.formatted()) + \(amount.formatted()) is above \(ShipmentCheck.describe(limit, source))")
                }
            case .firstBatchNotSold where holds: reasons.append(ShipmentRules.firstBatchNotSold)
            case .manual where holds:
                let manual = ResultReader.text(cell("manual_block"))?.trimmingCharacters(in: .whitespaces) ?? ""
                reasons.append(ShipmentRules.manualPrefix + manual)
            default: break
            }
        }

        return Verdict(name: name, reasons: reasons, limit: limit, source: source, open: open, shipped: shipped)
    }

    static func describe(_ limit: Money, _ source: ShipmentRules.LimitSource) -> String {
        switch source {
        case .own: return "the client's credit limit \(limit.formatted())"
        case .firstDeal: return "the first-deal limit \(limit.formatted())"
        case .standard: return "the default limit \(limit.formatted()) (credit.default_limit)"
        }
    }
}
