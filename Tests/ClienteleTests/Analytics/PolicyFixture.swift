import Foundation
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// A small store whose discounts are known by hand.
///
/// Settings are the defaults (ABC over a year, A above 500.00, B from 100.00) except that
/// the first-deal rule is off (`first_deal.class = none`): every client here has one 2024
/// order, which that rule would put in class C whatever its amount.
/// Categories are the defaults: stationery (id 1) 25%, watches (2) 35%, photo (4) 20%, other (5) 15%.
/// Rules are the defaults: "Volume A" 5% when abc == "A", "Volume B" 3% when abc == "B", both best-of.
///
/// 2024 (the window for 2025's rule conditions), orders without lines and no discount
/// (nobody had a class in 2023):
///   Alpha  600.00 → A      Beta  450.00 → B      Gamma  50.00 → C
/// 2025, orders with lines; stored discounts computed by hand under the default rules:
///   O1 Alpha 2025-03-10: stationery 800.00 + watches 200.00 = 1000.00, A 5%: 40.00 + 10.00 = 50.00
///   O2 Beta  2025-07-15: photo 433.33, B 3%: 433.33 × 3% = 12.9999 → 13.00
///   O3 Gamma 2025-02-01: other 80.00, C: no rule → 0.00
/// Alpha has 6 outlets, the others 1.
enum PolicyFixture {
    static let today = CalendarDate(iso: "2025-12-31")!
    static let year2025 = DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!)
    static let year2024 = DateRange(start: CalendarDate(iso: "2024-01-01")!, end: CalendarDate(iso: "2024-12-31")!)
    static let alpha: Int64 = 1, beta: Int64 = 2, gamma: Int64 = 3

    static func makeStore() throws -> (Store, Engine, URL) {
        let dir = TemporaryStore.folder("policy")
        let store = try Store(path: dir.appendingPathComponent("store.sqlite").path)
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO clients (id, name, outlets) VALUES (1, 'Alpha', 6), (2, 'Beta', 1), (3, 'Gamma', 1);
                INSERT INTO orders (id, number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor) VALUES
                  (1, 'H1', 1, '2024-06-01', '2024-06-11', 60000, 0, 60000),
                  (2, 'H2', 2, '2024-06-01', '2024-06-11', 45000, 0, 45000),
                  (3, 'H3', 3, '2024-06-01', '2024-06-11', 5000, 0, 5000),
                  (4, 'O1', 1, '2025-03-10', '2025-03-20', 100000, 5000, 95000),
                  (5, 'O2', 2, '2025-07-15', '2025-07-25', 43333, 1300, 42033),
                  (6, 'O3', 3, '2025-02-01', '2025-02-11', 8000, 0, 8000),
                  (7, 'X1', 1, '2025-04-01', '2025-04-11', 99999, 0, 99999);
                UPDATE orders SET status = 'cancelled' WHERE id = 7;
                UPDATE settings SET value = 'none' WHERE key = 'first_deal.class';
                INSERT INTO order_lines (order_id, category_id, gross_minor) VALUES
                  (4, 1, 80000), (4, 2, 20000), (5, 4, 43333), (6, 5, 8000), (7, 1, 99999);
                """)
        }
        let engine = Engine(store: store, session: Session(today: today))
        return (store, engine, dir)
    }

    static func compare(_ engine: Engine, _ names: [String?], period: DateRange = year2025) throws -> Comparison {
        try engine.store.readTransaction { try Comparison.run(names, period: period, dialect: SQLiteDialect(), tx: $0) }
    }
}
