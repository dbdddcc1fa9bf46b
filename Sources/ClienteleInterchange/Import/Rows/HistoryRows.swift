import Foundation
import ClienteleCore

/// The dossier's history (interactions, contracts, conflicts, debt-collection work): each row
/// an event of a client, named by code, tax id or name (collections also by an order's
/// number, whose client it is). Rows are always added: events have no key to update by.
struct HistoryRows: RowImporter {
    private let ctx: ImportContext
    private let target: ImportTarget
    private var clients: ClientDirectory
    private var orders: [String: [(id: Int64, client: Int64)]] = [:]
    private let client, taxID, code, order: Int?
    /// The stored columns filled from the file: (field, column, kind, file column, required).
    private let columns: [(field: String, column: String, kind: ImportValueKind, index: Int?, required: Bool)]
    private var insert: LazyStatement

    init(_ ctx: ImportContext, target: ImportTarget) throws {
        self.ctx = ctx
        self.target = target
        clients = try ClientDirectory(ctx.db)
        let m = ctx.map
        (client, taxID, code, order) = (m.column("client"), m.column("client_tax_id"), m.column("client_code"), m.column("order"))
        let required = ImportCatalogs.requiredHistoryFields[target.rawValue] ?? []
        columns = target.catalog.fields.filter { $0.kind != .reference }.map { spec in
            (spec.name, spec.kind == .money ? spec.name.replacingOccurrences(of: "_amount", with: "") + "_minor" : spec.name,
             spec.kind, m.column(spec.name), required.contains(spec.name))
        }
        let names = ["client_id"] + (target == .collections ? ["order_id"] : []) + columns.map(\.column)
        insert = LazyStatement("INSERT INTO \(target.rawValue)(\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
        if target == .collections {
            try ctx.db.query("SELECT id, client_id, number FROM orders WHERE number IS NOT NULL", []) { row in
                orders[PaymentRows.normalize(row[2].string ?? ""), default: []].append((row[0].int64 ?? 0, row[1].int64 ?? 0))
            }
        }
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        var clientID: Int64? = nil
        let named = check.raw(code) != nil || check.raw(taxID) != nil || check.raw(client) != nil
        if named || target != .collections || check.raw(order) == nil {
            clientID = check.client(codeColumn: code, taxColumn: taxID, nameColumn: client, in: clients)
        }
        var orderID: Int64? = nil
        if target == .collections, let basis = check.raw(order) {
            let n = PaymentRows.orderNumber(in: basis) ?? basis
            var candidates = orders[PaymentRows.normalize(n)] ?? []
            if let c = clientID { candidates = candidates.filter { $0.client == c } }
            if candidates.count == 1 {
                orderID = candidates[0].id
                clientID = clientID ?? candidates[0].client
            } else {
                check.fail(order, candidates.isEmpty ? "unknown order: no order\(clientID == nil ? "" : " of this client") has number \(n)"
                                                     : "ambiguous order: \(candidates.count) orders have number \(n); add a client column")
            }
        }
        var values: [(any ImportBindable)?] = []
        for c in columns {
            switch c.kind {
            case .date: values.append(check.value(c.index, required: c.required, p.date).map(ValueParser.iso))
            case .money:
                let amount = check.value(c.index, required: c.required, p.money)
                if let amount, amount < 0 { check.fail(c.index, "cannot be negative") }
                values.append(amount)
            default: values.append(check.text(c.index, required: c.required))
            }
        }
        guard check.isValid, let clientID else { return .rejected }
        if write {
            try insert.execute(ctx.db, [clientID] + (target == .collections ? [orderID] : []) + values)
        }
        return .inserted
    }
}
