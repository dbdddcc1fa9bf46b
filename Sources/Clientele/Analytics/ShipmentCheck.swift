import Foundation
import GRDB

/// `check shipment client: "Name" or id, amount: 150`: may this client receive a shipment
/// of this amount now? Allowed, or refused with every reason (docs/segmentation.md).
struct CheckedShipmentCheck: Sendable {
    var client: TypedExpr
    var amount: TypedExpr
}

extension Checker {
    mutating func checkShipmentCheck(_ assignments: [Assignment], span: SourceSpan) throws -> CheckedShipmentCheck {
        var client: TypedExpr?
        var amount: TypedExpr?
        for a in assignments {
            let name = a.field.text.lowercased()
            guard name == "client" || name == "amount" else {
                throw error("check shipment takes client: and amount:, not '\(a.field.text)'", a.field.span,
                            help: Suggestions.didYouMean(a.field.text, ["client", "amount"]))
            }
            if (name == "client" ? client : amount) != nil {
                throw error("\(name) is given twice", a.field.span)
            }
            let value = try checkExpr(a.value, in: .columns([]))
            if name == "client" {
                guard value.type == .text || value.type == .integer else {
                    throw error("client is given by name (a text) or id (a whole number), not \(Checker.article(value.type))", a.value.span)
                }
                client = value
            } else {
                guard let money = coerce(value, to: .money), money.type == .money else {
                    throw error("amount takes an amount of money, not \(Checker.article(value.type))", a.value.span,
                                help: "e.g. amount: 150")
                }
                if case .literal(.money(let m)) = money.node, m.minorUnits <= 0 {
                    throw error("amount must be more than zero", a.value.span)
                }
                amount = money
            }
        }
        guard let client else {
            throw error("check shipment needs client: (a name or an id)", span, help: "e.g. check shipment client: \"ООО Ромашка\", amount: 150")
        }
        guard let amount else {
            throw error("check shipment needs amount:", span, help: "e.g. check shipment client: \"ООО Ромашка\", amount: 150")
        }
        return CheckedShipmentCheck(client: client, amount: amount)
    }
}

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
        let sql = context.withClause() + """
            SELECT c.name, s.credit_limit, s.open_balance, s.shipped, s.first_net, s.first_paid, s.first_overdue, s.not_sold, s.manual_block \
            FROM \(cte) AS s JOIN clients AS c ON c.id = s.client_id WHERE s.client_id = \(context.bind(.integer(id)))
            """
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
