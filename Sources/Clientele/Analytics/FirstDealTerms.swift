import Foundation
import ClienteleCore

/// The first-deal terms where orders are made (issue 20 item 3, docs/segmentation.md "Where
/// orders are made"): a client's first shipment needs a signed supply contract, a deferral
/// within first_deal.deferral_days, fast-moving goods, mostly of class A, and every new
/// shipment is held to the rules of `check shipment` (the credit limit with its amount).
///
/// `add orders` of a new shipment (status shipped, dated today or later) is refused with the
/// reasons unless `override "reason"` is given, which the order records (`orders.override`);
/// an order dated before today is history: it is added and the terms it broke are reported,
/// as an import of orders reports them.
struct FirstDealTerms {
    let interpreter: Interpreter
    let context: SQLContext
    let tx: any StoreTransaction

    private func fetch(_ select: SQLSelect) throws -> [[SQLValue]] {
        let (sql, arguments) = try context.statement(select)
        return try tx.fetchAll(sql, arguments)
    }

    /// Whether an order of `client` dated `date` is (or would be) its first shipment: no other
    /// shipped order before it (by date, then id; `order` is the order itself when stored).
    func isFirstShipment(client: Int64, date: CalendarDate, order: Int64?) throws -> Bool {
        let d = context.bind(date)
        var earlier: SQLExpr = .bin(.lessOrEqual, .column("order_date"), d)
        if let order {
            earlier = .grouped(.bin(.or, .bin(.less, .column("order_date"), d),
                                    .conjunction([.bin(.equal, .column("order_date"), d), .bin(.less, .column("id"), context.bind(.integer(order)))])))
        }
        let select = SQLSelect([SQLSelectItem(.count())], from: .table("orders"),
                               where: .conjunction([.bin(.equal, .column("client_id"), context.bind(.integer(client))),
                                                    .bin(.equal, .column("status"), .text("shipped")), earlier]))
        return (try fetch(select).first?.first.flatMap(ResultReader.integer) ?? 0) == 0
    }

    /// The contract and deferral terms a first shipment dated `date`, due `due`, breaks.
    func brokenTerms(client: Int64, date: CalendarDate, due: CalendarDate?) throws -> [String] {
        let st = context.settings
        var reasons: [String] = []
        let maxDays = st.integer("first_deal.deferral_days")
        if let due, date.days(until: due) > maxDays {
            reasons.append("first deal: a deferral of \(date.days(until: due)) days (due \(due.iso)) is more than \(maxDays) (first_deal.deferral_days)")
        }
        if st.text("first_deal.contract_required") != "no" {
            let row = try fetch(SQLSelect([SQLSelectItem(.column("contract_signed"))], from: .table("clients"),
                                          where: .bin(.equal, .column("id"), context.bind(.integer(client))))).first
            let signed = row.flatMap { ResultReader.text($0[0]) }.flatMap(CalendarDate.init(iso:))
            if let signed {
                if date < signed {
                    reasons.append("first deal: the supply contract is signed \(signed.iso), after the order date \(date.iso) (first_deal.contract_required)")
                }
            } else {
                reasons.append("first deal: no supply contract signed (contract_signed is empty; first_deal.contract_required)")
            }
        }
        return reasons
    }

    /// The assortment rule on an order's lines: fast-moving categories only, class A at least
    /// first_deal.class_a_min_share of the lines' gross. No lines: nothing to judge.
    func brokenAssortment(order: Int64, adding line: (category: Int64, gross: Int64)? = nil) throws -> [String] {
        let st = context.settings
        let select = SQLSelect([SQLSelectItem(.q("c", "name")), SQLSelectItem(.q("c", "fast_moving")), SQLSelectItem(.q("c", "goods_class")),
                                SQLSelectItem(.q("l", "gross_minor"))],
                               from: .table("order_lines", "l"),
                               joins: [SQLJoin(.inner, .table("categories", "c"), on: .bin(.equal, .q("c", "id"), .q("l", "category_id")))],
                               where: .bin(.equal, .q("l", "order_id"), context.bind(.integer(order))),
                               orderBy: [SQLOrdering(.q("l", "id"))])
        var lines = try fetch(select)
        if let line {
            let category = SQLSelect([SQLSelectItem(.column("name")), SQLSelectItem(.column("fast_moving")), SQLSelectItem(.column("goods_class"))],
                                     from: .table("categories"), where: .bin(.equal, .column("id"), context.bind(.integer(line.category))))
            if let row = try fetch(category).first { lines.append(row + [.integer(line.gross)]) }
        }
        guard !lines.isEmpty else { return [] }
        var reasons: [String] = []
        if st.text("first_deal.fast_moving_only") != "no" {
            var slow: [String] = []
            for line in lines where ResultReader.integer(line[1]) != 1 {
                let name = ResultReader.text(line[0]) ?? ""
                if !slow.contains(name) { slow.append(name) }
            }
            if !slow.isEmpty {
                reasons.append("first deal: not fast-moving goods: \(slow.joined(separator: ", ")) (first_deal.fast_moving_only)")
            }
        }
        var total = Decimal(0), classA = Decimal(0)
        for line in lines {
            let gross = Decimal(ResultReader.integer(line[3]) ?? 0)
            total += gross
            if ResultReader.text(line[2]) == "A" { classA += gross }
        }
        let minimum = st.percent("first_deal.class_a_min_share")
        if total > 0, classA * 10_000 < Decimal(minimum.basisPoints) * total {
            var share = classA * 10_000 / total, rounded = Decimal()
            NSDecimalRound(&rounded, &share, 0, .down)
            let shown = Percent(basisPoints: NSDecimalNumber(decimal: rounded).int64Value)
            reasons.append("first deal: class A goods are \(shown) of the lines, less than \(minimum) (first_deal.class_a_min_share)")
        }
        return reasons
    }

    /// A new order's reasons to refuse it (a new shipment) or to report (history), before it
    /// is stored. `columns` are the order's stored columns (Mutations.completeOrder ran).
    func judgeOrder(_ columns: [String: SQLValue]) throws -> (newShipment: Bool, reasons: [String]) {
        guard ResultReader.text(columns["status"] ?? .null) == "shipped",
              let client = ResultReader.integer(columns["client_id"] ?? .null),
              let date = ResultReader.text(columns["order_date"] ?? .null).flatMap(CalendarDate.init(iso:)) else { return (false, []) }
        let due = ResultReader.text(columns["due_date"] ?? .null).flatMap(CalendarDate.init(iso:))
        let net = Money(minorUnits: ResultReader.integer(columns["net_minor"] ?? .null) ?? 0)
        let newShipment = !(date < context.today)
        let first = try isFirstShipment(client: client, date: date, order: nil)
        var reasons: [String] = []
        if first { reasons += try brokenTerms(client: client, date: date, due: due) }
        let verdict = try ShipmentCheck(interpreter: interpreter).verdict(client: client, amount: net, context: context, in: tx)
        if newShipment {
            reasons += verdict.reasons
        } else if first, let limit = verdict.limit, net > limit {
            reasons.append("first deal: the shipment of \(net.formatted()) is above \(ShipmentCheck.describe(limit, verdict.source))")
        }
        return (newShipment, reasons)
    }

    /// A line about to be added to `order`: the assortment rule over its lines with the new
    /// one, when the order is its client's first shipment (judged before the insert, so that a
    /// refusal uses no id).
    func judgeLines(of order: Int64, adding line: (category: Int64, gross: Int64)) throws -> (newShipment: Bool, reasons: [String]) {
        let select = SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.column("order_date")), SQLSelectItem(.column("status"))],
                               from: .table("orders"), where: .bin(.equal, .column("id"), context.bind(.integer(order))))
        guard let row = try fetch(select).first, ResultReader.text(row[2]) == "shipped",
              let client = ResultReader.integer(row[0]),
              let date = ResultReader.text(row[1]).flatMap(CalendarDate.init(iso:)),
              try isFirstShipment(client: client, date: date, order: order) else { return (false, []) }
        return (!(date < context.today), try brokenAssortment(order: order, adding: line))
    }

    /// After an import of orders (ids above `before`): the first shipments among them and the
    /// first-deal terms they broke (deferral, contract, the first-deal limit or the client's
    /// own), as lines of the import's report; at most `shown` orders named, then a count.
    func importedViolations(after before: Int64, shown: Int = 20) throws -> String {
        // The first-deal limit from the client's row and the settings (not the shipment
        // rules' per-client facts, which aggregate every order and payment of the store: that
        // was a quarter of a large import).
        let rules = ShipmentRules(measures: ClientMeasures(context: context))
        // Each client's first shipment (the earliest shipped order by date, then id), for the
        // clients with new orders, kept when it is one of them: one index seek per client.
        // (A `NOT EXISTS` of an earlier shipment per new order was one seek per order: 0.73 s
        // against 0.24 s in the sqlite3 shell for the 2 million orders of M, the same orders.)
        var first = SQLSelect([SQLSelectItem(.q("e", "id"))], from: .table("orders", "e"),
                              where: .conjunction([.bin(.equal, .q("e", "client_id"), .q("c", "id")),
                                                   .bin(.equal, .q("e", "status"), .text("shipped"))]),
                              orderBy: [SQLOrdering(.q("e", "order_date")), SQLOrdering(.q("e", "id"))])
        first.limit = 1
        let touched = SQLSelect([SQLSelectItem(.q("n", "client_id"))], from: .table("orders", "n"),
                                where: .bin(.greater, .q("n", "id"), context.bind(.integer(before))))
        let select = SQLSelect([SQLSelectItem(.q("o", "number")), SQLSelectItem(.q("c", "name")), SQLSelectItem(.q("o", "order_date")),
                                SQLSelectItem(.q("o", "due_date")), SQLSelectItem(.q("o", "net_minor")), SQLSelectItem(.q("c", "contract_signed")),
                                SQLSelectItem(.coalesce(.q("c", "credit_limit_minor"), rules.firstDealLimit(outlets: .q("c", "outlets")))),
                                SQLSelectItem(.q("c", "credit_limit_minor")), SQLSelectItem(.q("o", "id"))],
                               from: .table("clients", "c"),
                               joins: [SQLJoin(.inner, .table("orders", "o"), on: .bin(.equal, .q("o", "id"), .subquery(first)))],
                               where: .conjunction([.inSelect(.q("c", "id"), touched, negated: false),
                                                    .bin(.greater, .q("o", "id"), context.bind(.integer(before))),
                                                    .bin(.equal, .q("o", "status"), .text("shipped"))]),
                               orderBy: [SQLOrdering(.q("o", "id"))])
        let (sql, arguments) = try context.statement(context.withCTEs(select))
        try context.computeMeasures()
        let st = context.settings
        let maxDays = st.integer("first_deal.deferral_days")
        var lines: [String] = []
        for row in try tx.fetchAll(sql, arguments) {
            guard let date = ResultReader.text(row[2]).flatMap(CalendarDate.init(iso:)) else { continue }
            var broken: [String] = []
            if let due = ResultReader.text(row[3]).flatMap(CalendarDate.init(iso:)), date.days(until: due) > maxDays {
                broken.append("deferral \(date.days(until: due)) days > \(maxDays)")
            }
            if st.text("first_deal.contract_required") != "no" {
                if let signed = ResultReader.text(row[5]).flatMap(CalendarDate.init(iso:)) {
                    if date < signed { broken.append("contract signed \(signed.iso), after it") }
                } else {
                    broken.append("no supply contract")
                }
            }
            let net = Money(minorUnits: ResultReader.integer(row[4]) ?? 0)
            if let limit = ResultReader.integer(row[6]).map(Money.init(minorUnits:)), net > limit {
                broken.append("\(net.formatted()) above the \(ResultReader.integer(row[7]) == nil ? "first-deal" : "client's") limit \(limit.formatted())")
            }
            guard !broken.isEmpty else { continue }
            let number = ResultReader.text(row[0]) ?? "#\(ResultReader.integer(row[8]) ?? 0)"
            lines.append("\(number) (\(ResultReader.text(row[1]) ?? ""), \(date.iso)): \(broken.joined(separator: "; "))")
        }
        guard !lines.isEmpty else { return "" }
        let more = lines.count > shown ? "\n  - and \(lines.count - shown) more" : ""
        return "\nfirst shipments that broke the first-deal terms (imported as history, not refused): \(lines.count)"
            + lines.prefix(shown).map { "\n  - " + $0 }.joined() + more
    }

    /// The order's record of an override: the reason, then the rules it overrode.
    static func record(_ reason: String, over reasons: [String]) -> String {
        "\(reason) (over: \(reasons.joined(separator: "; ")))"
    }

    static func refusal(_ what: String, _ reasons: [String]) -> String {
        "cannot add this \(what): the shipment is refused" + reasons.map { "\n  - " + $0 }.joined()
            + "\n  give override \"reason\" to ship it anyway (the reason is recorded on the order)"
    }

    static func report(_ reasons: [String]) -> String {
        "\n  dated before today, so recorded as history; the rules it breaks:" + reasons.map { "\n  - " + $0 }.joined()
    }
}
