import Foundation
import GRDB
import GRDBSQLite

/// The shipped orders of a store as columns in memory, in date order: what every per-client
/// measure over a period is computed from (turnover, order count, first and last order,
/// payment discipline). One snapshot is built from one read transaction and never changes;
/// `version` is the store's facts counter it was built at (FactsVersionMigration).
///
/// Computing a measure is one pass over the orders of the period (found by binary search)
/// into per-client accumulators, in integer arithmetic: the same numbers as the SQL, which
/// the tests check on random data after inserts, updates and deletes.
final class OrderFacts: @unchecked Sendable {
    let version: Int64
    let id: Int64
    /// Client ids in ascending order; orders refer to clients by position in this list.
    let clientIDs: [Int64]
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

    init(version: Int64, clientIDs: [Int64], positions: ClientPositions? = nil, day: [Int32], client: [Int32], net: [Int64],
         due: [Int32], paid: [Int64], lastPaid: [Int32]) {
        self.version = version; self.clientIDs = clientIDs; self.day = day; self.client = client
        self.net = net; self.due = due; self.paid = paid; self.lastPaid = lastPaid
        self.id = OrderFacts.nextID.next()
        self.positions = positions ?? ClientPositions(clientIDs)
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
        let clientIDs = try Int64.fetchAll(db, sql: "SELECT id FROM clients ORDER BY id")
        let position = ClientPositions(clientIDs)
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
        try scan.forEachRawRow { statement in
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
        return OrderFacts(version: version, clientIDs: clientIDs, positions: position, day: day, client: client, net: net, due: due,
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
        let n = clientIDs.count
        var sum = [Int64](repeating: 0, count: n), cnt = [Int64](repeating: 0, count: n)
        var first = [Int64](repeating: 0, count: n), last = [Int64](repeating: 0, count: n)
        // Buffer pointers, not array subscripts: this loop runs over every order of the
        // period for each question, and the bounds checks cost about a third of it (W1 on M:
        // 10 ms against 13 ms with plain arrays).
        try sum.withUnsafeMutableBufferPointer { sum in
            try cnt.withUnsafeMutableBufferPointer { cnt in
                try first.withUnsafeMutableBufferPointer { first in
                    try last.withUnsafeMutableBufferPointer { last in
                        try day.withUnsafeBufferPointer { day in
                            try client.withUnsafeBufferPointer { client in
                                try net.withUnsafeBufferPointer { net in
                                    for i in range(from: start, to: end) {
                                        let c = Int(client[i])
                                        let (s, o) = sum[c].addingReportingOverflow(net[i])
                                        if o { throw Overflow() }
                                        sum[c] = s
                                        if cnt[c] == 0 { first[c] = Int64(day[i]) }
                                        cnt[c] += 1
                                        last[c] = Int64(day[i])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return ClientColumns(facts: self, present: cnt.map { $0 > 0 }, names: ClientColumns.salesNames,
                             values: [sum, cnt, first, last], kinds: [.integer, .integer, .date, .date])
    }

    /// Per-client payment discipline of the period as of `today`, with the payment facts
    /// kept on orders (used only when no payment is dated after today): late_payments,
    /// max_overdue_days, unpaid. An order paid in full is late by the days from its due date
    /// to its last payment; one not paid in full by the days from its due date to today
    /// once that has passed.
    func discipline(from start: Int32?, to end: Int32?, today: Int32) throws -> ClientColumns {
        let n = clientIDs.count
        var seen = [Bool](repeating: false, count: n)
        var late = [Int64](repeating: 0, count: n), maxOverdue = [Int64](repeating: 0, count: n)
        var unpaid = [Int64](repeating: 0, count: n)
        for i in range(from: start, to: end) {
            let c = Int(client[i])
            let overdue: Int64
            if paid[i] >= net[i] {
                overdue = lastPaid[i] == OrderFacts.none ? 0 : max(0, Int64(lastPaid[i]) - Int64(due[i]))
            } else if due[i] < today {
                overdue = Int64(today) - Int64(due[i])
            } else {
                overdue = 0
            }
            if !seen[c] { seen[c] = true; maxOverdue[c] = overdue } else if overdue > maxOverdue[c] { maxOverdue[c] = overdue }
            if overdue > 0 { late[c] += 1 }
            let (u, o) = unpaid[c].addingReportingOverflow(max(net[i] - paid[i], 0))
            if o { throw Overflow() }
            unpaid[c] = u
        }
        return ClientColumns(facts: self, present: seen, names: ClientColumns.disciplineNames,
                             values: [late, maxOverdue, unpaid], kinds: [.integer, .integer, .integer])
    }

    /// RFM quintile scores of the clients with sales in the period, as the SQL defines them
    /// (Segments.rfmCTE): NTILE(5) over the clients in ascending order of last order date,
    /// order count and turnover (client id breaks ties), then equal values share the lowest
    /// score any of them received. Columns r, f, m.
    func rfm(_ sales: ClientColumns) -> ClientColumns {
        let n = clientIDs.count
        let members = (0..<n).filter { sales.present[$0] }
        var scores = [[Int64]](repeating: [Int64](repeating: 0, count: n), count: 3)
        // value columns of `sales`: 0 turnover, 1 orders_count, 3 last_order
        for (k, column) in [3, 1, 0].enumerated() {
            let v = sales.values[column]
            // Positions follow client ids, so a stable sort by value keeps ids ascending among equals.
            let sorted = members.sorted { v[$0] != v[$1] ? v[$0] < v[$1] : $0 < $1 }
            let total = sorted.count
            // NTILE(5): the first (total % 5) tiles have one row more.
            let small = total / 5, extra = total % 5
            var tile = 1, left = small + (extra >= 1 ? 1 : 0)
            var previous: Int64? = nil, shared: Int64 = 0
            for p in sorted {
                while left == 0 && tile < 5 { tile += 1; left = small + (extra >= tile ? 1 : 0) }
                left -= 1
                if v[p] != previous { previous = v[p]; shared = Int64(tile) }
                scores[k][p] = shared
            }
        }
        return ClientColumns(facts: self, present: sales.present, names: ["r", "f", "m"], values: scores,
                             kinds: [.integer, .integer, .integer])
    }
}

extension OrderFacts {
    /// Classes by cumulative share of turnover, as the SQL defines them (Segments.paretoCTE):
    /// among clients with a positive turnover, within each group of `group` (client
    /// position to its group; nil: one group), largest first; a client takes the first
    /// class whose bound (basis points) is above the share of sales *before* it, where
    /// "before" is the turnover of the clients in its group with a strictly larger one.
    /// Throws on overflow (the SQL then reports it).
    func pareto(_ sales: ClientColumns, group: [Int]?, bounds: [Int64], labels: [String]) throws -> ClientColumns {
        let n = clientIDs.count
        let t = sales.values[0]
        var groups: [Int: [Int]] = [:]
        for p in 0..<n where sales.present[p] && t[p] > 0 { groups[group?[p] ?? 0, default: []].append(p) }
        var present = [Bool](repeating: false, count: n)
        var label = [Int64](repeating: 0, count: n)
        for (_, members) in groups {
            var total: Int64 = 0
            for p in members {
                let (x, o) = total.addingReportingOverflow(t[p]); if o { throw Overflow() }
                total = x
            }
            let sorted = members.sorted { t[$0] > t[$1] }
            var before: Int64 = 0
            var i = 0
            while i < sorted.count {
                var j = i
                var peers: Int64 = 0
                while j < sorted.count && t[sorted[j]] == t[sorted[i]] { peers += t[sorted[j]]; j += 1 }
                let (scaled, o1) = before.multipliedReportingOverflow(by: 10000); if o1 { throw Overflow() }
                var k = bounds.count
                for (b, bound) in bounds.enumerated() {
                    let (limit, o2) = bound.multipliedReportingOverflow(by: total); if o2 { throw Overflow() }
                    if scaled < limit { k = b; break }
                }
                for q in i..<j { present[sorted[q]] = true; label[sorted[q]] = Int64(k) }
                before += peers
                i = j
            }
        }
        return ClientColumns(facts: self, present: present, names: ["class"], values: [label], kinds: [.label(labels)])
    }
}

/// A thread-safe increasing number.
final class Counter: @unchecked Sendable {
    private var value: Int64 = 0
    private let lock = NSLock()
    func next() -> Int64 { lock.withLock { value += 1; return value } }
}
