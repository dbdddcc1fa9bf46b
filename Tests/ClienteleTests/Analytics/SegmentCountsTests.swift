import Foundation
import GRDB
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Each segmentation's classes on a seeded random base of 300 clients equal an independent
/// computation: plain SQL without window functions, or Swift over the fetched turnovers.
final class SegmentCountsTests: XCTestCase {
    var f: AnalyticsFixture!

    override func setUpWithError() throws {
        f = try AnalyticsFixture()
        var rng = SeededRandom(seed: 20251231, algorithm: .lcg64)  // the sequence the assertions were written with
        let regions = ["North", "South", "East", "West", nil]
        try f.engine.store.write { db in
            for c in 1...300 {
                try db.execute(sql: "INSERT INTO clients(id, name, region, outlets) VALUES (?, ?, ?, ?)",
                               arguments: [c, "Client \(c)", regions[rng.below(5)], 1 + rng.below(5)])
                for _ in 0..<rng.below(9) {
                    let day = CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: rng.below(731))!
                    let due = day.adding(days: rng.below(2) == 0 ? 10 : 30)!
                    let net = Int64(1 + rng.below(40)) * 1000          // multiples of 10.00: many ties
                    let roll = rng.below(20)
                    let status = roll == 0 ? "returned" : (roll == 1 ? "cancelled" : "shipped")
                    try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor, status) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [c, day.iso, due.iso, net, net, status])
                    let order = db.lastInsertedRowID
                    let pay = rng.below(5)
                    if pay < 4 {
                        let paidOn = due.adding(days: rng.below(18) - 5)!
                        let amount = pay == 3 ? net / 2 : net
                        try db.execute(sql: "INSERT INTO payments(order_id, date, amount_minor) VALUES (?, ?, ?)",
                                       arguments: [order, paidOn.iso, amount])
                    }
                }
            }
        }
    }

    func engineClasses(_ field: String) throws -> [Int64: String] {
        guard case .table(let t)? = try f.engine.run("clients | select id, \(field)").last else { return [:] }
        var out: [Int64: String] = [:]
        for row in t.rows { if case .integer(let id) = row[0] { out[id] = row[1].plain } }
        return out
    }

    func counts(_ classes: [Int64: String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for v in classes.values { out[v, default: 0] += 1 }
        return out
    }

    func engineCounts(_ field: String) throws -> [String: Int] {
        guard case .table(let t)? = try f.engine.run("clients | group \(field) agg n = count()").last else { return [:] }
        var out: [String: Int] = [:]
        for row in t.rows { if case .integer(let n) = row[1] { out[row[0].plain] = Int(n) } }
        return out
    }

    func independent(_ sql: String) throws -> [Int64: String] {
        try f.engine.store.read { db in
            var out: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: sql) { out[row[0]] = (row[1] as DatabaseValue).isNull ? "" : String(describing: row[1] as DatabaseValue) .replacingOccurrences(of: "\"", with: "") }
            return out
        }
    }

    static let sales = """
        SELECT c.id, (SELECT SUM(net_minor) FROM orders o WHERE o.client_id = c.id AND o.status = 'shipped'
                      AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31') AS t,
                     (SELECT COUNT(*) FROM orders o WHERE o.client_id = c.id AND o.status = 'shipped' AND o.order_date <= '2025-12-31') AS shipped
        FROM clients c
        """

    func testABCThresholdsAndShare() throws {
        let byThresholds = try independent("""
            SELECT id, CASE WHEN t IS NULL OR t <= 0 THEN NULL WHEN shipped = 1 THEN 'C'
                            WHEN t > 50000 THEN 'A' WHEN t >= 10000 THEN 'B' ELSE 'C' END FROM (\(Self.sales))
            """)
        XCTAssertEqual(try engineClasses("abc"), byThresholds)
        XCTAssertEqual(try engineCounts("abc"), counts(byThresholds))
        XCTAssertGreaterThan(Set(byThresholds.values).count, 3)

        try f.engine.run("set abc.method = \"share\"")
        let byShare = try independent("""
            WITH s AS (\(Self.sales)), p AS (SELECT * FROM s WHERE t > 0)
            SELECT id, CASE WHEN t IS NULL OR t <= 0 THEN NULL WHEN shipped = 1 THEN 'C'
                WHEN (SELECT COALESCE(SUM(p2.t), 0) FROM p p2 WHERE p2.t > s.t) * 10000 < 8000 * (SELECT SUM(t) FROM p) THEN 'A'
                WHEN (SELECT COALESCE(SUM(p2.t), 0) FROM p p2 WHERE p2.t > s.t) * 10000 < 9500 * (SELECT SUM(t) FROM p) THEN 'B'
                ELSE 'C' END FROM s
            """)
        XCTAssertEqual(try engineClasses("abc"), byShare)
        XCTAssertEqual(try engineCounts("abc"), counts(byShare))
    }

    func testImportanceOverTheBaseAndPerRegion() throws {
        func importance(per: String?) throws -> [Int64: String] {
            let group = per == nil ? "" : "s2.g IS s.g AND "
            return try independent("""
                WITH s AS (SELECT x.*, c.region AS g FROM (\(Self.sales)) x JOIN clients c ON c.id = x.id WHERE t > 0)
                SELECT c.id, CASE WHEN s.id IS NULL THEN NULL
                    WHEN (SELECT COALESCE(SUM(s2.t), 0) FROM s s2 WHERE \(group)s2.t > s.t) * 10000
                         < 2000 * (SELECT SUM(s2.t) FROM s s2 WHERE \(group)1) THEN 'key'
                    WHEN (SELECT COALESCE(SUM(s2.t), 0) FROM s s2 WHERE \(group)s2.t > s.t) * 10000
                         < 7000 * (SELECT SUM(s2.t) FROM s s2 WHERE \(group)1) THEN 'medium'
                    ELSE 'small' END
                FROM clients c LEFT JOIN s ON s.id = c.id
                """)
        }
        let whole = try importance(per: nil)
        XCTAssertEqual(try engineClasses("importance"), whole)
        XCTAssertEqual(try engineCounts("importance"), counts(whole))
        try f.engine.run("set importance.per = \"region\"")
        let perRegion = try importance(per: "region")
        XCTAssertEqual(try engineClasses("importance"), perRegion)
        XCTAssertNotEqual(whole, perRegion)
    }

    func testRisk() throws {
        let risk = try independent("""
            WITH o AS (SELECT o.client_id, o.net_minor AS net, o.due_date AS due, o.order_date AS day,
                         COALESCE((SELECT SUM(amount_minor) FROM payments p WHERE p.order_id = o.id AND p.date <= '2025-12-31'), 0) AS paid,
                         (SELECT MAX(date) FROM payments p WHERE p.order_id = o.id AND p.date <= '2025-12-31') AS last_paid
                       FROM orders o WHERE o.status = 'shipped' AND o.order_date <= '2025-12-31'),
                 -- risk.debts = open: the orders of 2025 and the earlier ones still open at its end
                 d AS (SELECT client_id, CASE WHEN paid >= net THEN MAX(0, julianday(last_paid) - julianday(due))
                                              WHEN due < '2025-12-31' THEN julianday('2025-12-31') - julianday(due) ELSE 0 END AS days FROM o
                       WHERE day >= '2025-01-01' OR paid < net OR last_paid > '2025-12-31'),
                 v AS (SELECT client_id, SUM(days > 0) AS n, MAX(days) AS worst FROM d GROUP BY client_id)
            SELECT c.id, MAX(CASE WHEN COALESCE(n, 0) = 0 THEN 0 WHEN n <= 2 THEN 1 WHEN n <= 5 THEN 2 ELSE 3 END,
                             CASE WHEN COALESCE(worst, 0) = 0 THEN 0 WHEN worst <= 3 THEN 1 WHEN worst <= 7 THEN 2 ELSE 3 END)
            FROM clients c LEFT JOIN v ON v.client_id = c.id
            """)
        XCTAssertEqual(try engineClasses("risk"), risk)
        XCTAssertEqual(try engineCounts("risk"), counts(risk))
        XCTAssertEqual(Set(risk.values), ["0", "1", "2", "3"])
    }

    /// Quintiles without window functions: the first of equal values sits at position
    /// 1 + (clients with a smaller value); NTILE(5) over n rows gives the first n % 5 tiles
    /// one row more than the others.
    func testRFM() throws {
        let rows = try f.engine.store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT client_id, MAX(order_date), COUNT(*), SUM(net_minor) FROM orders
                WHERE status = 'shipped' AND order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY client_id
                """).map { (id: $0[0] as Int64, r: $0[1] as String, f: $0[2] as Int64, m: $0[3] as Int64) }
        }
        let n = rows.count
        func tile(_ position: Int) -> Int {
            let q = n / 5, r = n % 5
            return position <= r * (q + 1) ? (position - 1) / (q + 1) + 1 : r + (position - r * (q + 1) - 1) / q + 1
        }
        func scores<T: Comparable>(_ key: (Int64, String, Int64, Int64) -> T) -> [Int64: String] {
            var out: [Int64: String] = [:]
            for row in rows {
                let x = key(row.id, row.r, row.f, row.m)
                out[row.id] = String(tile(1 + rows.filter { key($0.id, $0.r, $0.f, $0.m) < x }.count))
            }
            return out
        }
        let expectedR = scores { _, r, _, _ in r }, expectedF = scores { _, _, f, _ in f }, expectedM = scores { _, _, _, m in m }
        func withNone(_ m: [Int64: String]) -> [Int64: String] {
            var all = m
            for id in 1...300 where all[Int64(id)] == nil { all[Int64(id)] = "" }
            return all
        }
        XCTAssertEqual(try engineClasses("rfm_r"), withNone(expectedR))
        XCTAssertEqual(try engineClasses("rfm_f"), withNone(expectedF))
        XCTAssertEqual(try engineClasses("rfm_m"), withNone(expectedM))
        XCTAssertEqual(try engineCounts("rfm_m"), counts(withNone(expectedM)))
        let codes = try engineClasses("rfm")
        for row in rows { XCTAssertEqual(codes[row.id], expectedR[row.id]! + expectedF[row.id]! + expectedM[row.id]!) }
    }
}
