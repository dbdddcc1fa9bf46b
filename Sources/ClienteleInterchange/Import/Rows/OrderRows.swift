import Foundation
import ClienteleCore

/// Orders: date, client (by tax id or name), amounts made consistent, due date defaulting
/// to the order date plus `first_deal.deferral_days`. Upsert key: number + client.
struct OrderRows: RowImporter {
    private let ctx: ImportContext
    private var clients: ClientDirectory
    private let deferralDays: Int
    /// Orders with a number: stored ones (upsert) and those of the file so far.
    private var known: OrderKeys

    private let date, number, client, taxID, code, gross, discount, net, due, status, outlet, quantity, price: Int?
    /// Set when the file has a category column: each row is an order line (OrderLines).
    private var lines: OrderLines?

    private static let insertSQL = """
        INSERT INTO orders(number, client_id, outlet, order_date, due_date, gross_minor, discount_minor, net_minor, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private var update = LazyStatement("""
        UPDATE orders SET client_id = ?, outlet = COALESCE(?, outlet), order_date = ?, due_date = ?,
            gross_minor = ?, discount_minor = ?, net_minor = ?, status = COALESCE(?, status)
        WHERE id = ?
        """)

    static let statuses = ["shipped", "returned", "cancelled"]
    static let statusSynonyms = [
        "отгружен": "shipped", "отгружено": "shipped", "отгрузка": "shipped", "продажа": "shipped",
        "возврат": "returned", "возвращен": "returned", "возвращён": "returned",
        "отменен": "cancelled", "отменён": "cancelled", "отмена": "cancelled", "canceled": "cancelled",
    ]

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        clients = try ClientDirectory(ctx.db)
        deferralDays = try ctx.deferralDays()
        let m = ctx.map
        code = m.column("client_code")
        (date, number, client, taxID) = (m.column("order_date"), m.column("number"), m.column("client"), m.column("client_tax_id"))
        (gross, discount, net, due) = (m.column("gross"), m.column("discount"), m.column("net"), m.column("due_date"))
        (status, outlet) = (m.column("status"), m.column("outlet"))
        (quantity, price) = (m.column("quantity"), m.column("price"))
        lines = try m.column("category").map { try OrderLines(column: $0, db: ctx.db) }
        known = OrderKeys(capacity: number == nil ? 0 : ctx.expectedRows + 1024)
        if ctx.mode == .upsert && number != nil {
            try ctx.db.query("SELECT id, client_id, number FROM orders WHERE number IS NOT NULL", []) { row in
                known.addStored(client: row[1].int64 ?? 0, number: row[2].string ?? "", id: row[0].int64 ?? 0)
            }
        }
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        let orderDate = check.value(date, required: true, p.date)
        let clientID = check.client(codeColumn: code, taxColumn: taxID, nameColumn: client, in: clients)
        let amounts = self.amounts(&check)
        var dueDate = check.value(due, p.date)
        if dueDate == nil, check.raw(due) == nil, let d = orderDate {
            dueDate = d.adding(days: deferralDays)
            if dueDate == nil {
                check.fail(date, "the due date, \(deferralDays) days (first_deal.deferral_days) after \(d.iso), would be past 9999-12-31, the last date a store holds")
            }
        }
        let statusValue = check.label(status, allowed: OrderRows.statuses, synonyms: OrderRows.statusSynonyms)
        let outletValue = check.value(outlet) { s -> Int64 in
            let n = try p.integer(s)
            if n < 1 { throw FieldProblem("an outlet number starts at 1") }
            return n
        }
        let numberValue = check.raw(number)
        // A later line of an order the file began earlier: added to that order.
        if lines != nil, let n = numberValue, let c = clientID, let first = lines!.order(client: c, number: n) {
            return try continueOrder(first, number: n, date: orderDate, amounts: amounts, &check, write: write)
        }
        var existing: Int64? = nil
        /// The key entry this row claimed, to give back if the write fails.
        var claimed: Int? = nil
        if let n = numberValue, let c = clientID {
            if check.isValid {
                // Looks the key up and, for a row that will be taken, records it: one hash
                // of the key (hashing was a fifth of the checks).
                switch known.claim(client: c, number: n, line: check.line) {
                case .duplicate(let line):
                    check.fail(number, "duplicate: order \(n) of this client is also on line \(line)")
                case .claimed(let entry, let storedID):
                    claimed = entry
                    if let id = storedID, ctx.mode == .upsert { existing = id }
                }
            } else if let line = known.line(client: c, number: n) {
                check.fail(number, "duplicate: order \(n) of this client is also on line \(line)")
            }
        }
        // Last of the checks: a category is created only for a row that is written.
        let categoryID = try lines?.category(&check, create: ctx.createCategories, write: write && check.isValid, db: ctx.db)
        guard check.isValid, let d = orderDate, let c = clientID, let a = amounts, let dd = dueDate else {
            if lines != nil, let entry = claimed { known.giveBack(entry: entry) }
            // The lines after a first line with errors are refused with it (OrderLines).
            if let n = numberValue, let c = clientID { lines?.remember(client: c, number: n, .init(id: nil, date: orderDate, line: check.line, valid: false)) }
            return .rejected
        }

        if write {
            do {
                if let e = existing {
                    try update.execute(ctx.db, [c, outletValue, ValueParser.iso(d), ValueParser.iso(dd), a.gross, a.discount, a.net, statusValue, e])
                } else {
                    // The SQLite connection binds these through the C API (`BulkInsert`).
                    try ctx.db.execute(OrderRows.insertSQL, [
                        numberValue.map(SQLValue.text) ?? .null, .integer(c), .integer(outletValue ?? 1),
                        .text(ValueParser.iso(d)), .text(ValueParser.iso(dd)), .integer(a.gross), .integer(a.discount),
                        .integer(a.net), .text(statusValue ?? "shipped")])
                }
            } catch {
                if let entry = claimed { known.giveBack(entry: entry) }
                throw error
            }
        }
        if lines != nil {
            let id = write ? (existing ?? ctx.db.lastInsertedRowID) : nil
            if let id, let category = categoryID {
                try lines!.write(order: id, category: category, gross: a.gross, first: true, replacing: existing != nil, db: ctx.db)
            } else {
                lines!.count(first: true)
            }
            if let n = numberValue { lines!.remember(client: c, number: n, .init(id: id, date: d, line: check.line, valid: true, updated: existing != nil)) }
        }
        return existing == nil ? .inserted : .updated
    }

    /// A later line of an order: the same date as its first line, its amounts added to the
    /// order's, and a line written.
    private mutating func continueOrder(_ first: OrderLines.FileOrder, number n: String, date: CalendarDate?,
                                        amounts: (gross: Int64, discount: Int64, net: Int64)?,
                                        _ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        if !first.valid {
            check.fail(self.number, "order \(n) is refused: its first line (line \(first.line)) has errors")
        } else if let d = date, let d0 = first.date, d != d0 {
            check.fail(self.date, "order \(n) is dated \(d0.iso) on its first line (line \(first.line)); each line of an order has the order's date")
        }
        let categoryID = try lines!.category(&check, create: ctx.createCategories, write: write && check.isValid, db: ctx.db)
        guard check.isValid, let a = amounts else { return .rejected }
        if write, let id = first.id, let category = categoryID {
            try lines!.add(gross: a.gross, discount: a.discount, net: a.net, to: id, db: ctx.db)
            try lines!.write(order: id, category: category, gross: a.gross, first: false, replacing: false, db: ctx.db)
        } else {
            lines!.count(first: false)
        }
        return first.updated ? .updated : .inserted
    }

    func notes(dryRun: Bool) -> [String] { lines?.notes(dryRun: dryRun) ?? [] }

    /// gross, discount and net made consistent: all three must agree; two give the third;
    /// one amount alone is both gross and net. A discount may be a percent of gross (`5%`).
    private func amounts(_ check: inout RowCheck) -> (gross: Int64, discount: Int64, net: Int64)? {
        let p = ctx.parser
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
        for (column, value) in [(gross, g), (discount, d), (net, n)] {
            if let v = value, v < 0 {
                check.fail(column, "an amount cannot be negative (\(ctx.show(v))): a return is an order with status returned")
                return nil
            }
        }
        // All three are non-negative from here, so only net + discount can overflow.
        if let dv = d, let nv = n, g == nil, nv.addingReportingOverflow(dv).overflow {
            check.fail(net, "net \(ctx.show(nv)) plus discount \(ctx.show(dv)) is more than an amount can be")
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
        let p = ctx.parser
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
                check.fail(net, "net \(ctx.show(n)) is not gross \(ctx.show(g)) minus discount \(ctx.show(d)) (\(ctx.show(g - d)))")
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
