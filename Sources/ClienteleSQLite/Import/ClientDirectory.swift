import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange
import ClienteleDemo

/// The clients of the store in memory, to resolve the client a row names without a query
/// per row: by code, by tax id, and by name folded case-insensitively (Unicode `lowercased()`).
struct ClientDirectory {
    enum Lookup: Equatable { case found(Int64), notFound, ambiguous(Int) }

    private var byCode: [String: Int64] = [:]
    private var byTaxID: [String: Int64] = [:]
    private var byName: [String: [Int64]] = [:]
    private var names: [Int64: String] = [:]
    private var codes: [Int64: String] = [:]

    init(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name, tax_id, code FROM clients")
        while let row = try rows.next() {
            add(id: row[0], name: row[1], taxID: row[2], code: row[3])
        }
    }

    static func fold(_ name: String) -> String { UnicodeText.fold(name) }

    func id(taxID: String) -> Int64? { byTaxID[taxID] }
    func id(code: String) -> Int64? { byCode[code] }
    func code(of id: Int64) -> String? { codes[id] }
    func name(of id: Int64) -> String? { names[id] }

    func lookup(name: String) -> Lookup {
        guard let ids = byName[ClientDirectory.fold(name)], !ids.isEmpty else { return .notFound }
        return ids.count == 1 ? .found(ids[0]) : .ambiguous(ids.count)
    }

    mutating func add(id: Int64, name: String, taxID: String?, code: String? = nil) {
        if let t = taxID, !t.isEmpty { byTaxID[t] = id }
        if let c = code, !c.isEmpty { byCode[c] = id; codes[id] = c }
        byName[ClientDirectory.fold(name), default: []].append(id)
        names[id] = name
    }

    /// After an update: the client may have a new name, tax id or code.
    mutating func update(id: Int64, name: String?, taxID: String?, code: String? = nil) {
        if let c = code, !c.isEmpty {
            if let old = codes[id] { byCode[old] = nil }
            byCode[c] = id
            codes[id] = c
        }
        if let newName = name, let old = names[id], old != newName {
            byName[ClientDirectory.fold(old)]?.removeAll { $0 == id }
            byName[ClientDirectory.fold(newName), default: []].append(id)
            names[id] = newName
        }
        if let t = taxID, !t.isEmpty { byTaxID[t] = id }
    }
}
