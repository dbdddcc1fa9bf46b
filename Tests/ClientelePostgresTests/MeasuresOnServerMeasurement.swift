import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
import ClientelePostgres

/// Issue #17, part 3: per-client measures on PostgreSQL, in SQL on the server (hash
/// aggregation) or from the order rows streamed into Swift (a `MeasureSource` over `tx.scan`).
/// A measurement, not a test of speed: it runs only when `CLIENTELE_MEASURE_STORE` names a
/// SQLite store (a demo or bench store) and prints its times for docs/performance.md; what it
/// asserts is that both ways give the same numbers.
///
///     CLIENTELE_MEASURE_STORE=/tmp/demo.sqlite scripts/with-postgres \
///       swift test --skip-build --filter MeasuresOnServerMeasurement
final class MeasuresOnServerMeasurement: PostgresTestCase {
    static let today = CalendarDate(iso: "2025-12-31")!
    static let period: [SQLValue] = [.text("2025-01-01"), .text("2025-12-31")]
    static let workloads = [
        ("W1", #"clients | where region == "North" and turnover > 1000 | sort turnover desc, id | take 20 | select id, name, turnover"#),
        ("W2", "clients | group region, sales_type agg n = count(), revenue = sum(turnover)"),
        ("W3", "clients | group abc agg n = count(), revenue = sum(turnover)"),
        ("W4", "clients | group risk agg n = count()"),
        ("W5", "clients | where importance != null | group region, importance agg n = count()"),
        ("W6", "clients | where rfm != null | group rfm agg n = count()"),
    ]

    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let t = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    static func ms(_ x: Double) -> String { String(format: "%.1f ms", x) }

    struct Sales: Equatable { var turnover: Int64 = 0, count: Int64 = 0, first = "", last = "" }

    func testSQLOnTheServerAgainstStreamingTheOrders() throws {
        guard let path = ProcessInfo.processInfo.environment["CLIENTELE_MEASURE_STORE"] else {
            throw XCTSkip("a measurement: set CLIENTELE_MEASURE_STORE to a SQLite store to run it")
        }
        let runs = Int(ProcessInfo.processInfo.environment["CLIENTELE_MEASURE_RUNS"] ?? "") ?? 5
        let sqlite = try Store(path: path, readOnly: true)
        let pg = try newStore()
        defer { pg.close() }
        var report: [String] = []
        let copy = try Self.median(1) { _ = try PostgresCopy.copy(from: sqlite, to: pg) }
        try pg.writeTransaction { try $0.execute("ANALYZE") }
        report.append("copy into the server: \(Self.ms(copy))")

        // The workloads through the engine: on the server every measure is SQL.
        let onServer = Engine(store: sqlite, backend: pg, session: Session(today: Self.today))
        let onSQLite = Engine(store: sqlite, session: Session(today: Self.today))
        for (id, script) in Self.workloads {
            let a = onServer.transcript(script), b = onSQLite.transcript(script)
            XCTAssertEqual(a, b, "\(id) answers differently on the server")
            _ = onServer.transcript(script)
            let server = Self.median(runs) { _ = onServer.transcript(script) }
            let local = Self.median(runs) { _ = onSQLite.transcript(script) }
            report.append("\(id): server SQL \(Self.ms(server)), SQLite store (order scan) \(Self.ms(local))")
        }

        // One per-client measure set (sales of the period) both ways on the server.
        let aggregate = """
            SELECT client_id, SUM(net_minor), COUNT(*), MIN(order_date), MAX(order_date) FROM orders
            WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id
            """
        var bySQL: [Int64: Sales] = [:]
        let sqlTime = try Self.median(runs) {
            bySQL = [:]
            try pg.readTransaction { tx in
                try tx.scan(aggregate, .positional(Self.period)) { r in
                    bySQL[r.int64(0)] = Sales(turnover: r.int64(1), count: r.int64(2),
                                              first: r.value(3).string ?? "", last: r.value(4).string ?? "")
                }
            }
        }
        let rows = "SELECT client_id, net_minor, order_date FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2"
        var streamed: [Int64: Sales] = [:]
        var orders = 0
        let streamTime = try Self.median(runs) {
            streamed = [:]; orders = 0
            try pg.readTransaction { tx in
                try tx.scan(rows, .positional(Self.period)) { r in
                    let day = r.value(2).string ?? ""
                    orders += 1
                    streamed[r.int64(0), default: Sales(first: day, last: day)].add(r.int64(1), day)
                }
            }
        }
        XCTAssertEqual(streamed, bySQL, "the streamed sums differ from the server's")
        // What a MeasureSource would still have to do before SQL could read the columns: send
        // them back (a temporary table), here in batched INSERTs of 1,000 rows.
        let keys = Array(streamed.keys)
        let upload = try Self.median(runs) {
            try pg.writeTransaction { tx in
                try tx.execute("CREATE TEMPORARY TABLE sales_upload (client_id bigint, turnover bigint, n bigint, first_order date, last_order date) ON COMMIT DROP")
                for start in stride(from: 0, to: keys.count, by: 1000) {
                    let batch = keys[start..<min(start + 1000, keys.count)]
                    var values: [SQLValue] = []
                    let tuples = batch.enumerated().map { (i, k) -> String in
                        let s = streamed[k]!
                        values += [.integer(k), .integer(s.turnover), .integer(s.count), .text(s.first), .text(s.last)]
                        return "($\(i * 5 + 1), $\(i * 5 + 2), $\(i * 5 + 3), CAST($\(i * 5 + 4) AS date), CAST($\(i * 5 + 5) AS date))"
                    }
                    try tx.execute("INSERT INTO sales_upload VALUES " + tuples.joined(separator: ", "), .positional(values))
                }
            }
        }
        report.append("sales of 2025 for \(bySQL.count) clients from \(orders) orders: SQL on the server (hash aggregate, rows to the client) \(Self.ms(sqlTime)); "
                      + "order rows streamed into Swift \(Self.ms(streamTime)), plus the columns sent back \(Self.ms(upload))")
        print("MEASURE " + report.joined(separator: "\nMEASURE "))
    }
}

extension MeasuresOnServerMeasurement.Sales {
    mutating func add(_ net: Int64, _ day: String) {
        turnover += net; count += 1
        if day < first { first = day }
        if day > last { last = day }
    }
}
