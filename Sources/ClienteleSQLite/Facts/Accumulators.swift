import CPrefetch
import ClienteleCore

/// Per-client sums over shipped orders, fed one order at a time: what the in-memory facts
/// (OrderFacts) and the per-statement order scan (OrderScan) both compute with, so the two
/// give the same numbers. Integer arithmetic; a sum that overflows throws (the SQL then
/// reports it).
///
/// Orders come in date order, so each one lands on a client at random: one record per
/// client (one cache line) rather than a column per measure (one cache miss per column),
/// in flat zeroed memory (ZeroedMemory: huge pages for a million clients) without array
/// bounds and uniqueness checks, which would cost a third of the loop. The records become
/// the ClientColumns as they are, which is how SQL reads them.

/// Turnover, order count, first and last order day of each client: a record of four
/// slots per client, in the order of `ClientColumns.salesNames`; the count says whether the
/// client has a row.
final class SalesAccumulator {
    private static let stride = 4
    private var memory: ZeroedMemory<Int64>?

    init(clients n: Int) { memory = ZeroedMemory(count: n * SalesAccumulator.stride) }

    deinit { memory?.release() }

    /// Starts loading the client's record, to be added to a little later.
    @inline(__always) func prefetch(client c: Int) { clientele_prefetch(memory.unsafelyUnwrapped.pointer + c * SalesAccumulator.stride) }

    @inline(__always)
    func add(client c: Int, day: Int32, net: Int64) throws {
        // slots: 0 turnover, 1 orders_count, 2 first_order, 3 last_order
        let r = memory.unsafelyUnwrapped.pointer + c * SalesAccumulator.stride
        let (s, o) = r[0].addingReportingOverflow(net)
        if o { throw OrderFacts.Overflow() }
        r[0] = s
        let d = Int64(day)
        if r[1] == 0 {
            r[2] = d; r[3] = d
        } else {
            if d < r[2] { r[2] = d }
            if d > r[3] { r[3] = d }
        }
        r[1] += 1
    }

    /// The clients with at least one order: turnover, orders_count, first_order, last_order.
    /// Hands the records over (call once).
    func columns(_ positions: ClientPositions) -> ClientColumns {
        let records = memory!
        memory = nil
        return ClientColumns(clients: positions, records: records, stride: SalesAccumulator.stride, presence: 1,
                             names: ClientColumns.salesNames, kinds: [.integer, .integer, .date, .date])
    }
}

/// Payment discipline as of `today`: late payments, maximum overdue days, unpaid amount.
/// An order paid in full is late by the days from its due date to its last payment; one
/// not paid in full by the days from its due date to today once that has passed. A record
/// of four slots per client: the three in the order of `ClientColumns.disciplineNames`,
/// then the number of orders, which says whether the client has a row.
final class DisciplineAccumulator {
    private static let stride = 4
    private let today: Int32
    private var memory: ZeroedMemory<Int64>?

    init(clients n: Int, today: Int32) { self.today = today; memory = ZeroedMemory(count: n * DisciplineAccumulator.stride) }

    deinit { memory?.release() }

    @inline(__always) func prefetch(client c: Int) { clientele_prefetch(memory.unsafelyUnwrapped.pointer + c * DisciplineAccumulator.stride) }

    /// Whether an order is still open at `end`: not paid in full, or paid by a payment after `end`.
    @inline(__always)
    static func isOpen(net: Int64, paid: Int64, lastPaid: Int32, at end: Int32?) -> Bool {
        paid < net || (end.map { lastPaid != OrderFacts.none && lastPaid > $0 } ?? false)
    }

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
        // slots: 0 late_payments, 1 max_overdue_days, 2 unpaid, 3 orders
        let r = memory.unsafelyUnwrapped.pointer + c * DisciplineAccumulator.stride
        if r[3] == 0 || overdue > r[1] { r[1] = overdue }
        r[3] += 1
        if overdue > 0 { r[0] += 1 }
        let (owed, o1) = net.subtractingReportingOverflow(paid)
        let (u, o2) = r[2].addingReportingOverflow(max(owed, 0))
        if o1 || o2 { throw OrderFacts.Overflow() }
        r[2] = u
    }

    /// The clients with at least one order: late_payments, max_overdue_days, unpaid.
    /// Hands the records over (call once).
    func columns(_ positions: ClientPositions) -> ClientColumns {
        let records = memory!
        memory = nil
        return ClientColumns(clients: positions, records: records, stride: DisciplineAccumulator.stride, presence: 3,
                             names: ClientColumns.disciplineNames, kinds: [.integer, .integer, .integer])
    }
}
