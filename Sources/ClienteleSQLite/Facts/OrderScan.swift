import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// Where the per-client measures over shipped orders are computed in Swift: the order
/// facts held in memory (OrderFacts), or one scan of the store's orders for the statement
/// at hand (OrderScan). Either way the results are ClientColumns by client position, read
/// by SQL through `CLIENTELE_COLUMN` (FactsTable).
protocol OrderSource: AnyObject {
    /// The clients, ids ascending; results are by position in this list.
    var positions: ClientPositions { get }
    /// Per-client sales of the orders dated from `start` to `end` (day numbers, both
    /// included; nil: unbounded).
    func sales(from start: Int32?, to end: Int32?) throws -> ClientColumns
    /// Column first_deal for the clients with orders in the period (from `sales` of the
    /// same period, which starts at `start`): 1 when that is their only shipped order up
    /// to the end of the period, else 0.
    func firstDeals(_ sales: ClientColumns, from start: Int32) throws -> ClientColumns
    /// Per-client payment discipline of the period as of `today`, from the payment facts kept on orders.
    func discipline(from start: Int32?, to end: Int32?, today: Int32, openDebts: Bool) throws -> ClientColumns
}

/// Per-client measures from one scan of the orders of a period, in the statement's read
/// transaction: what a question computes when the facts are not in memory (a one-off
/// script, or `--cache off`). SQLite's own GROUP BY client_id sorts the orders of the
/// period and then builds an index over the result to join it to clients: n log n, and
/// most of a segmentation's time. The scan reads the covering index `orders_by_period`
/// in date order and adds each order to its client's totals by position: linear, with
/// the same accumulators as the facts, so the same numbers.
///
/// Throws `OrderFacts.Unreadable` (a stored date that is not a calendar date, an amount
/// that is not an integer) or `OrderFacts.Overflow`: the planner then keeps to the SQL,
/// which reports or handles them as it always did.
final class OrderScan: OrderSource {
    let positions: ClientPositions
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        positions = try ClientPositions.read(db)
    }

    /// What was computed, by what it was computed for: a scan shared by the contexts of a
    /// comparison answers each period once.
    private var memo: [String: ClientColumns] = [:]

    private func remembered(_ key: String, _ compute: () throws -> ClientColumns) rethrows -> ClientColumns {
        if let c = memo[key] { return c }
        let c = try compute()
        memo[key] = c
        return c
    }

    func sales(from start: Int32?, to end: Int32?) throws -> ClientColumns {
        try remembered("sales \(String(describing: start)) \(String(describing: end))") { try scanSales(from: start, to: end) }
    }

    private func scanSales(from start: Int32?, to end: Int32?) throws -> ClientColumns {
        let totals = SalesAccumulator(clients: positions.ids.count)
        let batch = RowBatch<(client: Int32, day: Int32, net: Int64)>()
        let apply = { (o: (client: Int32, day: Int32, net: Int64)) throws in try totals.add(client: Int(o.client), day: o.day, net: o.net) }
        var orderDay = DayReader()
        try scan("client_id, net_minor, order_date", from: start, to: end) { row, c in
            guard let day = orderDay.read(row, 2) else { throw OrderFacts.Unreadable(description: "an order date is not a calendar date") }
            totals.prefetch(client: c)
            try batch.append((Int32(c), day, try OrderScan.integer(row, 1)), apply)
        }
        try batch.flush(apply)
        return totals.columns(positions)
    }

    /// Only the clients with one order in the period can have their first deal in it; for
    /// those, one probe of the orders index by client for an earlier shipped order (rather
    /// than counting every order of the store's history).
    func firstDeals(_ sales: ClientColumns, from start: Int32) throws -> ClientColumns {
        let earlier = try db.makeStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM orders WHERE client_id = ? AND order_date < ? AND status = 'shipped')
            """)
        let before = CalendarDate(dayNumber: Int(start)).iso
        var first = [Int64](repeating: 0, count: positions.ids.count)
        let count = sales.index(of: "orders_count")!
        var checked = 0
        for p in first.indices where sales.has(p) && sales.value(count, p) == 1 {
            try Interruption.check(.orderScan, every: &checked)
            let seen = try Bool.fetchOne(earlier, arguments: [positions.ids[p], before]) ?? false
            first[p] = seen ? 0 : 1
        }
        return ClientColumns(clients: positions, present: sales.present, names: ["first_deal"], values: [first], kinds: [.integer])
    }

    func discipline(from start: Int32?, to end: Int32?, today: Int32, openDebts: Bool) throws -> ClientColumns {
        try remembered("discipline \(String(describing: start)) \(String(describing: end)) \(today) \(openDebts)") {
            try scanDiscipline(from: start, to: end, today: today, openDebts: openDebts)
        }
    }

    private func scanDiscipline(from start: Int32?, to end: Int32?, today: Int32, openDebts: Bool) throws -> ClientColumns {
        let totals = DisciplineAccumulator(clients: positions.ids.count, today: today)
        typealias Order = (client: Int32, due: Int32, lastPaid: Int32, net: Int64, paid: Int64)
        let batch = RowBatch<Order>()
        let apply = { (o: Order) throws in try totals.add(client: Int(o.client), net: o.net, due: o.due, paid: o.paid, lastPaid: o.lastPaid) }
        var dueDay = DayReader(), paidDay = DayReader()
        // risk.debts = open: the earlier orders still open at the period's end first.
        let earlier: [(from: Int32?, to: Int32?, onlyOpen: Bool)] = openDebts && start != nil ? [(nil, start! &- 1, true)] : []
        for part in earlier + [(start, end, false)] {
            try scan("client_id, net_minor, due_date, paid_minor, last_paid", from: part.from, to: part.to) { row, c in
                guard let due = dueDay.read(row, 2) else { throw OrderFacts.Unreadable(description: "a due date is not a calendar date") }
                var last = OrderFacts.none
                if sqlite3_column_type(row, 4) != SQLITE_NULL {
                    guard let l = paidDay.read(row, 4) else { throw OrderFacts.Unreadable(description: "a payment date is not a calendar date") }
                    last = l
                }
                let net = try OrderScan.integer(row, 1), paid = try OrderScan.integer(row, 3)
                if part.onlyOpen && !DisciplineAccumulator.isOpen(net: net, paid: paid, lastPaid: last, at: end) { return }
                totals.prefetch(client: c)
                try batch.append((Int32(c), due, last, net, paid), apply)
            }
        }
        try batch.flush(apply)
        return totals.columns(positions)
    }

    /// Steps through the shipped orders of the period (in date order, which is the index
    /// order: no sort), handing `body` each row and its client's position. The first column
    /// is client_id.
    private func scan(_ columns: String, from start: Int32?, to end: Int32?,
                      _ body: (OpaquePointer, Int) throws -> Void) throws {
        var conditions = "status = 'shipped'"
        var arguments: [DatabaseValueConvertible] = []
        if let start { conditions += " AND order_date >= ?"; arguments.append(CalendarDate(dayNumber: Int(start)).iso) }
        if let end { conditions += " AND order_date <= ?"; arguments.append(CalendarDate(dayNumber: Int(end)).iso) }
        let statement = try db.makeStatement(sql: "SELECT \(columns) FROM orders WHERE \(conditions) ORDER BY order_date")
        try statement.setArguments(StatementArguments(arguments))
        let positions = self.positions
        var rows = 0
        try statement.forEachRawRow { row in
            try Interruption.check(.orderScan, every: &rows)
            guard sqlite3_column_type(row, 0) == SQLITE_INTEGER, let c = positions[sqlite3_column_int64(row, 0)] else {
                throw OrderFacts.Unreadable(description: "an order's client is not in the store")
            }
            try body(row, Int(c))
        }
    }

    @inline(__always)
    private static func integer(_ row: OpaquePointer, _ column: Int32) throws -> Int64 {
        guard sqlite3_column_type(row, column) == SQLITE_INTEGER else { throw OrderFacts.Unreadable(description: "an amount is not an integer") }
        return sqlite3_column_int64(row, column)
    }
}

/// Rows held back and applied to their clients' totals a few hundred at a time. Applied
/// one by one between SQLite steps, each client's record (at a random place among a
/// million) would be waited for alone; prefetched when its row is read and applied a few
/// hundred rows later, it is in the cache by then.
final class RowBatch<Row> {
    private static var capacity: Int { 256 }
    private let rows = UnsafeMutablePointer<Row>.allocate(capacity: RowBatch.capacity)
    private var count = 0

    deinit { rows.deinitialize(count: count); rows.deallocate() }

    @inline(__always)
    func append(_ row: Row, _ apply: (Row) throws -> Void) rethrows {
        (rows + count).initialize(to: row)
        count += 1
        if count == RowBatch.capacity { try flush(apply) }
    }

    /// Applies the rows held back, in the order they came.
    @inline(__always)
    func flush(_ apply: (Row) throws -> Void) rethrows {
        let n = count
        count = 0
        for i in 0..<n { try apply((rows + i).move()) }
    }
}

/// Reads ISO date columns as day numbers, remembering the last text it parsed: in a scan
/// in date order most rows repeat the previous row's date.
struct DayReader {
    private var low: UInt64 = 0, high: UInt16 = 0
    private var day: Int32? = nil

    @inline(__always)
    mutating func read(_ row: OpaquePointer, _ column: Int32) -> Int32? {
        guard sqlite3_column_type(row, column) == SQLITE_TEXT, let p = sqlite3_column_text(row, column),
              sqlite3_column_bytes(row, column) == 10 else { return nil }
        let raw = UnsafeRawPointer(p)
        let l = raw.loadUnaligned(as: UInt64.self), h = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let day, l == low, h == high { return day }
        low = l; high = h
        day = DayText.day(UnsafeBufferPointer(start: p, count: 10))
        return day
    }
}
