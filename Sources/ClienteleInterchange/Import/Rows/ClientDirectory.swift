import Foundation
import ClienteleCore

/// The clients of the store in memory, to resolve the client a row names without a query
/// per row: by code, by tax id, and by name folded case-insensitively (Unicode `lowercased()`).
struct ClientDirectory {
    enum Lookup: Equatable { case found(Int64), notFound, ambiguous(Int) }

    private var byCode: [String: Int64] = [:]
    private var byTaxID: [String: Int64] = [:]
    private var byName: [String: [Int64]] = [:]
    private var names: [Int64: String] = [:]
    private var codes: [Int64: String] = [:]
    /// The curator whose clients alone are here (a curator's import on a team store).
    private(set) var scope: String?
    /// The lookups held (the others answer nothing).
    private let uses: Uses

    /// What a directory is for: every lookup, or only resolving a row's client from the
    /// columns the file has (an orders file with a tax id column needs no names: at 100,000
    /// clients the names and their folded forms were most of the directory's memory).
    struct Uses: OptionSet {
        let rawValue: Int
        static let code = Uses(rawValue: 1), taxID = Uses(rawValue: 2), name = Uses(rawValue: 4)
        /// `name(of:)` and `code(of:)`, for messages and updates of clients.
        static let details = Uses(rawValue: 8)
        static let all: Uses = [.code, .taxID, .name, .details]

        /// The lookups `RowCheck.client` makes with these columns.
        static func resolving(code: Int?, taxID: Int?, name: Int?) -> Uses {
            var uses: Uses = []
            if code != nil { uses.insert(.code) }
            if taxID != nil { uses.insert(.taxID) }
            if name != nil { uses.formUnion([.name, .taxID]) }     // a name column may hold a tax id
            return uses
        }
    }

    init(_ db: any ImportConnection, uses: Uses = .all) throws {
        scope = db.onlyCurator
        self.uses = uses
        try db.query("SELECT id, name, tax_id, code FROM clients", []) { row in
            add(id: row[0].int64 ?? 0, name: row[1].string ?? "", taxID: row[2].string, code: row[3].string)
        }
    }

    /// Case folding for any script (Cyrillic included), as the stores compare names.
    static func fold(_ name: String) -> String { name.lowercased() }

    /// "no client has this code", or for a curator "none of your clients (curator …) has
    /// this code": another curator's clients are not theirs to import rows for.
    func unknown(_ key: String) -> String {
        guard let scope else { return "unknown client: no client has this \(key)" }
        return "unknown client: none of your clients (curator \(scope)) has this \(key); a curator imports rows of their own clients only"
    }

    func id(taxID: String) -> Int64? { byTaxID[taxID] }
    func id(code: String) -> Int64? { byCode[code] }
    func code(of id: Int64) -> String? { codes[id] }
    func name(of id: Int64) -> String? { names[id] }

    func lookup(name: String) -> Lookup {
        guard let ids = byName[ClientDirectory.fold(name)], !ids.isEmpty else { return .notFound }
        return ids.count == 1 ? .found(ids[0]) : .ambiguous(ids.count)
    }

    mutating func add(id: Int64, name: String, taxID: String?, code: String? = nil) {
        if uses.contains(.taxID), let t = taxID, !t.isEmpty { byTaxID[t] = id }
        if let c = code, !c.isEmpty {
            if uses.contains(.code) { byCode[c] = id }
            if uses.contains(.details) { codes[id] = c }
        }
        if uses.contains(.name) { byName[ClientDirectory.fold(name), default: []].append(id) }
        if uses.contains(.details) { names[id] = name }
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
