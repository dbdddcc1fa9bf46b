import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The persisted order columns (issue 23: ColumnFile, ColumnStore): the three paths (SQL,
/// the order scan, the mapped columns) give the same answers on random stores after random
/// inserts, updates and deletes; a stale, foreign, truncated or damaged file, or one left
/// half-written by a crash, is never used.
final class ColumnFileTests: XCTestCase {
    let today = "2025-12-31"

    /// A new connection to the store as a new process would open it: the columns read when
    /// valid, in the automatic mode the command line uses.
    func fresh(_ path: String, readOnly: Bool = false) throws -> Engine {
        let store = try Store(path: path, readOnly: readOnly)
        store.facts.persisted = ColumnStore(storePath: path, readOnly: store.readOnly)
        return Engine(store: store, session: Session(today: CalendarDate(iso: today)!))
    }

    func sqlEngine(_ store: Store) -> Engine {
        let sql = try! Store(path: store.path)
        sql.facts.currentMode = .off
        sql.facts.scansOrders = false
        return Engine(store: sql, session: Session(today: CalendarDate(iso: today)!))
    }

    func answers(_ engine: Engine) throws -> String {
        try FactsCacheTests.answers(engine)
    }

    /// Writes the column file the way a batch run does after its questions.
    func persist(_ path: String) throws {
        let e = try fresh(path)
        _ = try answers(e)
        _ = try e.store.facts.persist()
        XCTAssertEqual(e.store.facts.columnStatus()?.state, "valid")
    }

    func status(_ path: String) throws -> String {
        let e = try fresh(path)
        return withExtendedLifetime(e) { e.store.facts.columnStatus()?.state ?? "none" }
    }

    func testTheThreePathsAgreeOnRandomStoresAfterRandomWrites() throws {
        for seed in [5, 17] {
            let store = try TemporaryStore.demo("columns\(seed)", DemoOptions(clients: 110, years: 2, seed: UInt64(seed)))
            let sql = sqlEngine(store)
            let scanned = FactsCacheTests.scanEngine(store, today: today)
            var r = SeededRandom(seed: UInt64(seed) * 104_729)
            var appended = 0
            for round in 0..<10 {
                let expected = try answers(sql)
                XCTAssertEqual(try answers(scanned), expected, "scan: seed \(seed), round \(round)")
                let before = try status(store.path)
                let first = try fresh(store.path)
                XCTAssertEqual(try answers(first), expected, "columns as found (\(before)): seed \(seed), round \(round)")
                if before == "valid" { XCTAssertEqual(first.store.facts.mapped, 1, "round \(round): a valid file is used") }
                if first.store.facts.appended > 0 { appended += 1 }
                if before == "absent" || before == "stale" { XCTAssertEqual(first.store.facts.mapped + first.store.facts.appended, 0) }
                _ = try first.store.facts.persist()
                let second = try fresh(store.path)
                XCTAssertEqual(try answers(second), expected, "columns just written: seed \(seed), round \(round)")
                XCTAssertEqual(second.store.facts.mapped, 1, "round \(round): the file just written is used")
                XCTAssertEqual(second.store.facts.builds, 0, "round \(round): nothing read from the orders")
                if round % 2 == 0 {
                    try FactsCacheTests.randomWrites(store, &r)
                } else {
                    try insertOrders(store, &r, late: round % 4 == 1)
                }
            }
            XCTAssertGreaterThan(appended, 0, "seed \(seed): some rounds appended the new orders")
        }
    }

    /// New shipped orders (and a new client), dated after every order (`late`) or anywhere.
    func insertOrders(_ store: Store, _ r: inout SeededRandom, late: Bool) throws {
        try store.write { db in
            try db.execute(sql: "INSERT INTO clients(name) VALUES (?)", arguments: ["New \(r.int(1...1_000_000))"])
            let clientIDs = try Int64.fetchAll(db, sql: "SELECT id FROM clients ORDER BY id")
            let last = try String.fetchOne(db, sql: "SELECT max(order_date) FROM orders") ?? "2025-01-01"
            for _ in 0..<r.int(1...4) {
                let day = late ? last : String(format: "2025-%02d-%02d", r.int(1...12), r.int(1...28))
                let net = r.int(1...300_000)
                try db.execute(sql: """
                    INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor, status) VALUES (?, ?, ?, ?, ?, 'shipped')
                    """, arguments: [clientIDs[r.int(0...clientIDs.count - 1)], day, "2026-01-15", net, net])
            }
        }
    }

    func testOrdersAddedAfterTheFileAreAppendedAndEarlierOnesRebuild() throws {
        let store = try TemporaryStore.demo("append", DemoOptions(clients: 60, years: 2, seed: 4))
        try persist(store.path)
        var r = SeededRandom(seed: 99)
        try insertOrders(store, &r, late: true)
        let e = try assertAppended(store)
        XCTAssertEqual(e.store.facts.builds, 1, "the appended snapshot counts as one made")
        // An update of an order is a rewrite: the file is stale and not appended to.
        try store.write { db in try db.execute(sql: "UPDATE orders SET net_minor = net_minor + 0, gross_minor = gross_minor WHERE id = (SELECT min(id) FROM orders)") }
        try assertRebuilt(store)
    }

    /// The file is stale by orders added since; a new connection appends them (the SQL's
    /// answers) and writes the file back, valid again.
    @discardableResult
    func assertAppended(_ store: Store, file: StaticString = #filePath, line: UInt = #line) throws -> Engine {
        let stale = try status(store.path)
        XCTAssertTrue(stale.hasPrefix("stale (orders added since"), stale, file: file, line: line)
        let e = try fresh(store.path)
        XCTAssertEqual(try answers(e), try answers(sqlEngine(store)), file: file, line: line)
        XCTAssertEqual(e.store.facts.appended, 1, "the new orders were appended, not rebuilt", file: file, line: line)
        XCTAssertTrue(try e.store.facts.persist(), "the appended file is written", file: file, line: line)
        XCTAssertEqual(try status(store.path), "valid", file: file, line: line)
        return e
    }

    /// The file is stale by a rewrite: neither mapped nor appended to; the SQL's answers.
    func assertRebuilt(_ store: Store, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try status(store.path), "stale", file: file, line: line)
        let after = try fresh(store.path)
        XCTAssertEqual(try answers(after), try answers(sqlEngine(store)), file: file, line: line)
        XCTAssertEqual(after.store.facts.mapped + after.store.facts.appended, 0, file: file, line: line)
    }

    /// Today's import (new orders only) is appended to the file; an import that changes
    /// existing orders (matched by number) is a rewrite.
    func testAnImportOfNewOrdersIsAppendedAndOneThatChangesOrdersRebuilds() throws {
        let store = try TemporaryStore.demo("import-append", DemoOptions(clients: 60, years: 2, seed: 5))
        let dir = TemporaryStore.folder("import-append-files")
        let script = dir.appendingPathComponent("job.clq").path
        let e0 = Engine(store: store, session: Session(today: CalendarDate(iso: today)!))
        _ = try e0.run("""
            export orders | where status == "shipped" | sort id | take 25 | select order_date = 2025-12-31, client_tax_id = client.tax_id, gross, discount, net, due_date = 2026-01-30 to "new.csv"
            export orders | where status == "shipped" | sort id | take 3 | select number, order_date, client_tax_id = client.tax_id, gross = gross + 1, discount, net = net + 1, due_date to "changed.csv"
            """, origin: script)
        try persist(store.path)
        let imported = e0.transcript(#"import "new.csv" into orders map "client_tax_id" to client"#, origin: script)
        XCTAssertFalse(imported.contains("error"), imported)
        try assertAppended(store)
        let changed = e0.transcript(#"import "changed.csv" into orders map "client_tax_id" to client"#, origin: script)
        XCTAssertFalse(changed.contains("error"), changed)
        try assertRebuilt(store)
    }

    func testTheRewriteCountMovesOnEverythingButInsertsAtTheTop() throws {
        let store = try TemporaryStore.demo("rewrites", DemoOptions(clients: 20, years: 1, seed: 2))
        func stamp() throws -> FactsStamp { try store.read { db in FactsStamp.read(db, version: FactsVersionMigration.read(db)!) } }
        let s0 = try stamp()
        try store.write { db in
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-12-01', '2025-12-11', 5, 5)")
        }
        let s1 = try stamp()
        XCTAssertEqual(s1.rewrites, s0.rewrites)
        XCTAssertEqual(s1.top, s0.top! + 1)
        XCTAssertGreaterThan(s1.version, s0.version)
        try store.write { db in
            let top = try Int64.fetchOne(db, sql: "SELECT max(id) FROM orders")!
            try db.execute(sql: "DELETE FROM orders WHERE id = ?", arguments: [top])
            // The same id again: not above the top, so a rewrite as well.
            try db.execute(sql: """
                INSERT INTO orders(id, client_id, order_date, due_date, gross_minor, net_minor) VALUES (?, 1, '2025-12-01', '2025-12-11', 7, 7)
                """, arguments: [top])
        }
        let s2 = try stamp()
        XCTAssertEqual(s2.rewrites, s1.rewrites! + 2)
        try store.write { db in try db.execute(sql: "UPDATE orders SET status = 'returned' WHERE id = 1") }
        XCTAssertEqual(try stamp().rewrites, s2.rewrites! + 1)
    }

    /// The orders appended to a file are found by rowid, never by walking the date index
    /// (which made "one order added, then a question" cost a pass over every order).
    func testTheAppendedOrdersAreReadByRowidNotByTheDateIndex() throws {
        let store = try TemporaryStore.demo("tailplan", DemoOptions(clients: 30, years: 1, seed: 4))
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ColumnStore.tailSQL, arguments: [1]).map { $0["detail"] as String }
        }
        XCTAssertEqual(plan, ["SEARCH orders USING INTEGER PRIMARY KEY (rowid>?)", "USE TEMP B-TREE FOR ORDER BY"])
    }

    /// A file that is not what it claims is never used; the answers stay the SQL's.
    func assertRejected(_ path: String, _ expected: String, because reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let state = try status(path)
        XCTAssertTrue(state.contains(reason), state, file: file, line: line)
        let e = try fresh(path)
        XCTAssertEqual(try answers(e), expected, file: file, line: line)
        XCTAssertEqual(e.store.facts.mapped, 0, file: file, line: line)
    }

    func testATruncatedOrBitFlippedFileIsNeverUsed() throws {
        let store = try TemporaryStore.demo("damage", DemoOptions(clients: 50, years: 2, seed: 8))
        let expected = try answers(sqlEngine(store))
        let path = store.path + ".columns"
        try persist(store.path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertGreaterThan(good.count, ColumnFile.headerSize)

        try good.prefix(good.count - 64).write(to: URL(fileURLWithPath: path))
        try assertRejected(store.path, expected, because: "truncated")
        try good.prefix(100).write(to: URL(fileURLWithPath: path))
        try assertRejected(store.path, expected, because: "truncated")

        // Header: magic, format, token, counter, a count, a section, the checksum itself.
        for (offset, reason) in [(2, "not a column file"), (8, "format"), (20, "checksum"), (49, "checksum"), (73, "checksum"),
                                 (130, "checksum"), (ColumnFile.headerChecked, "checksum")] {
            var bad = good
            bad[offset] ^= 0x10
            try bad.write(to: URL(fileURLWithPath: path))
            try assertRejected(store.path, expected, because: reason)
        }
        // Checked on open: the first client id, a block checksum (the last bytes of the file).
        let header = try good.withUnsafeBytes { try ColumnFile.decode($0) }
        for offset in [header.sections[0].offset, header.sections[7].offset + header.sections[7].bytes - 1] {
            var bad = good
            bad[offset] ^= 0x01
            try bad.write(to: URL(fileURLWithPath: path))
            try assertRejected(store.path, expected, because: "checksum of the client ids and block checksums")
        }
        // Checked as questions read them: an order in the middle of each of the six columns.
        for k in 1...6 {
            var bad = good
            bad[header.sections[k].offset + header.sections[k].bytes / 2] ^= 0x01
            try bad.write(to: URL(fileURLWithPath: path))
            let column = OrderColumns.names[k - 1]
            XCTAssertTrue(try status(store.path).contains("is damaged (checksum of the \(column) column, orders 0–"), "\(k)")
            // The file is opened, the damaged block found when a question first reads it: that
            // question and every later one run on SQL, and the file is then rewritten.
            let e = try fresh(store.path)
            XCTAssertEqual(try answers(e), expected, column)
            XCTAssertEqual(e.store.facts.mapped, 1, column)
            XCTAssertEqual(e.store.facts.persisted?.damaged, true, column)
            XCTAssertTrue(try e.store.facts.persist(), column)
            XCTAssertEqual(e.store.facts.persisted?.damaged, false, column)
            XCTAssertEqual(try status(store.path), "valid", column)
        }
        // Rewritten after a question, the file is used again.
        try persist(store.path)
        XCTAssertEqual(try status(store.path), "valid")
    }

    /// The checksums catch damage, not a file written wrong on purpose with checksums to
    /// match: a client position outside the file's clients (which would index the per-client
    /// tables out of bounds) is refused as damage, and the answers are the store's.
    func testAFileWrittenWrongWithMatchingChecksumsIsRefused() throws {
        let store = try TemporaryStore.demo("forged", DemoOptions(clients: 50, years: 2, seed: 8))
        let expected = try answers(sqlEngine(store))
        let path = store.path + ".columns"
        try persist(store.path)
        var bad = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var header = try bad.withUnsafeBytes { try ColumnFile.decode($0) }
        let client = header.sections[2].offset
        withUnsafeBytes(of: Int32(header.clients + 7).littleEndian) { for (i, x) in $0.enumerated() { bad[client + i] = x } }
        bad.withUnsafeMutableBytes { b in
            let base = UnsafeRawPointer(b.baseAddress!)
            let sum = ColumnFile.blockChecksum(header, base, section: 2, block: 0)
            b.storeBytes(of: sum.littleEndian, toByteOffset: header.sections[7].offset + ColumnFile.blocks(header.orders) * 8, as: UInt64.self)
            header.tableChecksum = ColumnFile.tableChecksum(header, base)
        }
        let encoded = ColumnFile.encode(header)
        bad.replaceSubrange(0..<encoded.count, with: encoded)
        try Data(bad).write(to: URL(fileURLWithPath: path))
        let state = try status(store.path)
        XCTAssertTrue(state.contains("is damaged (a client position out of range, orders 0–"), state)
        let e = try fresh(store.path)
        XCTAssertEqual(try answers(e), expected)
        XCTAssertEqual(e.store.facts.persisted?.damaged, true)
    }

    /// A mapping larger than the resident budget hands its pages back block by block; the
    /// answers are the same (the budget is lowered to 0 so a small file takes that path).
    func testALargeMappingHandsItsPagesBackAndAnswersTheSame() throws {
        let store = try TemporaryStore.demo("release", DemoOptions(clients: 60, years: 2, seed: 12))
        let expected = try answers(sqlEngine(store))
        try persist(store.path)
        let small = try Store(path: store.path, readOnly: true)
        let files = ColumnStore(storePath: store.path, readOnly: true, residentBytes: 0)
        small.facts.persisted = files
        let e = Engine(store: small, session: Session(today: CalendarDate(iso: today)!))
        XCTAssertEqual(try answers(e), expected)
        XCTAssertEqual(e.store.facts.mapped, 1)
        let (header, mapping) = try files.map(store.path + ".columns", token: try store.read { StoreIdentityMigration.token($0)! })
        XCTAssertTrue(mapping.releases)
        XCTAssertGreaterThan(header.orders, 0)
    }

    /// A pass has the blocks ahead of it checked on another thread (BlockVerifier; from 2
    /// blocks here, 136,522 orders in 3): the answers are the same, and damage in a block
    /// ahead fails the pass as if it had found it itself, so the question runs on SQL.
    func testBlocksCheckedAheadOnAnotherThreadAnswerTheSameAndFindDamage() throws {
        let store = try TemporaryStore.demo("ahead", DemoOptions(clients: 7000, years: 2, seed: 3))
        let expected = try answers(sqlEngine(store))
        try persist(store.path)
        func engine() throws -> Engine {
            let s = try Store(path: store.path, readOnly: true)
            s.facts.persisted = ColumnStore(storePath: store.path, readOnly: true, verifyAheadFrom: 2)
            return Engine(store: s, session: Session(today: CalendarDate(iso: today)!))
        }
        let e = try engine()
        XCTAssertEqual(try answers(e), expected)
        XCTAssertEqual(e.store.facts.mapped, 1)
        XCTAssertEqual(e.store.facts.persisted?.damaged, false)

        let path = store.path + ".columns"
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let header = try good.withUnsafeBytes { try ColumnFile.decode($0) }
        XCTAssertEqual(ColumnFile.blocks(header.orders), 3)
        for k in [1, 2, 5] {  // day, client, net: what the sales pass reads
            var bad = good
            bad[header.sections[k].offset + header.sections[k].bytes - 3] ^= 0x01
            try bad.write(to: URL(fileURLWithPath: path))
            let d = try engine()
            XCTAssertEqual(try answers(d), expected, "\(k)")
            XCTAssertEqual(d.store.facts.persisted?.damaged, true, "\(k)")
        }
    }

    /// Blocks checked by many threads at once are each checked, and damage is thrown to
    /// every thread that reads the damaged block, never a value that was not checked.
    func testBlocksCheckedByManyThreadsAtOnce() throws {
        let store = try TemporaryStore.demo("threads", DemoOptions(clients: 60, years: 2, seed: 9))
        try persist(store.path)
        let token = try store.read { StoreIdentityMigration.token($0)! }
        let files = ColumnStore(storePath: store.path, readOnly: true)
        let (header, mapping) = try files.map(store.path + ".columns", token: token)
        XCTAssertEqual(ColumnFile.blocks(header.orders), 1)
        let failures = Counter()  // ClienteleSQLite's: next() counts
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            do { try mapping.check(block: 0, i % 2 == 0 ? .all : [.day, .net]) } catch { _ = failures.next() }
        }
        XCTAssertEqual(failures.next(), 1, "no failure")
        XCTAssertTrue(mapping.checked(0...0, .all))

        let path = store.path + ".columns"
        var bad = try Data(contentsOf: URL(fileURLWithPath: path))
        bad[header.sections[5].offset + 5] ^= 0x01
        try bad.write(to: URL(fileURLWithPath: path))
        let (_, damaged) = try ColumnStore(storePath: store.path, readOnly: true).map(path, token: token)
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            do { try damaged.check(block: 0, [.day, .net]) } catch { _ = failures.next() }
        }
        XCTAssertEqual(failures.next(), 18, "16 failures after the first count")
        XCTAssertFalse(damaged.checked(0...0, .net))
        XCTAssertNotNil(damaged.damage)
    }

    /// The file written straight from the orders table (a batch run with nothing in memory,
    /// the shell's background load) is byte for byte the file written from facts in memory.
    func testTheFileWrittenFromTheOrdersEqualsTheOneWrittenFromTheFacts() throws {
        let store = try TemporaryStore.demo("stream", DemoOptions(clients: 80, years: 2, seed: 21))
        let (fromFacts, streamed) = (store.path + ".a.columns", store.path + ".b.columns")
        try store.read { db in
            let version = FactsVersionMigration.read(db)!, token = StoreIdentityMigration.token(db)!
            try ColumnFile.write(try OrderFacts.load(db, version: version), token: token, to: fromFacts)
            try OrderFacts.writeFile(db, version: version, token: token, to: streamed)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: fromFacts)), b = try Data(contentsOf: URL(fileURLWithPath: streamed))
        XCTAssertGreaterThan(a.count, ColumnFile.headerSize)
        XCTAssertEqual(a, b)
    }

    /// The shell's background load on a store that takes the file writes it from the orders
    /// and answers from the mapping.
    func testTheShellsBackgroundLoadWritesTheFileAndMapsIt() throws {
        let store = try TemporaryStore.demo("warmfile", DemoOptions(clients: 50, years: 2, seed: 23))
        let expected = try answers(sqlEngine(store))
        let e = try fresh(store.path)
        XCTAssertEqual(try status(store.path), "absent")
        let done = expectation(description: "warm")
        e.store.facts.warmInBackground { done.fulfill() }
        wait(for: [done], timeout: 30)
        XCTAssertEqual(try status(store.path), "valid")
        XCTAssertEqual(try answers(e), expected)
        XCTAssertEqual(e.store.facts.builds, 1)
    }

    func testAFileCopiedFromAnotherStoreIsNeverUsed() throws {
        let a = try TemporaryStore.demo("a", DemoOptions(clients: 40, years: 2, seed: 1))
        let b = try TemporaryStore.demo("b", DemoOptions(clients: 40, years: 2, seed: 2))
        try persist(a.path)
        try FileManager.default.copyItem(atPath: a.path + ".columns", toPath: b.path + ".columns")
        try assertRejected(b.path, try answers(sqlEngine(b)), because: "another store")
    }

    func testAFileLeftHalfWrittenByACrashIsIgnored() throws {
        let store = try TemporaryStore.demo("crash", DemoOptions(clients: 40, years: 2, seed: 6))
        let expected = try answers(sqlEngine(store))
        try persist(store.path)
        let good = try Data(contentsOf: URL(fileURLWithPath: store.path + ".columns"))
        try FileManager.default.removeItem(atPath: store.path + ".columns")
        // A writer killed before its rename leaves only its temporary file (a process id
        // that cannot exist); a live writer's (this process's) must survive the next write.
        let dead = store.path + ".columns.tmp-\(Int32.max - 1)-7"
        let live = store.path + ".columns.tmp-\(getpid())-9"
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: dead))
        try good.prefix(10).write(to: URL(fileURLWithPath: live))
        XCTAssertEqual(try status(store.path), "absent")
        let e = try fresh(store.path)
        XCTAssertEqual(try answers(e), expected)
        XCTAssertEqual(e.store.facts.mapped, 0)
        XCTAssertTrue(try e.store.facts.persist())
        XCTAssertEqual(try status(store.path), "valid")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead), "the dead writer's file is removed by the next write")
        XCTAssertTrue(FileManager.default.fileExists(atPath: live))
    }

    func testTwoWritersAtOnceLeaveOneWholeFile() throws {
        let store = try TemporaryStore.demo("writers", DemoOptions(clients: 60, years: 2, seed: 12))
        let facts = try store.read { db in try OrderFacts.load(db, version: FactsVersionMigration.read(db)!) }
        let token = try store.read { db in StoreIdentityMigration.token(db)! }
        let path = store.path + ".columns"
        let failures = Counter()  // ClienteleSQLite's: next() counts
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do { try ColumnFile.write(facts, token: token, to: path) } catch { _ = failures.next() }
        }
        XCTAssertEqual(failures.next(), 1, "no writer failed")
        XCTAssertEqual(try status(store.path), "valid")
        let left = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertFalse(left.contains { $0.contains(".tmp-") }, "\(left)")
    }

    func testAReadOnlyStoreReadsTheFileButNeverWritesIt() throws {
        let store = try TemporaryStore.demo("ro", DemoOptions(clients: 40, years: 2, seed: 3))
        let expected = try answers(sqlEngine(store))
        let ro = try fresh(store.path, readOnly: true)
        XCTAssertEqual(try answers(ro), expected)
        XCTAssertFalse(try ro.store.facts.persist())
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.path + ".columns"))
        try persist(store.path)
        let again = try fresh(store.path, readOnly: true)
        XCTAssertEqual(try answers(again), expected)
        XCTAssertEqual(again.store.facts.mapped, 1)
    }

    func testCacheOffBypassesTheFile() throws {
        let store = try TemporaryStore.demo("off", DemoOptions(clients: 40, years: 2, seed: 3))
        try persist(store.path)
        let e = try fresh(store.path)
        e.store.facts.currentMode = .off
        XCTAssertEqual(try answers(e), try answers(sqlEngine(store)))
        XCTAssertEqual(e.store.facts.mapped, 0)
        XCTAssertFalse(try e.store.facts.persist())
    }

    func testTheStatusLineGivesStateSizeAndShare() {
        let s = ColumnStore.Status(path: "/x/s.sqlite.columns", state: "valid", bytes: 3 << 20, storeBytes: 12 << 20)
        XCTAssertEqual(s.line, "column file: valid, 3.0 MiB, 25% of the store's 12.0 MiB (/x/s.sqlite.columns)")
        XCTAssertEqual(ColumnStore.Status(path: "/x/a.columns", state: "absent", bytes: 0, storeBytes: 5).line,
                       "column file: absent (/x/a.columns)")
    }
}
