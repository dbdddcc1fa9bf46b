import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// The shipped orders of a store as columns in memory, in date order: what every per-client
/// measure over a period is computed from (turnover, order count, first and last order,
/// payment discipline). One snapshot is built from one read transaction and never changes;
/// `version` is the store's facts counter it was built at (FactsVersionMigration).
///
/// Computing a measure is one pass over the orders of the period (found by binary search)
/// into per-client accumulators, in integer arithmetic: the same numbers as the SQL, which
/// the tests check on random data after inserts, updates and deletes.
final class OrderFacts: OrderSource, @unchecked Sendable {
    let version: Int64
    let id: Int64
    /// Client ids in ascending order; orders refer to clients by position in this list.
    var clientIDs: [Int64] { positions.ids }
    let day: [Int32]
    let client: [Int32]
    let net: [Int64]
    let due: [Int32]
    let paid: [Int64]
    /// Day of the latest payment, `OrderFacts.none` when nothing was paid.
    let lastPaid: [Int32]
    let positions: ClientPositions

    static let none = Int32.min

    var count: Int { day.count }

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    init(version: Int64, clients: ClientPositions, day: [Int32], client: [Int32], net: [Int64],
         due: [Int32], paid: [Int64], lastPaid: [Int32]) {
        self.version = version; self.day = day; self.client = client
        self.net = net; self.due = due; self.paid = paid; self.lastPaid = lastPaid
        self.id = OrderFacts.nextID.next()
        self.positions = clients
    }

    private static let nextID = Counter()

    /// Reads the facts in the transaction of `db` (its snapshot of the store). Throws
    /// `Unreadable` when a stored date is not a calendar date; the caller then keeps to SQL.
    /// Bytes a snapshot of the store would take, from the largest order and client ids
    /// (an upper bound on their counts, read from the tables' b-trees without a scan): the
    /// order columns plus the per-client id table and computed columns.
    static func estimatedBytes(_ db: Database) -> Int {
        let orders = (try? Int.fetchOne(db, sql: "SELECT max(rowid) FROM orders")) ?? 0
        let clients = (try? Int.fetchOne(db, sql: "SELECT max(rowid) FROM clients")) ?? 0
        return orders * 32 + clients * 64
    }

    static func load(_ db: Database, version: Int64) throws -> OrderFacts {
        let position = try ClientPositions.read(db)
        let expected = try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE status = 'shipped'") ?? 0
        var day: [Int32] = [], client: [Int32] = [], net: [Int64] = [], due: [Int32] = []
        var paid: [Int64] = [], lastPaid: [Int32] = []
        day.reserveCapacity(expected); client.reserveCapacity(expected); net.reserveCapacity(expected)
        due.reserveCapacity(expected); paid.reserveCapacity(expected); lastPaid.reserveCapacity(expected)

        // Raw SQLite calls: two million rows through GRDB's Row would cost more than the scan.
        let scan = try db.makeStatement(sql: """
            SELECT order_date, client_id, net_minor, due_date, paid_minor, last_paid FROM orders
            WHERE status = 'shipped' ORDER BY order_date
            """)
        var rows = 0
        try scan.forEachRawRow { statement in
            try Interruption.check(.factsBuild, every: &rows)
            guard let d = DayText.day(statement, 0), let dueDay = DayText.day(statement, 3),
                  let c = position[sqlite3_column_int64(statement, 1)] else {
                throw Unreadable(description: "an order has a date that is not a calendar date")
            }
            var last = OrderFacts.none
            if sqlite3_column_type(statement, 5) != SQLITE_NULL {
                guard let l = DayText.day(statement, 5) else { throw Unreadable(description: "a payment date is not a calendar date") }
                last = l
            }
            guard sqlite3_column_type(statement, 2) == SQLITE_INTEGER, sqlite3_column_type(statement, 4) == SQLITE_INTEGER else {
                throw Unreadable(description: "an amount is not an integer")
            }
            day.append(d); client.append(c); net.append(sqlite3_column_int64(statement, 2))
            due.append(dueDay); paid.append(sqlite3_column_int64(statement, 4)); lastPaid.append(last)
        }
        return OrderFacts(version: version, clients: position, day: day, client: client, net: net, due: due,
                          paid: paid, lastPaid: lastPaid)
    }

    /// Positions of the orders dated from `start` to `end` (both included; nil: unbounded).
    func range(from start: Int32?, to end: Int32?) -> Range<Int> {
        let lo = start.map { lowerBound($0) } ?? 0
        let hi = end.map { lowerBound($0 &+ 1) } ?? count
        return lo..<max(lo, hi)
    }

    private func lowerBound(_ d: Int32) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if day[mid] < d { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    struct Overflow: Error, CustomStringConvertible {
        var description: String { "integer overflow" }
    }

    /// Per-client sales of the period (clients with at least one shipped order in it):
    /// turnover, orders_count, first_order, last_order.
    func sales(from start: Int32?, to end: Int32?) throws -> ClientColumns {
        let totals = SalesAccumulator(clients: clientIDs.count)
        // Buffer pointers, not array subscripts: this loop runs over every order of the
        // period for each question, and the bounds checks cost about a third of it.
        try day.withUnsafeBufferPointer { day in
            try client.withUnsafeBufferPointer { client in
                try net.withUnsafeBufferPointer { net in
                    // Orders are in date order, so clients come at random: start loading the
                    // record of the client a few orders ahead (a million records do not fit
                    // the processor's caches).
                    let orders = range(from: start, to: end)
                    let ahead = 16
                    for i in orders {
                        if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
                        if i + ahead < orders.upperBound { totals.prefetch(client: Int(client[i + ahead])) }
                        try totals.add(client: Int(client[i]), day: day[i], net: net[i])
                    }
                }
            }
        }
        return totals.columns(positions)
    }

    /// Column first_deal for the clients with orders in the period (`sales` of the same
    /// period, which starts at `start`): 1 when that is their only shipped order up to the
    /// end of the period, else 0.
    func firstDeals(_ sales: ClientColumns, from start: Int32) throws -> ClientColumns {
        var earlier = [Bool](repeating: false, count: clientIDs.count)
        for i in range(from: nil, to: start &- 1) {
            if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
            earlier[Int(client[i])] = true
        }
        let count = sales.index(of: "orders_count")!
        let first = earlier.indices.map { p -> Int64 in sales.has(p) && sales.value(count, p) == 1 && !earlier[p] ? 1 : 0 }
        return ClientColumns(clients: positions, present: sales.present, names: ["first_deal"], values: [first], kinds: [.integer])
    }

    /// Per-client payment discipline of the period as of `today`, with the payment facts
    /// kept on orders (used only when no payment is dated after today): late_payments,
    /// max_overdue_days, unpaid (DisciplineAccumulator).
    func discipline(from start: Int32?, to end: Int32?, today: Int32, openDebts: Bool) throws -> ClientColumns {
        let totals = DisciplineAccumulator(clients: clientIDs.count, today: today)
        // risk.debts = open: the earlier orders still open at the period's end count too.
        if openDebts, let start {
            for i in range(from: nil, to: start &- 1) {
                if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
                guard DisciplineAccumulator.isOpen(net: net[i], paid: paid[i], lastPaid: lastPaid[i], at: end) else { continue }
                try totals.add(client: Int(client[i]), net: net[i], due: due[i], paid: paid[i], lastPaid: lastPaid[i])
            }
        }
        let orders = range(from: start, to: end)
        for i in orders {
            if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
            if i + 16 < orders.upperBound { totals.prefetch(client: Int(client[i + 16])) }
            try totals.add(client: Int(client[i]), net: net[i], due: due[i], paid: paid[i], lastPaid: lastPaid[i])
        }
        return totals.columns(positions)
    }
}

/// A thread-safe increasing number.
final class Counter: @unchecked Sendable {
    private var value: Int64 = 0
    private let lock = NSLock()
    func next() -> Int64 { lock.withLock { value += 1; return value } }
}
