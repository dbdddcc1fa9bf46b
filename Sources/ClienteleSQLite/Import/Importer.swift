import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange
#if canImport(Glibc)
/// glibc's `mallopt` (malloc.h, which the Glibc module does not export).
@_silgen_name("mallopt") private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif

/// Imports a CSV or xlsx file into one table of a SQLite store: `FileImporter` (the checks,
/// the report, the rejects file, shared with the PostgreSQL store) on a
/// `SQLiteImportConnection`.
///
/// ```swift
/// let store = try Store(path: "clientele.sqlite")
/// let report = try Importer.run(file: "sales.csv", into: .orders, options: ImportOptions(), store: store)
/// print(report.summary())
/// // orders from sales.csv: 1000 rows read, 1000 inserted, 0 updated
/// // detected: Windows-1251, separator ';', decimal comma, dates dd.mm.yyyy
/// ```
package enum Importer {
    package static func run(file: String, into target: ImportTarget, options: ImportOptions = ImportOptions(),
                            store: Store) throws -> ImportReport {
        let files = StagedFiles(storePath: store.path)
        if options.dryRun { return try store.read { try run(file: file, into: target, options: options, in: $0, files: files) } }
        var bodyEnded = 0.0
        let report = try store.write { db -> ImportReport in
            defer { bodyEnded = ImportProfile.now() }
            return try run(file: file, into: target, options: options, in: db, files: files)
        }
        ImportProfile.note("commit", ImportProfile.now() - bodyEnded)
        try files.commit()
        return report
    }

    /// glibc's malloc serves a block of 4 MiB or more with a mapping of its own, given back to
    /// the system when the block is freed. By default the threshold follows the largest block
    /// freed (up to 32 MiB) and the heap keeps twice that unreturned: the import's large arrays
    /// (the shared strings, the order keys: 16 to 64 MB each at 2 million rows) then came from
    /// the heap, and after one import of a script its freed arrays were still resident when the
    /// next one began (docs/performance.md, "Import, third round"). Set once per process.
    static let returnLargeBlocks: Void = {
        #if canImport(Glibc)
        _ = glibcMallopt(-3 /* M_MMAP_THRESHOLD, malloc.h */, 4 << 20)
        #endif
    }()

    /// The import on an open connection, inside the caller's transaction (a script's): the
    /// rows are written in a savepoint, released only when the import succeeds. The rejects
    /// file is staged in `files`: it appears only when the caller's transaction commits.
    package static func run(file: String, into target: ImportTarget, options: ImportOptions, in db: Database,
                            files: StagedFiles) throws -> ImportReport {
        _ = returnLargeBlocks
        return try FileImporter.run(file: file, into: target, options: options, on: SQLiteImportConnection(db), files: files)
    }
}

/// The SQLite store under `FileImporter`: statements prepared once and bound through the C
/// API (`BulkInsert`: GRDB's `StatementArguments` boxing was a tenth of a large import),
/// the inserted rows logged as one audit row, the indexes of a large orders import built
/// again at its end, a small page cache (memory stays bounded).
final class SQLiteImportConnection: ImportConnection {
    let db: Database
    private var statements: [String: BulkInsert] = [:]

    init(_ db: Database) { self.db = db }

    /// `PRAGMA cache_size` during an import (negative: KiB).
    static let importCacheKiB = -16384
    /// `PRAGMA cache_size` while the rows of an import that builds its indexes again are
    /// written: a table without indexes is only appended to.
    /// (16 and 4 MiB alternated at 2 million orders: the same time, 13 MiB less; the index
    /// builds still sort in buffers of the 16 MiB set before them.)
    static let rowsCacheKiB = -4096

    func query(_ sql: String, _ arguments: [SQLValue], _ row: ([SQLValue]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments.map(SQLiteImportConnection.value)))
        var cells: [SQLValue] = []
        while let r = try rows.next() {
            cells.removeAll(keepingCapacity: true)
            for i in 0..<r.count {
                switch (r[i] as DatabaseValue).storage {
                case .null: cells.append(.null)
                case .int64(let n): cells.append(.integer(n))
                case .double(let d): cells.append(.real(d))
                case .string(let s): cells.append(.text(s))
                case .blob(let b): cells.append(.blob(Array(b)))
                }
            }
            try row(cells)
        }
    }

    static func value(_ v: SQLValue) -> DatabaseValue {
        switch v {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .blob(let b): return Data(b).databaseValue
        }
    }

    private func statement(_ sql: String) throws -> BulkInsert {
        if let s = statements[sql] { return s }
        let statement = try BulkInsert(db, sql)
        statements[sql] = statement
        return statement
    }

    /// Set by `beginLoad` for orders: the load's INSERT is compiled without the CHECK
    /// constraint, which the end of the load checks for every row (`AmountsCheckSuspension`).
    private var uncheckedInserts: AmountsCheckSuspension?

    /// Whether the CHECK constraints are off (from the load's INSERT until the end of the
    /// rows, or until another statement runs: then they are on for the rest of the load).
    private var checksOff = false

    /// The bulk INSERT of a load (`OrderRows`; the only statement an importer prepares).
    func prepare(_ sql: String) throws -> any ImportStatement {
        guard let deferred = uncheckedInserts else { return try statement(sql) }
        if let s = statements[sql] { return s }
        let statement = try deferred.prepareUnchecked(db, sql)
        checksOff = true
        uncheckedInserts = nil                       // once per load
        statements[sql] = statement
        return statement
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        // Any other statement runs with the CHECKs on (and the INSERT, compiled again, too).
        if checksOff {
            try AmountsCheckSuspension.checkAgain(db)
            checksOff = false
        }
        let statement = try statement(sql)
        for v in arguments {
            switch v {
            case .null: statement.null()
            case .integer(let i): statement.int(i)
            case .text(let s): statement.text(s)
            case .real, .blob:
                throw StoreError(.other, "an import binds integers and text only")
            }
        }
        try statement.run()
    }

    var lastInsertedRowID: Int64 { db.lastInsertedRowID }
    var nowSQL: String { "datetime('now')" }
    var onlyCurator: String? { nil }

    func refusal(_ error: any Error) -> String? {
        guard let e = error as? DatabaseError, e.resultCode == .SQLITE_CONSTRAINT else { return nil }
        return e.message ?? e.resultCode.description
    }

    func savepoint(_ body: () throws -> Bool) throws {
        try db.inSavepoint { try body() ? .commit : .rollback }
    }

    func isolated<T>(_ body: () throws -> T) throws -> T { try body() }

    func beginLoad(target: ImportTarget, source: String, expectedRows: Int, dryRun: Bool) throws -> ImportLoad {
        // The inserted rows are logged as one audit row (count and id ranges), not one each.
        let audit = dryRun ? nil : try AuditLog.BulkLoad(db, table: target.rawValue)
        // Orders only: the payment triggers read the payments indexes.
        let rebuild = target == .orders && !dryRun
            ? try IndexRebuild(db, table: "orders", expectedRows: expectedRows) : nil
        // Orders, their lines and payments move the order facts counter: once per import.
        // Orders: the amounts checked once at the end instead of by a trigger per row.
        let amounts = target == .orders && !dryRun ? try AmountsCheckSuspension(db) : nil
        uncheckedInserts = amounts
        // (A rebuild of the orders indexes has suspended them already.)
        let facts = (target == .orders || target == .payments) && !dryRun && rebuild?.isActive != true
            ? try FactsTriggersSuspension(db, insertsOnly: target == .orders) : nil
        // The page cache of an import: 16 MiB, whether it keeps the indexes or builds them
        // again (SQLite sizes the index sorters from the cache: 128 MB would double the peak
        // memory). 128 MiB while keeping them took 400,000 orders into a store of 1.6 million
        // from 167 to 256 MiB and was no faster: the pages come back from the WAL through
        // the OS's file cache (docs/performance.md, "Import memory").
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        let rebuilding = rebuild?.isActive == true
        let rowsCache = rebuilding ? SQLiteImportConnection.rowsCacheKiB : SQLiteImportConnection.importCacheKiB
        try db.execute(sql: "PRAGMA cache_size = \(rowsCache)")
        let db = self.db
        return ImportLoad(
            finish: { source in
                var t = ImportProfile.now()
                func lap(_ what: String) {
                    let n = ImportProfile.now()
                    ImportProfile.note(what, n - t)
                    t = n
                }
                try amounts?.restore(db)
                self.checksOff = false
                lap("  the amounts of the new orders checked")
                if rebuilding { try db.execute(sql: "PRAGMA cache_size = \(SQLiteImportConnection.importCacheKiB)") }
                try rebuild?.restore(db)
                lap("  the indexes built again")
                try facts?.restore(db)
                lap("  the facts triggers back")
                try audit?.finish(db, action: "import", source: source)
                lap("  the audit row")
            },
            end: {
                try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
                if amounts != nil { try? AmountsCheckSuspension.checkAgain(db) }
            })
    }
}
