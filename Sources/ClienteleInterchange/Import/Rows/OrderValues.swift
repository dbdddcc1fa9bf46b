import Foundation
import ClienteleCore

/// The values of one order row, read and checked: its date, client, amounts made
/// consistent, due date, status, outlet and number. Nil where the row has an error (said in
/// its `RowCheck`) or no such value.
struct OrderRowValues {
    var orderDate: CalendarDate?
    var clientID: Int64?
    var amounts: (gross: Int64, discount: Int64, net: Int64)?
    var dueDate: CalendarDate?
    var status: String?
    var outlet: Int64?
    var number: String?
}

/// The checks of an order row that read nothing an import changes (the file's values, the
/// store's clients and settings as they were when it began): parsing, the client lookup, the
/// amounts made consistent, the due date. `OrderRows` runs the rest (duplicates, lines, the
/// write). Being pure, these run on the reader's thread ahead of the writes
/// (`RowPipeline`), in the same order as in a row read alone, so the errors are the same.
struct OrderValues: @unchecked Sendable {
    let parser: ValueParser
    /// Never changed by an orders import; read concurrently only.
    let clients: ClientDirectory
    let deferralDays: Int
    let date, number, client, taxID, code, gross, discount, net, due, status, outlet, quantity, price: Int?

    init(map m: HeaderMap, parser: ValueParser, clients: ClientDirectory, deferralDays: Int) {
        self.parser = parser
        self.clients = clients
        self.deferralDays = deferralDays
        code = m.column("client_code")
        (date, number, client, taxID) = (m.column("order_date"), m.column("number"), m.column("client"), m.column("client_tax_id"))
        (gross, discount, net, due) = (m.column("gross"), m.column("discount"), m.column("net"), m.column("due_date"))
        (status, outlet) = (m.column("status"), m.column("outlet"))
        (quantity, price) = (m.column("quantity"), m.column("price"))
    }

    static let statuses = ["shipped", "returned", "cancelled"]
    static let statusSynonyms = [
        "отгружен": "shipped", "отгружено": "shipped", "отгрузка": "shipped", "продажа": "shipped",
        "возврат": "returned", "возвращен": "returned", "возвращён": "returned",
        "отменен": "cancelled", "отменён": "cancelled", "отмена": "cancelled", "canceled": "cancelled",
    ]

    func read(_ check: inout RowCheck) -> OrderRowValues {
        let p = parser
        var v = OrderRowValues()
        v.orderDate = check.value(date, required: true, p.date)
        v.clientID = check.client(codeColumn: code, taxColumn: taxID, nameColumn: client, in: clients)
        v.amounts = amounts(&check)
        v.dueDate = check.value(due, p.date)
        if v.dueDate == nil, check.raw(due) == nil, let d = v.orderDate {
            v.dueDate = d.adding(days: deferralDays)
            if v.dueDate == nil {
                check.fail(date, "the due date, \(deferralDays) days (first_deal.deferral_days) after \(d.iso), would be past 9999-12-31, the last date a store holds")
            }
        }
        v.status = check.label(status, allowed: OrderValues.statuses, synonyms: OrderValues.statusSynonyms)
        v.outlet = check.value(outlet) { s -> Int64 in
            let n = try p.integer(s)
            if n < 1 { throw FieldProblem("an outlet number starts at 1") }
            return n
        }
        v.number = check.raw(number)
        return v
    }

    /// Money as the file writes it, for messages: `1234,56` or `1234.56`.
    func show(_ minorUnits: Int64) -> String {
        DecimalText.format(minorUnits, scale: Money.minorDigits, grouping: nil,
                           decimalMark: parser.decimalComma ? "," : ".")
    }

    /// gross, discount and net made consistent: all three must agree; two give the third;
    /// one amount alone is both gross and net. A discount may be a percent of gross (`5%`).
    func amounts(_ check: inout RowCheck) -> (gross: Int64, discount: Int64, net: Int64)? {
        let p = parser
        let before = check.errors.count
        var g = check.value(gross, p.money)
        if g == nil, check.raw(net) == nil, price != nil { g = lineGross(&check) }
        let n = check.value(net, p.money)
        var d: Int64? = nil
        if let text = check.raw(discount), text.utf8.withContiguousStorageIfAvailable({ $0.last == 0x25 }) != false, text.hasSuffix("%") {
            if let bp = check.value(discount, p.percentBasisPoints) {
                if !(0...10_000).contains(bp) {
                    check.fail(discount, "a discount in percent is from 0% to 100%")
                } else if let g = g {
                    d = Percent(basisPoints: bp).ofChecked(Money(minorUnits: g))?.minorUnits
                    if d == nil { check.fail(discount, "this discount is more than an amount can be") }
                } else {
                    check.fail(discount, "a discount in percent needs a gross amount column")
                }
            }
        } else {
            d = check.value(discount, p.money)
        }
        if check.errors.count > before { return nil }
        if (g ?? 0) < 0 || (d ?? 0) < 0 || (n ?? 0) < 0 {
            let (column, value) = (g ?? 0) < 0 ? (gross, g!) : (d ?? 0) < 0 ? (discount, d!) : (net, n!)
            check.fail(column, "an amount cannot be negative (\(show(value))): a return is an order with status returned")
            return nil
        }
        // All three are non-negative from here, so only net + discount can overflow.
        if let dv = d, let nv = n, g == nil, nv.addingReportingOverflow(dv).overflow {
            check.fail(net, "net \(show(nv)) plus discount \(show(dv)) is more than an amount can be")
            return nil
        }
        guard let result = consistentAmounts(&check, g, d, n) else { return nil }
        if let problem = OrderAmounts.problem(gross: result.gross, discount: result.discount, net: result.net) {
            check.fail(discount ?? gross ?? net, problem)
            return nil
        }
        return result
    }

    /// price × quantity (quantity 1 when there is none), rounded to minor units half away
    /// from zero; quantities are read like amounts (two decimals: 2.5 kg).
    private func lineGross(_ check: inout RowCheck) -> Int64? {
        let p = parser
        guard let unit = check.value(price, required: true, p.money) else { return nil }
        let hundredths = check.value(quantity, p.money) ?? 100
        if hundredths <= 0 {
            check.fail(quantity, "a quantity is more than 0 (a return is an order with status returned)")
            return nil
        }
        let (product, overflow) = unit.multipliedReportingOverflow(by: hundredths)
        if overflow {
            check.fail(price, "price × quantity is more than an amount can be")
            return nil
        }
        return DecimalText.roundedDivide(product, by: 100)
    }

    private func consistentAmounts(_ check: inout RowCheck, _ g: Int64?, _ d: Int64?, _ n: Int64?) -> (gross: Int64, discount: Int64, net: Int64)? {
        switch (g, d, n) {
        case let (g?, d?, n?):
            if n != g - d {
                check.fail(net, "net \(show(n)) is not gross \(show(g)) minus discount \(show(d)) (\(show(g - d)))")
                return nil
            }
            return (g, d, n)
        case let (g?, d?, nil): return (g, d, g - d)
        case let (g?, nil, n?): return (g, g - n, n)
        case let (g?, nil, nil): return (g, 0, g)
        case let (nil, d?, n?): return (n + d, d, n)
        case let (nil, nil, n?): return (n, 0, n)
        case (nil, _, nil):
            check.fail(gross ?? net, "required, but empty")
            return nil
        }
    }
}
