import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleDemo
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The lines file written a year at a time (PolicyLinesFile.write) is byte for byte the file
/// the whole-store write made (kept below as the reference): same categories' numbers, years,
/// starts and block checksums, on random demo stores of several years.
final class PolicyLinesFileYearsTests: XCTestCase {
    func testTheYearByYearWriteIsByteForByteTheWholeStoreWrite() throws {
        for seed in [3, 29] {
            let store = try TemporaryStore.demo("linesYears\(seed)", DemoOptions(clients: 80, years: 3, seed: UInt64(seed)))
            try assertSameFile(store, "seed \(seed)")
            // Categories first met in another order year by year than by order id: the lowest
            // order moved to the last year, given a line of the last category; the next one
            // left without lines (the category of no category).
            try store.write { db in
                try db.execute(sql: """
                    UPDATE orders SET order_date = (SELECT MAX(order_date) FROM orders WHERE status = 'shipped')
                    WHERE id = (SELECT MIN(id) FROM orders WHERE status = 'shipped')
                    """)
                try db.execute(sql: """
                    INSERT INTO order_lines (order_id, category_id, gross_minor)
                    VALUES ((SELECT MIN(id) FROM orders WHERE status = 'shipped'), (SELECT MAX(id) FROM categories), 1234)
                    """)
                try db.execute(sql: """
                    DELETE FROM order_lines WHERE order_id = (SELECT MIN(id) FROM orders WHERE status = 'shipped'
                        AND id > (SELECT MIN(id) FROM orders WHERE status = 'shipped'))
                    """)
            }
            try assertSameFile(store, "seed \(seed), changed")
        }
    }

    /// Both writes of `store`'s lines file: the same bytes, a file that maps and checks.
    func assertSameFile(_ store: Store, _ what: String) throws {
        let token = try XCTUnwrap(try store.read { db in StoreIdentityMigration.token(db) })
        let years = store.path + ".years.lines", whole = store.path + ".whole.lines"
        try store.readTransaction { tx in
            let clients = try ClientList.read(tx)
            try PolicyLinesFile.write(path: years, token: token, counter: 7, dialect: SQLiteDialect(), clients: clients, tx: tx)
            try Self.wholeStoreWrite(path: whole, token: token, counter: 7, dialect: SQLiteDialect(), clients: clients, tx: tx)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: years)), b = try Data(contentsOf: URL(fileURLWithPath: whole))
        XCTAssertGreaterThan(a.count, 4096, what)
        XCTAssertEqual(a.count, b.count, what)
        XCTAssertTrue(a == b, "\(what): the files differ")
        let m = try LinesMapping.map(years, token: token)
        XCTAssertGreaterThanOrEqual(m.header.years, 3, what)
        XCTAssertGreaterThan(m.header.categories, 1, what)
        let all = m.orders(years: 1900, through: 2999)
        XCTAssertEqual(all.count, m.header.orders, what)
        try m.check(all)
    }

    /// The write as it was before it went a year at a time (main at 50fbe26): every shipped
    /// order of the store with its lines read at once, counting-sorted by year and gathered
    /// into the file. Kept here only as the reference the year-by-year write must equal byte
    /// for byte.
    static func wholeStoreWrite(path: String, token: String, counter: Int64, dialect: SQLDialect, clients: ClientList,
                      tx: any StoreTransaction) throws {
        guard let stamp = try tx.fetchOne("SELECT rewrites, top FROM facts_version WHERE id = 1"),
              let rewrites = stamp[0].int64, let top = stamp[1].int64 else { throw RuntimeError.message("the store has no stamp") }
        let bounds = try tx.fetchOne("SELECT MIN(order_date), MAX(order_date) FROM orders WHERE status = 'shipped'")
        var b = PolicyLines.Builder(clients: clients)
        var yearFirst: [Int64] = []
        var order: [Int32] = []
        var firstYear = 0
        if let bounds, let low = bounds[0].string.flatMap(CalendarDate.init(iso:)), let high = bounds[1].string.flatMap(CalendarDate.init(iso:)) {
            b = try PolicyLines.read(range: DateRange(start: low, end: high), dialect: dialect, scan: true, clients: clients, tx: tx)
            // A stable counting sort of the orders by year.
            firstYear = low.year
            let jan1 = (low.year...high.year + 1).map { CalendarDate(year: $0, month: 1, day: 1)!.dayNumber }
            let n = b.client.count
            var yearOf = [Int32](repeating: 0, count: n)
            var counts = [Int](repeating: 0, count: jan1.count)
            for k in 0..<n {
                var y = 0
                let d = Int(b.day[k])
                while d >= jan1[y + 1] { y += 1 }
                yearOf[k] = Int32(y)
                counts[y + 1] += 1
            }
            for y in 1..<counts.count { counts[y] += counts[y - 1] }
            yearFirst = counts.dropLast().map(Int64.init)
            order = [Int32](repeating: 0, count: n)
            var next = counts
            for k in 0..<n {
                let y = Int(yearOf[k])
                order[next[y]] = Int32(k)
                next[y] += 1
            }
        }
        let n = order.count
        var starts = [Int32](repeating: 0, count: n + 1)
        for (i, k) in order.enumerated() { starts[i + 1] = starts[i] + (b.start[Int(k) + 1] - b.start[Int(k)]) }
        let years = yearFirst.count
        let header = LinesFile.Header(token: token, version: counter, rewrites: rewrites, top: top, orders: n, lines: Int(starts[n]),
                                      clients: clients.count, categories: b.categoryIDs.count, years: years)
        let writer = try LinesFileWriter(path: path, header: header)
        try writer.put(section: 0, clients.ids)
        try writer.put(section: 1, b.categoryIDs)
        try writer.put(section: 2, (0..<years).flatMap { [Int64(firstYear + $0), yearFirst[$0]] })
        func gather<T>(_ column: [T]) -> [T] { order.map { column[Int($0)] } }
        func gatherLines<T>(_ column: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(column.count)
            for k in order { out.append(contentsOf: column[Int(b.start[Int(k)])..<Int(b.start[Int(k) + 1])]) }
            return out
        }
        try writer.put(section: 3, gather(b.client))
        try writer.put(section: 4, gather(b.day))
        try writer.put(section: 5, starts)
        try writer.put(section: 6, gather(b.orderGross))
        try writer.put(section: 7, gather(b.recordedDiscount))
        try writer.put(section: 8, gatherLines(b.category))
        try writer.put(section: 9, gatherLines(b.gross))
        try writer.checksumWritten()
        try writer.finish()
    }
}
