import ClienteleCore

// Resolving a row's client needs the store's clients (`ClientDirectory`), so it lives with
// the row writers, not with the pure `RowCheck` in ClienteleInterchange.
extension RowCheck {
    /// Resolves the client a row refers to: by code when the row has one, else by tax id
    /// when it has one, else by the client column (an exact name, compared
    /// case-insensitively, or a tax id).
    mutating func client(codeColumn: Int? = nil, taxColumn: Int?, nameColumn: Int?, in clients: ClientDirectory) -> Int64? {
        if let code = raw(codeColumn) {
            if let id = clients.id(code: code) { return id }
            fail(codeColumn, clients.unknown("code"))
            return nil
        }
        if let tax = raw(taxColumn) {
            if let id = clients.id(taxID: tax) { return id }
            fail(taxColumn, clients.unknown("tax id"))
            return nil
        }
        guard let name = raw(nameColumn) else {
            fail(nameColumn ?? taxColumn ?? codeColumn, "required, but empty")
            return nil
        }
        switch clients.lookup(name: name) {
        case .found(let id): return id
        case .ambiguous(let n):
            fail(nameColumn, "ambiguous client: \(n) clients have this name; add a client code or tax id (ИНН) column")
        case .notFound:
            if name.allSatisfy(\.isNumber), let id = clients.id(taxID: name) { return id }
            fail(nameColumn, clients.unknown("name"))
        }
        return nil
    }
}
