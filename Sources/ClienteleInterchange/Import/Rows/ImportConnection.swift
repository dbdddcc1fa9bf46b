import Foundation
import ClienteleCore

/// What the row importers need of a store, whatever the backend: queries for the keys they
/// index in memory, statements that write one row, and the backend's own handling of a
/// large load. `SQLiteImportConnection` (ClienteleSQLite) and `PostgresImportConnection`
/// (ClientelePostgres) are the two; the checks, the mapping and the report are the same.
///
/// Statements are written with `?` placeholders and SQL both dialects read; the few that
/// differ ask the connection (`nowSQL`).
package protocol ImportConnection: AnyObject {
    /// Runs a query and hands its rows to `row` one at a time.
    func query(_ sql: String, _ arguments: [SQLValue], _ row: ([SQLValue]) throws -> Void) throws
    /// Runs a statement that writes (prepared once per text where the backend can).
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    /// A statement that writes, prepared once, for the rows of a large import: its values
    /// are bound one at a time, with no array per row (SQLite binds them through the C API).
    func prepare(_ sql: String) throws -> any ImportStatement
    /// The id of the row the last INSERT made.
    var lastInsertedRowID: Int64 { get }
    /// SQL for the current time as the stores keep it in `updated_at`.
    var nowSQL: String { get }
    /// The curator whose clients alone this connection sees and may change (a curator on a
    /// team store, under row-level security), or nil when it sees every client.
    var onlyCurator: String? { get }
    /// Why the store refused a row, when `error` refuses that row alone (a constraint the
    /// checks do not see); nil for an error that ends the import.
    func refusal(_ error: any Error) -> String?
    /// Runs `body` in a savepoint, kept when it returns true, rolled back when it returns
    /// false or throws.
    func savepoint(_ body: () throws -> Bool) throws
    /// Runs the writes of one row so that a refusal leaves the import's transaction usable
    /// (`keep going`): PostgreSQL needs a savepoint per row, SQLite does not.
    func isolated<T>(_ body: () throws -> T) throws -> T
    /// Prepares the store for writing the rows of file `source` into `target` (and, for a dry
    /// run, for reading them); the returned load is finished once the rows are written and
    /// ended in any case.
    func beginLoad(target: ImportTarget, source: String, expectedRows: Int, dryRun: Bool) throws -> ImportLoad
}

extension ImportConnection {
    package func prepare(_ sql: String) throws -> any ImportStatement { CollectedStatement(db: self, sql: sql) }
}

/// A write statement of an import with its values bound one at a time, in the order of its
/// `?` placeholders, then `run()`: a value bound is a parameter, never SQL text.
package protocol ImportStatement: AnyObject {
    func bind(_ value: Int64)
    func bind(_ value: String)
    func bindNull()
    /// A date as the stores keep it (`yyyy-mm-dd`).
    func bind(_ date: CalendarDate)
    /// Runs the statement with the values bound since the last run.
    func run() throws
}

extension ImportStatement {
    package func bind(_ value: String?) { if let value { bind(value) } else { bindNull() } }
    package func bind(_ value: Int64?) { if let value { bind(value) } else { bindNull() } }
}

/// A backend without its own: the values collected and run with `execute`.
final class CollectedStatement: ImportStatement {
    private let db: any ImportConnection
    private let sql: String
    private var values: [SQLValue] = []

    init(db: any ImportConnection, sql: String) { self.db = db; self.sql = sql }

    func bind(_ value: Int64) { values.append(.integer(value)) }
    func bind(_ value: String) { values.append(.text(value)) }
    func bindNull() { values.append(.null) }
    func bind(_ date: CalendarDate) { values.append(.text(ValueParser.iso(date))) }
    func run() throws {
        defer { values.removeAll(keepingCapacity: true) }
        try db.execute(sql, values)
    }
}

/// What a backend does around the rows of one import (indexes dropped and built again,
/// caches, the audit entry of the load).
package struct ImportLoad {
    /// After the last row, before the import is kept: `source` is the file.
    package var finish: (_ source: String) throws -> Void
    /// Always, after the import (kept, refused or failed).
    package var end: () -> Void

    package init(finish: @escaping (_ source: String) throws -> Void = { _ in }, end: @escaping () -> Void = {}) {
        self.finish = finish
        self.end = end
    }
}

/// A value a row importer binds: what `SQLValue` the store gets for it.
package protocol ImportBindable {
    var sqlValue: SQLValue { get }
}

extension String: ImportBindable { package var sqlValue: SQLValue { .text(self) } }
extension Int64: ImportBindable { package var sqlValue: SQLValue { .integer(self) } }
extension Int: ImportBindable { package var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Bool: ImportBindable { package var sqlValue: SQLValue { .integer(self ? 1 : 0) } }

/// The values of a row as bound: nil as NULL.
func binds(_ values: [(any ImportBindable)?]) -> [SQLValue] {
    values.map { $0?.sqlValue ?? .null }
}

/// A statement of a row importer, by its text (the connection prepares it once).
struct LazyStatement {
    let sql: String
    init(_ sql: String) { self.sql = sql }

    func execute(_ db: any ImportConnection, _ values: [(any ImportBindable)?]) throws {
        try db.execute(sql, binds(values))
    }
}
