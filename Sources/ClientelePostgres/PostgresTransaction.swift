import Foundation
import ClienteleCore
import PostgresNIO

/// One transaction of a `PostgresStore` (made by `readTransaction` / `writeTransaction`,
/// used only inside its body).
package final class PostgresTransaction: StoreTransaction {
    let store: PostgresStore
    /// The connection this transaction runs on, its own until COMMIT or ROLLBACK.
    let pooled: PooledConnection
    package private(set) var changes = 0

    init(_ store: PostgresStore, _ pooled: PooledConnection) {
        self.store = store
        self.pooled = pooled
    }

    /// The id an `INSERT ... RETURNING id` gave back (the dialect prints `add`'s inserts so).
    package private(set) var lastInsertedRowID: Int64?

    package func execute(_ sql: String, _ arguments: SQLArguments) throws {
        var returned: Int64?
        changes = try run(sql, arguments) { row in if returned == nil { returned = row.first?.int64 } }
        if returned != nil { lastInsertedRowID = returned }
    }

    /// BEGIN, COMMIT, ROLLBACK: sent even after an interrupt request, which must still end
    /// the transaction.
    func control(_ sql: String) throws {
        _ = try run(sql, .none, interruptible: false) { _ in }
    }

    package func stream(_ sql: String, _ arguments: SQLArguments, _ row: ([SQLValue]) throws -> Void) throws {
        _ = try run(sql, arguments, row)
    }

    package func changeCounter() throws -> Int64? {
        try fetchOne("SELECT n FROM facts_version WHERE id = 1")?.first?.int64
    }

    package func loadSettings() throws -> StoreSettings {
        var values: [String: (type: String, value: String)] = [:]
        try stream("SELECT key, type, value FROM settings", .none) { row in
            if let key = row[0].string, let type = row[1].string, let value = row[2].string { values[key] = (type, value) }
        }
        var settings = StoreSettings(values: values)
        settings.rfmSegments = try fetchAll(RFMSegmentRule.query).compactMap(RFMSegmentRule.init(row:))
        return settings
    }

    package func paymentFactsAreCurrent(today: CalendarDate) throws -> Bool {
        let later = try fetchOne("SELECT EXISTS (SELECT 1 FROM payments WHERE date > $1)", .positional([.text(today.iso)]))
        return later?.first?.int64 == 0
    }

    /// How many 50 ms polls a statement waits for its end once its connection has closed.
    static let pollsBeforeLost = 40

    /// Runs one statement, handing its rows to `row` on this thread as they arrive; returns
    /// the rows the server says it changed.
    private func run(_ sql: String, _ arguments: SQLArguments, interruptible: Bool = true,
                     _ row: ([SQLValue]) throws -> Void) throws -> Int {
        let interruption = interruptible ? Interruption.current : nil
        if interruption?.isRequested == true { throw StoreError.interrupted }
        let query = PostgresQuery(unsafeSQL: PostgresValues.numberedPlaceholders(sql), binds: try PostgresValues.bindings(arguments))
        let inbox = RowInbox()
        let future = pooled.connection.query(query, logger: PostgresStore.logger) { pgRow in
            guard inbox.wanted else { return }
            var cells: [SQLValue] = []
            cells.reserveCapacity(pgRow.count)
            for cell in pgRow { cells.append(try PostgresValues.sqlValue(cell)) }
            inbox.put(cells)
        }
        future.whenComplete { _ in inbox.finish() }
        var cancelSent = false
        var failure: (any Error)?
        // A statement sent as the server drops the connection may never complete (its future
        // is left pending): once the connection is closed, the statement gets a moment to end
        // and then fails, rather than waiting for ever (the pool replaces the connection).
        var pollsSinceClosed = 0
        while let batch = inbox.take(polling: .milliseconds(50)) {
            if !cancelSent, interruption?.isRequested == true {
                cancelSent = true
                store.cancel(pooled.pid)
            }
            if batch.isEmpty, pooled.connection.isClosed {
                pollsSinceClosed += 1
                if pollsSinceClosed > Self.pollsBeforeLost {
                    throw StoreError(.other, "the connection to the server was lost")
                }
            }
            guard failure == nil else { continue }
            do {
                for cells in batch { try row(cells) }
            } catch {
                // Stop decoding the rest; the statement still runs to its end on the server.
                failure = error
                inbox.wanted = false
            }
        }
        let metadata: PostgresQueryMetadata
        do {
            metadata = try future.wait()
        } catch {
            throw PostgresErrors.storeError(error, access: store.access)
        }
        if let failure { throw failure }
        return metadata.rows ?? 0
    }
}

/// Rows decoded on the event loop, waiting for the calling thread.
private final class RowInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var rows: [[SQLValue]] = []
    private var finished = false
    private var _wanted = true

    var wanted: Bool {
        get { condition.withLock { _wanted } }
        set { condition.withLock { _wanted = newValue } }
    }

    func put(_ cells: [SQLValue]) {
        condition.withLock { rows.append(cells); condition.signal() }
    }

    func finish() {
        condition.withLock { finished = true; condition.signal() }
    }

    /// The rows arrived so far (possibly none, after `polling` without any), or nil when
    /// every row was taken and the query has ended.
    func take(polling: TimeAmount) -> [[SQLValue]]? {
        condition.lock()
        defer { condition.unlock() }
        if rows.isEmpty && !finished {
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(polling.nanoseconds) / 1e9))
        }
        if rows.isEmpty && finished { return nil }
        let batch = rows
        rows.removeAll(keepingCapacity: true)
        return batch
    }
}
