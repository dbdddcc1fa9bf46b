import Foundation
import ClienteleCore

struct ShipmentCheck {
    let interpreter: Interpreter

    func run(_ c: CheckedShipmentCheck, in tx: any StoreTransaction) throws -> Output {
        let mutations = Mutations(interpreter: interpreter)
        let context = try interpreter.context(tx)
        let clientValue = try mutations.evaluate(c.client, context, in: tx)
        let id = ResultReader.integer(try mutations.resolveReference("clients", clientValue, in: tx)) ?? 0
        let amount = Money(minorUnits: ResultReader.integer(try mutations.evaluate(c.amount, context, in: tx)) ?? 0)

        let rules = ShipmentRules(measures: ClientMeasures(context: context))
        let cte = rules.cte()
        let columns = ["credit_limit", "open_balance", "shipped", "first_net", "first_paid", "first_overdue", "not_sold", "manual_block"]
        let select = SQLSelect([SQLSelectItem(.q("c", "name"))] + columns.map { SQLSelectItem(.q("s", $0)) }, from: .table(cte, "s"),
                               joins: [SQLJoin(.inner, .table("clients", "c"), on: .bin(.equal, .q("c", "id"), .q("s", "client_id")))],
                               where: .bin(.equal, .q("s", "client_id"), context.bind(.integer(id))))
        let (sql, arguments) = try context.statement(context.withCTEs(select))
        try context.computeMeasures()
        guard let row = try tx.fetchOne(sql, arguments) else {
            throw RuntimeError.message("there is no client with id \(id)")
        }
        func integer(_ i: Int) -> Int64 { ResultReader.integer(row[i]) ?? 0 }
        let name = ResultReader.text(row[0]) ?? ""
        let limit = Money(minorUnits: integer(1))
        let open = Money(minorUnits: integer(2))
        let shipped = integer(3)
        let firstNet = Money(minorUnits: integer(4))
        let firstPaid = Money(minorUnits: integer(5))
        let manual = ResultReader.text(row[8])?.trimmingCharacters(in: .whitespaces) ?? ""

        var reasons: [String] = []
        if ResultReader.integer(row[6]) == 1 { reasons.append(ShipmentRules.firstPaymentOverdue) }
        if shipped >= 1 && firstPaid < firstNet {
            reasons.append("the first delivery is not paid in full (\(firstPaid.formatted()) of \(firstNet.formatted()) paid)")
        }
        let firstDealTerms = shipped <= 1
        if firstDealTerms && open + amount > limit {
            reasons.append("\(ShipmentRules.limitExceeded): open balance \(open.formatted()) + \(amount.formatted()) is above the first-deal limit \(limit.formatted())")
        }
        if ResultReader.integer(row[7]) == 1 { reasons.append(ShipmentRules.firstBatchNotSold) }
        if !manual.isEmpty { reasons.append(ShipmentRules.manualPrefix + manual) }

        var text = "shipment of \(amount.formatted()) to \(name) (id \(id)): \(reasons.isEmpty ? "allowed" : "refused")"
        if reasons.isEmpty {
            text += firstDealTerms
                ? "\n  first-deal terms: credit limit \(limit.formatted()), open balance \(open.formatted())"
                : "\n  open balance \(open.formatted()); \(shipped) shipped orders, no first-deal limit"
        } else {
            text += reasons.map { "\n  - " + $0 }.joined()
        }
        return .message(text)
    }
}
