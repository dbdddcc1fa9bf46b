import Foundation
import ClienteleCore

/// Orders: date, client (by tax id or name), amounts made consistent, due date defaulting
/// to the order date plus `first_deal.deferral_days`. Upsert key: number + client.
struct OrderRows: RowImporter {
    private let ctx: ImportContext
    /// The checks that read no state of the import (`reader`: run ahead on the reader thread).
    private let values: OrderValues
    /// Orders with a number: stored ones (upsert) and those of the file so far.
    private var known: OrderKeys

    private var number: Int? { values.number }
    private var date: Int? { values.date }
    /// Set when the file has a category column: each row is an order line (OrderLines).
    private var lines: OrderLines?

    private static let insertSQL = """
        INSERT INTO orders(number, client_id, outlet, order_date, due_date, gross_minor, discount_minor, net_minor, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// Prepared on the first row written.
    private var insert: (any ImportStatement)?
    private var update = LazyStatement("""
        UPDATE orders SET client_id = ?, outlet = COALESCE(?, outlet), order_date = ?, due_date = ?,
            gross_minor = ?, discount_minor = ?, net_minor = ?, status = COALESCE(?, status)
        WHERE id = ?
        """)

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        let m = ctx.map
        let clients = try ClientDirectory(ctx.db, uses: .resolving(code: m.column("client_code"), taxID: m.column("client_tax_id"),
                                                                    name: m.column("client")))
        values = OrderValues(map: m, parser: ctx.parser, clients: clients, deferralDays: try ctx.deferralDays())
        lines = try ctx.map.column("category").map { try OrderLines(column: $0, db: ctx.db) }
        // Room for the stored orders' keys too: an array of entries that outgrows its
        // capacity is copied into one twice its size (at 2 million keys, 64 MB more).
        var stored = 0
        if ctx.mode == .upsert && values.number != nil {
            try ctx.db.query("SELECT count(*) FROM orders WHERE number IS NOT NULL", []) { row in
                stored = Int(row[0].int64 ?? 0)
            }
        }
        known = OrderKeys(capacity: values.number == nil ? 0 : ctx.expectedRows + stored + 1024)
        if ctx.mode == .upsert && values.number != nil {
            try ctx.db.query("SELECT id, client_id, number FROM orders WHERE number IS NOT NULL", []) { row in
                known.addStored(client: row[1].int64 ?? 0, number: row[2].string ?? "", id: row[0].int64 ?? 0)
            }
        }
    }

    var reader: RowReading? {
        let values = self.values
        return RowReading { check in .order(values.read(&check)) }
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        try importRow(&check, values: values.read(&check), write: write)
    }

    mutating func importRow(_ check: inout RowCheck, read: ReadValues, write: Bool) throws -> RowOutcome {
        guard case .order(let v) = read else { return try importRow(&check, write: write) }
        return try importRow(&check, values: v, write: write)
    }

    private mutating func importRow(_ check: inout RowCheck, values v: OrderRowValues, write: Bool) throws -> RowOutcome {
        let orderDate = v.orderDate, clientID = v.clientID, amounts = v.amounts, dueDate = v.dueDate
        let numberValue = v.number
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
                    try update.execute(ctx.db, [c, v.outlet, ValueParser.iso(d), ValueParser.iso(dd), a.gross, a.discount, a.net, v.status, e])
                } else {
                    // Bound value by value (on SQLite through the C API: no array, no string per row).
                    if insert == nil { insert = try ctx.db.prepare(OrderRows.insertSQL) }
                    let s = insert!
                    s.bind(numberValue)
                    s.bind(c)
                    s.bind(v.outlet ?? 1)
                    s.bind(d)
                    s.bind(dd)
                    s.bind(a.gross)
                    s.bind(a.discount)
                    s.bind(a.net)
                    s.bind(v.status ?? "shipped")
                    try s.run()
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

    /// The order keys (at 2 million orders, 80 MB) are freed before the index builds.
    mutating func rowsEnded() {
        known = OrderKeys(capacity: 0)
        lines = nil
    }
}
