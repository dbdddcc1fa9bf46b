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
    /// The engine's kind of an error this backend threw (its own error type), or nil when
    /// the error is not the store's.
    func storeError(_ error: any Error) -> StoreError?
    /// Runs `body` in a read transaction: one consistent snapshot.
    func readTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` in a write transaction: all of it or nothing.
    func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
}

/// One transaction of a store: statements run in it see each other's changes.
package protocol StoreTransaction: AnyObject {
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: SQLArguments) throws
    /// Runs a query and hands its rows to `row` one at a time. The array is reused between
    /// calls (no allocation per row).
    func stream(_ sql: String, _ arguments: SQLArguments, _ row: ([SQLValue]) throws -> Void) throws
    /// Rows changed by the last `execute`.
    var changes: Int { get }
    /// A number that grows with every committed change to the orders or payments (what the
    /// per-client measures read): equal numbers mean equal data.
    func changeCounter() throws -> Int64?
    /// The store's settings, as the checker and the planner read them.
    func loadSettings() throws -> StoreSettings
    /// Whether the payment facts kept on orders say what was paid as of `today` (no payment
    /// is dated after it). False lets the planner read payments one by one.
    func paymentFactsAreCurrent(today: CalendarDate) throws -> Bool
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
