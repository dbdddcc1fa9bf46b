import XCTest
import ClienteleCore
import ClientelePostgres

/// A `PostgresStore` serves many sessions at once: a connection per running transaction
/// from a bounded pool, a nested transaction refused, a broken connection replaced, and
/// write conflicts reported as `conflict` (which the engine retries).
final class PostgresConnectionTests: PostgresTestCase {
    /// Waits for `semaphore`; a test that would otherwise hang forever (a deadlock) fails.
    private func waitFor(_ semaphore: DispatchSemaphore, _ what: String) {
        XCTAssertEqual(semaphore.wait(timeout: .now() + 60), .success, "never happened: \(what)")
    }

    func testTwoTransactionsRunAtOnceOnTwoConnections() throws {
        let pg = try newStore()
        defer { pg.close() }
        try pg.writeTransaction { try $0.execute("INSERT INTO clients (id, name) VALUES (1, 'A')") }
        let firstOpen = DispatchSemaphore(value: 0), secondDone = DispatchSemaphore(value: 0)
        var firstPID: Int64?, secondPID: Int64?, secondSaw: Int64?, firstError: (any Error)?
        let first = Thread {
            do {
                try pg.readTransaction { tx in
                    firstPID = try tx.fetchOne("SELECT pg_backend_pid()")?.first?.int64
                    firstOpen.signal()
                    // Still inside its transaction while the second runs and commits.
                    _ = secondDone.wait(timeout: .now() + 60)
                }
            } catch { firstError = error }
        }
        first.start()
        waitFor(firstOpen, "the first transaction began")
        try pg.writeTransaction { tx in
            secondPID = try tx.fetchOne("SELECT pg_backend_pid()")?.first?.int64
            try tx.execute("UPDATE clients SET outlets = 5 WHERE id = 1")
        }
        secondSaw = try pg.readTransaction { try $0.fetchOne("SELECT outlets FROM clients WHERE id = 1")?.first?.int64 }
        secondDone.signal()
        while !first.isFinished { usleep(1000) }
        XCTAssertNil(firstError)
        XCTAssertNotNil(firstPID)
        XCTAssertNotEqual(firstPID, secondPID, "each transaction has a connection of its own")
        XCTAssertEqual(secondSaw, 5)
        XCTAssertEqual(pg.openConnections, 2)
    }

    func testANestedTransactionIsRefusedNotADeadlock() throws {
        let pg = try newStore()
        defer { pg.close() }
        XCTAssertThrowsError(try pg.readTransaction { _ in
            try pg.writeTransaction { try $0.execute("DELETE FROM settings") }
        }) { e in
            XCTAssertEqual("\(e)", "a transaction of this store is already open here: a transaction cannot be opened inside another (nested transactions are not supported)")
        }
        XCTAssertThrowsError(try pg.writeTransaction { _ in try pg.readTransaction { _ in } })
        // Nothing was deleted, and the store goes on.
        XCTAssertGreaterThan(try pg.readTransaction { try $0.fetchOne("SELECT count(*) FROM settings")?.first?.int64 } ?? 0, 0)
    }

    func testMoreTransactionsThanConnectionsWaitTheirTurn() throws {
        let url = try scratchDatabase()
        let pg = try PostgresStore(url: url, maxConnections: 2)
        defer { pg.close() }
        try pg.writeTransaction { try $0.execute("INSERT INTO clients (id, name, outlets) VALUES (1, 'A', 1)") }
        let group = DispatchGroup()
        let lock = NSLock()
        var errors: [String] = []
        var pids = Set<Int64>()
        for _ in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                for _ in 0..<5 {
                    do {
                        let pid = try pg.readTransaction { tx -> Int64? in
                            try tx.execute("SELECT pg_sleep(0.01)")
                            return try tx.fetchOne("SELECT pg_backend_pid()")?.first?.int64
                        }
                        lock.withLock { if let pid { pids.insert(pid) } }
                    } catch {
                        lock.withLock { errors.append("\(error)") }
                    }
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
        XCTAssertEqual(errors, [])
        XCTAssertLessThanOrEqual(pids.count, 2, "never more than maxConnections connections")
        XCTAssertLessThanOrEqual(pg.openConnections, 2)
    }

    func testABrokenConnectionIsReplaced() throws {
        let pg = try newStore()
        defer { pg.close() }
        XCTAssertThrowsError(try pg.readTransaction { try $0.execute("SELECT pg_terminate_backend(pg_backend_pid())") })
        XCTAssertEqual(try pg.readTransaction { try $0.fetchOne("SELECT 1")?.first }, .integer(1))
        XCTAssertEqual(pg.openConnections, 1)
    }

    /// Two sessions change the same client from what each read: the second to write fails
    /// with a conflict (REPEATABLE READ) instead of overwriting the first's change.
    func testAWriteOverAConcurrentChangeIsAConflictNotALostUpdate() throws {
        let pg = try newStore()
        defer { pg.close() }
        try pg.writeTransaction { try $0.execute("INSERT INTO clients (id, name, outlets) VALUES (1, 'A', 1)") }
        XCTAssertThrowsError(try pg.writeTransaction { tx in
            let read = try tx.fetchOne("SELECT outlets FROM clients WHERE id = 1")?.first?.int64 ?? 0
            // Another session adds 10 and commits, after this one read.
            let other = Thread { try? pg.writeTransaction { try $0.execute("UPDATE clients SET outlets = outlets + 10 WHERE id = 1") } }
            other.start()
            while !other.isFinished { usleep(1000) }
            try tx.execute("UPDATE clients SET outlets = $1 WHERE id = 1", .positional([.integer(read + 1)]))
        }) { e in
            XCTAssertEqual(pg.storeError(e)?.kind, .conflict, "\(e)")
        }
        XCTAssertEqual(try pg.readTransaction { try $0.fetchOne("SELECT outlets FROM clients WHERE id = 1")?.first?.int64 }, 11)
        XCTAssertEqual(pg.conflictRetries, PostgresStore.defaultConflictRetries)
    }
}
