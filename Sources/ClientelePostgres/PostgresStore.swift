import Foundation
import ClienteleCore
import PostgresNIO

/// A Clientele store kept by a PostgreSQL server, behind the engine's `StorageBackend`.
///
/// The storage protocols are synchronous and postgres-nio is asynchronous (futures on an
/// event loop). The bridge: each call sends its query on the connection's event loop and the
/// calling thread (never an event-loop thread: the engine runs scripts on its own threads)
/// waits for the answer, polling every 50 ms for an interrupt request of the running script
/// (`Interruption.current`), which it turns into a cancel of the server-side query. Rows are
/// decoded on the event loop into `SQLValue`s and handed to the caller's closure on the
/// calling thread as they arrive.
///
/// One connection, one transaction at a time (a lock): the store is used by one script at a
/// time, as the SQLite store's writer is.
package final class PostgresStore: StorageBackend, @unchecked Sendable {
    package let url: PostgresURL
    package let isReadOnly: Bool
    package var dialect: any SQLDialect { PostgreSQLDialect() }
    package var schemaVersion: Int { PostgresSchema.version }

    let connection: PostgresConnection
    /// The server process of `connection`, which a cancel names.
    let backendPID: Int32
    let configuration: PostgresConnection.Configuration
    private let transactionLock = NSLock()
    /// Who this connection is on the team store (PostgresAccess.swift), read at open.
    package private(set) var access: TeamAccess?
    static let logger: Logger = {
        var l = Logger(label: "clientele.postgres")
        l.logLevel = .critical
        return l
    }()

    /// Connects to `url`; a writable store is created or migrated to this build's schema
    /// (`PostgresSchema`), a read-only one must already be at it.
    package init(url: PostgresURL, readOnly: Bool = false) throws {
        self.url = url
        self.isReadOnly = readOnly
        var config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                      password: url.password, database: url.database, tls: .disable)
        config.options.connectTimeout = .seconds(10)
        configuration = config
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        do {
            connection = try PostgresConnection.connect(on: loop, configuration: config, id: 1, logger: PostgresStore.logger).wait()
        } catch {
            throw StoreError(.other, "cannot connect to \(url): \(PostgresErrors.describe(error))")
        }
        do {
            backendPID = Int32(try PostgresStore.scalar(connection, "SELECT pg_backend_pid()") ?? 0)
        } catch {
            try? connection.close().wait()
            throw PostgresErrors.storeError(error)
        }
        do {
            try PostgresStore.refuseStranger(connection, url)
            if readOnly {
                try PostgresSchema.check(self)
            } else {
                try PostgresSchema.migrate(self)
            }
            access = try readTransaction { try PostgresStore.readAccess($0) }
            if access?.masked == true {
                // The engine's statements name `clients`: for this login, the masked view.
                _ = try PostgresStore.scalar(connection, "SET search_path = \(PostgresRoles.maskedSchema), public")
            }
        } catch {
            close()
            throw error
        }
    }

    /// Opens the store a `postgres://` or `postgresql://` argument names.
    package static func open(_ address: String, readOnly: Bool = false) throws -> PostgresStore {
        try PostgresStore(url: PostgresURL(address), readOnly: readOnly)
    }

    package func close() {
        try? connection.close().wait()
    }

    deinit { if !connection.isClosed { try? connection.close().wait() } }

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
        return try transaction("BEGIN", body)
    }

    private func transaction<T>(_ begin: String, _ body: (any StoreTransaction) throws -> T) throws -> T {
        transactionLock.lock()
        defer { transactionLock.unlock() }
        let tx = PostgresTransaction(self)
        try tx.control(begin)
        do {
            let result = try body(tx)
            try tx.control("COMMIT")
            return result
        } catch {
            // A rollback that fails (the connection is gone) must not hide the first error.
            try? tx.control("ROLLBACK")
            throw error
        }
    }

    /// Another thread's Ctrl-C: the statement running now is canceled on the server.
    package func interrupt() { cancelRunningQuery() }

    /// Asks the server to cancel whatever this store's connection is running, from a second
    /// connection (what psql's Ctrl-C does). Best effort: the query then fails with
    /// `query_canceled`, which the engine reads as interrupted.
    func cancelRunningQuery() {
        let pid = backendPID
        let config = configuration
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        PostgresConnection.connect(on: loop, configuration: config, id: 2, logger: PostgresStore.logger).whenSuccess { c in
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
