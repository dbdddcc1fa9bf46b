import Foundation
import ClienteleCore
import ClienteleSQLite

/// Memory of its own for `PolicyLines`' columns, freed with them.
final class LineBuffers {
    private var memory: [UnsafeMutableRawPointer] = []

    /// A copy of `column` (then emptied, so that at most one column is held twice).
    func own<T>(_ column: inout [T]) -> UnsafePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, column.count))
        column.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: $0.count) } }
        column = []
        memory.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    deinit { for m in memory { m.deallocate() } }
}

/// The store's lines file (ClienteleSQLite's LinesFile) for the what-if evaluation: read
/// when its counter is the question's, else written from the store (when the store takes
/// files) and then read. Every failure leaves the question to the store's rows (`nil`).
enum PolicyLinesFile {
    /// The shipped orders of the years `range` touches, mapped from the file of `files`
    /// when it holds the store at `counter`; else, in a store whose files can be written,
    /// the file written first from every shipped order (in this transaction) and then
    /// mapped. Nil: the caller reads the rows.
    static func lines(_ files: ColumnStore, range: DateRange, counter: Int64?, clients: ClientList, dialect: SQLDialect,
                      tx: any StoreTransaction) -> PolicyLines? {
        guard let counter, let token = (try? tx.fetchOne("SELECT token FROM store_identity WHERE id = 1"))??.first?.string else { return nil }
        if !files.linesDamaged, let path = files.linesReadPath(token: token), let m = try? files.mapLines(path, token: token),
           m.header.version == counter {
            do {
                return try view(m, range: range, counter: counter, clients: clients)
            } catch {
                // A damaged block: never read again until written again (below, or by a later run).
                files.linesDamaged = true
            }
        }
        guard let path = files.linesWritePath(token: token) else { return nil }
        do {
            try write(path: path, token: token, counter: counter, dialect: dialect, clients: clients, tx: tx)
            files.linesDamaged = false
            return try view(try files.mapLines(path, token: token), range: range, counter: counter, clients: clients)
        } catch {
            return nil
        }
    }

    /// The orders of the whole years `range` touches, checked.
    static func view(_ m: LinesMapping, range: DateRange, counter: Int64, clients: ClientList) throws -> PolicyLines {
        let orders = m.orders(years: range.start.year, through: range.end.year)
        try m.check(orders)
        let ids = m.clientIDs
        let list = clients.ids.elementsEqual(ids) ? clients : ClientList(ClientPositions(Array(ids)))
        let years = DateRange(start: CalendarDate(year: range.start.year, month: 1, day: 1)!, end: CalendarDate(year: range.end.year, month: 12, day: 31)!)
        return PolicyLines(mapping: m, orders: orders, range: years, counter: counter, clients: list)
    }

    /// Writes every shipped order of the store with its lines (read as `PolicyLines.load`
    /// reads a period, in one scan of each table) into the lines file at `path`, in (year,
    /// client, order id) order. Holds the store's lines in memory while writing.
    static func write(path: String, token: String, counter: Int64, dialect: SQLDialect, clients: ClientList,
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
        try writer.finish()
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
    /// How many loads were made, and how many of them mapped the lines file (for tests).
    private(set) var loads = 0
    private(set) var fromFile = 0
    /// The store's persisted files (the lines file is read and written beside the column
    /// file: PolicyLinesFile); nil: the lines are always read from the store.
    var files: ColumnStore? {
        get { lock.withLock { persisted } }
        set { lock.withLock { persisted = newValue } }
    }
    private var persisted: ColumnStore?

    /// The lines of `range` at `counter`: the kept ones when they cover it, else those of
    /// `file()` (the lines file), else `load()`.
    func lines(range: DateRange, counter: Int64?, file: () -> PolicyLines? = { nil }, load: () throws -> PolicyLines) throws -> PolicyLines {
        if let counter, let kept = lock.withLock({ current }), kept.counter == counter,
           kept.range.start <= range.start, range.end <= kept.range.end {
            return kept
        }
        let mapped = file()
        let fresh = try mapped ?? load()
        lock.withLock {
            loads += 1
            if mapped != nil { fromFile += 1 }
            current = on && counter != nil && fresh.bytes <= memoryLimit ? fresh : nil
        }
        return fresh
    }

    func clear() { lock.withLock { current = nil } }
}
