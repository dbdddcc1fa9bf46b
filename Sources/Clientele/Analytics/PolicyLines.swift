import Foundation
import ClienteleCore

/// The shipped orders of a period as columns, each order's lines summed per category: what
/// every policy of an evaluation prices (`PolicyEvaluator.priceYear`) and `PolicySums`
/// totals. Nothing in it depends on a policy, so one load serves every policy of a
/// comparison, every value of a sweep and, kept by `PolicyLinesCache`, the next question of
/// the session while the store's orders do not change.
///
/// The columns are plain pointers: into memory of their own when read from the store
/// (`load`), or into the store's lines file (LinesFile, `mapped`), where nothing is copied.
///
/// Memory (read from the store): per order a client position, a day, the order's gross and
/// recorded discount and where its lines start (28 bytes); per category of an order its
/// category (an index into `categoryIDs`) and gross (12 bytes): about 52 MB for the 12
/// months of the M bench store. Mapped: none of its own (the file's pages, handed back as
/// a pass goes: `passed`).
final class PolicyLines: @unchecked Sendable {
    /// The orders' dates lie in this range (the period asked for when loaded).
    let range: DateRange
    /// The store's change counter when loaded (nil: the store has none; never reused).
    let counter: Int64?
    /// The clients `client` gives positions in (clients are not covered by the counter: an
    /// evaluation whose client list differs maps the positions, `positions(in:)`).
    let clients: ClientList
    let count: Int
    let client: UnsafePointer<Int32>
    let day: UnsafePointer<Int32>
    let orderGross: UnsafePointer<Int64>
    let recordedDiscount: UnsafePointer<Int64>
    /// Order k's categories are `start[k] ..< start[k + 1]`.
    let start: UnsafePointer<Int32>
    /// The category of the lines: an index into `categoryIDs`.
    let category: UnsafePointer<UInt32>
    let gross: UnsafePointer<Int64>
    /// The category ids the lines name, Int64.min for an order without lines.
    let categoryIDs: [Int64]
    /// The lines file the columns are in (order k is its order `first + k`); nil: memory of their own.
    let file: LinesMapping?
    let first: Int
    /// Category lines held in memory of its own.
    private let held: Int
    /// What keeps the columns' memory (buffers of its own, or the mapping).
    private let owner: AnyObject

    var bytes: Int { file != nil ? 0 : count * 28 + held * 12 }

    private init(range: DateRange, counter: Int64?, clients: ClientList, _ b: inout Builder) {
        self.range = range
        self.counter = counter
        self.clients = clients
        let buffers = LineBuffers()
        count = b.client.count
        held = b.category.count
        client = buffers.own(&b.client); day = buffers.own(&b.day); orderGross = buffers.own(&b.orderGross)
        recordedDiscount = buffers.own(&b.recordedDiscount); start = buffers.own(&b.start)
        category = buffers.own(&b.category); gross = buffers.own(&b.gross)
        categoryIDs = b.categoryIDs
        file = nil
        first = 0
        owner = buffers
    }

    /// The orders `orders` of a checked mapping (`LinesMapping.check`), dated in `range`.
    init(mapping m: LinesMapping, orders: Range<Int>, range: DateRange, counter: Int64?, clients: ClientList) {
        self.range = range
        self.counter = counter
        self.clients = clients
        count = orders.count
        first = orders.lowerBound
        client = m.client + first; day = m.day + first; orderGross = m.orderGross + first
        recordedDiscount = m.recordedDiscount + first; start = m.start + first
        category = m.category; gross = m.gross
        categoryIDs = Array(m.categoryIDs)
        file = m
        held = 0
        owner = m
    }

    /// A pass is done with the orders `range` (and their lines): a mapping's pages go back.
    @inline(__always)
    func passed(_ range: Range<Int>) {
        file?.release((first + range.lowerBound)..<(first + range.upperBound))
    }

    /// Client positions of `client` in `list`: nil when the list is the one loaded with,
    /// else mapped by id (-1 for a client no longer in the list).
    func positions(in list: ClientList) -> [Int32]? {
        if list.ids == clients.ids { return nil }
        return clients.ids.map { id in list.position(of: id).map(Int32.init) ?? -1 }
    }

    /// Reads the shipped orders dated in `range` with their lines, grouped by client (in
    /// order id order within a client: `groupByClient`). When
    /// the range is a large part of the history (`scan`), the orders and then all the order
    /// lines are read each in one scan in storage order and matched in memory (reading the
    /// lines of each order through the index costs a lookup per order and line, most of the
    /// time of a load); else one statement reads the range's orders through the date index
    /// joined to their lines.
    static func load(range: DateRange, dialect: SQLDialect, scan: Bool, counter: Int64?, clients: ClientList,
                     tx: any StoreTransaction) throws -> PolicyLines {
        var b = try read(range: range, dialect: dialect, scan: scan, clients: clients, tx: tx)
        return PolicyLines(range: range, counter: counter, clients: clients, &b)
    }

    /// The columns of `load`, grouped by client, not yet in memory of their own.
    static func read(range: DateRange, dialect: SQLDialect, scan: Bool, clients: ClientList, tx: any StoreTransaction) throws -> Builder {
        let (orders, arguments) = try statement(range: range, dialect: dialect, withLines: !scan, scan: scan)
        var b = Builder(clients: clients)
        if !scan {
            try b.readJoined(orders, arguments, tx: tx)
        } else if try !b.readByScans(orders, arguments, ordered: true, tx: tx) {
            // Lines stored out of order id order: read again, matching each line by search.
            b = Builder(clients: clients)
            _ = try b.readByScans(orders, arguments, ordered: false, tx: tx)
        }
        b.groupByClient()
        return b
    }

    /// Order id, client id, recorded discount, date and gross of the range's shipped orders in
    /// order id order, with `withLines` each order's lines' category id and gross (an order
    /// without lines: one row with nulls).
    static func statement(range: DateRange, dialect: SQLDialect, withLines: Bool, scan: Bool) throws -> (String, SQLArguments) {
        let ctx = SQLContext(dialect: dialect, today: range.end, defaultPeriod: .range(range.start.iso, range.end.iso), settings: StoreSettings(values: [:]))
        var orders = SQLFrom.table("orders", "o", explicitAs: false)
        orders.notIndexed = scan
        var items = [SQLSelectItem(.q("o", "id")), SQLSelectItem(.q("o", "client_id")), SQLSelectItem(.q("o", "discount_minor")),
                     SQLSelectItem(.q("o", "order_date")), SQLSelectItem(.q("o", "gross_minor"))]
        if withLines { items += [SQLSelectItem(.q("l", "category_id")), SQLSelectItem(.q("l", "gross_minor"))] }
        let select = SQLSelect(items, from: orders,
                               joins: withLines ? [SQLJoin(.left, .table("order_lines", "l", explicitAs: false), on: .bin(.equal, .q("l", "order_id"), .q("o", "id")))] : [],
                               where: .conjunction([.bin(.equal, .q("o", "status"), .text("shipped")),
                                                    .between(.q("o", "order_date"), ctx.bind(range.start), ctx.bind(range.end), negated: false)]),
                               orderBy: [SQLOrdering(.q("o", "id"))], layout: .lines)
        let printed = try dialect.print(select)
        return (printed.text, printed.arguments(in: dialect))
    }

    /// The columns while they are read (a value: its arrays are appended to without the
    /// exclusivity checks of a class's properties).
    struct Builder {
        let clients: ClientList
        var client: [Int32] = [], day: [Int32] = [], orderGross: [Int64] = [], recordedDiscount: [Int64] = []
        var start: [Int32] = [0], category: [UInt32] = [], gross: [Int64] = [], categoryIDs: [Int64] = []
        var denseCategory: [UInt32] = []
        var sparseCategory: [Int64: UInt32] = [:]
        /// Per category of `categoryIDs`: the position (in the order read, order id order)
        /// of the order it was first seen in, and that order's id (filled by the reads):
        /// the lines file writes a year at a time and orders the categories as one read
        /// of every year would (PolicyLinesFile).
        var firstSeen: [Int32] = []
        var firstOrderID: [Int64] = []

        init(clients: ClientList) { self.clients = clients }

        /// The index of category `id` in `categoryIDs`, added when new.
        @inline(__always)
        mutating func categoryIndex(_ id: Int64) -> UInt32 {
            if id >= 0 && id < Int64(denseCategory.count) {
                let k = denseCategory[Int(id)]
                if k != UInt32.max { return k }
            } else if let k = sparseCategory[id] {
                return k
            }
            let k = UInt32(categoryIDs.count)
            categoryIDs.append(id)
            firstSeen.append(Int32(start.count - 1))
            if id >= 0 && id < 4096 {
                if Int(id) >= denseCategory.count {
                    denseCategory.append(contentsOf: repeatElement(UInt32.max, count: Int(id) + 1 - denseCategory.count))
                }
                denseCategory[Int(id)] = k
            } else {
                sparseCategory[id] = k
            }
            return k
        }

        /// Adds the order of `row` (id, client id, recorded discount, date, gross).
        mutating func addOrder(_ row: any StoreRow) throws {
            guard let c = clients.position(of: row.int64(1)) else { throw RuntimeError.message("an order refers to a client that does not exist") }
            guard let d = row.withBytes(3, { CalendarDate.dayNumber(iso: $0) }) else {
                throw RuntimeError.message("an order has a date that is not a calendar date")
            }
            client.append(Int32(c))
            day.append(Int32(d))
            recordedDiscount.append(row.int64(2))
            orderGross.append(row.int64(4))
        }

        /// Adds a line to the last order whose lines were started: summed with an earlier
        /// line of the same category of that order.
        @inline(__always)
        mutating func addLine(category id: Int64, gross g: Int64) throws {
            let k = categoryIndex(id)
            var e = Int(start[start.count - 1])
            let end = category.count
            while e < end {
                if category[e] == k {
                    let (s, o) = gross[e].addingReportingOverflow(g)
                    if o { throw PolicySums.overflow }
                    gross[e] = s
                    return
                }
                e += 1
            }
            category.append(k)
            gross.append(g)
        }

        /// Ends the lines of order `start.count - 1`: an order without lines counts as one
        /// line of no category, the order's gross.
        mutating func endOrder() throws {
            let k = start.count - 1
            if Int(start[k]) == category.count {
                category.append(categoryIndex(Int64.min))
                gross.append(orderGross[k])
            }
            guard category.count < Int(Int32.max) else { throw RuntimeError.message("too many order lines to evaluate at once") }
            start.append(Int32(category.count))
        }

        /// One statement: the range's orders (order id order) left-joined to their lines.
        mutating func readJoined(_ sql: String, _ arguments: SQLArguments, tx: any StoreTransaction) throws {
            var current: Int64 = 0, started = false, rows = 0
            try tx.scan(sql, arguments) { row in
                try Interruption.check(.policySums, every: &rows)
                let id = row.int64(0)
                if !started || id != current {
                    if started { try endOrder(); seen(current) }
                    started = true
                    current = id
                    try addOrder(row)
                }
                if row.kind(5) != .null { try addLine(category: row.int64(5), gross: row.int64(6)); seen(current) }
            }
            if started { try endOrder(); seen(current) }
        }

        /// The categories first seen since the last call were seen in order `id`.
        private mutating func seen(_ id: Int64) {
            while firstOrderID.count < firstSeen.count { firstOrderID.append(id) }
        }

        /// Puts the orders in client order, in the order read (order id order) within a
        /// client: the pricing then reads each client's running totals once for all its
        /// orders, in the order they lie in memory, where in order id order clients come at
        /// random (a cache miss per order on the M store's 100,000 clients). Nothing priced
        /// depends on the order of the orders but a limit per client and year, which takes a
        /// client's orders by date and then in this order. One column at a time (a stable
        /// counting sort, then a gather per column), so the extra memory is one column.
        mutating func groupByClient() {
            let n = client.count
            guard n > 1 else { return }
            var next = [Int32](repeating: 0, count: clients.count + 1)
            var sorted = true
            for k in 0..<n {
                next[Int(client[k]) + 1] += 1
                if k > 0 && client[k] < client[k - 1] { sorted = false }
            }
            guard !sorted else { return }
            for c in 0..<clients.count { next[c + 1] += next[c] }
            var order = [Int32](repeating: 0, count: n)
            for k in 0..<n {
                let c = Int(client[k])
                order[Int(next[c])] = Int32(k)
                next[c] += 1
            }
            func gather<T>(_ column: [T]) -> [T] { order.map { column[Int($0)] } }
            day = gather(day); orderGross = gather(orderGross); recordedDiscount = gather(recordedDiscount)
            client = gather(client)
            // The lines: each order's run, in the new order of the orders.
            var starts = [Int32](repeating: 0, count: n + 1)
            for (i, k) in order.enumerated() { starts[i + 1] = starts[i] + (start[Int(k) + 1] - start[Int(k)]) }
            func gatherLines<T>(_ column: [T]) -> [T] {
                var out: [T] = []
                out.reserveCapacity(column.count)
                for k in order { out.append(contentsOf: column[Int(start[Int(k)])..<Int(start[Int(k) + 1])]) }
                return out
            }
            category = gatherLines(category)
            gross = gatherLines(gross)
            start = starts
        }

        /// The range's orders in one scan, then every order line in one scan, each line
        /// matched to its order by id. With `ordered`, the lines are expected in order id
        /// order (as a store writes them): false is returned as soon as one is not, and the
        /// caller starts again unordered (each line's order found by binary search, the lines
        /// then sorted by order, in the order read within an order).
        mutating func readByScans(_ sql: String, _ arguments: SQLArguments, ordered: Bool, tx: any StoreTransaction) throws -> Bool {
            var ids: [Int64] = [], rows = 0
            try tx.scan(sql, arguments) { row in
                try Interruption.check(.policySums, every: &rows)
                ids.append(row.int64(0))
                try addOrder(row)
            }
            // Ascending (the statement orders by id): searchable.
            let n = ids.count
            guard n > 0 else { return true }
            let last = ids[n - 1]
            func find(_ id: Int64, below limit: Int) -> Int? {
                var lo = 0, hi = limit
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if ids[mid] < id { lo = mid + 1 } else { hi = mid }
                }
                return lo < limit && ids[lo] == id ? lo : nil
            }
            // Unordered: (order position, category id, gross) of each line, sorted at the end.
            var found: [(order: Int32, category: Int64, gross: Int64)] = []
            var cursor = 0, inOrder = true
            try tx.scan("SELECT order_id, category_id, gross_minor FROM order_lines", .none) { row in
                try Interruption.check(.policySums, every: &rows)
                guard inOrder else { return }
                let id = row.int64(0)
                guard id <= last else { return }
                if ordered {
                    while cursor < n && ids[cursor] < id { cursor += 1 }
                    let q: Int
                    if cursor < n && ids[cursor] == id {
                        q = cursor
                    } else if let earlier = find(id, below: cursor) {
                        q = earlier
                    } else {
                        return
                    }
                    // A line of an order already ended: not in order id order.
                    if q < start.count - 1 { inOrder = false; return }
                    while start.count - 1 < q { try endOrder() }
                    try addLine(category: row.int64(1), gross: row.int64(2))
                } else if let p = find(id, below: n) {
                    found.append((Int32(p), row.int64(1), row.int64(2)))
                }
            }
            guard inOrder else { return false }
            if !ordered {
                // Stable: within an order, the lines keep the order they were read in.
                let sorted = found.indices.sorted { (found[$0].order, $0) < (found[$1].order, $1) }
                for i in sorted {
                    let line = found[i]
                    while start.count - 1 < Int(line.order) { try endOrder() }
                    try addLine(category: line.category, gross: line.gross)
                }
            }
            while start.count - 1 < n { try endOrder() }
            firstOrderID = firstSeen.map { ids[Int($0)] }
            return true
        }
    }
}
