import Foundation
import ClienteleCore
import ClienteleInterchange

/// `import` on the team store: `FileImporter` (the same mapping, checks, report, rejects
/// file, dry run, keep going and all-or-nothing as on SQLite) on a
/// `PostgresImportConnection`. Row-level security applies as to any statement: the
/// importer's directory of clients holds only the clients the login sees, and a curator's
/// rows for other clients are rejected with a reason (see docs/import-export.md).
extension PostgresTransaction: ImportingTransaction {
    package func importFile(_ file: String, into target: ImportTarget, options: ImportOptions, files: StagedFiles) throws -> ImportReport {
        try FileImporter.run(file: file, into: target, options: options, on: PostgresImportConnection(self), files: files)
    }
}

/// The PostgreSQL store under `FileImporter`: one statement per row on the transaction's
/// connection (`?` numbered as `$n`), inserts returning their ids, savepoints by name.
/// The audit triggers log every row the import writes, as made by the login, and label
/// multi-row statements as the import of the file.
final class PostgresImportConnection: ImportConnection {
    let tx: PostgresTransaction
    private var savepoints = 0

    init(_ tx: PostgresTransaction) { self.tx = tx }

    func query(_ sql: String, _ arguments: [SQLValue], _ row: ([SQLValue]) throws -> Void) throws {
        try tx.stream(sql, .positional(arguments), row)
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        if sql.hasPrefix("INSERT") {
            try tx.execute(sql + " RETURNING id", .positional(arguments))
        } else {
            try tx.execute(sql, .positional(arguments))
        }
    }

    var lastInsertedRowID: Int64 { tx.lastInsertedRowID ?? 0 }
    var nowSQL: String { PostgresSchema.now }
    var onlyCurator: String? { tx.store.access?.role == "curator" ? tx.store.access?.curator : nil }

    /// A broken rule of the schema, or a row the row-level security refuses.
    func refusal(_ error: any Error) -> String? {
        guard let e = error as? StoreError else { return nil }
        if e.kind == .constraint || e.message.hasPrefix("the team store refuses this row") { return e.message }
        return nil
    }

    func savepoint(_ body: () throws -> Bool) throws {
        savepoints += 1
        let name = "clientele_import_\(savepoints)"
        try tx.execute("SAVEPOINT \(name)", .none)
        let keep: Bool
        do {
            keep = try body()
        } catch {
            try? tx.execute("ROLLBACK TO SAVEPOINT \(name)", .none)
            throw error
        }
        try tx.execute(keep ? "RELEASE SAVEPOINT \(name)" : "ROLLBACK TO SAVEPOINT \(name)", .none)
        if !keep { try tx.execute("RELEASE SAVEPOINT \(name)", .none) }
    }

    /// A statement that fails aborts the whole transaction on PostgreSQL: with `keep going`
    /// each row's writes get their own savepoint, rolled back alone when the row is refused.
    func isolated<T>(_ body: () throws -> T) throws -> T {
        try tx.execute("SAVEPOINT clientele_import_row", .none)
        do {
            let result = try body()
            try tx.execute("RELEASE SAVEPOINT clientele_import_row", .none)
            return result
        } catch {
            try? tx.execute("ROLLBACK TO SAVEPOINT clientele_import_row", .none)
            try? tx.execute("RELEASE SAVEPOINT clientele_import_row", .none)
            throw error
        }
    }

    /// Multi-row statements of the import (none yet: one row per statement) are logged as
    /// the import of `source`; the label is taken off at the end, for the rest of a script.
    func beginLoad(target: ImportTarget, source: String, expectedRows: Int, dryRun: Bool) throws -> ImportLoad {
        guard !dryRun else { return ImportLoad() }
        try PostgresAudit.markImport(tx, source: source)
        let tx = self.tx
        return ImportLoad(end: {
            try? tx.execute("SELECT set_config('clientele.audit_action', '', true), set_config('clientele.audit_source', '', true)", .none)
        })
    }
}
