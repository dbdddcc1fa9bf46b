import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// Per-client results computed from a snapshot, by client position: which clients have a
/// row, and the value columns (integers, or day numbers for date columns). SQL reads them
/// through `clientele_columns(id)` and `CLIENTELE_COLUMN(id, column, client_id)` (FactsTable).
///
/// They are held once, as one record per client (FastColumns), which is how SQL reads them
/// and how the rankings computed in Swift from them read them (`value`, `has`).
final class ClientColumns: @unchecked Sendable {
    static let salesNames = ["turnover", "orders_count", "first_order", "last_order"]
    static let disciplineNames = ["late_payments", "max_overdue_days", "unpaid"]

    let id: Int64
    /// The clients the positions refer to (ids in ascending order).
    let clients: ClientPositions
    let names: [String]
    let kinds: [Kind]
    /// The records, behind plain pointers, read once per row by `CLIENTELE_COLUMN` without
    /// reference counting.
    let fast: FastColumns

    /// How SQL sees a column: an integer, a date (day number, ISO text in SQL) or one of a
    /// list of labels (index into the list, text in SQL).
    enum Kind { case integer, date, label([String]) }

    /// Columns given as arrays: records of the values, then a presence flag.
    convenience init(clients: ClientPositions, present: [Bool], names: [String], values: [[Int64]], kinds: [Kind]) {
        let count = present.count, width = values.count, stride = width + 1
        let memory = ZeroedMemory<Int64>(count: count * stride)
        let records = memory.pointer
        for (k, column) in values.enumerated() {
            column.withUnsafeBufferPointer { c in
                for p in 0..<count { records[p * stride + k] = c[p] }
            }
        }
        present.withUnsafeBufferPointer { has in
            for p in 0..<count where has[p] { records[p * stride + width] = 1 }
        }
        self.init(clients: clients, records: memory, stride: stride, presence: width, names: names, kinds: kinds)
    }

    /// Columns as records made by an accumulator: `names.count` values first (column k in
    /// slot k), a client has a row when slot `presence` is not 0. Takes the memory over.
    init(clients: ClientPositions, records: ZeroedMemory<Int64>, stride: Int, presence: Int, names: [String], kinds: [Kind]) {
        self.clients = clients; self.names = names; self.kinds = kinds
        self.id = ClientColumns.nextID.next()
        fast = FastColumns(clients: clients, records: records, stride: stride, presence: presence, kinds: kinds)
    }

    /// Column k of the client at position p (0 where it has no row).
    @inline(__always) func value(_ k: Int, _ p: Int) -> Int64 { fast.value(k, p) }

    /// Whether the client at position p has a row.
    @inline(__always) func has(_ p: Int) -> Bool { fast.has(p) }

    /// Which clients have a row, by position (made on first use).
    private(set) lazy var present: [Bool] = (0..<fast.count).map { fast.has($0) }

    private static let nextID = Counter()

    func index(of name: String) -> Int? { names.firstIndex(of: name) }
}

/// Per-client columns in flat memory, one record per client: SQL asks for a client's
/// columns one call at a time, with clients in the order of whatever index SQLite scans, so
/// each call should cost one cache line. Client positions come from the id (ids without
/// gaps), a dense table by id, or the dictionary; kinds and labels as C strings.
final class FastColumns: @unchecked Sendable {
    let count: Int
    let width: Int
    /// Slots per record; column k is slot k, and a client has a row when slot `presence` is not 0.
    let stride: Int
    let presence: Int
    private let memory: ZeroedMemory<Int64>
    var records: UnsafeMutablePointer<Int64> { memory.pointer }
    /// 0 integer, 1 date, 2 label
    let kinds: UnsafeMutablePointer<UInt8>
    let labels: [[UnsafeMutablePointer<CChar>]]
    /// The id table (owned by `positions`, which this holds).
    let dense: UnsafePointer<Int32>?
    let denseCount: Int
    /// The first id when ids have no gaps (the position is the id minus it).
    let firstID: Int64?
    let positions: ClientPositions

    init(clients: ClientPositions, records: ZeroedMemory<Int64>, stride: Int, presence: Int, kinds: [ClientColumns.Kind]) {
        count = clients.ids.count
        width = kinds.count
        self.stride = stride
        self.presence = presence
        memory = records
        let codes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, width))
        var labels: [[UnsafeMutablePointer<CChar>]] = []
        for (k, kind) in kinds.enumerated() {
            switch kind {
            case .integer: codes[k] = 0; labels.append([])
            case .date: codes[k] = 1; labels.append([])
            case .label(let names): codes[k] = 2; labels.append(names.map { strdup($0)! })
            }
        }
        self.kinds = codes
        self.labels = labels
        positions = clients
        dense = clients.dense.map { UnsafePointer($0) }
        denseCount = clients.denseCount
        firstID = clients.firstID
    }

    deinit {
        memory.release(); kinds.deallocate()
        for column in labels { for l in column { free(l) } }
        for c in columns { c?.deallocate() }
        flags?.deallocate()
    }

    /// Column k alone and the presence flags alone, copied out of the records the first time
    /// SQL asks (`column(_:)`, `present`): SQL visits the clients in the order of the index it
    /// scans (by region, say), so record by record it would touch a cache line per client
    /// all over the records; a column of 8 bytes and a byte of presence a client stay in the
    /// processor's caches. Only the columns SQL reads are copied. Not thread-safe: one
    /// statement (one connection, one thread) reads a FastColumns.
    private var columns: [UnsafeMutablePointer<Int64>?] = []
    private var flags: UnsafeMutablePointer<UInt8>?

    func column(_ k: Int) -> UnsafeMutablePointer<Int64> {
        if columns.isEmpty { columns = Array(repeating: nil, count: width) }
        if let c = columns[k] { return c }
        let c = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, count))
        for p in 0..<count { c[p] = records[p * stride + k] }
        columns[k] = c
        return c
    }

    var present: UnsafeMutablePointer<UInt8> {
        if let flags { return flags }
        let f = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
        for p in 0..<count { f[p] = records[p * stride + presence] != 0 ? 1 : 0 }
        flags = f
        return f
    }

    /// The value of column k of the client at position p.
    @inline(__always) func value(_ k: Int, _ p: Int) -> Int64 { records[p * stride + k] }

    /// Whether the client at position p has a row.
    @inline(__always) func has(_ p: Int) -> Bool { records[p * stride + presence] != 0 }

    /// The position of a client id that has a row, else nil.
    @inline(__always) func position(of id: Int64) -> Int? {
        let p: Int
        if let firstID {
            let offset = UInt64(bitPattern: id &- firstID)
            guard offset < UInt64(count) else { return nil }
            p = Int(offset)
        } else if let dense {
            guard id >= 0, id < Int64(denseCount) else { return nil }
            p = Int(dense[Int(id)])
            if p < 0 { return nil }
        } else {
            guard let q = positions[id] else { return nil }
            p = Int(q)
        }
        return present[p] != 0 ? p : nil
    }
}

/// The client ids in ascending order, and id to position in that list: the id minus the
/// first when ids have no gaps, a flat table when they are dense enough, else a dictionary. Built once per snapshot (or order scan) and
/// shared by everything computed from it.
package final class ClientPositions: @unchecked Sendable {
    package let ids: [Int64]
    /// The first id when ids have no gaps.
    let firstID: Int64?
    let dense: UnsafeMutablePointer<Int32>?
    let denseCount: Int
    private var map: [Int64: Int32] = [:]

    package init(_ ids: [Int64]) {
        self.ids = ids
        let maxID = ids.last ?? 0
        if let first = ids.first, maxID &- first == Int64(ids.count - 1) {
            firstID = first
            dense = nil
            denseCount = 0
        } else if (ids.first ?? 0) >= 0 && maxID < Int64(max(4 * ids.count, 1024)) {
            firstID = nil
            denseCount = Int(maxID) + 1
            let table = UnsafeMutablePointer<Int32>.allocate(capacity: denseCount)
            table.initialize(repeating: -1, count: denseCount)
            for (i, id) in ids.enumerated() { table[Int(id)] = Int32(i) }
            dense = table
        } else {
            firstID = nil
            dense = nil
            denseCount = 0
            for (i, id) in ids.enumerated() { map[id] = Int32(i) }
        }
    }

    deinit { dense?.deallocate() }

    /// The store's clients, read in the transaction of `db`.
    package static func read(_ db: Database) throws -> ClientPositions {
        ClientPositions(try Int64.fetchAll(db, sql: "SELECT id FROM clients ORDER BY id"))
    }

    package subscript(id: Int64) -> Int32? {
        if let firstID {
            let offset = UInt64(bitPattern: id &- firstID)
            return offset < UInt64(ids.count) ? Int32(truncatingIfNeeded: offset) : nil
        }
        if let dense {
            guard id >= 0, id < Int64(denseCount) else { return nil }
            let p = dense[Int(id)]
            return p < 0 ? nil : p
        }
        return map[id]
    }
}

/// ISO dates (YYYY-MM-DD) straight from SQLite's text, as day numbers, and back.
enum DayText {
    static func day(_ statement: OpaquePointer, _ column: Int32) -> Int32? {
        guard sqlite3_column_type(statement, column) == SQLITE_TEXT, let p = sqlite3_column_text(statement, column),
              sqlite3_column_bytes(statement, column) == 10 else { return nil }
        return day(UnsafeBufferPointer(start: p, count: 10))
    }

    static func day(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        func digit(_ i: Int) -> Int? { let v = Int(b[i]) - 48; return v >= 0 && v <= 9 ? v : nil }
        guard b.count == 10, b[4] == 45, b[7] == 45,
              let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9),
              let date = CalendarDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
        else { return nil }
        return Int32(date.dayNumber)
    }

    static func day(_ date: CalendarDate) -> Int32 { Int32(date.dayNumber) }

    static func day(_ text: String) -> Int32? {
        var t = text
        return t.withUTF8 { day($0) }
    }

    /// The ISO text of a day number, written into 10 bytes.
    static func write(_ day: Int32, into b: UnsafeMutablePointer<UInt8>) {
        let d = CalendarDate(dayNumber: Int(day))
        func put(_ v: Int, _ at: Int, _ width: Int) {
            var v = v
            for i in stride(from: at + width - 1, through: at, by: -1) { b[i] = UInt8(48 + v % 10); v /= 10 }
        }
        put(d.year, 0, 4); b[4] = 45; put(d.month, 5, 2); b[7] = 45; put(d.day, 8, 2)
    }
}

