import Foundation
import ClienteleCore

/// Clients: every column of the clients table that the file has. Upsert key: the code
/// (1C «Код») when the row has one that a client has, then the tax id, then the name
/// (case-insensitive) for rows without either. Empty cells never overwrite.
struct ClientRows: RowImporter {
    private let ctx: ImportContext
    private var clients: ClientDirectory
    /// The file's columns other than name and tax id, in a fixed order.
    private let columns: [(spec: FieldSpec, index: Int)]
    private let name, taxID, code: Int?
    private var seenTaxID: [String: Int] = [:]
    private var seenCode: [String: Int] = [:]
    private var seenName: [String: Int] = [:]
    private var placeholderID: Int64 = -1
    private var insert: LazyStatement
    private var update: LazyStatement

    /// NOT NULL columns with defaults: an empty cell inserts the default.
    private static let insertDefaults = ["outlets": "1", "mall_outlets": "0", "corporate_card": "0"]
    static let salesTypes = ["wholesaler", "retail chain", "retail point"]
    static let salesTypeSynonyms = ["опт": "wholesaler", "оптовик": "wholesaler", "оптовый": "wholesaler",
                                    "сеть": "retail chain", "розничная сеть": "retail chain", "chain": "retail chain",
                                    "точка": "retail point", "розничная точка": "retail point", "розница": "retail point"]
    static let statuses = ["potential", "new", "active", "lost"]
    static let statusSynonyms = ["потенциальный": "potential", "новый": "new", "активный": "active",
                                 "потерянный": "lost", "ушедший": "lost"]

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        clients = try ClientDirectory(ctx.db)
        name = ctx.map.column("name")
        taxID = ctx.map.column("tax_id")
        code = ctx.map.column("code")
        columns = ImportTarget.clients.catalog.fields.compactMap { spec in
            guard spec.name != "name", spec.name != "tax_id", let i = ctx.map.column(spec.name) else { return nil }
            return (spec, i)
        }.sorted { $0.index < $1.index }   // errors in the file's column order
        let names = ["name", "tax_id"] + columns.map(\.spec.name)
        let values = names.map { n in ClientRows.insertDefaults[n].map { "COALESCE(?, \($0))" } ?? "?" }
        insert = LazyStatement("INSERT INTO clients(\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))")
        let sets = names.map { "\($0) = COALESCE(?, \($0))" } + ["updated_at = \(ctx.db.nowSQL)"]
        update = LazyStatement("UPDATE clients SET \(sets.joined(separator: ", ")) WHERE id = ?")
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        let nameValue = check.text(name, required: true)
        let tax = check.raw(taxID)
        var values: [(any ImportBindable)?] = [nameValue, tax]
        for (spec, index) in columns {
            let v: (any ImportBindable)?
            switch spec.kind {
            case .date: v = check.value(index, p.date).map(ValueParser.iso)
            case .boolean: v = check.value(index, p.boolean)
            case .integer:
                v = check.value(index) { s -> Int64 in
                    let n = try p.integer(s)
                    if n < 0 { throw FieldProblem("must not be negative") }
                    return n
                }
            case .label where spec.name == "sales_type":
                v = check.label(index, allowed: ClientRows.salesTypes, synonyms: ClientRows.salesTypeSynonyms)
            case .label:
                v = check.label(index, allowed: ClientRows.statuses, synonyms: ClientRows.statusSynonyms)
            default: v = check.raw(index)
            }
            values.append(v)
        }

        var existing: Int64? = nil
        let codeValue = check.raw(code)
        if let c = codeValue {
            if let line = seenCode[c] {
                check.fail(code, "duplicate: the same code is on line \(line)")
            } else if let id = clients.id(code: c) {
                if ctx.mode == .append {
                    check.fail(code, "a client with this code already exists (\(clients.name(of: id) ?? "")); import without append to update it")
                } else {
                    existing = id
                }
            }
        }
        if existing != nil {
            // Matched by code: a tax id in the row must not belong to another client.
            if let t = tax, let other = clients.id(taxID: t), other != existing {
                check.fail(taxID, "this tax id belongs to another client (\(clients.name(of: other) ?? "")), not to the one with this code")
            }
            if let t = tax { seenTaxID[t] = check.line }
        } else if let t = tax {
            if let line = seenTaxID[t] {
                check.fail(taxID, "duplicate: the same tax id is on line \(line)")
            } else if let id = clients.id(taxID: t) {
                if ctx.mode == .append {
                    check.fail(taxID, "a client with this tax id already exists (\(clients.name(of: id) ?? "")); import without append to update it")
                } else {
                    existing = id
                }
            }
        } else if let n = nameValue {
            if let line = seenName[ClientDirectory.fold(n)] {
                check.fail(name, "duplicate: a client with this name is on line \(line)")
            } else if ctx.mode == .upsert {
                switch clients.lookup(name: n) {
                case .found(let id): existing = id
                case .ambiguous(let count):
                    check.fail(name, "ambiguous client: \(count) clients have this name; add a client code or tax id (ИНН) column")
                case .notFound: break
                }
            }
        }
        if let e = existing, let c = codeValue, let old = clients.code(of: e), old != c {
            check.fail(code, "this client (\(clients.name(of: e) ?? "")) already has the code \(old); change it with update clients, not by import")
        }
        if let mine = clients.scope { curatorCheck(mine, existing: existing, &check) }
        guard check.isValid, let n = nameValue else { return .rejected }

        var id = existing ?? placeholderID
        if write {
            if let e = existing {
                try update.execute(ctx.db, values + [e])
            } else {
                try insert.execute(ctx.db, values)
                id = ctx.db.lastInsertedRowID
            }
        } else if existing == nil {
            placeholderID -= 1
        }
        if existing != nil { clients.update(id: id, name: n, taxID: tax, code: codeValue) } else { clients.add(id: id, name: n, taxID: tax, code: codeValue) }
        if let t = tax { seenTaxID[t] = check.line }
        if let c = codeValue { seenCode[c] = check.line }
        seenName[ClientDirectory.fold(n)] = check.line
        return existing == nil ? .inserted : .updated
    }

    /// A curator's import (row-level security on a team store): a new client is theirs, and
    /// a client stays theirs. Another curator's client is not in their directory at all: a
    /// row for it reads as a new client, refused here unless it names this curator (and
    /// then by the store when its tax id or code is taken).
    private func curatorCheck(_ mine: String, existing: Int64?, _ check: inout RowCheck) {
        let column = ctx.map.column("curator")
        let given = check.raw(column)
        if let g = given, ClientDirectory.fold(g) != ClientDirectory.fold(mine) {
            check.fail(column, existing == nil
                ? "a curator imports only their own clients: this row's curator is \(g), not \(mine)"
                : "a curator cannot hand a client to another curator (\(g)) by import")
        } else if given == nil, existing == nil {
            check.fail(column ?? name, "a curator imports only their own clients: give this new client the curator \(mine)")
        }
    }
}
