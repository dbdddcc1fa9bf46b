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

    /// Writes every shipped order of the store with its lines into the lines file at `path`,
    /// in (year, client, order id) order: a year at a time (read as `PolicyLines.load` reads a
    /// period, in one scan of each table), each year's columns put aside in a scratch file
    /// (LinesSpill) and freed before the next year is read (the last year stays in memory);
    /// then, the totals known, the sections copied into place a chunk at a time. Memory: one
    /// year's orders and lines.
    /// The categories are numbered as one read of every year would number them: in the
    /// order of the order (by id) they are first seen in.
    static func write(path: String, token: String, counter: Int64, dialect: SQLDialect, clients: ClientList,
                      tx: any StoreTransaction) throws {
        guard let stamp = try tx.fetchOne("SELECT rewrites, top FROM facts_version WHERE id = 1"),
              let rewrites = stamp[0].int64, let top = stamp[1].int64 else { throw RuntimeError.message("the store has no stamp") }
        let bounds = try tx.fetchOne("SELECT MIN(order_date), MAX(order_date) FROM orders WHERE status = 'shipped'")
        let spill = try LinesSpill(beside: path)
        // Per year: its orders and lines, and where its seven columns wait in the spill.
        var years: [(orders: Int, lines: Int, at: [Int])] = []
        // The last year stays in memory (written from there: not put aside).
        var last: PolicyLines.Builder?
        var firstYear = 0
        // The categories in the order first met year by year, each with the id of the order it
        // is first seen in and its number within that order's year (the ties of one order).
        var categoryIDs: [Int64] = [], firstSeen: [(order: Int64, local: Int)] = [], known: [Int64: UInt32] = [:]
        if let bounds, let low = bounds[0].string.flatMap(CalendarDate.init(iso:)), let high = bounds[1].string.flatMap(CalendarDate.init(iso:)) {
            firstYear = low.year
            for year in low.year...high.year {
                let range = DateRange(start: CalendarDate(year: year, month: 1, day: 1)!, end: CalendarDate(year: year, month: 12, day: 31)!)
                var b = try PolicyLines.read(range: range, dialect: dialect, scan: true, clients: clients, tx: tx)
                guard b.firstOrderID.count == b.categoryIDs.count else { throw RuntimeError.message("the categories were not followed") }
                var number: [UInt32] = []
                for (local, id) in b.categoryIDs.enumerated() {
                    let seen = (order: b.firstOrderID[local], local: local)
                    if let k = known[id] {
                        if seen < firstSeen[Int(k)] { firstSeen[Int(k)] = seen }
                        number.append(k)
                    } else {
                        known[id] = UInt32(categoryIDs.count)
                        number.append(UInt32(categoryIDs.count))
                        categoryIDs.append(id)
                        firstSeen.append(seen)
                    }
                }
                for i in b.category.indices { b.category[i] = number[Int(b.category[i])] }
                years.append((b.client.count, b.category.count, []))
                if year == high.year {
                    last = b
                } else {
                    years[years.count - 1].at = [try spill.append(b.client), try spill.append(b.day), try spill.append(b.start),
                                                 try spill.append(b.orderGross), try spill.append(b.recordedDiscount),
                                                 try spill.append(b.category), try spill.append(b.gross)]
                }
            }
        }
        // The categories' final numbers: by the order they are first seen in.
        let sorted = categoryIDs.indices.sorted { firstSeen[$0] < firstSeen[$1] }
        var rank = [UInt32](repeating: 0, count: sorted.count)
        for (r, k) in sorted.enumerated() { rank[k] = UInt32(r) }
        let n = years.reduce(0) { $0 + $1.orders }, lineCount = years.reduce(0) { $0 + $1.lines }
        guard lineCount < Int(Int32.max) else { throw RuntimeError.message("too many order lines to write") }
        let header = LinesFile.Header(token: token, version: counter, rewrites: rewrites, top: top, orders: n, lines: lineCount,
                                      clients: clients.count, categories: categoryIDs.count, years: years.count)
        let writer = try LinesFileWriter(path: path, header: header)
        try writer.put(section: 0, clients.ids)
        try writer.put(section: 1, sorted.map { categoryIDs[$0] })
        var first = 0, pairs: [Int64] = [], linesBefore: [Int32] = []
        for (y, year) in years.enumerated() {
            pairs += [Int64(firstYear + y), Int64(first)]
            linesBefore.append(Int32(years[..<y].reduce(0) { $0 + $1.lines }))
            first += year.orders
        }
        try writer.put(section: 2, pairs)
        /// Column `c` of every year (`lines`: a column of lines; `held`: the column of the year
        /// in memory) into section `k`, a chunk at a time.
        func copy<T: FixedWidthInteger>(column c: Int, lines: Bool, section k: Int, _ held: (PolicyLines.Builder) -> [T],
                                        _ change: (inout [T], Int) -> Void = { _, _ in }) throws {
            var index = 0
            for (y, year) in years.enumerated() {
                let count = lines ? year.lines : year.orders
                var done = 0
                while done < count {
                    let m = min(1 << 18, count - done)
                    var values = try year.at.isEmpty ? Array(held(last!)[done..<done + m])
                        : spill.read(T.self, at: year.at[c] + done * MemoryLayout<T>.stride, count: m)
                    change(&values, y)
                    try writer.put(section: k, values, at: index)
                    index += m
                    done += m
                }
            }
        }
        try copy(column: 0, lines: false, section: 3) { $0.client }
        try copy(column: 1, lines: false, section: 4) { $0.day }
        // A year's starts but its last (the next year's first), moved by the lines before it.
        try copy(column: 2, lines: false, section: 5, { $0.start }) { values, y in
            for i in values.indices { values[i] += linesBefore[y] }
        }
        try writer.put(section: 5, [Int32(lineCount)], at: n)
        try copy(column: 3, lines: false, section: 6) { $0.orderGross }
        try copy(column: 4, lines: false, section: 7) { $0.recordedDiscount }
        try copy(column: 5, lines: true, section: 8, { $0.category }) { values, _ in
            for i in values.indices { values[i] = rank[Int(values[i])] }
        }
        try copy(column: 6, lines: true, section: 9) { $0.gross }
        try writer.checksumWritten()
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
