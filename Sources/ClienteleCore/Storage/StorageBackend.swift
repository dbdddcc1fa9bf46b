/// What the engine needs from a store, whichever database keeps it. The engine plans and
/// runs statements through these protocols only; a backend (ClienteleSQLite today) turns
/// them into its own calls and its errors into `StoreError`.
///
/// ```swift
/// let n = try backend.read { tx in try tx.fetchOne("SELECT count(*) FROM clients")?.first?.int64 }
/// ```
package protocol StorageBackend: AnyObject, Sendable {
    /// How statements for this store are spelled: the printer the planner's SQL trees go
    /// through (placeholders, functions, collation).
    var dialect: any SQLDialect { get }
    /// The schema version the store's tables are at (its last migration).
    var schemaVersion: Int { get }
    var isReadOnly: Bool { get }
    /// Where the store is, for banners and messages: a file's path, a server's address
    /// (never with a password).
    var location: String { get }
    /// The store's file when it is one (no output file may overwrite it), else nil.
    var filePath: String? { get }
    /// Why the store is read-only although read-only was not asked for, or nil.
    var readOnlyReason: String? { get }
    /// The engine's kind of an error this backend threw (its own error type), or nil when
    /// the error is not the store's.
    func storeError(_ error: any Error) -> StoreError?
    /// A fast source of per-client measures for one statement in `tx`, or nil: SQL
    /// computes them.
    func measureSource(in tx: any StoreTransaction) -> (any MeasureSource)?
    /// Runs `body` (a script's statements in `tx`) with `interruption` stopping the
    /// statements the store runs as well as the passes in Swift (`Interruption.current`).
    func watching<T>(_ interruption: Interruption, in tx: any StoreTransaction, _ body: () throws -> T) throws -> T
    /// Stops every statement the store runs now (another thread's Ctrl-C).
    func interrupt()
    /// Runs `body` in a read transaction: one consistent snapshot.
    func readTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` in a write transaction: all of it or nothing.
    func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// How many times the engine runs a script again when its transaction failed with
    /// `StoreError.Kind.conflict` (and it has shown nothing yet). 0: never.
    var conflictRetries: Int { get }
}

/// One transaction of a store: statements run in it see each other's changes.
package protocol StoreTransaction: AnyObject {
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: SQLArguments) throws
    /// Runs a query and hands its rows to `row` one at a time. The array is reused between
    /// calls (no allocation per row).
    func stream(_ sql: String, _ arguments: SQLArguments, _ row: ([SQLValue]) throws -> Void) throws
    /// Runs a query and hands its rows to `row` as the backend holds them, cell by cell
    /// (`StoreRow`): for passes over many rows that read a few cells each.
    func scan(_ sql: String, _ arguments: SQLArguments, _ row: (any StoreRow) throws -> Void) throws
    /// Makes Swift functions callable by name from this transaction's statements (host
    /// functions computed in Swift). A backend that cannot call Swift from SQL throws a
    /// `StoreError` that says so.
    func install(functions: [StoreFunction]) throws
    /// Rows changed by the last `execute`.
    var changes: Int { get }
    /// The id of the row the last `execute` inserted, or nil when the backend cannot say.
    var lastInsertedRowID: Int64? { get }
    /// A number that grows with every committed change to the orders or payments (what the
    /// per-client measures read): equal numbers mean equal data.
    func changeCounter() throws -> Int64?
    /// The store's settings, as the checker and the planner read them.
    func loadSettings() throws -> StoreSettings
    /// Whether the payment facts kept on orders say what was paid as of `today` (no payment
    /// is dated after it). False lets the planner read payments one by one.
    func paymentFactsAreCurrent(today: CalendarDate) throws -> Bool
}

/// What a backend that does not have these gets: a scan through `stream`, no Swift
/// functions, no id of an inserted row.
extension StoreTransaction {
    package func scan(_ sql: String, _ arguments: SQLArguments, _ row: (any StoreRow) throws -> Void) throws {
        try stream(sql, arguments) { try row(ArrayRow(cells: $0)) }
    }

    package func install(functions: [StoreFunction]) throws {
        guard let f = functions.first else { return }
        throw StoreError(.other, "this store cannot run functions computed in Swift (\(f.name)); give the function SQL for this store")
    }

    package var lastInsertedRowID: Int64? { nil }
}

extension StorageBackend {
    package var location: String { "the store" }
    package var filePath: String? { nil }
    package var readOnlyReason: String? { nil }

    package func measureSource(in tx: any StoreTransaction) -> (any MeasureSource)? { nil }

    package var conflictRetries: Int { 0 }

    package func watching<T>(_ interruption: Interruption, in tx: any StoreTransaction, _ body: () throws -> T) throws -> T {
        try Interruption.$current.withValue(interruption) { try body() }
    }
}

extension StoreTransaction {
    /// The first row of a query, or nil.
    package func fetchOne(_ sql: String, _ arguments: SQLArguments = .none) throws -> [SQLValue]? {
        var first: [SQLValue]?
        try stream(sql, arguments) { row in if first == nil { first = row } }
        return first
    }

    /// Every row of a query (small results only: settings, names).
    package func fetchAll(_ sql: String, _ arguments: SQLArguments = .none) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try stream(sql, arguments) { rows.append($0) }
        return rows
    }

    package func execute(_ sql: String) throws { try execute(sql, .none) }
}
