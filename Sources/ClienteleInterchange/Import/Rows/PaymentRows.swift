import Foundation
import ClienteleCore

/// Payments: date, amount, and the order paid, found by the number in the "basis" text
/// (`Заказ № 123 от 01.02.2025`, `Order #123`, `123`); a client column, when present,
/// must agree and settles orders that share a number. Upsert key: number + order.
struct PaymentRows: RowImporter {
    private struct Key: Hashable { let order: Int64; let number: String }

    private let ctx: ImportContext
    private var clients: ClientDirectory
    /// Orders by normalized number: id and client.
    private var orders: [String: [(id: Int64, client: Int64)]] = [:]
    private var known: [Key: (id: Int64, line: Int)] = [:]
    private let date, number, client, taxID, code, amount, order: Int?
    private var insert = LazyStatement("INSERT INTO payments(order_id, number, date, amount_minor) VALUES (?, ?, ?, ?)")
    private var update = LazyStatement("UPDATE payments SET date = ?, amount_minor = ? WHERE id = ?")

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        clients = try ClientDirectory(ctx.db)
        let m = ctx.map
        code = m.column("client_code")
        (date, number, client, taxID) = (m.column("date"), m.column("number"), m.column("client"), m.column("client_tax_id"))
        (amount, order) = (m.column("amount"), m.column("order"))
        try ctx.db.query("SELECT id, client_id, number FROM orders WHERE number IS NOT NULL", []) { row in
            orders[PaymentRows.normalize(row[2].string ?? ""), default: []].append((row[0].int64 ?? 0, row[1].int64 ?? 0))
        }
        if ctx.mode == .upsert && number != nil {
            try ctx.db.query("SELECT id, order_id, number FROM payments WHERE number IS NOT NULL", []) { row in
                known[Key(order: row[1].int64 ?? 0, number: row[2].string ?? "")] = (row[0].int64 ?? 0, 0)
            }
        }
    }

    /// All-digit numbers compare without leading zeros: `000123` is order `123`.
    static func normalize(_ number: String) -> String {
        guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else { return number }
        let stripped = number.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    /// The order number in a payment's basis: the token after `№`, `#` or `No.`, the word
    /// after "Заказ"/"Order"/"Invoice"/"Счет", or the whole text when it is one word.
    static func orderNumber(in basis: String) -> String? {
        let text = ValueParser.trim(basis)
        func token(after marker: String) -> String? {
            guard let r = text.range(of: marker, options: .caseInsensitive) else { return nil }
            let rest = text[r.upperBound...].drop { $0.isWhitespace }
            let word = rest.prefix { !$0.isWhitespace }.trimmingCharacters(in: CharacterSet(charactersIn: ",;:"))
            return word.isEmpty ? nil : word
        }
        for marker in ["№", "#", "No.", "N "] {
            if let t = token(after: marker) { return t }
        }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        if words.count == 1 { return text }
        let lead = ["заказ", "заказу", "order", "invoice", "счет", "счёт", "счету", "счёту"]
        if words.count >= 2, lead.contains(words[0].lowercased()) {
            return String(words[1]).trimmingCharacters(in: CharacterSet(charactersIn: ",;:"))
        }
        return nil
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        let dateValue = check.value(date, required: true, p.date)
        let amountValue = check.value(amount, required: true, p.money)
        var clientID: Int64? = nil
        if check.raw(code) != nil || check.raw(taxID) != nil || check.raw(client) != nil {
            clientID = check.client(codeColumn: code, taxColumn: taxID, nameColumn: client, in: clients)
        }
        let orderID = resolveOrder(&check, clientID: clientID)
        let numberValue = check.raw(number)
        var existing: Int64? = nil
        var key: Key? = nil
        if let n = numberValue, let o = orderID {
            key = Key(order: o, number: n)
            if let k = known[key!] {
                if k.line > 0 {
                    check.fail(number, "duplicate: payment \(n) for this order is also on line \(k.line)")
                } else if ctx.mode == .upsert {
                    existing = k.id
                }
            }
        }
        guard check.isValid, let d = dateValue, let a = amountValue, let o = orderID else { return .rejected }
        var id = existing ?? -1
        if write {
            if let e = existing {
                try update.execute(ctx.db, [ValueParser.iso(d), a, e])
            } else {
                try insert.execute(ctx.db, [o, numberValue, ValueParser.iso(d), a])
                id = ctx.db.lastInsertedRowID
            }
        }
        if let k = key { known[k] = (id, check.line) }
        return existing == nil ? .inserted : .updated
    }

    private func resolveOrder(_ check: inout RowCheck, clientID: Int64?) -> Int64? {
        guard let basis = check.raw(order) else {
            check.fail(order, "required, but empty")
            return nil
        }
        guard let n = PaymentRows.orderNumber(in: basis) else {
            check.fail(order, "no order number found (expected e.g. Заказ № 123 от 01.02.2025, or 123)")
            return nil
        }
        let candidates = orders[PaymentRows.normalize(n)] ?? []
        if candidates.isEmpty {
            check.fail(order, "unknown order: no order has number \(n)")
            return nil
        }
        var matching = candidates
        if let c = clientID {
            matching = candidates.filter { $0.client == c }
            if matching.isEmpty {
                let owners = Set(candidates.map(\.client)).compactMap { clients.name(of: $0) }.sorted()
                check.fail(taxID.flatMap { check.raw($0) != nil ? $0 : nil } ?? client,
                           "order \(n) belongs to \(owners.joined(separator: ", ")), not to this client")
                return nil
            }
        }
        if matching.count > 1 {
            check.fail(order, "ambiguous order: \(matching.count) orders have number \(n); add a client column (Контрагент or ИНН)")
            return nil
        }
        return matching[0].id
    }
}
