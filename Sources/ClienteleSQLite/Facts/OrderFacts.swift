import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// The shipped orders of a store as columns, in date order: what every per-client measure
/// over a period is computed from (turnover, order count, first and last order, payment
/// discipline). One snapshot is built from one read transaction (or mapped from the column
/// file, ColumnFile) and never changes; `stamp` is where the store stood when it was made
/// (the facts counter of FactsVersionMigration and what the incremental path needs).
///
/// The orders are one or more segments, each in date order and each dated on or after the
/// last day of the one before (a mapped file, then the orders appended since it was
/// written: OrderSegment). Columns are plain pointers into memory the snapshot owns
/// (`owners`): its own buffers or a read-only mapping of the file, never copied.
///
/// Computing a measure is one pass over the orders of the period (found by binary search)
/// into per-client accumulators, in integer arithmetic: the same numbers as the SQL, which
/// the tests check on random data after inserts, updates and deletes.
final class OrderFacts: OrderSource, @unchecked Sendable {
    let stamp: FactsStamp
    var version: Int64 { stamp.version }
    let id: Int64
    /// Client ids in ascending order; orders refer to clients by position in this list.
    var clientIDs: [Int64] { positions.ids }
    let positions: ClientPositions
    let segments: [OrderSegment]
    /// What keeps the segments' memory alive (buffers, mappings).
    let owners: [AnyObject]
    /// Where the orders come from: "memory", "file" or "file + appended".
    let origin: String

    static let none = Int32.min

    let count: Int

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    init(stamp: FactsStamp, clients: ClientPositions, segments: [OrderSegment], owners: [AnyObject], origin: String) {
        self.stamp = stamp; self.positions = clients; self.segments = segments.filter { $0.count > 0 }
        self.owners = owners; self.origin = origin
        count = segments.reduce(0) { $0 + $1.count }
        id = OrderFacts.nextID.next()
    }

    /// Facts from arrays (tests), copied into buffers of their own.
    convenience init(version: Int64, clients: ClientPositions, day: [Int32], client: [Int32], net: [Int64],
                     due: [Int32], paid: [Int64], lastPaid: [Int32]) {
        let b = OrderBuffers(capacity: day.count)
        for i in day.indices { b.append(day: day[i], client: client[i], net: net[i], due: due[i], paid: paid[i], lastPaid: lastPaid[i]) }
        self.init(stamp: FactsStamp(version: version, rewrites: nil, top: nil), clients: clients, segments: [b.segment],
                  owners: [b], origin: "memory")
    }

    private static let nextID = Counter()

    /// Bytes a snapshot of the store would take, from the largest order and client ids
    /// (an upper bound on their counts, read from the tables' b-trees without a scan): the
    /// order columns plus the per-client id table and computed columns.
    static func estimatedBytes(_ db: Database) -> Int {
        let orders = (try? Int.fetchOne(db, sql: "SELECT max(rowid) FROM orders")) ?? 0
        let clients = (try? Int.fetchOne(db, sql: "SELECT max(rowid) FROM clients")) ?? 0
        return orders * 32 + clients * 64
    }

    /// Reads the facts in the transaction of `db` (its snapshot of the store). Throws
    /// `Unreadable` when a stored date is not a calendar date; the caller then keeps to SQL.
    static func load(_ db: Database, version: Int64) throws -> OrderFacts {
        let stamp = FactsStamp.read(db, version: version)
        let position = try ClientPositions.read(db)
        let buffers = try readOrders(db, position, sql: allOrdersSQL, arguments: [], capacity: try shippedCount(db))
        return OrderFacts(stamp: stamp, clients: position, segments: [buffers.segment], owners: [buffers], origin: "memory")
    }

    /// The orders a statement selects (order_date, client_id, net_minor, due_date,
    /// paid_minor, last_paid, in date order) into buffers, with raw SQLite calls: two
    /// million rows through GRDB's Row would cost more than the scan.
    static func readOrders(_ db: Database, _ position: ClientPositions, sql: String, arguments: StatementArguments,
                           capacity: Int) throws -> OrderBuffers {
        let buffers = OrderBuffers(capacity: capacity)
        try forEachOrder(db, position, sql: sql, arguments: arguments) { d, c, n, u, p, l in
            guard buffers.count < buffers.capacity else { throw Unreadable(description: "more orders than counted") }
            buffers.append(day: d, client: c, net: n, due: u, paid: p, lastPaid: l)
        }
        return buffers
    }

    /// The orders the statement selects, row by row as (day, client position, net, due day,
    /// paid, last payment day or `none`); throws `Unreadable` for a value that is not what
    /// the facts hold.
    @inline(__always)
    static func forEachOrder(_ db: Database, _ position: ClientPositions, sql: String, arguments: StatementArguments,
                             _ body: (Int32, Int32, Int64, Int32, Int64, Int32) throws -> Void) throws {
        let scan = try db.makeStatement(sql: sql)
        try scan.setArguments(arguments)
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
            try body(d, c, sqlite3_column_int64(statement, 2), dueDay, sqlite3_column_int64(statement, 4), last)
        }
    }

    static let allOrdersSQL = """
        SELECT order_date, client_id, net_minor, due_date, paid_minor, last_paid FROM orders
        WHERE status = 'shipped' ORDER BY order_date
        """

    static func shippedCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE status = 'shipped'") ?? 0
    }

    /// Writes the store's orders, as the transaction of `db` sees them, straight into a
    /// column file at `path` (one block in memory at a time: ColumnFileWriter), without
    /// holding them as facts. Throws `Unreadable` as `load` does.
    static func writeFile(_ db: Database, version: Int64, token: String, to path: String) throws {
        let stamp = FactsStamp.read(db, version: version)
        let position = try ClientPositions.read(db)
        let writer = try ColumnFileWriter(path: path, token: token, stamp: stamp, clientIDs: position.ids, orders: try shippedCount(db))
        try forEachOrder(db, position, sql: allOrdersSQL, arguments: []) { d, c, n, u, p, l in
            try writer.append(day: d, client: c, net: n, due: u, paid: p, lastPaid: l)
        }
        try writer.finish()
    }

    /// The last order day (nil without orders).
    func lastDay() throws -> Int32? { try segments.last.map { try $0.checkedDay($0.count - 1) } }

    struct Overflow: Error, CustomStringConvertible {
        var description: String { "integer overflow" }
    }

    /// Per-client sales of the period (clients with at least one shipped order in it):
    /// turnover, orders_count, first_order, last_order.
    func sales(from start: Int32?, to end: Int32?) throws -> ClientColumns {
        let totals = SalesAccumulator(clients: clientIDs.count)
        // Plain pointers, not array subscripts: this loop runs over every order of the
        // period for each question, and bounds checks would cost about a third of it.
        for s in segments {
            let day = s.day, client = s.client, net = s.net
            // Orders are in date order, so clients come at random: start loading the
            // record of the client a few orders ahead (a million records do not fit
            // the processor's caches).
            let ahead = 16
            try s.forEachBlock(try s.range(from: start, to: end), [.day, .client, .net]) { orders in
                for i in orders {
                    if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
                    if i + ahead < orders.upperBound { totals.prefetch(client: Int(client[i + ahead])) }
                    try totals.add(client: Int(client[i]), day: day[i], net: net[i])
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
        for s in segments {
            try s.forEachBlock(try s.range(from: nil, to: start &- 1), [.day, .client]) { orders in
                for i in orders {
                    if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
                    earlier[Int(s.client[i])] = true
                }
            }
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
            for s in segments {
                try s.forEachBlock(try s.range(from: nil, to: start &- 1), [.client, .due, .lastPaid, .net, .paid]) { orders in
                    for i in orders {
                        if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
                        guard DisciplineAccumulator.isOpen(net: s.net[i], paid: s.paid[i], lastPaid: s.lastPaid[i], at: end) else { continue }
                        try totals.add(client: Int(s.client[i]), net: s.net[i], due: s.due[i], paid: s.paid[i], lastPaid: s.lastPaid[i])
                    }
                }
            }
        }
        for s in segments {
            let client = s.client, net = s.net, due = s.due, paid = s.paid, lastPaid = s.lastPaid
            try s.forEachBlock(try s.range(from: start, to: end), [.client, .due, .lastPaid, .net, .paid]) { orders in
                for i in orders {
                    if i & Interruption.mask == 0 { try Interruption.check(.orderFacts) }
                    if i + 16 < orders.upperBound { totals.prefetch(client: Int(client[i + 16])) }
                    try totals.add(client: Int(client[i]), net: net[i], due: due[i], paid: paid[i], lastPaid: lastPaid[i])
                }
            }
        }
        return totals.columns(positions)
    }
}

/// Where the store stood when a snapshot was made: the facts counter, and for the
/// incremental path the count of rewrites (updates and deletes of orders, inserts below the
/// highest id) and the highest order id ever inserted (StoreIdentityMigration); nil in a
/// store without them (an older store opened read-only).
struct FactsStamp: Equatable {
    var version: Int64
    var rewrites: Int64?
    var top: Int64?

    static func read(_ db: Database, version: Int64) -> FactsStamp {
        let row = try? Row.fetchOne(db, sql: "SELECT rewrites, top FROM facts_version WHERE id = 1")
        return FactsStamp(version: version, rewrites: row?[0], top: row?[1])
    }
}

/// Orders in date order behind plain pointers (a snapshot's buffers or a mapped file).
struct OrderSegment {
    let count: Int
    let day: UnsafePointer<Int32>
    let client: UnsafePointer<Int32>
    let net: UnsafePointer<Int64>
    let due: UnsafePointer<Int32>
    let paid: UnsafePointer<Int64>
    let lastPaid: UnsafePointer<Int32>
    /// The column file the pointers are into (its blocks checked as they are read:
    /// ColumnBlocks), nil for memory of the segment's own.
    var file: ColumnMapping? = nil

    /// Positions of the orders dated from `start` to `end` (both included; nil: unbounded).
    func range(from start: Int32?, to end: Int32?) throws -> Range<Int> {
        let lo = try start.map { try lowerBound($0) } ?? 0
        let hi = try end.map { try lowerBound($0 &+ 1) } ?? count
        // The searches' probes mapped folios all over the day column: handed back (a large mapping).
        if start != nil || end != nil { file?.release(0..<count, .day, before: 0) }
        return lo..<max(lo, hi)
    }

    private func lowerBound(_ d: Int32) throws -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if try checkedDay(mid) < d { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// Column buffers of a fixed capacity, filled in date order, freed with the snapshot.
final class OrderBuffers: @unchecked Sendable {
    let capacity: Int
    private(set) var count = 0
    private let day: UnsafeMutablePointer<Int32>, client: UnsafeMutablePointer<Int32>, net: UnsafeMutablePointer<Int64>
    private let due: UnsafeMutablePointer<Int32>, paid: UnsafeMutablePointer<Int64>, lastPaid: UnsafeMutablePointer<Int32>

    init(capacity: Int) {
        self.capacity = capacity
        let n = max(capacity, 1)
        day = .allocate(capacity: n); client = .allocate(capacity: n); net = .allocate(capacity: n)
        due = .allocate(capacity: n); paid = .allocate(capacity: n); lastPaid = .allocate(capacity: n)
    }

    deinit {
        day.deallocate(); client.deallocate(); net.deallocate(); due.deallocate(); paid.deallocate(); lastPaid.deallocate()
    }

    @inline(__always) func append(day d: Int32, client c: Int32, net n: Int64, due u: Int32, paid p: Int64, lastPaid l: Int32) {
        precondition(count < capacity)
        day[count] = d; client[count] = c; net[count] = n; due[count] = u; paid[count] = p; lastPaid[count] = l
        count += 1
    }

    var segment: OrderSegment {
        OrderSegment(count: count, day: day, client: client, net: net, due: due, paid: paid, lastPaid: lastPaid)
    }
}

/// A thread-safe increasing number.
final class Counter: @unchecked Sendable {
    private var value: Int64 = 0
    private let lock = NSLock()
    func next() -> Int64 { lock.withLock { value += 1; return value } }
}
