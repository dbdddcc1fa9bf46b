import ClienteleCore

/// A store transaction that imports a file itself, with its own fast path (the SQLite
/// store's bulk insert): what `import` runs inside a script's transaction. A backend without
/// one has no `import` yet; the engine says so.
package protocol ImportingTransaction: StoreTransaction {
    /// Reads `file` and writes its rows into `target` in this transaction; rejected rows go
    /// to a file staged in `files`.
    func importFile(_ file: String, into target: ImportTarget, options: ImportOptions, files: StagedFiles) throws -> ImportReport
}
