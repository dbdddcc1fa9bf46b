import Foundation
import ClienteleCore
import PostgresNIO

/// One server connection of a `PostgresStore`, with the server process a cancel names.
final class PooledConnection: @unchecked Sendable {
    let connection: PostgresConnection
    /// `pg_backend_pid()` of `connection`.
    let pid: Int32

    init(_ connection: PostgresConnection, pid: Int32) {
        self.connection = connection
        self.pid = pid
    }
}

/// The connections of a store: one per transaction running now, at most `limit` at once.
/// A transaction takes an idle connection, or opens a new one while fewer than `limit` are
/// open, or else waits for one to come back (watching the running script's interruption
/// while it waits). A connection comes back after COMMIT or ROLLBACK; one whose ROLLBACK
/// failed (a broken connection) is closed instead, so the next transaction opens a new one.
final class ConnectionPool: @unchecked Sendable {
    let limit: Int
    private let open: @Sendable () throws -> PooledConnection
    private let condition = NSCondition()
    private var idle: [PooledConnection] = []
    /// Connections handed out and not yet back (for `interrupt()`: cancel what they run).
    private var busy: [ObjectIdentifier: PooledConnection] = [:]
    /// Connections open or being opened (idle, busy, or a reserved slot).
    private var count = 0
    private var closed = false

    init(limit: Int, open: @escaping @Sendable () throws -> PooledConnection) {
        precondition(limit >= 1)
        self.limit = limit
        self.open = open
    }

    /// A connection for one transaction; waits while `limit` are in use.
    func take() throws -> PooledConnection {
        let interruption = Interruption.current
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw StoreError(.other, "the store is closed")
            }
            if let c = idle.popLast() {
                if c.connection.isClosed {
                    count -= 1
                    continue
                }
                busy[ObjectIdentifier(c)] = c
                condition.unlock()
                return c
            }
            if count < limit { break }
            if interruption?.isRequested == true {
                condition.unlock()
                throw StoreError.interrupted
            }
            // Woken when a connection comes back; every 50 ms to look at the interruption.
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
        count += 1
        condition.unlock()
        do {
            let c = try open()
            condition.withLock { busy[ObjectIdentifier(c)] = c }
            return c
        } catch {
            condition.withLock {
                count -= 1
                condition.signal()
            }
            throw error
        }
    }

    /// Gives `c` back after its transaction; `reusable` false (or a closed connection)
    /// closes it and frees its slot.
    func give(_ c: PooledConnection, reusable: Bool) {
        var keep = reusable && !c.connection.isClosed
        condition.withLock {
            busy[ObjectIdentifier(c)] = nil
            if closed { keep = false }
            if keep {
                idle.append(c)
            } else {
                count -= 1
            }
            condition.signal()
        }
        if !keep && !c.connection.isClosed { try? c.connection.close().wait() }
    }

    /// Runs `body` on each idle connection (at open: a session setting every connection
    /// must have). Connections opened later run the pool's `open`.
    func forEachIdle(_ body: (PooledConnection) throws -> Void) throws {
        let now: [PooledConnection] = condition.withLock { idle }
        for c in now { try body(c) }
    }

    /// The server processes of the connections in use now.
    var busyPIDs: [Int32] { condition.withLock { busy.values.map(\.pid) } }

    /// Connections open now (idle and in use), for tests and the bench.
    var openCount: Int { condition.withLock { count } }

    /// Closes the idle connections and refuses new transactions; connections in use close
    /// when they come back.
    func close() {
        let closing: [PooledConnection] = condition.withLock {
            closed = true
            let all = idle
            count -= idle.count
            idle = []
            condition.broadcast()
            return all
        }
        for c in closing { try? c.connection.close().wait() }
    }
}
