import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleDemo
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The what-if's order lines persisted beside the store (LinesFile, PolicyLinesFile): the
/// answers from the mapped file are the SQL statement's on random stores, after orders
/// appended with their lines, a line added to an old order, updates and deletes (each
/// moves the counter: the file is not used, then written again); a damaged file is never
/// used; a read-only store reads a valid file and never writes one.
final class PolicyLinesFileTests: XCTestCase {
    let periods = [DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!),
                   DateRange(start: CalendarDate(iso: "2024-03-01")!, end: CalendarDate(iso: "2025-08-31")!),
                   DateRange(start: CalendarDate(iso: "2025-06-10")!, end: CalendarDate(iso: "2025-06-20")!)]

    func engine(_ store: Store) -> Engine {
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        XCTAssertFalse(engine.transcript(PolicyPricingTests.scenarios).contains("error"))
        return engine
    }

    /// A new process's cache: the lines file of `files` (nil: none).
    func cache(_ files: ColumnStore?) -> PolicyLinesCache {
        let c = PolicyLinesCache()
        c.files = files
        return c
    }

    /// Every period with the lines from `lines` (the file when it has one) and with the SQL
    /// statement per year: the same answers.
    func assertSameAsSQL(_ engine: Engine, _ lines: () -> PolicyLinesCache, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for period in periods {
            let sql = try evaluations(engine, period: period, swift: false)
            XCTAssertGreaterThan(sql[0].total.gross, 0, file: file, line: line)
            let swift = try evaluations(engine, period: period, swift: true, lines: lines())
            XCTAssertEqual(swift.count, sql.count, file: file, line: line)
            for (x, y) in zip(swift, sql) {
                XCTAssertEqual(x.total, y.total, "\(what): \(period) \(x.policy)", file: file, line: line)
                XCTAssertEqual(x.byCategory, y.byCategory, "\(what): \(period) \(x.policy)", file: file, line: line)
                XCTAssertEqual(x.byClient, y.byClient, "\(what): \(period) \(x.policy)", file: file, line: line)
                XCTAssertEqual(x.recordedDiscount, y.recordedDiscount, "\(what): \(period) \(x.policy)", file: file, line: line)
                XCTAssertEqual(x.classes, y.classes, "\(what): \(period) \(x.policy)", file: file, line: line)
                XCTAssertEqual(x.assumptionsUsed, y.assumptionsUsed, "\(what): \(period) \(x.policy)", file: file, line: line)
            }
        }
    }

    /// The baseline and PolicyPricingTests' scenarios over `period` (`swift: false`: the SQL statement per year).
    func evaluations(_ engine: Engine, period: DateRange, swift: Bool, lines: PolicyLinesCache? = nil) throws -> [PolicyEvaluation] {
        try engine.store.readTransaction { tx in
            let baseline = try Policy.baseline(tx)
            var policies = [baseline]
            for name in ["A from 400", "Watches", "Chain", "Summer", "Tiers", "Off"] {
                policies.append(try ScenarioStore.policy(named: name, baseline: baseline, tx))
            }
            var evaluator = PolicyEvaluator(dialect: SQLiteDialect(), lines: lines)
            evaluator.pricesInSwift = swift
            return try evaluator.evaluate(policies, period: period, tx: tx)
        }
    }

    /// The counter the lines file was written at (nil: no file, or not one that opens).
    func fileCounter(_ store: Store) -> Int64? {
        let token = try? store.read { db in StoreIdentityMigration.token(db) }
        guard let token else { return nil }
        return (try? LinesMapping.map(store.path + ".lines", token: token))?.header.version
    }

    func counter(_ store: Store) throws -> Int64 { try store.read { db in FactsVersionMigration.read(db)! } }

    func testTheFileGivesTheSQLAnswersOnRandomStoresAfterEveryKindOfChange() throws {
        for seed in [5, 17] {
            let store = try TemporaryStore.demo("linesFile\(seed)", DemoOptions(clients: 120, years: 2, seed: UInt64(seed)))
            let engine = engine(store)
            let files = ColumnStore(storePath: store.path, readOnly: false)
            XCTAssertNil(fileCounter(store))
            // The first question writes the file and answers from it; the next one maps it.
            let first = cache(files)
            try assertSameAsSQL(engine, { first }, "written")
            XCTAssertEqual(fileCounter(store), try counter(store))
            XCTAssertGreaterThan(first.fromFile, 0)
            var mapped = cache(files)
            try assertSameAsSQL(engine, { mapped }, "mapped")
            XCTAssertEqual(mapped.fromFile, mapped.loads, "seed \(seed): every load maps the file")
            // A one-off process's budget (0): every block's pages handed back after its check
            // and after each pass, read again from the page cache: the same answers.
            let releasing = cache(ColumnStore(storePath: store.path, readOnly: true, residentBytes: 0))
            try assertSameAsSQL(engine, { releasing }, "pages handed back")
            XCTAssertEqual(releasing.fromFile, releasing.loads)

            var r = SeededRandom(seed: UInt64(seed) * 7919)
            let changes: [(String, (Database) throws -> Void)] = [
                ("orders appended with their lines", { db in try self.appendOrders(db, &r) }),
                ("a line added to an old order", { db in
                    try db.execute(sql: """
                        INSERT INTO order_lines (order_id, category_id, gross_minor)
                        SELECT id, (SELECT MIN(id) FROM categories), 4321 FROM orders
                        WHERE status = 'shipped' AND order_date >= '2025-02-01' ORDER BY id LIMIT 1
                        """)
                }),
                ("a line's gross updated", { db in
                    try db.execute(sql: "UPDATE order_lines SET gross_minor = gross_minor + 999 WHERE id = (SELECT MAX(id) FROM order_lines)")
                }),
                ("an order's recorded discount updated", { db in
                    try db.execute(sql: """
                        UPDATE orders SET discount_minor = discount_minor + 7, net_minor = net_minor - 7
                        WHERE id = (SELECT MIN(id) FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' AND net_minor > 7)
                        """)
                }),
                ("an order deleted with its lines", { db in
                    try db.execute(sql: "DELETE FROM payments WHERE order_id = (SELECT MAX(id) FROM orders WHERE status = 'shipped')")
                    try db.execute(sql: "DELETE FROM orders WHERE id = (SELECT MAX(id) FROM orders WHERE status = 'shipped')")
                }),
            ]
            for (what, change) in changes {
                let written = fileCounter(store)
                try store.write { db in try change(db) }
                XCTAssertNotEqual(try counter(store), written, "\(what): the counter moves, the file is stale")
                // A read-only process does not use the stale file (nor write one): the SQL's answers.
                let readOnly = cache(ColumnStore(storePath: store.path, readOnly: true))
                try assertSameAsSQL(engine, { readOnly }, "\(what), read-only")
                XCTAssertEqual(readOnly.fromFile, 0, what)
                XCTAssertEqual(fileCounter(store), written, "\(what): a read-only process writes nothing")
                // A process that may write rewrites the file and answers from it.
                let writer = cache(files)
                try assertSameAsSQL(engine, { writer }, what)
                XCTAssertEqual(fileCounter(store), try counter(store), what)
                mapped = cache(ColumnStore(storePath: store.path, readOnly: true))
                try assertSameAsSQL(engine, { mapped }, "\(what), mapped")
                XCTAssertEqual(mapped.fromFile, mapped.loads, what)
            }
        }
    }

    /// New shipped orders dated in 2025, each with one to three lines (one without lines).
    func appendOrders(_ db: Database, _ r: inout SeededRandom) throws {
        let clients = try Int64.fetchAll(db, sql: "SELECT id FROM clients ORDER BY id")
        let categories = try Int64.fetchAll(db, sql: "SELECT id FROM categories ORDER BY id")
        for n in 0..<5 {
            let gross = r.int(1_000...300_000)
            try db.execute(sql: """
                INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor, status) VALUES (?, ?, ?, ?, ?, 'shipped')
                """, arguments: [clients[r.int(0...clients.count - 1)], String(format: "2025-%02d-%02d", r.int(1...12), r.int(1...28)),
                                 "2026-01-15", gross, gross])
            let id = db.lastInsertedRowID
            for _ in 0..<(n == 0 ? 0 : r.int(1...3)) {
                try db.execute(sql: "INSERT INTO order_lines (order_id, category_id, gross_minor) VALUES (?, ?, ?)",
                               arguments: [id, categories[r.int(0...categories.count - 1)], r.int(100...100_000)])
            }
        }
    }

    func testADamagedFileIsNeverUsedAndIsWrittenAgain() throws {
        let store = try TemporaryStore.demo("linesDamage", DemoOptions(clients: 80, years: 2, seed: 9))
        let engine = engine(store)
        let files = ColumnStore(storePath: store.path, readOnly: false)
        let first = cache(files)
        try assertSameAsSQL(engine, { first }, "written")
        let path = store.path + ".lines"
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let header = try good.withUnsafeBytes { try LinesFile.decode($0) }
        XCTAssertGreaterThan(header.lines, 0)
        // The header, a client id, and one byte in the middle of each order and line column.
        var offsets = [20, 49, 75, LinesFile.headerChecked, header.sections[0]]
        for k in 3...9 { offsets.append(header.sections[k] + header.sizes[k] / 2) }
        offsets.append(header.sections[9] + header.sizes[9] - 1)
        for offset in offsets {
            var bad = good
            bad[offset] ^= 0x04
            try bad.write(to: URL(fileURLWithPath: path))
            let readOnly = ColumnStore(storePath: store.path, readOnly: true)
            let reader = cache(readOnly)
            try assertSameAsSQL(engine, { reader }, "byte \(offset) flipped, read-only")
            XCTAssertEqual(reader.fromFile, 0, "byte \(offset): the damaged file is not used")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bad, "byte \(offset): a read-only process writes nothing")
            // A process that may write finds it damaged, answers from the store, writes it again.
            let writer = cache(ColumnStore(storePath: store.path, readOnly: false))
            try assertSameAsSQL(engine, { writer }, "byte \(offset) flipped")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), good, "byte \(offset): written again, the same bytes")
        }
        // Truncated: not used.
        try good.prefix(good.count - 8).write(to: URL(fileURLWithPath: path))
        let reader = cache(ColumnStore(storePath: store.path, readOnly: true))
        try assertSameAsSQL(engine, { reader }, "truncated")
        XCTAssertEqual(reader.fromFile, 0)
    }

    /// The checksums catch damage, not a file written wrong on purpose with checksums to
    /// match: a client position out of range (it would index the evaluator's tables out of
    /// bounds) is refused as damage; the answers are the store's.
    func testAFileWrittenWrongWithMatchingChecksumsIsNeverUsed() throws {
        let store = try TemporaryStore.demo("linesForged", DemoOptions(clients: 60, years: 2, seed: 5))
        let engine = engine(store)
        let first = cache(ColumnStore(storePath: store.path, readOnly: false))
        try assertSameAsSQL(engine, { first }, "written")
        let path = store.path + ".lines"
        var bad = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var header = try bad.withUnsafeBytes { try LinesFile.decode($0) }
        let client = header.sections[3]
        withUnsafeBytes(of: Int32(header.clients + 3).littleEndian) { for (i, x) in $0.enumerated() { bad[client + i] = x } }
        bad.withUnsafeMutableBytes { b in
            let base = UnsafeRawPointer(b.baseAddress!)
            for (j, sum) in LinesFile.blockChecksums(header, base, block: 0).enumerated() {
                b.storeBytes(of: sum.littleEndian, toByteOffset: header.sections[10] + j * 8, as: UInt64.self)
            }
            header.tableChecksum = LinesFile.tableChecksum(header, base)
        }
        let encoded = LinesFile.encode(header)
        bad.replaceSubrange(0..<encoded.count, with: encoded)
        try Data(bad).write(to: URL(fileURLWithPath: path))
        let reader = cache(ColumnStore(storePath: store.path, readOnly: true))
        try assertSameAsSQL(engine, { reader }, "a forged client position")
        XCTAssertEqual(reader.fromFile, 0)
    }

    func testAFileOfAnotherStoreIsNeverUsed() throws {
        let one = try TemporaryStore.demo("linesOne", DemoOptions(clients: 60, years: 2, seed: 3))
        let other = try TemporaryStore.demo("linesOther", DemoOptions(clients: 60, years: 2, seed: 4))
        let first = cache(ColumnStore(storePath: other.path, readOnly: false))
        try assertSameAsSQL(engine(other), { first }, "other")
        try FileManager.default.copyItem(atPath: other.path + ".lines", toPath: one.path + ".lines")
        let reader = cache(ColumnStore(storePath: one.path, readOnly: true))
        try assertSameAsSQL(engine(one), { reader }, "a copied file")
        XCTAssertEqual(reader.fromFile, 0)
    }
}
