import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The in-memory order facts (FactsCache, OrderFacts) must give exactly the answers of the
/// SQL over the orders: on random stores, after random inserts, updates and deletes of
/// orders and payments (by this engine or another connection), for every per-client
/// measure and segmentation, over several periods and reference dates.
final class FactsCacheTests: XCTestCase {
    /// Queries that exercise every measure and segmentation the facts can serve.
    static let queries = [
        "clients | sort id | select id, turnover, orders_count, avg_order, first_order, last_order, days_since_last_order",
        "clients | sort id | select id, late_payments, max_overdue_days, unpaid, risk",
        "clients | sort id | select id, abc, importance, rfm, rfm_r, rfm_f, rfm_m, status",
        "clients | sort id | select id, turnover(2024), abc(2024), rfm(2024), importance(last 3 months), late_payments(2025-03)",
        "clients | group abc agg n = count(), t = sum(turnover)",
        "clients | group region, importance agg n = count()",
        "clients | where rfm != null | group rfm agg n = count()",
        "orders | where client.abc == \"A\" | group client.region agg n = count(), t = sum(net)",
        "clients | where turnover > 1000 | sort turnover desc, id | take 10 | select id, name, turnover",
    ]

    func answers(_ engine: Engine, script: String = "") throws -> String { try Self.answers(engine, script: script) }

    static func answers(_ engine: Engine, script: String = "") throws -> String {
        var out = ""
        for q in FactsCacheTests.queries {
            out += "# \(q)\n" + engine.transcript(script + q, width: 400)
        }
        return out
    }

    /// The SQL path (no facts, no order scan) on `store`, and the facts on another connection.
    func engines(_ store: Store, today: String) -> (sql: Engine, cached: Engine) {
        let cachedStore = try! Store(path: store.path)
        cachedStore.facts.currentMode = .always
        store.facts.currentMode = .off
        store.facts.scansOrders = false
        let day = CalendarDate(iso: today)!
        return (Engine(store: store, session: Session(today: day)), Engine(store: cachedStore, session: Session(today: day)))
    }

    /// Without the facts, with one scan of the orders per statement (OrderScan), on another connection.
    func scanEngine(_ store: Store, today: String) -> Engine { Self.scanEngine(store, today: today) }

    static func scanEngine(_ store: Store, today: String) -> Engine {
        let scanStore = try! Store(path: store.path)
        scanStore.facts.currentMode = .off
        scanStore.facts.scansOrders = true
        return Engine(store: scanStore, session: Session(today: CalendarDate(iso: today)!))
    }

    func testAnswersEqualTheSQLOnRandomStoresAfterRandomWrites() throws {
        for seed in [3, 11] {
            let store = try TemporaryStore.demo("facts\(seed)", DemoOptions(clients: 120, years: 2, seed: UInt64(seed)))
            let (sql, cached) = engines(store, today: "2025-12-31")
            let scanned = scanEngine(store, today: "2025-12-31")
            var r = SeededRandom(seed: UInt64(seed) * 7919)
            var builds = 0
            for round in 0..<12 {
                let settings = round % 3 == 1 ? "set stored abc.method = \"share\"\n" : (round % 3 == 2 ? "set stored importance.per = \"region\"\n" : "")
                if !settings.isEmpty { try sql.run(settings) }
                let expected = try answers(sql)
                let actual = try answers(cached)
                XCTAssertEqual(actual, expected, "seed \(seed), round \(round)")
                XCTAssertEqual(try answers(scanned), expected, "order scan: seed \(seed), round \(round)")
                XCTAssertGreaterThan(cached.store.facts.builds, builds, "round \(round): the facts were rebuilt after the change")
                builds = cached.store.facts.builds
                try randomWrites(store, &r)
            }
        }
    }

    /// Inserts, updates and deletes of orders and payments, through SQL on the store's own
    /// connection (the cached engine has another one and must notice).
    func randomWrites(_ store: Store, _ r: inout SeededRandom) throws { try Self.randomWrites(store, &r) }

    static func randomWrites(_ store: Store, _ r: inout SeededRandom) throws {
        try store.write { db in
            let orderIDs = try Int64.fetchAll(db, sql: "SELECT id FROM orders ORDER BY id")
            let clientIDs = try Int64.fetchAll(db, sql: "SELECT id FROM clients ORDER BY id")
            let paymentIDs = try Int64.fetchAll(db, sql: "SELECT id FROM payments ORDER BY id")
            func day(_ year: Int) -> String { String(format: "%04d-%02d-%02d", year, r.int(1...12), r.int(1...28)) }
            for _ in 0..<r.int(1...6) {
                switch r.int(0...6) {
                case 0:
                    let net = r.int(1...300_000)
                    try db.execute(sql: """
                        INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor, status) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [clientIDs[r.int(0...clientIDs.count - 1)], day(r.int(2024...2025)), day(2025), net, net,
                                         ["shipped", "shipped", "returned", "cancelled"][r.int(0...3)]])
                case 1:
                    try db.execute(sql: "DELETE FROM orders WHERE id = ?", arguments: [orderIDs[r.int(0...orderIDs.count - 1)]])
                case 2:
                    // gross follows net: the store keeps net = gross - discount.
                    try db.execute(sql: "UPDATE orders SET net_minor = ?1, gross_minor = ?1 + discount_minor, order_date = ?2 WHERE id = ?3",
                                   arguments: [r.int(0...500_000), day(r.int(2024...2025)), orderIDs[r.int(0...orderIDs.count - 1)]])
                case 3:
                    try db.execute(sql: "UPDATE orders SET status = ?, client_id = ? WHERE id = ?",
                                   arguments: [["shipped", "returned"][r.int(0...1)], clientIDs[r.int(0...clientIDs.count - 1)],
                                               orderIDs[r.int(0...orderIDs.count - 1)]])
                case 4:
                    try db.execute(sql: "INSERT INTO payments(order_id, date, amount_minor) VALUES (?, ?, ?)",
                                   arguments: [orderIDs[r.int(0...orderIDs.count - 1)], day(2025), r.int(1...200_000)])
                case 5:
                    try db.execute(sql: "UPDATE payments SET date = ?, amount_minor = ? WHERE id = ?",
                                   arguments: [day(r.int(2024...2025)), r.int(1...200_000), paymentIDs[r.int(0...paymentIDs.count - 1)]])
                default:
                    try db.execute(sql: "DELETE FROM payments WHERE id = ?", arguments: [paymentIDs[r.int(0...paymentIDs.count - 1)]])
                }
            }
        }
    }

    func testScenarioComparisonsAreTheSameWithTheFacts() throws {
        let store = try TemporaryStore.demo("compare", DemoOptions(clients: 150, years: 2, seed: 21))
        let setup = """
            scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }
            scenario "A from 400, B 4%" {
              set abc.a_min = 400
              rule "Volume B": discount 4% when abc == "B" priority 20
              assume volume +2% per discount point for abc == "B"
            }
            scenario "share" { set abc.method = "share" }
            """
        let (sql, cached) = engines(store, today: "2025-12-31")
        XCTAssertFalse(sql.transcript(setup).contains("error"))
        for period in ["last 12 months", "2025", "last 18 months"] {
            let script = "compare baseline, \"A to 7%\", \"A from 400, B 4%\", \"share\" over \(period)"
            let expected = sql.transcript(script, width: 300)
            XCTAssertTrue(expected.contains("A to 7%"), expected)
            XCTAssertEqual(cached.transcript(script, width: 300), expected, period)
            XCTAssertEqual(scanEngine(store, today: "2025-12-31").transcript(script, width: 300), expected, "order scan: \(period)")
        }
        XCTAssertGreaterThan(cached.store.facts.builds, 0)
    }

    /// Client positions come from the id alone when ids have no gaps, from a table by id
    /// when they have some, from a dictionary when they are sparse: the same answers.
    func testEveryLayoutOfClientIDsGivesTheSameAnswers() throws {
        let store = try TemporaryStore.demo("factsIDs", DemoOptions(clients: 80, years: 2, seed: 9))
        let (sql, cached) = engines(store, today: "2025-12-31")
        let scanned = scanEngine(store, today: "2025-12-31")
        XCTAssertEqual(try answers(cached), try answers(sql), "ids without gaps")
        XCTAssertEqual(try answers(scanned), try answers(sql), "order scan: ids without gaps")
        try store.write { try $0.execute(sql: "DELETE FROM clients WHERE id % 7 = 3") }
        XCTAssertEqual(try answers(cached), try answers(sql), "ids with gaps")
        XCTAssertEqual(try answers(scanned), try answers(sql), "order scan: ids with gaps")
        try store.write { db in
            try db.execute(sql: "INSERT INTO clients (id, name, region) VALUES (1000000000, 'Далёкий', 'North')")
            try db.execute(sql: """
                INSERT INTO orders (number, client_id, order_date, due_date, gross_minor, net_minor)
                VALUES ('F-1', 1000000000, '2025-06-01', '2025-06-15', 5000000, 5000000)
                """)
        }
        let sparse = try answers(sql)
        XCTAssertTrue(sparse.contains("1000000000"), sparse)
        XCTAssertEqual(try answers(cached), sparse, "sparse ids")
        XCTAssertEqual(try answers(scanned), sparse, "order scan: sparse ids")
        XCTAssertGreaterThanOrEqual(cached.store.facts.builds, 3)
    }

    func testAStaleSnapshotIsNeverUsed() throws {
        let store = try TemporaryStore.demo("stale", DemoOptions(clients: 60, years: 1, seed: 4))
        let (sql, cached) = engines(store, today: "2025-12-31")
        let query = "clients | sort id | select id, turnover, abc"
        XCTAssertEqual(cached.transcript(query), sql.transcript(query))
        XCTAssertEqual(cached.store.facts.builds, 1)
        // Another connection changes an order: the snapshot no longer answers.
        try store.write { try $0.execute(sql: "UPDATE orders SET net_minor = net_minor + 123456, gross_minor = gross_minor + 123456 WHERE id = (SELECT min(id) FROM orders WHERE status = 'shipped' AND order_date >= '2025-06-01')") }
        cached.store.facts.currentMode = .off
        XCTAssertEqual(cached.transcript(query), sql.transcript(query), "with the cache off: plain SQL sees the change")
        cached.store.facts.currentMode = .always
        XCTAssertEqual(cached.transcript(query), sql.transcript(query), "rebuilt at the new version")
        XCTAssertEqual(cached.store.facts.builds, 2)
        // A change to a column the facts do not carry does not cost a rebuild.
        try store.write { try $0.execute(sql: "UPDATE orders SET number = 'X-1' WHERE id = 1") }
        XCTAssertEqual(cached.transcript(query), sql.transcript(query))
        XCTAssertEqual(cached.store.facts.builds, 2)
    }

    func testWritesInTheSameScriptAreSeen() throws {
        let engine = try Fixture.engine()
        engine.store.facts.currentMode = .always
        let before = engine.transcript("clients | where id == 1 | select turnover")
        XCTAssertTrue(before.contains("665.00"), before)
        // A script that adds an order and then asks: the query sees its own transaction.
        let out = engine.transcript("""
            add orders client: 1, order_date: 2025-12-01, gross: 1000
            clients | where id == 1 | select turnover
            """)
        XCTAssertTrue(out.contains("1,665.00") || out.contains("1665.00"), out)
        let sqlEngine = Engine(store: engine.store, session: engine.session)
        engine.store.facts.currentMode = .off
        XCTAssertEqual(sqlEngine.transcript("clients | where id == 1 | select turnover"),
                       engine.transcript("clients | where id == 1 | select turnover"))
    }

    func testAutomaticModeBuildsOnTheSecondQuestion() throws {
        let engine = try Fixture.engine()
        XCTAssertEqual(engine.store.facts.currentMode, .automatic)
        _ = engine.transcript("clients | count")
        XCTAssertEqual(engine.store.facts.builds, 0, "a query without measures needs no facts")
        _ = engine.transcript("clients | select turnover")
        XCTAssertEqual(engine.store.facts.builds, 0, "the first question runs as SQL")
        _ = engine.transcript("clients | select abc")
        XCTAssertEqual(engine.store.facts.builds, 1, "the second builds the facts")
        _ = engine.transcript("clients | select rfm")
        XCTAssertEqual(engine.store.facts.builds, 1, "and later ones reuse them")
        XCTAssertNotNil(engine.store.facts.ordersHeld)
        engine.store.facts.currentMode = .off
        engine.store.facts.clear()
        _ = engine.transcript("clients | select abc")
        _ = engine.transcript("clients | select abc")
        XCTAssertEqual(engine.store.facts.builds, 1, "off never builds")
    }

    /// Planning decides that the facts will be used; building them waits until the statement
    /// runs, so `explain` builds nothing, and a build it planned does not block the next one.
    func testExplainBuildsNothing() throws {
        let engine = try Fixture.engine()
        engine.store.facts.currentMode = .always
        let plan = engine.transcript("explain clients | select id, turnover, abc")
        XCTAssertTrue(plan.contains("-- computed per client in Swift from the order facts in memory: "), plan)
        XCTAssertEqual(engine.store.facts.builds, 0, "explain built nothing")
        _ = engine.transcript("clients | select id, turnover, abc")
        XCTAssertEqual(engine.store.facts.builds, 1, "running the query builds")

        let automatic = try Fixture.engine()
        _ = automatic.transcript("clients | select abc")
        _ = automatic.transcript("explain clients | select abc")
        XCTAssertEqual(automatic.store.facts.builds, 0, "the second question was only explained")
        _ = automatic.transcript("clients | select abc")
        XCTAssertEqual(automatic.store.facts.builds, 1, "the next question builds")
    }

    func testAComparisonIsOneQuestion() throws {
        let engine = try Fixture.engine()
        XCTAssertFalse(engine.transcript(#"scenario "A 400" { set abc.a_min = 400 }"#).contains("error"))
        let script = #"compare baseline, "A 400" over 2025"#
        let first = engine.transcript(script)
        XCTAssertTrue(first.contains("clients A"), first)
        XCTAssertEqual(engine.store.facts.builds, 0, "the first question runs as SQL, however many contexts it compiles")
        XCTAssertEqual(engine.transcript(script), first)
        XCTAssertEqual(engine.store.facts.builds, 1, "the second builds the facts")
    }

    func testWarmInBackgroundThenQueriesUseIt() throws {
        let engine = try Fixture.engine()
        let done = expectation(description: "warm")
        engine.store.facts.warmInBackground { done.fulfill() }
        wait(for: [done], timeout: 30)
        XCTAssertEqual(engine.store.facts.builds, 1)
        _ = engine.transcript("clients | select abc")
        XCTAssertEqual(engine.store.facts.builds, 1, "the background snapshot answers")
        let explain = engine.transcript("explain clients | select turnover")
        XCTAssertTrue(explain.contains("CLIENTELE_COLUMN("), explain)
    }

    func testAStoreWhoseFactsExceedTheMemoryLimitStaysOnSQLUnlessAskedFor() throws {
        let engine = try Fixture.engine()
        let facts = engine.store.facts
        let orders = try engine.store.read { try Int.fetchOne($0, sql: "SELECT max(rowid) FROM orders") } ?? 0
        let clients = try engine.store.read { try Int.fetchOne($0, sql: "SELECT max(rowid) FROM clients") } ?? 0
        XCTAssertGreaterThan(orders, 0)
        facts.memoryLimit = orders * 32 + clients * 64 - 1
        let sql = engine.transcript("clients | sort id | select id, abc, turnover, risk")
        for _ in 0..<3 { XCTAssertEqual(engine.transcript("clients | sort id | select id, abc, turnover, risk"), sql) }
        XCTAssertEqual(facts.builds, 0, "automatic mode does not build over the limit")
        XCTAssertEqual(facts.refusedBytes, orders * 32 + clients * 64)
        let done = expectation(description: "warm")
        facts.warmInBackground { done.fulfill() }
        wait(for: [done], timeout: 30)
        XCTAssertEqual(facts.builds, 0, "nor does the background load")
        facts.currentMode = .always
        XCTAssertEqual(engine.transcript("clients | sort id | select id, abc, turnover, risk"), sql)
        XCTAssertEqual(facts.builds, 1, "always builds regardless")
        XCTAssertNil(facts.refusedBytes)
        XCTAssertEqual(FactsCache.defaultMemoryLimit, Int(ProcessInfo.processInfo.physicalMemory / 4))
    }

    /// A snapshot built inside a transaction that then rolls back holds an order that never
    /// was; a later commit brings the counter to the same value with another order. The
    /// snapshot must have been forgotten at the rollback.
    func testASnapshotMadeInATransactionThatRollsBackIsForgotten() throws {
        let engine = try Fixture.engine()
        let store = engine.store
        store.facts.currentMode = .always
        let ask = "clients | where id == 1 | select turnover"
        XCTAssertTrue(engine.transcript(ask).contains("665.00"))
        struct Abandoned: Error {}
        XCTAssertThrowsError(try store.write { db in
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-12-01', '2025-12-11', 100000, 100000)")
            XCTAssertNotNil(store.facts.facts(for: db), "built inside the transaction, with its order")
            throw Abandoned()
        })
        try store.write { db in
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-12-01', '2025-12-11', 700, 700)")
        }
        let cached = engine.transcript(ask)
        store.facts.currentMode = .off
        let sql = engine.transcript(ask)
        XCTAssertTrue(sql.contains("672.00"), sql)
        XCTAssertEqual(cached, sql)
    }

    func testAnOldStoreOpenedReadOnlyKeepsToSQL() throws {
        let path = TemporaryStore.path("old")
        let store = try Store(path: path)
        try store.write { db in
            try db.execute(sql: "DROP TABLE facts_version")
        }
        let ro = try Store(path: path, readOnly: true)
        ro.facts.currentMode = .always
        let engine = Engine(store: ro, session: Session(today: Fixture.today))
        XCTAssertEqual(engine.transcript("clients | count"), "0\n")
        _ = engine.transcript("clients | select abc")
        XCTAssertEqual(ro.facts.builds, 0)
    }

    func testABulkOrderImportMovesTheVersionOnceAndPutsTheTriggersBack() throws {
        let store = try Fixture.store()
        try store.write { db in
            let before = FactsVersionMigration.read(db)!
            let rebuild = try IndexRebuild(db, table: "orders", expectedRows: 100, minimumRows: 0)
            XCTAssertTrue(rebuild.isActive)
            // Only the insert trigger goes: updates and deletes still count (as rewrites).
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'orders_facts_%' ORDER BY name"),
                           ["orders_facts_delete", "orders_facts_update"])
            let rewrites = try Int.fetchOne(db, sql: "SELECT rewrites FROM facts_version")!
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-12-01', '2025-12-11', 5, 5)")
            XCTAssertEqual(FactsVersionMigration.read(db), before, "no per-row bump while suspended")
            try rebuild.restore(db)
            XCTAssertEqual(FactsVersionMigration.read(db), before + 1)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT rewrites FROM facts_version"), rewrites, "an insert at the top is no rewrite")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name LIKE 'orders_facts_%'"), 3)
            try db.execute(sql: "DELETE FROM orders WHERE gross_minor = 5")
            XCTAssertEqual(FactsVersionMigration.read(db), before + 2)
        }
    }

    /// After the newest orders were deleted, an import's new rows take their ids again (at or
    /// below the stamp's top): a rewrite, so the persisted columns are rebuilt, not appended to.
    func testAnImportReusingTheIdsOfDeletedOrdersIsARewrite() throws {
        let store = try Fixture.store()
        try store.write { db in
            try db.execute(sql: "DELETE FROM orders WHERE id = (SELECT max(id) FROM orders)")
            let rewrites = try Int.fetchOne(db, sql: "SELECT rewrites FROM facts_version")!
            let mark = try FactsVersionMigration.suspendInserts(db)
            XCTAssertNotNil(mark)
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-12-01', '2025-12-11', 5, 5)")
            try FactsVersionMigration.restoreInserts(db, mark)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT rewrites FROM facts_version"), rewrites + 1)
        }
    }

    func testDayTextRoundTripsAndRefusesNonDates() {
        for iso in ["0001-01-01", "1999-12-31", "2024-02-29", "2025-12-31", "9999-12-31"] {
            let d = DayText.day(iso)
            XCTAssertNotNil(d, iso)
            var bytes = [UInt8](repeating: 0, count: 10)
            bytes.withUnsafeMutableBufferPointer { DayText.write(d!, into: $0.baseAddress!) }
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), iso)
        }
        for bad in ["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "", "2025-01-01 "] {
            XCTAssertNil(DayText.day(bad), bad)
        }
    }

    func testRFMScoresMatchSQLiteNtileOnSmallAndTiedSets() throws {
        // Clients 1...n with one order each (turnover v): the m score computed in Swift
        // against SQLite's own NTILE(5) + lowest-score-among-equals, for every n up to 13.
        let db = try DatabaseQueue()
        var r = SeededRandom(seed: 5)
        for size in 1...13 {
            for _ in 0..<4 {
                let values = (0..<size).map { _ in Int64(r.int(1...4)) }
                let rows = values.enumerated().map { "(\($0.offset + 1), \($0.element))" }.joined(separator: ",")
                let expected = try db.read { db in
                    try Int64.fetchAll(db, sql: """
                        WITH t(id, v) AS (VALUES \(rows))
                        SELECT MIN(nt) OVER (PARTITION BY v) AS m FROM (SELECT id, v, NTILE(5) OVER (ORDER BY v, id) AS nt FROM t) ORDER BY id
                        """)
                }
                let n = values.count
                let facts = OrderFacts(version: 1, clients: ClientPositions((1...n).map(Int64.init)), day: [Int32](repeating: 700_000, count: n),
                                       client: (0..<n).map(Int32.init), net: values, due: [Int32](repeating: 700_000, count: n),
                                       paid: values, lastPaid: [Int32](repeating: OrderFacts.none, count: n))
                let rfm = try facts.sales(from: nil, to: nil).rfm()
                XCTAssertEqual((0..<n).map { rfm.value(2, $0) }, expected, "values \(values)")
            }
        }
    }
}
