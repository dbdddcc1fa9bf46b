import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleDemo
import ClienteleTestSupport

/// The demo generator: determinism, coverage of every segment, money invariants, Cyrillic.
/// Segment definitions are written here in plain SQL straight from design/DOMAIN.md, so the
/// generator is checked independently of the query engine.
final class DemoDataTests: XCTestCase {
    static let end = "2025-12-31"
    static let options = DemoOptions(clients: 1500, years: 2, seed: 42)

    /// One generated store shared by the read-only checks (generation is the slow part).
    nonisolated(unsafe) static var shared: (store: Store, summary: DemoSummary, dir: URL)?

    static func makeTempDir() throws -> URL { TemporaryStore.folder("demo") }

    func sharedStore() throws -> (Store, DemoSummary) {
        if let s = Self.shared { return (s.store, s.summary) }
        let dir = try Self.makeTempDir()
        let store = try Store(path: dir.appendingPathComponent("demo.sqlite").path)
        let summary = try DemoData.generate(into: store, options: Self.options)
        Self.shared = (store, summary, dir)
        return (store, summary)
    }

    override class func tearDown() {
        if let s = shared { try? FileManager.default.removeItem(at: s.dir) }
        shared = nil
        super.tearDown()
    }

    func generated(_ options: DemoOptions) throws -> (Store, DemoSummary) {
        let dir = try Self.makeTempDir()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("demo.sqlite").path)
        return (store, try DemoData.generate(into: store, options: options))
    }

    // MARK: Determinism

    func testSameSeedGivesIdenticalStores() throws {
        let opts = DemoOptions(clients: 400, years: 2, seed: 7)
        let (a, sa) = try generated(opts)
        let (b, sb) = try generated(opts)
        XCTAssertEqual(sa, sb)
        XCTAssertEqual(try a.contentChecksum(), try b.contentChecksum())
        let (c, _) = try generated(DemoOptions(clients: 400, years: 2, seed: 8))
        XCTAssertNotEqual(try a.contentChecksum(), try c.contentChecksum())
    }

    func testTimestampsAreFixedNotWallClock() throws {
        let (store, _) = try sharedStore()
        let latest = try store.read { try String.fetchOne($0, sql: "SELECT max(max(created_at), max(updated_at)) FROM clients") }
        XCTAssertNotNil(latest)
        XCTAssertLessThan(latest!, "2026-01-01")
    }

    func testClientsArePrefixStable() throws {
        // Client k does not depend on how many clients are generated.
        let (small, _) = try generated(DemoOptions(clients: 50, years: 2, seed: 42))
        let (store, _) = try sharedStore()
        let sql = "SELECT id, name, tax_id, region, sales_type FROM clients WHERE id <= 50 ORDER BY id"
        let a = try small.read { try Row.fetchAll($0, sql: sql) }
        let b = try store.read { try Row.fetchAll($0, sql: sql) }
        XCTAssertEqual(a, b)
    }

    func testOtherPeriodsAndEndDates() throws {
        // One year ending on a leap day: the period is 2023-03-01...2024-02-29.
        let (store, s) = try generated(DemoOptions(clients: 300, years: 1, seed: 3, endDate: CalendarDate(iso: "2024-02-29")!))
        XCTAssertEqual(s.firstDate.iso, "2023-03-01")
        XCTAssertEqual(s.lastDate.iso, "2024-02-29")
        try store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE order_date NOT BETWEEN '2023-03-01' AND '2024-02-29'"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM payments WHERE date > '2024-02-29'"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE updated_at > '2024-02-29 99'"), 0)
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, 0)
        }
        XCTAssert((7...13).contains(s.orders / s.clients), "about 10 orders per client-year: \(s.orders / s.clients)")
        // Ten years works too (established clients' agreements go back further).
        let (_, t) = try generated(DemoOptions(clients: 40, years: 10, seed: 4))
        XCTAssertEqual(t.firstDate.iso, "2016-01-01")
        XCTAssertGreaterThan(t.orders, 40 * 50)
    }

    func testRefusesNonEmptyStoreAndBadOptions() throws {
        let (store, _) = try generated(DemoOptions(clients: 5, years: 1, seed: 1))
        let before = try store.contentChecksum()
        XCTAssertThrowsError(try DemoData.generate(into: store, options: DemoOptions(clients: 5))) { error in
            guard case DemoData.Error.storeNotEmpty = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try store.contentChecksum(), before)
        let (empty, _) = try generated(DemoOptions(clients: 0))
        XCTAssertThrowsError(try DemoData.generate(into: empty, options: DemoOptions(clients: -1)))
        XCTAssertThrowsError(try DemoData.generate(into: empty, options: DemoOptions(years: 0)))
    }

    func testSchemaIsUnchangedAndConsistent() throws {
        // The generator drops the bulk tables' indexes for the load and rebuilds them.
        let (store, _) = try sharedStore()
        let (fresh, _) = try generated(DemoOptions(clients: 0))
        let sql = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        XCTAssertEqual(try store.read { try Row.fetchAll($0, sql: sql) }, try fresh.read { try Row.fetchAll($0, sql: sql) })
        // The writer connection's page cache is back to its default after the bulk load.
        XCTAssertEqual(try store.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") },
                       try fresh.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") })
        try store.read { db in
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, 0)
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA quick_check"), "ok")
            // Ids are dense and start at 1.
            for t in ["clients", "orders", "order_lines", "payments", "contacts"] {
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT max(id) = count(*) AND min(id) = 1 FROM \(t)"), 1, t)
            }
        }
    }

    // MARK: Coverage of segments

    func testSummaryMatchesTables() throws {
        let (store, s) = try sharedStore()
        try store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients"), s.clients)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM orders"), s.orders)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM order_lines"), s.orderLines)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM payments"), s.payments)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts"), s.contacts)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM interactions"), s.interactions)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT min(order_date) >= ? AND max(order_date) <= ? FROM orders",
                                           arguments: [s.firstDate.iso, s.lastDate.iso]), 1)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM payments WHERE date > ?", arguments: [Self.end]), 0)
        }
        XCTAssertEqual(s.clients, 1500)
        XCTAssertEqual(s.firstDate.iso, "2024-01-01")
        XCTAssertEqual(s.lastDate.iso, Self.end)
        // About 20 orders per client over 2 years.
        XCTAssert((15...25).contains(s.orders / s.clients), "orders per client: \(s.orders / s.clients)")
    }

    func testEveryABCClassIsPopulated() throws {
        let (store, _) = try sharedStore()
        // Turnover: net of shipped orders over the last 12 months; A > 500.00, B 100..500, C < 100.
        let counts = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT cls, count(*) AS n FROM (
                  SELECT CASE WHEN t > 50000 THEN 'A' WHEN t >= 10000 THEN 'B' ELSE 'C' END AS cls FROM (
                    SELECT c.id, coalesce(sum(o.net_minor), 0) AS t FROM clients c
                    JOIN orders o ON o.client_id = c.id AND o.status = 'shipped'
                     AND o.order_date > date(?, '-12 months') AND o.order_date <= ?
                    GROUP BY c.id))
                GROUP BY cls ORDER BY cls
                """, arguments: [Self.end, Self.end])
        }
        let byClass = Dictionary(uniqueKeysWithValues: counts.map { ($0["cls"] as String, $0["n"] as Int) })
        print("ABC:", byClass.sorted { $0.key < $1.key })
        for cls in ["A", "B", "C"] { XCTAssertGreaterThan(byClass[cls] ?? 0, 50, "class \(cls)") }
    }

    func testEveryRiskGroupIsPopulated() throws {
        let (store, _) = try sharedStore()
        // Per shipped order: days overdue = (date it was paid in full, or the end date if not
        // yet) - due date; a violation is > 0 days. Group = worse of the count and days scales.
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: """
                WITH paid AS (
                  SELECT o.client_id, o.due_date, o.net_minor,
                         (SELECT coalesce(sum(p.amount_minor), 0) FROM payments p WHERE p.order_id = o.id) AS paid,
                         (SELECT max(p.date) FROM payments p WHERE p.order_id = o.id) AS paid_on
                  FROM orders o WHERE o.status = 'shipped'),
                od AS (
                  SELECT client_id, max(0, CAST(julianday(CASE WHEN paid >= net_minor THEN paid_on ELSE ? END)
                                           - julianday(due_date) AS INTEGER)) AS days FROM paid)
                SELECT c.id, coalesce(sum(od.days > 0), 0) AS violations, coalesce(max(od.days), 0) AS days
                FROM clients c LEFT JOIN od ON od.client_id = c.id GROUP BY c.id
                """, arguments: [Self.end])
        }
        var groups = [0, 0, 0, 0]
        for row in rows {
            let v: Int = row["violations"], d: Int = row["days"]
            let byCount = v == 0 ? 0 : v <= 2 ? 1 : v <= 5 ? 2 : 3
            let byDays = d == 0 ? 0 : d <= 3 ? 1 : d <= 7 ? 2 : 3
            groups[max(byCount, byDays)] += 1
        }
        print("risk groups:", groups)
        for g in 0...3 { XCTAssertGreaterThan(groups[g], 30, "risk group \(g)") }
        XCTAssertGreaterThan(groups[0], rows.count / 2, "most clients are disciplined")
    }

    func testEverySalesTypeAndStatusIsPopulated() throws {
        let (store, _) = try sharedStore()
        let types = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT sales_type, count(*) AS n, min(outlets) AS lo, max(outlets) AS hi, max(mall_outlets > outlets) AS bad FROM clients GROUP BY sales_type")
        }
        var byType: [String: Int] = [:]
        for t in types {
            byType[t["sales_type"]] = t["n"]
            XCTAssertEqual(t["bad"] as Int, 0, "mall outlets <= outlets")
            if (t["sales_type"] as String) == "retail point" { XCTAssertLessThanOrEqual(t["hi"] as Int, 2) }
            if (t["sales_type"] as String) == "retail chain" { XCTAssertGreaterThanOrEqual(t["lo"] as Int, 3) }
        }
        print("sales types:", byType)
        for t in ["wholesaler", "retail chain", "retail point"] { XCTAssertGreaterThan(byType[t] ?? 0, 50, t) }
        XCTAssertGreaterThan(byType["retail point"]!, byType["retail chain"]!)
        XCTAssertGreaterThan(byType["retail chain"]!, byType["wholesaler"]!)

        // Status: potential = no purchase; new = first purchase within 90 days of the end;
        // lost = no purchase for 180 days or more; active otherwise.
        let statuses = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT st, count(*) AS n FROM (
                  SELECT CASE WHEN f IS NULL THEN 'potential'
                              WHEN julianday(?) - julianday(f) < 90 THEN 'new'
                              WHEN julianday(?) - julianday(l) >= 180 THEN 'lost'
                              ELSE 'active' END AS st
                  FROM (SELECT c.id, min(o.order_date) AS f, max(o.order_date) AS l FROM clients c
                        LEFT JOIN orders o ON o.client_id = c.id AND o.status = 'shipped' GROUP BY c.id))
                GROUP BY st
                """, arguments: [Self.end, Self.end])
        }
        let byStatus = Dictionary(uniqueKeysWithValues: statuses.map { ($0["st"] as String, $0["n"] as Int) })
        print("statuses:", byStatus)
        for s in ["potential", "new", "active", "lost"] { XCTAssertGreaterThan(byStatus[s] ?? 0, 30, s) }
        XCTAssertGreaterThan(byStatus["active"]!, 1000)
    }

    func testDossierFieldsAreFilled() throws {
        let (store, _) = try sharedStore()
        try store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(DISTINCT tax_id) FROM clients"), 1500)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE length(tax_id) != 10 OR tax_id GLOB '*[^0-9]*'"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(DISTINCT region) FROM clients"), 8)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(DISTINCT curator) FROM clients"), 12)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE activity NOT IN (SELECT name FROM activities)"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(DISTINCT activity) FROM clients"), 5)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE corporate_card = 1")!, 50)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE founded IS NULL OR source IS NULL OR direction IS NULL"), 0)
            // Work starts when agreement and contract are signed: both before the first order.
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM clients c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.client_id = c.id
                  AND (c.agreement_signed IS NULL OR c.contract_signed IS NULL
                       OR o.order_date < c.contract_signed OR c.contract_signed < c.agreement_signed))
                """), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE updated_at < created_at"), 0)
            // A sole trader (ИП) is its own first contact.
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM clients c JOIN contacts p ON p.id = (SELECT min(id) FROM contacts WHERE client_id = c.id)
                WHERE c.name LIKE 'ИП %' AND (c.name NOT LIKE 'ИП ' || substr(p.name, 1, instr(p.name, ' ') - 1) || '%'
                      OR p.position != 'Индивидуальный предприниматель' OR c.kpp IS NOT NULL)
                """), 0)
            // Contacts: 1-3 per client, birthdays for most, some on 29 February and around New Year.
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT max(n) <= 3 AND min(n) >= 1 FROM (SELECT count(*) AS n FROM contacts GROUP BY client_id)"), 1)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(DISTINCT client_id) FROM contacts"), 1500)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts WHERE birthday LIKE '%-02-29'")!, 10)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts WHERE substr(birthday, 6) >= '12-25' OR substr(birthday, 6) <= '01-07'")!, 50)
            let withBirthday = try Double(Int.fetchOne(db, sql: "SELECT avg(birthday IS NOT NULL) * 1000 FROM contacts")!) / 1000
            XCTAssert((0.6...0.8).contains(withBirthday), "\(withBirthday)")
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts WHERE decision_maker = 1")!, 1400)
        }
    }

    // MARK: Money

    func testMoneyInvariants() throws {
        let (store, _) = try sharedStore()
        try store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE net_minor != gross_minor - discount_minor"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE gross_minor <= 0 OR discount_minor < 0 OR net_minor <= 0"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM orders o WHERE o.gross_minor != (SELECT sum(l.gross_minor) FROM order_lines l WHERE l.order_id = o.id)
                """), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM order_lines WHERE gross_minor <= 0"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT max(n) <= 3 FROM (SELECT count(*) AS n FROM order_lines GROUP BY order_id)"), 1)
            // Payments never exceed the order's net, and only shipped orders are paid.
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM orders o WHERE (SELECT coalesce(sum(amount_minor), 0) FROM payments p WHERE p.order_id = o.id) > o.net_minor
                """), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.status != 'shipped'"), 0)
            // Discounts follow the default 5 % / 3 % / 0 rules, rounded half away from zero per
            // line (the discount engine rounds per order and category; categories are distinct).
            var linesByOrder: [Int64: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT order_id, gross_minor FROM order_lines") {
                linesByOrder[row["order_id"], default: []].append(row["gross_minor"])
            }
            let rows = try Row.fetchAll(db, sql: "SELECT id, discount_minor FROM orders")
            for row in rows {
                let id: Int64 = row["id"], d: Int64 = row["discount_minor"]
                let allowed = [0, 300, 500].map { bp in
                    linesByOrder[id, default: []].reduce(Int64(0)) { $0 + Percent(basisPoints: Int64(bp)).of(Money(minorUnits: $1)).minorUnits }
                }
                XCTAssert(allowed.contains(d), "order \(id) discount \(d)")
            }
            // Due dates: 10..30 days after the order; the first deal of every client: 10.
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM orders WHERE julianday(due_date) - julianday(order_date) NOT BETWEEN 10 AND 30
                """), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM orders o WHERE o.id = (SELECT min(id) FROM orders x WHERE x.client_id = o.client_id)
                  AND julianday(due_date) - julianday(order_date) != 10
                """), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.outlet NOT BETWEEN 1 AND c.outlets"), 0)
            // Statuses: mostly shipped, some returned and cancelled.
            let returned = try Double(Int.fetchOne(db, sql: "SELECT avg(status = 'returned') * 10000 FROM orders")!) / 10000
            let cancelled = try Double(Int.fetchOne(db, sql: "SELECT avg(status = 'cancelled') * 10000 FROM orders")!) / 10000
            XCTAssert((0.01...0.03).contains(returned), "\(returned)")
            XCTAssert((0.004...0.02).contains(cancelled), "\(cancelled)")
        }
    }

    func testSeasonality() throws {
        let (store, _) = try sharedStore()
        let perMonth = try store.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT substr(order_date, 6, 2) AS m, count(*) AS n FROM orders GROUP BY m")
                .map { ($0["m"] as String, $0["n"] as Int) })
        }
        XCTAssertGreaterThan(perMonth["12"]!, perMonth["01"]!)
        XCTAssertGreaterThan(perMonth["11"]!, perMonth["07"]!)
    }

    // MARK: Cyrillic

    func testCyrillicNamesRoundTrip() throws {
        let (store, _) = try sharedStore()
        try store.read { db in
            let withYo = try String.fetchAll(db, sql: "SELECT name FROM clients WHERE name LIKE '%ё%' OR name LIKE '%Ё%' ORDER BY id")
            XCTAssertGreaterThan(withYo.count, 50)
            XCTAssert(withYo.contains { $0.contains("Ё") })
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE name LIKE 'ИП %'")!, 50)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE name LIKE '%«%»%'")!, 100)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE name GLOB '*[A-Za-z]*'")!, 50)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts WHERE name LIKE '%ё%' OR name LIKE '%Ё%'")!, 100)
            // Byte-exact round trip, and the text is NFC as written (no decomposition of Ё).
            for name in withYo.prefix(20) {
                let back = try String.fetchOne(db, sql: "SELECT name FROM clients WHERE name = ? LIMIT 1", arguments: [name])
                XCTAssertEqual(back, name)
                XCTAssertEqual(Array(back!.utf8), Array(name.utf8))
                XCTAssertFalse(name.unicodeScalars.contains { $0.value == 0x308 }, "combining diaeresis in \(name)")
            }
            // Unicode folding finds Ё regardless of case.
            let folded = try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE CLIENTELE_CONTAINS(name, 'ЁЛК')")!
            let exact = try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE name LIKE '%Ёлк%' OR name LIKE '%ёлк%' OR name LIKE '%ЁЛК%'")!
            XCTAssertEqual(folded, exact)
            XCTAssertGreaterThan(folded, 0)
        }
    }

    func testGeneratedNameRoundTripsThroughANewStore() throws {
        // A generated name inserted and read back through a fresh store equals the original.
        var r = DemoRandom(seed: 99)
        var names: [String] = []
        while names.count < 200 { names.append(DemoNames.companyName(&r, salesType: r.int(0...2)).name) }
        XCTAssert(names.contains { $0.contains("ё") || $0.contains("Ё") })
        let dir = try Self.makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("n.sqlite").path)
        try store.write { db in
            for (i, n) in names.enumerated() { try db.execute(sql: "INSERT INTO clients(id, name) VALUES (?, ?)", arguments: [i + 1, n]) }
        }
        let back = try store.read { try String.fetchAll($0, sql: "SELECT name FROM clients ORDER BY id") }
        XCTAssertEqual(back, names)
    }

    // MARK: Scale (opt-in)

    /// Not run by default: `CLIENTELE_BIG_DEMO=100000 swift test -c release -Xswiftc -enable-testing
    /// --filter DemoDataTests/testBigDemo` (`-enable-testing` because of `@testable import`).
    /// Prints the time and the file size; no timing assertion.
    func testBigDemo() throws {
        guard let n = ProcessInfo.processInfo.environment["CLIENTELE_BIG_DEMO"].flatMap({ Int($0) }) else {
            throw XCTSkip("set CLIENTELE_BIG_DEMO=<clients> to run")
        }
        let dir = try Self.makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // CLIENTELE_BIG_DEMO_OUT=<new file> keeps the generated store for inspection.
        let path = ProcessInfo.processInfo.environment["CLIENTELE_BIG_DEMO_OUT"] ?? dir.appendingPathComponent("big.sqlite").path
        let store = try Store(path: path)
        let t0 = Date()
        let s = try DemoData.generate(into: store, options: DemoOptions(clients: n)) { print($0) }
        let elapsed = Date().timeIntervalSince(t0)
        _ = try store.database.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("BIG DEMO: \(s.clients) clients, \(s.orders) orders, \(s.orderLines) lines, \(s.payments) payments, \(s.contacts) contacts in \(String(format: "%.1f", elapsed)) s; file \(size / 1_048_576) MiB")
    }
}
