import XCTest
import Clientele
import ClienteleCore
import ClienteleSQLite
import ClientelePostgres

/// Many sessions on one team store at once (issue #17, part 8): 20 sessions run
/// segmentation queries while a curator adds orders in all-or-nothing batches and two others
/// update the same clients. Every assertion is on results: no lost update, no half-visible
/// batch, every failure a conflict said in a sentence (no deadlock left unhandled), no crash.
final class ConcurrentSessionsTests: PostgresTestCase {
    static let clients = 200
    static let batch = 20
    static let batches = 8
    static let readers = 20
    static let readsEach = 4
    static let updatesEach = 8

    /// 200 clients in four regions; 2,000 shipped orders over 2025 (none on 2025-12-30, the
    /// date of the curator's orders).
    private func teamStore() throws -> PostgresStore {
        let pg = try newStore()
        try pg.writeTransaction { tx in
            try tx.execute("""
                INSERT INTO clients (id, name, region, outlets, mall_outlets)
                SELECT g, 'Client ' || g, (ARRAY['North', 'South', 'East', 'West'])[1 + g % 4], 1, 0
                FROM generate_series(1, \(Self.clients)) g
                """)
            try tx.execute("""
                INSERT INTO orders (number, client_id, order_date, due_date, gross_minor, net_minor)
                SELECT 'N' || g, 1 + g % \(Self.clients), DATE '2025-01-01' + (g % 360), DATE '2025-01-01' + (g % 360) + 14,
                       1000 + (g * 7919) % 500000, 1000 + (g * 7919) % 500000
                FROM generate_series(1, 2000) g
                """)
        }
        return pg
    }

    private func engine(_ pg: PostgresStore) throws -> Engine {
        let local = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("pg-session-\(UUID().uuidString).sqlite").path)
        return Engine(store: local, backend: pg, session: Session(today: CalendarDate(iso: "2025-12-31")!))
    }

    private static func integer(_ output: Output?) -> Int64? {
        switch output {
        case .scalar(_, .integer(let n))?: return n
        default: return nil
        }
    }

    func testTwentySessionsWhileACuratorAddsOrdersAndOthersUpdateClients() throws {
        let pg = try teamStore()
        defer { pg.close() }
        let lock = NSLock()
        var problems: [String] = []
        func problem(_ text: String) { lock.withLock { problems.append(text) } }
        var committedBatches = 0, increments = 0, conflicts = 0, regionUpdates = 0
        let group = DispatchGroup()
        func session(_ body: @escaping () throws -> Void) {
            group.enter()
            Thread {
                defer { group.leave() }
                do { try body() } catch { problem("session failed: \(error)") }
            }.start()
        }

        // The curator: batches of orders, each one transaction (all or nothing); every third
        // batch ends with an order for a client that does not exist, so none of it remains.
        // (Through the store: the language's `add orders` and `update clients` do not run on
        // a team store yet, see docs/team.md; the engine's retry is ConflictRetryTests'.)
        session {
            for b in 0..<Self.batches {
                let doomed = b % 3 == 2
                do {
                    try pg.writeTransaction { tx in
                        for i in 0..<Self.batch {
                            let client = doomed && i == Self.batch - 1 ? 999_999 : 1 + (b * Self.batch + i) % Self.clients
                            try tx.execute("""
                                INSERT INTO orders (number, client_id, order_date, due_date, gross_minor, net_minor)
                                VALUES ($1, $2, '2025-12-30', '2026-01-13', 10000, 10000)
                                """, .positional([.text("B\(b)-\(i)"), .integer(Int64(client))]))
                        }
                    }
                    if doomed { problem("batch \(b) with an unknown client was committed") }
                    lock.withLock { committedBatches += 1 }
                } catch {
                    if !doomed || pg.storeError(error)?.kind != .constraint { problem("batch \(b) failed: \(error)") }
                }
            }
        }

        // Two sessions add to the same client's outlets, reading the value in one statement
        // and writing it in another (a read-modify-write that READ COMMITTED would lose
        // updates to), and to every North client's mall outlets.
        for s in 0..<2 {
            session {
                for i in 0..<Self.updatesEach {
                    do {
                        try pg.writeTransaction { tx in
                            let read = try tx.fetchOne("SELECT outlets FROM clients WHERE id = 1")?.first?.int64 ?? 0
                            if i % 2 == 1 { try tx.execute("UPDATE clients SET mall_outlets = mall_outlets + 1 WHERE region = 'North'") }
                            try tx.execute("UPDATE clients SET outlets = $1 WHERE id = 1", .positional([.integer(read + 1)]))
                        }
                        lock.withLock {
                            increments += 1
                            if i % 2 == 1 { regionUpdates += 1 }
                        }
                    } catch {
                        // The only acceptable failure: a conflict (which the engine would retry).
                        if pg.storeError(error)?.kind == .conflict {
                            lock.withLock { conflicts += 1 }
                        } else {
                            problem("update \(s)/\(i) failed: \(error)")
                        }
                    }
                }
            }
        }

        // Twenty sessions of segmentation queries. Each script reads one snapshot: the
        // orders counted, grouped by status and summed per region must agree, and the
        // curator's orders are whole batches.
        for r in 0..<Self.readers {
            session {
                let engine = try self.engine(pg)
                for _ in 0..<Self.readsEach {
                    let outputs = try engine.run("""
                        orders | count
                        orders | where order_date == 2025-12-30 | count
                        orders | group status agg n = count()
                        clients | group region agg n = count(), revenue = sum(turnover(2025)), orders = sum(orders_count(2025))
                        clients | group abc agg n = count()
                        """)
                    guard outputs.count == 5, let total = Self.integer(outputs[0]), let curators = Self.integer(outputs[1]),
                          case .table(let byStatus) = outputs[2], case .table(let byRegion) = outputs[3],
                          case .table(let byABC) = outputs[4] else {
                        problem("reader \(r): unexpected outputs \(outputs)")
                        return
                    }
                    if curators % Int64(Self.batch) != 0 { problem("reader \(r) saw \(curators) of the curator's orders: half a batch") }
                    if total != 2000 + curators { problem("reader \(r): \(total) orders, \(curators) added") }
                    let statusSum = byStatus.rows.reduce(Int64(0)) { $0 + (Self.int($1.last) ?? 0) }
                    if statusSum != total { problem("reader \(r): orders by status \(statusSum) != count \(total) in one script") }
                    let regionOrders = byRegion.rows.reduce(Int64(0)) { $0 + (Self.int($1.last) ?? 0) }
                    if regionOrders != total { problem("reader \(r): orders per region \(regionOrders) != count \(total)") }
                    let clientsByABC = byABC.rows.reduce(Int64(0)) { $0 + (Self.int($1.last) ?? 0) }
                    if clientsByABC != Int64(Self.clients) { problem("reader \(r): \(clientsByABC) clients by abc") }
                }
            }
        }

        XCTAssertEqual(group.wait(timeout: .now() + 600), .success, "the sessions never finished (a deadlock?)")
        XCTAssertEqual(problems, [])

        // No lost update: every increment that reported success is in the store, and none
        // that failed.
        let final = try pg.readTransaction { tx in
            (try tx.fetchOne("SELECT outlets FROM clients WHERE id = 1")?.first?.int64,
             try tx.fetchOne("SELECT min(mall_outlets), max(mall_outlets) FROM clients WHERE region = 'North'"),
             try tx.fetchOne("SELECT count(*) FROM orders WHERE order_date = '2025-12-30'")?.first?.int64)
        }
        XCTAssertEqual(final.0, 1 + Int64(increments), "increments \(increments), conflicts \(conflicts)")
        XCTAssertEqual(final.1, [.integer(Int64(regionUpdates)), .integer(Int64(regionUpdates))])
        XCTAssertEqual(increments + conflicts, 2 * Self.updatesEach)
        XCTAssertGreaterThan(increments, 0)
        XCTAssertEqual(Int64(regionUpdates), final.1?.first?.int64)
        // Every batch without the unknown client committed, and nothing of the others.
        let doomed = (0..<Self.batches).filter { $0 % 3 == 2 }.count
        XCTAssertEqual(committedBatches, Self.batches - doomed)
        XCTAssertEqual(final.2, Int64(committedBatches * Self.batch))
        XCTAssertLessThanOrEqual(pg.openConnections, pg.maxConnections)
    }

    private static func int(_ value: Value?) -> Int64? {
        if case .integer(let n)? = value { return n }
        return nil
    }
}
