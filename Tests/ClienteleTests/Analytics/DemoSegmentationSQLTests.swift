import XCTest
import GRDB
@testable import Clientele
import ClienteleTestSupport

/// On a generated demo store, every segmentation's distribution equals an independent
/// hand-written SQL query (the same definitions as docs/segmentation.md, written directly
/// against the tables; the benchmark runs these on the 10k and 100k stores too).
final class DemoSegmentationSQLTests: XCTestCase {
    static let sales = """
        s AS (SELECT client_id, SUM(net_minor) AS t, COUNT(*) AS n, MAX(order_date) AS last
              FROM orders WHERE status = 'shipped' AND order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY client_id)
        """

    static let cases: [(String, String)] = [
        ("clients | group abc agg n = count()", """
            WITH \(sales), f AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= '2025-12-31' GROUP BY client_id)
            SELECT abc, COUNT(*) FROM (SELECT CASE WHEN s.t IS NULL OR s.t <= 0 THEN NULL WHEN f.shipped = 1 THEN 'C'
              WHEN s.t > 50000 THEN 'A' WHEN s.t >= 10000 THEN 'B' ELSE 'C' END AS abc
              FROM clients c LEFT JOIN s ON s.client_id = c.id LEFT JOIN f ON f.client_id = c.id) GROUP BY abc
            """),
        ("clients | group risk agg n = count()", """
            WITH p AS (SELECT order_id, SUM(amount_minor) AS paid, MAX(date) AS last_paid FROM payments WHERE date <= '2025-12-31' GROUP BY order_id),
            od AS (SELECT o.client_id, CASE WHEN COALESCE(p.paid, 0) >= o.net_minor THEN
                     CASE WHEN p.last_paid IS NULL OR julianday(p.last_paid) < julianday(o.due_date) THEN 0
                          ELSE CAST(julianday(p.last_paid) - julianday(o.due_date) AS INTEGER) END
                   WHEN o.due_date < '2025-12-31' THEN CAST(julianday('2025-12-31') - julianday(o.due_date) AS INTEGER) ELSE 0 END AS d
                   FROM orders o LEFT JOIN p ON p.order_id = o.id
                   WHERE o.status = 'shipped' AND (o.order_date BETWEEN '2025-01-01' AND '2025-12-31'
                     OR o.order_date < '2025-01-01' AND (COALESCE(p.paid, 0) < o.net_minor OR p.last_paid > '2025-12-31'))),
            a AS (SELECT client_id, SUM(d > 0) AS v, MAX(d) AS d FROM od GROUP BY client_id),
            g AS (SELECT CASE WHEN COALESCE(v, 0) = 0 THEN 0 WHEN v <= 2 THEN 1 WHEN v <= 5 THEN 2 ELSE 3 END AS gv,
                         CASE WHEN COALESCE(d, 0) = 0 THEN 0 WHEN d <= 3 THEN 1 WHEN d <= 7 THEN 2 ELSE 3 END AS gd
                  FROM clients c LEFT JOIN a ON a.client_id = c.id)
            SELECT MAX(gv, gd), COUNT(*) FROM g GROUP BY 1
            """),
        // importance.per = direction_or_territory (the default): within each direction, and
        // within each region for retail (importance.territorial_directions).
        ("clients | where importance != null | group importance agg n = count()", """
            WITH \(sales), g AS (SELECT id, CASE WHEN direction = 'retail' THEN region ELSE direction END AS k FROM clients),
            x AS (SELECT s.t, SUM(s.t) OVER (PARTITION BY g.k ORDER BY s.t DESC RANGE UNBOUNDED PRECEDING) - s.t * COUNT(*) OVER (PARTITION BY g.k, s.t) AS before,
                 SUM(s.t) OVER (PARTITION BY g.k) AS total FROM s JOIN g ON g.id = s.client_id WHERE s.t > 0)
            SELECT CASE WHEN before * 10000 < 2000 * total THEN 'key' WHEN before * 10000 < 7000 * total THEN 'medium' ELSE 'small' END, COUNT(*)
            FROM x GROUP BY 1
            """),
        ("clients | where rfm != null | group rfm agg n = count()", """
            WITH \(sales),
            q AS (SELECT client_id, last, n, t, NTILE(5) OVER (ORDER BY last, client_id) AS nr,
                         NTILE(5) OVER (ORDER BY n, client_id) AS nf, NTILE(5) OVER (ORDER BY t, client_id) AS nm FROM s),
            r AS (SELECT MIN(nr) OVER (PARTITION BY last) AS r, MIN(nf) OVER (PARTITION BY n) AS f, MIN(nm) OVER (PARTITION BY t) AS m FROM q)
            SELECT CAST(r AS TEXT) || f || m, COUNT(*) FROM r GROUP BY 1
            """),
        // Without the where: the clients with no score form a null group.
        ("clients | group rfm agg n = count()", """
            WITH \(sales),
            q AS (SELECT client_id, last, n, t, NTILE(5) OVER (ORDER BY last, client_id) AS nr,
                         NTILE(5) OVER (ORDER BY n, client_id) AS nf, NTILE(5) OVER (ORDER BY t, client_id) AS nm FROM s),
            r AS (SELECT client_id, MIN(nr) OVER (PARTITION BY last) AS r, MIN(nf) OVER (PARTITION BY n) AS f, MIN(nm) OVER (PARTITION BY t) AS m FROM q)
            SELECT CAST(r.r AS TEXT) || r.f || r.m, COUNT(*) FROM clients c LEFT JOIN r ON r.client_id = c.id GROUP BY 1
            """),
        ("clients | group status agg n = count()", """
            WITH life AS (SELECT client_id, MIN(order_date) AS first, MAX(order_date) AS last FROM orders
                          WHERE status = 'shipped' AND order_date <= '2025-12-31' GROUP BY client_id)
            SELECT COALESCE(c.status_override, CASE WHEN life.first IS NULL THEN 'potential'
                     WHEN life.last < date('2025-12-31', '-180 days') THEN 'lost'
                     WHEN life.first >= date('2025-12-31', '-90 days') THEN 'new' ELSE 'active' END), COUNT(*)
            FROM clients c LEFT JOIN life ON life.client_id = c.id GROUP BY 1
            """),
    ]

    /// The per-client tables of window-function segmentations are joined through an index,
    /// never by scanning the whole table for every client (SQLite underestimates their size).
    func testWindowSegmentationsAreNotJoinedByAFullScan() throws {
        let store = try TemporaryStore.demo("demo-plan", DemoOptions(clients: 100, years: 1, seed: 3))
        store.facts.currentMode = .off  // the SQL path's plan (the in-memory facts need no join)
        store.facts.scansOrders = false  // nor does the order scan
        let engine = Engine(store: store, session: Session(today: Fixture.today))
        for pipeline in ["clients | group rfm agg n = count()", "clients | group importance agg n = count()",
                         "clients | select id, name, rfm_r, importance"] {
            let p = try engine.checkedPipeline(pipeline)
            let plan: [String] = try store.read { db in
                let q = try PipelineCompiler(context: try Interpreter(engine: engine, session: engine.session).context(SQLiteTransaction(db))).compile(p)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + q.sql, arguments: q.arguments.statementArguments).map { $0["detail"] }
            }
            XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN") && $0.hasSuffix("LEFT-JOIN") }, "\(pipeline): \(plan)")
        }
    }

    /// `where rfm != null` before a grouping reads the scores' table without joining clients.
    func testAGroupingOfScoredClientsReadsTheScoresAlone() throws {
        let store = try Store(path: TemporaryStore.path("demo-noclients"))
        store.facts.currentMode = .off  // the SQL path (the in-memory facts read no table)
        store.facts.scansOrders = false  // nor does the order scan
        let engine = Engine(store: store, session: Session(today: Fixture.today))
        let sql = { (pipeline: String) throws -> String in
            let p = try engine.checkedPipeline(pipeline)
            return try store.read { db in
                try PipelineCompiler(context: try Interpreter(engine: engine, session: engine.session).context(SQLiteTransaction(db))).compile(p).sql
            }
        }
        XCTAssertFalse(try sql("clients | where rfm != null | group rfm agg n = count()").contains("FROM clients"))
        XCTAssertFalse(try sql("clients | where importance != null | group importance agg n = count()").contains("FROM clients"))
        // A client column, no where, or a where that keeps unscored clients: clients stay.
        XCTAssertTrue(try sql("clients | where rfm != null | group region agg n = count()").contains("FROM clients"))
        XCTAssertTrue(try sql("clients | group rfm agg n = count()").contains("FROM clients"))
        XCTAssertTrue(try sql("clients | where rfm == null | group rfm agg n = count()").contains("FROM clients"))
        XCTAssertTrue(try sql("clients | where not (rfm != null) | group rfm agg n = count()").contains("FROM clients"))
        XCTAssertFalse(try sql("clients | where turnover > 1000 and abc != null | group abc agg n = count()").contains("FROM clients"))
        XCTAssertTrue(try sql("clients | where turnover < 1000 | group abc agg n = count()").contains("FROM clients"))
        XCTAssertTrue(try sql("clients | where turnover > 1000 or rfm == null | group abc agg n = count()").contains("FROM clients"))
    }

    /// Conditions that need a client's row in a per-client table (which change the SQL) give
    /// the same rows as the same conditions hidden behind `or false` (which do not).
    func testConditionsNeedingARowGiveTheSameRows() throws {
        let store = try TemporaryStore.demo("demo-needrow", DemoOptions(clients: 300, years: 2, seed: 5))
        let engine = Engine(store: store, session: Session(today: Fixture.today))
        let conditions = ["turnover > 1000", "turnover >= 0", "orders_count == 0", "orders_count != 0", "late_payments > 0",
                          "max_overdue_days < 1", "unpaid > 0", "rfm != null", "importance != null", "rfm_m != null and turnover > 500"]
        let shapes = ["clients | where %@ | group abc, rfm_r agg n = count(), t = sum(turnover)",
                      "clients | where %@ | sort turnover desc, id | take 15 | select id, name, turnover",
                      "clients | where %@ | count"]
        func rows(_ pipeline: String) throws -> [[String]] {
            switch try engine.run(pipeline).first {
            case .table(let t)?: return t.rows.map { $0.map(\.plain) }
            case let other?: return [["\(other)"]]
            case nil: return []
            }
        }
        for shape in shapes {
            for c in conditions {
                let plain = shape.replacingOccurrences(of: "%@", with: c)
                let hidden = shape.replacingOccurrences(of: "%@", with: "(\(c)) or false")
                XCTAssertEqual(try rows(plain), try rows(hidden), plain)
            }
        }
    }

    func canonical(_ rows: [[String]]) -> [[String]] { rows.sorted { $0.lexicographicallyPrecedes($1) } }

    func testEverySegmentationMatchesHandWrittenSQLOnDemoData() throws {
        let store = try TemporaryStore.demo("demo-seg", DemoOptions(clients: 800, years: 2, seed: 3))
        let engine = Engine(store: store, session: Session(today: Fixture.today))
        for (pipeline, sql) in DemoSegmentationSQLTests.cases {
            guard case .table(let t)? = try engine.run(pipeline).first else { return XCTFail(pipeline) }
            let ours = canonical(t.rows.map { $0.map(\.plain) })
            let theirs = canonical(try store.read { db in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.isNull ? "" : "\($0.storage.value ?? "")" } }
            })
            XCTAssertGreaterThan(ours.count, 2, "\(pipeline): too few classes for a meaningful check")
            XCTAssertEqual(ours, theirs, pipeline)
        }
    }
}
