import XCTest
import ClienteleCore
@testable import ClienteleDemo

/// The demo generator without a store: rows as values into a sink.
final class DemoGeneratorTests: XCTestCase {
    private struct Collector: DemoRowSink {
        var clients: [DemoClientRow] = [], contacts: [DemoContactRow] = [], contracts: [DemoContractRow] = []
        var interactions: [DemoInteractionRow] = [], conflicts: [DemoConflictRow] = []
        var orders: [DemoOrderRow] = [], lines: [DemoOrderLineRow] = [], payments: [DemoPaymentRow] = []
        mutating func client(_ row: DemoClientRow) throws { clients.append(row) }
        mutating func contact(_ row: DemoContactRow) throws { contacts.append(row) }
        mutating func contract(_ row: DemoContractRow) throws { contracts.append(row) }
        mutating func interaction(_ row: DemoInteractionRow) throws { interactions.append(row) }
        mutating func conflict(_ row: DemoConflictRow) throws { conflicts.append(row) }
        mutating func order(_ row: DemoOrderRow) throws { orders.append(row) }
        mutating func orderLine(_ row: DemoOrderLineRow) throws { lines.append(row) }
        mutating func payment(_ row: DemoPaymentRow) throws { payments.append(row) }
    }

    private let reference = DemoReference(
        categories: [(1, "stationery"), (2, "office"), (3, "gifts"), (4, "photo"), (5, "watches")],
        activities: ["stationery", "office", "gifts", "photo", "watches"])

    private func generate(clients: Int, seed: UInt64) throws -> (Collector, DemoSummary) {
        let options = DemoOptions(clients: clients, years: 2, seed: seed)
        let end = options.endDate.dayNumber
        let start = options.endDate.clampedAdding(months: -24).dayNumber + 1
        var gen = DemoGenerator(options: options, reference: reference, start: start, end: end, sink: Collector())
        for i in 0..<clients { try gen.client(index: i) }
        return (gen.sink, gen.summary)
    }

    func testTheSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws {
        let (a, _) = try generate(clients: 30, seed: 5)
        let (b, _) = try generate(clients: 30, seed: 5)
        let (c, _) = try generate(clients: 30, seed: 6)
        XCTAssertEqual(a.clients.map(\.name), b.clients.map(\.name))
        XCTAssertEqual(a.orders.map(\.netMinor), b.orders.map(\.netMinor))
        XCTAssertEqual(a.payments.map(\.day), b.payments.map(\.day))
        XCTAssertNotEqual(a.clients.map(\.name), c.clients.map(\.name))
    }

    func testRowsAreConsistentAndCountedInTheSummary() throws {
        let (rows, summary) = try generate(clients: 40, seed: 9)
        XCTAssertEqual(rows.clients.map(\.id), Array(1...40))
        XCTAssertEqual(summary.orders, rows.orders.count)
        XCTAssertEqual(summary.orderLines, rows.lines.count)
        XCTAssertEqual(summary.payments, rows.payments.count)
        XCTAssertEqual(summary.contacts, rows.contacts.count)
        XCTAssertGreaterThan(rows.orders.count, 40)
        let grossByOrder = Dictionary(grouping: rows.lines, by: \.orderID).mapValues { $0.reduce(0) { $0 + $1.grossMinor } }
        for order in rows.orders {
            XCTAssertEqual(grossByOrder[order.id], order.grossMinor, "lines of order \(order.id)")
            XCTAssertEqual(order.netMinor, order.grossMinor - order.discountMinor)
            XCTAssertLessThanOrEqual(order.day, order.dueDay)
        }
        let paid = Dictionary(grouping: rows.payments, by: \.orderID).mapValues { $0.reduce(0) { $0 + $1.amountMinor } }
        let net = Dictionary(uniqueKeysWithValues: rows.orders.map { ($0.id, $0.netMinor) })
        for (order, amount) in paid { XCTAssertEqual(amount, net[order], "payments of order \(order)") }
        XCTAssertTrue(rows.clients.allSatisfy { reference.activities.contains($0.activity) })
    }

    func testASinkThatFailsStopsTheGeneration() throws {
        struct Full: Error {}
        struct Failing: DemoRowSink {
            var orders = 0
            mutating func client(_ row: DemoClientRow) throws {}
            mutating func contact(_ row: DemoContactRow) throws {}
            mutating func contract(_ row: DemoContractRow) throws {}
            mutating func interaction(_ row: DemoInteractionRow) throws {}
            mutating func conflict(_ row: DemoConflictRow) throws {}
            mutating func order(_ row: DemoOrderRow) throws { orders += 1; if orders == 3 { throw Full() } }
            mutating func orderLine(_ row: DemoOrderLineRow) throws {}
            mutating func payment(_ row: DemoPaymentRow) throws {}
        }
        let options = DemoOptions(clients: 10)
        let end = options.endDate.dayNumber
        var gen = DemoGenerator(options: options, reference: reference, start: end - 700, end: end, sink: Failing())
        XCTAssertThrowsError(try (0..<10).forEach { try gen.client(index: $0) }) { XCTAssertTrue($0 is Full) }
        XCTAssertEqual(gen.summary.orders, 2)
    }

    func testDatesNearThePeriodComeFromTheCacheAndOthersAreFormatted() {
        let day = CalendarDate(year: 2025, month: 3, day: 1)!.dayNumber
        let dates = DemoDates(from: day - 2, through: day + 2)
        for d in [day - 3, day - 2, day, day + 2, day + 3, CalendarDate(year: 1956, month: 2, day: 29)!.dayNumber] {
            XCTAssertEqual(dates.withISO(d) { String(decoding: $0, as: UTF8.self) }, CalendarDate(dayNumber: d).iso)
        }
    }
}
