import Foundation
import ClienteleCore

/// The shipped orders of a period as columns, each order's lines summed per category: what
/// every policy of an evaluation prices (`PolicyEvaluator.priceYear`) and `PolicySums`
/// totals. Nothing in it depends on a policy, so one load serves every policy of a
/// comparison, every value of a sweep and, kept by `PolicyLinesCache`, the next question of
/// the session while the store's orders do not change.
///
/// Memory: per order a client id, a day, the order's gross and recorded discount and where
/// its lines start (36 bytes); per category of an order its id and gross (16 bytes).
final class PolicyLines: @unchecked Sendable {
    /// The orders' dates lie in this range (the period asked for when loaded).
    let range: DateRange
    /// The store's change counter when loaded (nil: the store has none; never reused).
    let counter: Int64?
    private(set) var clientID: [Int64] = []
    private(set) var day: [Int32] = []
    private(set) var orderGross: [Int64] = []
    private(set) var recordedDiscount: [Int64] = []
    /// Order k's categories are `start[k] ..< start[k + 1]`.
    private(set) var start: [Int32] = [0]
    /// The category id of the lines (Int64.min: an order without lines).
    private(set) var category: [Int64] = []
    private(set) var gross: [Int64] = []

    var count: Int { clientID.count }
    var bytes: Int { count * 36 + category.count * 16 }

    private init(range: DateRange, counter: Int64?) {
        self.range = range
        self.counter = counter
    }

    /// Reads the shipped orders dated in `range` with their lines, in order id order. The
    /// orders are read by a full scan in storage order unless the range is a small part of
    /// the history (`scan`), which costs no sort.
    static func load(range: DateRange, dialect: SQLDialect, scan: Bool, counter: Int64?, tx: any StoreTransaction) throws -> PolicyLines {
        let lines = PolicyLines(range: range, counter: counter)
        let (sql, arguments) = try statement(range: range, dialect: dialect, scan: scan)
        var current: Int64 = 0, started = false, rows = 0
        var keys: [Int64] = [], sums: [Int64] = []
        func finish() throws {
            lines.category.append(contentsOf: keys)
            lines.gross.append(contentsOf: sums)
            guard lines.category.count < Int(Int32.max) else { throw RuntimeError.message("too many order lines to evaluate at once") }
            lines.start.append(Int32(lines.category.count))
            keys.removeAll(keepingCapacity: true); sums.removeAll(keepingCapacity: true)
        }
        try tx.scan(sql, arguments) { row in
            try Interruption.check(.policySums, every: &rows)
            let id = row.int64(0)
            if !started || id != current {
                if started { try finish() }
                started = true
                current = id
                lines.clientID.append(row.int64(1))
                guard let d = row.withBytes(5, { CalendarDate.dayNumber(iso: $0) }) else {
                    throw RuntimeError.message("an order has a date that is not a calendar date")
                }
                lines.day.append(Int32(d))
                lines.recordedDiscount.append(row.int64(4))
                lines.orderGross.append(row.int64(6))
            }
            let key = row.kind(2) == .null ? Int64.min : row.int64(2)
            let g = row.int64(3)
            if let k = keys.firstIndex(of: key) {
                let (s, o) = sums[k].addingReportingOverflow(g)
                if o { throw PolicySums.overflow }
                sums[k] = s
            } else {
                keys.append(key); sums.append(g)
            }
        }
        if started { try finish() }
        return lines
    }

    /// Order id, client id, category id, line gross (the order's when it has no lines),
    /// the order's recorded discount, date and gross.
    static func statement(range: DateRange, dialect: SQLDialect, scan: Bool) throws -> (String, SQLArguments) {
        let ctx = SQLContext(dialect: dialect, today: range.end, defaultPeriod: .range(range.start.iso, range.end.iso), settings: StoreSettings(values: [:]))
        var orders = SQLFrom.table("orders", "o", explicitAs: false)
        orders.notIndexed = scan
        let select = SQLSelect([SQLSelectItem(.q("o", "id")), SQLSelectItem(.q("o", "client_id")), SQLSelectItem(.q("l", "category_id")),
                                SQLSelectItem(.coalesce(.q("l", "gross_minor"), .q("o", "gross_minor"))),
                                SQLSelectItem(.q("o", "discount_minor")), SQLSelectItem(.q("o", "order_date")), SQLSelectItem(.q("o", "gross_minor"))],
                               from: orders,
                               joins: [SQLJoin(.left, .table("order_lines", "l", explicitAs: false), on: .bin(.equal, .q("l", "order_id"), .q("o", "id")))],
                               where: .conjunction([.bin(.equal, .q("o", "status"), .text("shipped")),
                                                    .between(.q("o", "order_date"), ctx.bind(range.start), ctx.bind(range.end), negated: false)]),
                               orderBy: [SQLOrdering(.q("o", "id"))], layout: .lines)
        let printed = try dialect.print(select)
        return (printed.text, printed.arguments(in: dialect))
    }
}

/// The last `PolicyLines` an engine loaded, reused by the next evaluation whose period it
/// covers while the store's change counter is the same (any change to orders, their lines
/// or their amounts moves it). Dropped when a newer load replaces it or when it would take
/// more than `memoryLimit`.
final class PolicyLinesCache: @unchecked Sendable {
    private let lock = NSLock()
    private var current: PolicyLines?
    /// Whether loads are kept at all (`--cache off`: never).
    var enabled: Bool {
        get { lock.withLock { on } }
        set { lock.withLock { on = newValue; if !newValue { current = nil } } }
    }
    private var on = true
    /// An eighth of the machine's memory.
    let memoryLimit = Int(clamping: ProcessInfo.processInfo.physicalMemory / 8)
    /// How many loads were made (for tests).
    private(set) var loads = 0

    /// The lines of `range` at `counter`: the kept ones when they cover it, else `load()`.
    func lines(range: DateRange, counter: Int64?, load: () throws -> PolicyLines) throws -> PolicyLines {
        if let counter, let kept = lock.withLock({ current }), kept.counter == counter,
           kept.range.start <= range.start, range.end <= kept.range.end {
            return kept
        }
        let fresh = try load()
        lock.withLock {
            loads += 1
            current = on && counter != nil && fresh.bytes <= memoryLimit ? fresh : nil
        }
        return fresh
    }

    func clear() { lock.withLock { current = nil } }
}
