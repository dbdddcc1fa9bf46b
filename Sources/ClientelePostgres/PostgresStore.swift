import Foundation
import ClienteleCore
import PostgresNIO

/// A Clientele store kept by a PostgreSQL server, behind the engine's `StorageBackend`.
///
/// The storage protocols are synchronous and postgres-nio is asynchronous (futures on an
/// event loop). The bridge: each call sends its query on the connection's event loop and the
/// calling thread (never an event-loop thread: the engine runs scripts on its own threads)
/// waits for the answer, woken as rows arrive and at least every 50 ms to look for an
/// interrupt request of the running script (`Interruption.current`), which it turns into a
/// cancel of the server-side query. Rows are decoded on the event loop into `SQLValue`s and
/// handed to the caller's closure on the calling thread as they arrive.
///
/// Many sessions at once: each transaction runs on a connection of its own, taken from a
/// pool of at most `maxConnections` (opened as needed, kept open for the next transaction);
/// more transactions than that wait for a connection to come back. A transaction opened on
/// a thread that already runs one of this store is refused (it would wait for itself).
///
/// Isolation: read transactions are `REPEATABLE READ READ ONLY` (one snapshot: a script
/// sees all of another session's change or none of it); write transactions are
/// `REPEATABLE READ` too, so a script that reads a row and then changes it fails with a
/// serialization failure (40001) when another session changed that row after the script's
/// snapshot, instead of overwriting the other change (a lost update). Such failures and
/// deadlocks (40P01) are `StoreError.Kind.conflict`; the engine runs the script again, up to
/// `conflictRetries` times (see docs/team.md).
package final class PostgresStore: StorageBackend, @unchecked Sendable {
    package let url: PostgresURL
    package let isReadOnly: Bool
    package var dialect: any SQLDialect { PostgreSQLDialect() }
    package var schemaVersion: Int { PostgresSchema.version }
    /// How many times the engine runs a script again after a serialization failure or a
    /// deadlock (`StorageBackend.conflictRetries`).
    package let conflictRetries: Int
    /// The most connections (so transactions at once) this store opens.
    package var maxConnections: Int { pool.limit }

    /// The default of `maxConnections`: 20 sessions at once get a connection each, well
    /// under the server's default `max_connections` (100).
    package static let defaultMaxConnections = 20
    /// The default of `conflictRetries`.
    package static let defaultConflictRetries = 5

    let configuration: PostgresConnection.Configuration
    let pool: ConnectionPool
    /// Who this connection is on the team store (PostgresAccess.swift), read at open.
    package private(set) var access: TeamAccess?
    /// Statements every connection of the pool runs when it opens (a masked login's
    /// search_path), set once the access is known.
    private let sessionSetup = SessionSetup()
    static let logger: Logger = {
        var l = Logger(label: "clientele.postgres")
        l.logLevel = .critical
        return l
    }()

    /// Connects to `url`; a writable store is created or migrated to this build's schema
    /// (`PostgresSchema`), a read-only one must already be at it.
    package init(url: PostgresURL, readOnly: Bool = false, maxConnections: Int = PostgresStore.defaultMaxConnections,
                 conflictRetries: Int = PostgresStore.defaultConflictRetries) throws {
        self.url = url
        self.isReadOnly = readOnly
        self.conflictRetries = max(0, conflictRetries)
        var config = try url.connectionConfiguration()
        config.options.connectTimeout = .seconds(10)
        configuration = config
        let ids = ConnectionCounter()
        let fixed = config
        let setup = sessionSetup
        pool = ConnectionPool(limit: max(1, maxConnections)) {
            let pooled = try PostgresStore.connect(url: url, configuration: fixed, id: ids.next())
            for statement in setup.statements {
                do { _ = try PostgresStore.scalar(pooled.connection, statement) } catch {
                    try? pooled.connection.close().wait()
                    throw PostgresErrors.storeError(error)
                }
            }
            return pooled
        }
        // The first connection now: an unreachable server is an error of the open, not of
        // the first script.
        pool.give(try pool.take(), reusable: true)
        do {
            let first = try pool.take()
            do { try PostgresStore.refuseStranger(first.connection, url) } catch {
                pool.give(first, reusable: true)
                throw error
            }
            pool.give(first, reusable: true)
            if readOnly {
                try PostgresSchema.check(self)
            } else {
                try PostgresSchema.migrate(self)
            }
            access = try readTransaction { try PostgresStore.readAccess($0) }
            if access?.masked == true {
                // The engine's statements name `clients`: for this login, the masked view.
                // Every connection of the pool: the ones open now and the ones opened later.
                let statement = "SET search_path = \(PostgresRoles.maskedSchema), public"
                sessionSetup.statements = [statement]
                try pool.forEachIdle { _ = try PostgresStore.scalar($0.connection, statement) }
            }
        } catch {
            close()
            throw error
        }
    }

    private static func connect(url: PostgresURL, configuration: PostgresConnection.Configuration, id: Int) throws -> PooledConnection {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(on: loop, configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw StoreError(.other, "cannot connect to \(url): \(PostgresErrors.describe(error))")
        }
        do {
            let pid = Int32(try scalar(connection, "SELECT pg_backend_pid()") ?? 0)
            return PooledConnection(connection, pid: pid)
        } catch {
            try? connection.close().wait()
            throw PostgresErrors.storeError(error)
        }
    }

    /// Opens the store a `postgres://` or `postgresql://` argument names.
    package static func open(_ address: String, readOnly: Bool = false) throws -> PostgresStore {
        try PostgresStore(url: PostgresURL(address), readOnly: readOnly)
    }

    /// Closes the connections; transactions still running keep theirs until they end.
    package func close() { pool.close() }

    deinit { pool.close() }

    /// Connections open now (idle and in use).
    package var openConnections: Int { pool.openCount }

    package func storeError(_ error: any Error) -> StoreError? {
        if let e = error as? StoreError { return e }
        if let e = error as? PSQLError { return PostgresErrors.storeError(e, access: access) }
        return nil
    }

    package func readTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    package func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        if isReadOnly { throw StoreError(.readOnly, "the store is open read-only") }
        return try transaction("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ", body)
    }

    /// A READ COMMITTED write transaction, for the schema's migrations: after waiting for
    /// the migrators' advisory lock, each statement sees what the previous migrator
    /// committed (a REPEATABLE READ snapshot would be from before the wait).
    func schemaTransaction<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try transaction("BEGIN") { try body($0 as! PostgresTransaction) }
    }

    /// The stores with a transaction open in the running task or thread.
    @TaskLocal static var openHere: Set<ObjectIdentifier> = []

    private func transaction<T>(_ begin: String, _ body: (any StoreTransaction) throws -> T) throws -> T {
        let me = ObjectIdentifier(self)
        if PostgresStore.openHere.contains(me) {
            throw StoreError(.other, "a transaction of this store is already open here: a transaction cannot be opened inside another (nested transactions are not supported)")
        }
        let pooled = try pool.take()
        let tx = PostgresTransaction(self, pooled)
        var reusable = true
        defer { pool.give(pooled, reusable: reusable) }
        return try PostgresStore.$openHere.withValue(PostgresStore.openHere.union([me])) {
            do {
                try tx.control(begin)
            } catch {
                reusable = false
                throw error
            }
            do {
                let result = try body(tx)
                try tx.control("COMMIT")
                return result
            } catch {
                // A rollback that fails (the connection is gone) must not hide the first
                // error; the connection is then not used again.
                do { try tx.control("ROLLBACK") } catch { reusable = false }
                throw error
            }
        }
    }

    /// Another thread's Ctrl-C: the statements running now are canceled on the server.
    package func interrupt() {
        for pid in pool.busyPIDs { cancel(pid) }
    }

    /// Asks the server to cancel whatever the connection of server process `pid` is
    /// running, from a new connection (what psql's Ctrl-C does). Best effort: the query
    /// then fails with `query_canceled`, which the engine reads as interrupted.
    func cancel(_ pid: Int32) {
        let config = configuration
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        PostgresConnection.connect(on: loop, configuration: config, id: 0, logger: PostgresStore.logger).whenSuccess { c in
            var binds = PostgresBindings()
            binds.append(Int64(pid))
            c.query(PostgresQuery(unsafeSQL: "SELECT pg_cancel_backend($1::integer)", binds: binds),
                    logger: PostgresStore.logger).whenComplete { _ in
                        let closing: EventLoopFuture<Void> = c.close()
                        _ = closing
                    }
        }
    }

    /// The first column of the first row as an integer (set-up queries).
    static func scalar(_ c: PostgresConnection, _ sql: String) throws -> Int64? {
        let result = try c.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
        for row in result.rows { for cell in row { return try PostgresValues.sqlValue(cell).int64 } }
        return nil
    }
}

/// Connection ids for postgres-nio's logs.
final class ConnectionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

/// What each new connection of a store runs first; written once at open, read by the pool.
final class SessionSetup: @unchecked Sendable {
    private let lock = NSLock()
    private var _statements: [String] = []
    var statements: [String] {
        get { lock.lock(); defer { lock.unlock() }; return _statements }
        set { lock.lock(); _statements = newValue; lock.unlock() }
    }
}
