import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport

/// `fit clv`, the fields p_alive / expected_orders / clv in queries, and `cohorts` on a demo
/// store (the hand-made fixture is too small to fit a model: Golden/models.clq shows the
/// message). Values are checked against the models computed directly from the order history.
final class ClientModelCommandTests: XCTestCase {
    static let today = CalendarDate(iso: "2025-12-31")!
    static let year = DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!)

    func demo() throws -> (Engine, Store) {
        let store = try TemporaryStore.demo("models", DemoOptions(clients: 300, years: 2, seed: 21))
        return (Engine(store: store, session: Session(today: Self.today)), store)
    }

    /// The model fitted directly on the store's shipped orders of 2025.
    func directModel(_ store: Store) throws -> ClientLifetimeModel {
        let rows = try store.readTransaction {
            try $0.fetchAll("SELECT client_id, order_date, net_minor FROM orders WHERE status = 'shipped' AND order_date BETWEEN '2025-01-01' AND '2025-12-31'")
        }
        let days = rows.map { OrderDay(client: $0[0].int64!, day: CalendarDate(iso: $0[1].string!)!, netMinor: $0[2].int64!) }
        return try ClientLifetimeModel.fit(ClientLifetimeModel.histories(days, end: Self.year.end))
    }

    func testFitCLVPrintsTheParametersAndTheClients() throws {
        let (engine, store) = try demo()
        let model = try directModel(store)
        let out = try engine.run("fit clv over 2025")
        guard case .table(let t)? = out.first(where: { if case .table = $0 { return true } else { return false } }) else {
            return XCTFail("no table: \(out)")
        }
        XCTAssertEqual(t.columns.map(\.name), ["parameter", "value"])
        XCTAssertEqual(t.rows.map { $0[0].plain }, ["r", "alpha", "a", "b", "p", "q", "gamma", "log_likelihood",
                                                   "value_log_likelihood", "clients", "repeat_clients"])
        XCTAssertEqual(t.rows[0][1].plain, String(format: "%.4f", model.frequency.r))
        XCTAssertEqual(t.rows[9][1].plain, String(model.clients))
        let count = try engine.run("clients | where orders_count(2025) > 0 | count")
        XCTAssertEqual(count, [.scalar(name: "count", value: .integer(Int64(model.clients)))])
        guard case .message(let footer)? = out.last else { return XCTFail("\(out)") }
        XCTAssertTrue(footer.hasPrefix("estimates, not facts:"), footer)
    }

    func testFieldsInQueriesAreTheModelsValuesWithANote() throws {
        let (engine, store) = try demo()
        let model = try directModel(store)
        let out = try engine.run("clients | where orders_count(2025) > 0 | sort id | select id, status, p = p_alive(2025), e = expected_orders(2025, 90 days), v = clv(2025, 12 months)")
        guard case .table(let t)? = out.first, case .message(let note)? = out.last else { return XCTFail("\(out)") }
        XCTAssertTrue(note.hasPrefix("estimates (BG/NBD and Gamma-Gamma fitted on \(model.clients) clients"), note)
        XCTAssertEqual(t.rows.count, model.clients)
        let rate = 0.01   // clv.monthly_discount's default
        for row in t.rows {
            guard case .integer(let id) = row[0] else { return XCTFail("\(row)") }
            let p = model.probabilityAlive(id)!, e = model.expectedOrders(id, days: 90)!
            XCTAssertEqual(row[2], .decimal(Decimal(Int64((p * 100).rounded(.toNearestOrAwayFromZero))) / 100), "client \(id)")
            XCTAssertEqual(row[3], .decimal(Decimal(Int64((e * 100).rounded(.toNearestOrAwayFromZero))) / 100), "client \(id)")
            XCTAssertEqual(row[4], .money(Money(minorUnits: model.lifetimeValue(id, months: 12, monthlyRate: rate)!)), "client \(id)")
            // One order day: alive by the model.
            if model.histories[id]!.frequency == 0 { XCTAssertEqual(row[2], .decimal(1)) }
        }
        // In a where, with a segment, and a client without orders in the period has none.
        let few = try engine.run("clients | where p_alive(2025) < 0.3 and abc(2025) == \"A\" | count")
        let expected = t.rows.filter { r in
            guard case .decimal(let d) = r[2] else { return false }
            return d < Decimal(string: "0.3")!
        }.map { r -> Int64 in if case .integer(let id) = r[0] { return id } else { return 0 } }
        guard case .scalar(_, .integer(let n))? = few.first else { return XCTFail("\(few)") }
        XCTAssertLessThanOrEqual(n, Int64(expected.count))
        let none = try engine.run("clients | where orders_count(2025) == 0 and p_alive(2025) != null | count")
        XCTAssertEqual(none.first, .scalar(name: "count", value: .integer(0)))
        // The discount is a stored setting.
        _ = try engine.run("set clv.monthly_discount = 0%")
        let undiscounted = try engine.run("clients | where id == \(t.rows[0][0].plain) | select v = clv(2025, 12 months)")
        guard case .table(let u)? = undiscounted.first, case .integer(let first) = t.rows[0][0] else { return XCTFail() }
        XCTAssertEqual(u.rows[0][0], .money(Money(minorUnits: model.lifetimeValue(first, months: 12, monthlyRate: 0)!)))
    }

    func testCohortsMatchTheOrdersAndExport() throws {
        let (engine, store) = try demo()
        let out = try engine.run("cohorts by first order month over 2025")
        let tables = out.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        XCTAssertEqual(tables.count, 3)
        let clients = tables[0]
        XCTAssertEqual(clients.rows.count, 12)
        XCTAssertEqual(clients.columns.map(\.name).prefix(4), ["cohort", "clients", "m0", "m1"])
        // Month 0 is every client of the cohort; a cohort's size is the clients whose first order is in its month.
        let firsts = try store.readTransaction {
            try $0.fetchAll("SELECT substr(order_date, 1, 7) AS m, COUNT(*) FROM (SELECT client_id, MIN(order_date) AS order_date FROM orders WHERE status = 'shipped' GROUP BY client_id) GROUP BY m")
        }
        var sizes: [String: Int64] = [:]
        for r in firsts { sizes[r[0].string!] = r[1].int64! }
        for row in clients.rows {
            XCTAssertEqual(row[1], .integer(sizes[row[0].plain] ?? 0), row[0].plain)
            XCTAssertEqual(row[2], row[1], "m0 is the whole cohort")
        }
        XCTAssertEqual(clients.rows[11][3], .null, "December reaches month 0 only")
        XCTAssertNotEqual(clients.rows[0][13], .null, "January reaches month 11")
        let dir = TemporaryStore.folder()
        let written = try engine.run("export cohorts by first order month over 2025 to \"cohorts.csv\"", origin: dir.appendingPathComponent("job.clq").path)
        XCTAssertEqual(written, [.message("12 rows written to cohorts.csv")])
        let csv = try String(contentsOf: dir.appendingPathComponent("cohorts.csv"), encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("cohort,clients,m0,m1,"), csv)
        let fit = try engine.run("export fit clv over 2025 to \"fit.csv\"", origin: dir.appendingPathComponent("job.clq").path)
        XCTAssertEqual(fit, [.message("11 rows written to fit.csv")])
    }
}
