import CPrefetch

/// Per-client sums over shipped orders, fed one order at a time: what the in-memory facts
/// (OrderFacts) and the per-statement order scan (OrderScan) both compute with, so the two
/// give the same numbers. Integer arithmetic; a sum that overflows throws (the SQL then
/// reports it).
///
/// Orders come in date order, so each one lands on a client at random: one record per
/// client (one cache line) rather than a column per measure (one cache miss per column),
/// in flat zeroed memory (ZeroedMemory: huge pages for a million clients) without array
/// bounds and uniqueness checks, which would cost a third of the loop. The records are
/// spread into columns once at the end.

/// Turnover, order count, first and last order day of each client.
final class SalesAccumulator {
    private struct Record { var sum: Int64, count: Int64, first: Int64, last: Int64 }
    private let n: Int
    private let memory: ZeroedMemory<Record>

    init(clients n: Int) { self.n = n; memory = ZeroedMemory(count: n) }

    deinit { memory.release() }

    /// Starts loading the client's record, to be added to a little later.
    @inline(__always) func prefetch(client c: Int) { clientele_prefetch(memory.pointer + c) }

    @inline(__always)
    func add(client c: Int, day: Int32, net: Int64) throws {
        let r = memory.pointer + c
        let (s, o) = r.pointee.sum.addingReportingOverflow(net)
        if o { throw OrderFacts.Overflow() }
        r.pointee.sum = s
        let d = Int64(day)
        if r.pointee.count == 0 {
            r.pointee.first = d; r.pointee.last = d
        } else {
            if d < r.pointee.first { r.pointee.first = d }
            if d > r.pointee.last { r.pointee.last = d }
        }
        r.pointee.count += 1
    }

    /// The clients with at least one order: turnover, orders_count, first_order, last_order.
    func columns(_ clients: ClientPositions) -> ClientColumns {
        let records = UnsafeBufferPointer(start: memory.pointer, count: n)
        let count = records.map(\.count)
        return ClientColumns(clients: clients, present: count.map { $0 > 0 }, names: ClientColumns.salesNames,
                             values: [records.map(\.sum), count, records.map(\.first), records.map(\.last)],
                             kinds: [.integer, .integer, .date, .date])
    }
}

/// Payment discipline as of `today`: late payments, maximum overdue days, unpaid amount.
/// An order paid in full is late by the days from its due date to its last payment; one
/// not paid in full by the days from its due date to today once that has passed.
final class DisciplineAccumulator {
    private struct Record { var orders: Int64, late: Int64, maxOverdue: Int64, unpaid: Int64 }
    private let n: Int
    private let today: Int32
    private let memory: ZeroedMemory<Record>

    init(clients n: Int, today: Int32) { self.n = n; self.today = today; memory = ZeroedMemory(count: n) }

    deinit { memory.release() }

    @inline(__always) func prefetch(client c: Int) { clientele_prefetch(memory.pointer + c) }

    /// `lastPaid` is `OrderFacts.none` when nothing was paid.
    @inline(__always)
    func add(client c: Int, net: Int64, due: Int32, paid: Int64, lastPaid: Int32) throws {
        let overdue: Int64
        if paid >= net {
            overdue = lastPaid == OrderFacts.none ? 0 : max(0, Int64(lastPaid) - Int64(due))
        } else if due < today {
            overdue = Int64(today) - Int64(due)
        } else {
            overdue = 0
        }
        let r = memory.pointer + c
        if r.pointee.orders == 0 || overdue > r.pointee.maxOverdue { r.pointee.maxOverdue = overdue }
        r.pointee.orders += 1
        if overdue > 0 { r.pointee.late += 1 }
        let (owed, o1) = net.subtractingReportingOverflow(paid)
        let (u, o2) = r.pointee.unpaid.addingReportingOverflow(max(owed, 0))
        if o1 || o2 { throw OrderFacts.Overflow() }
        r.pointee.unpaid = u
    }

    /// The clients with at least one order: late_payments, max_overdue_days, unpaid.
    func columns(_ clients: ClientPositions) -> ClientColumns {
        let records = UnsafeBufferPointer(start: memory.pointer, count: n)
        return ClientColumns(clients: clients, present: records.map { $0.orders > 0 }, names: ClientColumns.disciplineNames,
                             values: [records.map(\.late), records.map(\.maxOverdue), records.map(\.unpaid)],
                             kinds: [.integer, .integer, .integer])
    }
}
