import Foundation
import GRDB
import ClienteleCore

struct ShipmentCheck {
    let interpreter: Interpreter

    func run(_ c: CheckedShipmentCheck, db: Database) throws -> Output {
        let mutations = Mutations(interpreter: interpreter)
        let context = try interpreter.context(db)
        let clientValue = try mutations.evaluate(c.client, context, db: db)
        let id = Int64.fromDatabaseValue(try mutations.resolveReference("clients", clientValue, db: db)) ?? 0
        let amount = Money(minorUnits: Int64.fromDatabaseValue(try mutations.evaluate(c.amount, context, db: db)) ?? 0)

        let rules = ShipmentRules(measures: ClientMeasures(context: context))
        let cte = rules.cte()
        let columns = ["credit_limit", "open_balance", "shipped", "first_net", "first_paid", "first_overdue", "not_sold", "manual_block"]
        let select = SQLSelect([SQLSelectItem(.q("c", "name"))] + columns.map { SQLSelectItem(.q("s", $0)) }, from: .table(cte, "s"),
                               joins: [SQLJoin(.inner, .table("clients", "c"), on: .bin(.equal, .q("c", "id"), .q("s", "client_id")))],
                               where: .bin(.equal, .q("s", "client_id"), context.bind(.integer(id))))
        let sql = try context.text(context.withCTEs(select))
        try context.computeMeasures()
        guard let row = try Row.fetchOne(db, sql: sql, arguments: context.statementArguments) else {
            throw RuntimeError.message("there is no client with id \(id)")
        }
        let name: String = row[0]
        let limit = Money(minorUnits: row[1])
        let open = Money(minorUnits: row[2])
        let shipped: Int64 = row[3]
        let firstNet = Money(minorUnits: row[4] ?? 0)
        let firstPaid = Money(minorUnits: row[5] ?? 0)
        let manual = (row[8] as String?)?.trimmingCharacters(in: .whitespaces) ?? ""

        var reasons: [String] = []
        if (row[6] as Int64?) == 1 { reasons.append(ShipmentRules.firstPaymentOverdue) }
        if shipped >= 1 && firstPaid < firstNet {
            reasons.append("the first delivery is not paid in full (\(firstPaid.formatted()) of \(firstNet.formatted()) paid)")
        }
        let firstDealTerms = shipped <= 1
        if firstDealTerms && open + amount > limit {
            reasons.append("\(ShipmentRules.limitExceeded): open balance \(open.formatted()) + \(amount.formatted()) is above the first-deal limit \(limit.formatted())")
        }
        if (row[7] as Int64?) == 1 { reasons.append(ShipmentRules.firstBatchNotSold) }
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
