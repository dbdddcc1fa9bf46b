import Foundation
import ClienteleCore

/// Contacts of clients. Upsert key: client + name (case-insensitive). Empty cells never overwrite.
struct ContactRows: RowImporter {
    private struct Key: Hashable { let client: Int64; let name: String }

    private let ctx: ImportContext
    private var clients: ClientDirectory
    private var known: [Key: (id: Int64, line: Int)] = [:]
    private let client, taxID, code, name, position, workPhone, homePhone, email, birthday, decisionMaker: Int?
    private var insert = LazyStatement("""
        INSERT INTO contacts(client_id, name, position, work_phone, home_phone, email, birthday, decision_maker)
        VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, 0))
        """)
    private var update = LazyStatement("""
        UPDATE contacts SET name = ?, position = COALESCE(?, position), work_phone = COALESCE(?, work_phone),
            home_phone = COALESCE(?, home_phone), email = COALESCE(?, email), birthday = COALESCE(?, birthday),
            decision_maker = COALESCE(?, decision_maker)
        WHERE id = ?
        """)

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        clients = try ClientDirectory(ctx.db)
        let m = ctx.map
        code = m.column("client_code")
        (client, taxID, name) = (m.column("client"), m.column("client_tax_id"), m.column("name"))
        (position, workPhone, homePhone, email) = (m.column("position"), m.column("work_phone"), m.column("home_phone"), m.column("email"))
        (birthday, decisionMaker) = (m.column("birthday"), m.column("decision_maker"))
        if ctx.mode == .upsert {
            try ctx.db.query("SELECT id, client_id, name FROM contacts", []) { row in
                known[Key(client: row[1].int64 ?? 0, name: ClientDirectory.fold(row[2].string ?? ""))] = (row[0].int64 ?? 0, 0)
            }
        }
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        let clientID = check.client(codeColumn: code, taxColumn: taxID, nameColumn: client, in: clients)
        let nameValue = check.text(name, required: true)
        let birthdayValue = check.value(birthday, p.date)
        let decides = check.value(decisionMaker, p.boolean)
        var existing: Int64? = nil
        var key: Key? = nil
        if let c = clientID, let n = nameValue {
            key = Key(client: c, name: ClientDirectory.fold(n))
            if let k = known[key!] {
                if k.line > 0 {
                    check.fail(name, "duplicate: this client's contact of this name is also on line \(k.line)")
                } else if ctx.mode == .upsert {
                    existing = k.id
                }
            }
        }
        guard check.isValid, let c = clientID, let n = nameValue else { return .rejected }
        let rest: [(any ImportBindable)?] = [check.raw(position), check.raw(workPhone), check.raw(homePhone),
                                                 check.raw(email), birthdayValue.map(ValueParser.iso), decides]
        var id = existing ?? -1
        if write {
            if let e = existing {
                try update.execute(ctx.db, [n] + rest + [e])
            } else {
                try insert.execute(ctx.db, [c, n] + rest)
                id = ctx.db.lastInsertedRowID
            }
        }
        if let k = key { known[k] = (id, check.line) }
        return existing == nil ? .inserted : .updated
    }
}
