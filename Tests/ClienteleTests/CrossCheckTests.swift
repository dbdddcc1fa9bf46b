import XCTest
import GRDB
@testable import Clientele
import ClienteleTestSupport

/// The engine's answer to a query must equal an independent hand-written SQL query on
/// the same fixture (money as minor units, percents as basis points, dates as ISO text).
final class CrossCheckTests: XCTestCase {
    static let cases: [(pipeline: String, sql: String)] = [
        ("clients | where region == \"North\" | sort id | select id, name",
         "SELECT id, name FROM clients WHERE region = 'North' ORDER BY id"),
        ("clients | sort id | select id, turnover",
         "SELECT c.id, COALESCE((SELECT SUM(net_minor) FROM orders o WHERE o.client_id = c.id AND o.status = 'shipped' AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31'), 0) FROM clients c ORDER BY c.id"),
        ("clients | sort id | select id, orders_count",
         "SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.client_id = c.id AND o.status = 'shipped' AND o.order_date >= '2025-01-01') FROM clients c ORDER BY c.id"),
        ("clients | where orders_count > 0 | sort id | select id, avg_order",
         "SELECT client_id, (SUM(net_minor) * 2 + COUNT(*)) / (2 * COUNT(*)) FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' GROUP BY client_id ORDER BY client_id"),
        ("clients | where orders_count > 0 | sort id | select id, first_order, last_order",
         "SELECT client_id, MIN(order_date), MAX(order_date) FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' GROUP BY client_id ORDER BY client_id"),
        ("clients | where orders_count > 0 | sort id | select id, days_since_last_order",
         "SELECT client_id, CAST(julianday('2025-12-31') - julianday(MAX(order_date)) AS INTEGER) FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' GROUP BY client_id ORDER BY client_id"),
        ("clients | where late_payments > 0 | sort id | select id, late_payments, max_overdue_days",
         """
         WITH paid AS (SELECT o.id, o.client_id, o.net_minor, o.due_date,
                COALESCE((SELECT SUM(amount_minor) FROM payments p WHERE p.order_id = o.id), 0) AS paid,
                (SELECT MAX(date) FROM payments p WHERE p.order_id = o.id) AS last_paid
              FROM orders o WHERE o.status = 'shipped' AND o.order_date >= '2025-01-01'),
         od AS (SELECT client_id, CASE WHEN paid >= net_minor THEN MAX(0, julianday(last_paid) - julianday(due_date))
                                  ELSE MAX(0, julianday('2025-12-31') - julianday(due_date)) END AS days FROM paid)
         SELECT client_id, SUM(days > 0), CAST(MAX(days) AS INTEGER) FROM od GROUP BY client_id HAVING SUM(days > 0) > 0 ORDER BY client_id
         """),
        ("clients | where unpaid > 0 | sort id | select id, unpaid",
         "SELECT o.client_id, SUM(o.net_minor - COALESCE((SELECT SUM(amount_minor) FROM payments p WHERE p.order_id = o.id), 0)) FROM orders o WHERE o.status = 'shipped' AND o.order_date >= '2025-01-01' GROUP BY o.client_id HAVING 1 > 0 AND SUM(o.net_minor - COALESCE((SELECT SUM(amount_minor) FROM payments p WHERE p.order_id = o.id), 0)) > 0 ORDER BY o.client_id"),
        ("clients | where abc == \"B\" | sort id | select id",
         // first-deal rule: a client whose only shipped order (up to the period's end) is its first deal is C
         "SELECT client_id FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' GROUP BY client_id HAVING SUM(net_minor) BETWEEN 10000 AND 50000 AND (SELECT COUNT(*) FROM orders o2 WHERE o2.client_id = orders.client_id AND o2.status = 'shipped' AND o2.order_date <= '2025-12-31') > 1 ORDER BY client_id"),
        ("clients | where abc == \"C\" | sort id | select id",
         "SELECT client_id FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' GROUP BY client_id HAVING SUM(net_minor) < 10000 OR (SELECT COUNT(*) FROM orders o2 WHERE o2.client_id = orders.client_id AND o2.status = 'shipped' AND o2.order_date <= '2025-12-31') = 1 ORDER BY client_id"),
        ("clients | where status == \"lost\" | sort id | select id",
         "SELECT client_id FROM orders WHERE status = 'shipped' GROUP BY client_id HAVING MAX(order_date) < date('2025-12-31', '-180 days') ORDER BY client_id"),
        ("clients | where status == \"potential\" | sort id | select id",
         "SELECT id FROM clients c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.client_id = c.id AND o.status = 'shipped') ORDER BY id"),
        ("clients | where sales_type == \"retail chain\" | sort id | select id",
         "SELECT id FROM clients WHERE sales_type IS NULL AND outlets >= 3 OR sales_type = 'retail chain' ORDER BY id"),
        ("clients | group region agg n = count(), revenue = sum(turnover)",
         "SELECT c.region, COUNT(*), COALESCE(SUM(t.s), 0) FROM clients c LEFT JOIN (SELECT client_id, SUM(net_minor) s FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01' GROUP BY client_id) t ON t.client_id = c.id GROUP BY c.region ORDER BY c.region"),
        ("orders | group status agg n = count(), total = sum(net), biggest = max(net)",
         "SELECT status, COUNT(*), SUM(net_minor), MAX(net_minor) FROM orders GROUP BY status ORDER BY status"),
        ("orders | where order_date in 2025-Q3 | sort id | select id, net",
         "SELECT id, net_minor FROM orders WHERE order_date BETWEEN '2025-07-01' AND '2025-09-30' ORDER BY id"),
        ("orders | where client.region == \"North\" | sort id | select id, client.name",
         "SELECT o.id, c.name FROM orders o JOIN clients c ON c.id = o.client_id WHERE c.region = 'North' ORDER BY o.id"),
        ("payments | where order.client.id == 5 | sort id | select id, amount",
         "SELECT p.id, p.amount_minor FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.client_id = 5 ORDER BY p.id"),
        ("clients | sort id | select id, n = count(orders), s = sum(orders.net where status == \"shipped\")",
         "SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.client_id = c.id), (SELECT COALESCE(SUM(net_minor), 0) FROM orders o WHERE o.client_id = c.id AND status = 'shipped') FROM clients c ORDER BY c.id"),
        ("contacts | where birthday within 14 days | sort id | select id",
         "SELECT id FROM contacts WHERE birthday IS NOT NULL AND (strftime('%m-%d', birthday) >= '12-31' OR strftime('%m-%d', birthday) <= '01-14') ORDER BY id"),
        ("clients | where turnover(2025) > turnover(2024) | sort id | select id",
         "SELECT c.id FROM clients c WHERE COALESCE((SELECT SUM(net_minor) FROM orders WHERE client_id = c.id AND status = 'shipped' AND order_date LIKE '2025%'), 0) > COALESCE((SELECT SUM(net_minor) FROM orders WHERE client_id = c.id AND status = 'shipped' AND order_date LIKE '2024%'), 0) ORDER BY c.id"),
        ("orders | where status == \"shipped\" | agg n = count(), total = sum(net), average = avg(net)",
         "SELECT COUNT(*), SUM(net_minor), (SUM(net_minor) * 2 + COUNT(*)) / (2 * COUNT(*)) FROM orders WHERE status = 'shipped'"),
        ("clients | select curator | distinct | sort curator",
         "SELECT DISTINCT curator FROM clients ORDER BY curator"),
        ("categories | where margin >= 25% | sort id | select id, margin",
         "SELECT id, margin_bp FROM categories WHERE margin_bp >= 2500 ORDER BY id"),
        ("clients | where risk == 3 | sort id | select id",
         "SELECT id FROM clients WHERE id IN (4, 6) ORDER BY id"),
    ]

    func testEngineMatchesHandWrittenSQL() throws {
        XCTAssertGreaterThanOrEqual(CrossCheckTests.cases.count, 20)
        let engine = try Fixture.engine()
        for (pipeline, sql) in CrossCheckTests.cases {
            guard case .table(let table)? = try engine.run(pipeline).first else {
                XCTFail("\(pipeline): no table"); continue
            }
            let engineRows = table.rows.map { $0.map { SQLContext.sqlValue($0).databaseValue } }
            let expected = try engine.store.read { db in
                try Row.fetchAll(db, sql: sql).map { row in Array(row.databaseValues) }
            }
            XCTAssertFalse(expected.isEmpty, "\(pipeline): the reference query returned nothing; the check would be vacuous")
            XCTAssertEqual(engineRows, expected, pipeline)
        }
    }
}
