import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

extension Store {
    /// A measure source for one statement in the transaction of `db`.
    package func measureSource(in db: Database) -> any MeasureSource { StatementMeasures(db, cache: facts) }
}

/// The SQLite store's `MeasureSource` for one statement: per-client columns computed in
/// Swift from the order facts in memory (FactsCache), or else from one scan of the orders
/// in the statement's transaction (OrderScan), published in the store's ColumnsRegistry
/// for SQL to read, and dropped from it when the statement ends (this object goes).
///
/// The planner registers requests; whether the store can answer is settled at the first
/// one (the facts cache is asked once per statement, however many contexts it plans,
/// without building anything); the facts build, the scan and every computation wait for
/// `compute`, when the statement runs.
final class StatementMeasures: MeasureSource {
    private let db: Database
    private let cache: FactsCache
    private let lease: ColumnsRegistry.Lease
    private var resolved = false
    /// The facts the statement reads: current ones, or a snapshot to build when it runs.
    private var factsPlan: FactsCache.Plan?
    private var facts: OrderFacts?
    private var scans = false
    private var scan: OrderScan?
    private var ids: [MeasureRequest: Int64] = [:]
    private var registered: [MeasureRequest] = []
    private var computed: [MeasureRequest: ClientColumns] = [:]

    init(_ db: Database, cache: FactsCache) {
        self.db = db
        self.cache = cache
        lease = cache.columns.lease()
    }

    var origin: String { factsPlan != nil ? "the order facts in memory" : "one scan of the orders" }

    deinit {
        if case .build? = factsPlan, facts == nil { cache.abandon() }
    }

    func register(_ request: MeasureRequest) -> Int64? {
        if let id = ids[request] { return id }
        if !resolved {
            resolved = true
            factsPlan = cache.plan(for: db)
            if case .current(let current)? = factsPlan { facts = current }
            scans = factsPlan == nil && cache.scansOrders
        }
        guard factsPlan != nil || scans else { return nil }
        let id = StatementMeasures.nextID.next()
        ids[request] = id
        registered.append(request)
        return id
    }

    private static let nextID = Counter()

    func compute() throws {
        for request in registered where computed[request] == nil {
            guard let id = ids[request] else { continue }
            do {
                lease.publish(try columns(request), as: id)
            } catch let e as StoreError where e.kind == .interrupted {
                throw e
            } catch {
                // A damaged block of the column file: the statement runs on SQL, and the
                // file is neither used again nor taken as current until it is rewritten.
                if error is ColumnFile.Damaged { cache.columnFileDamaged() }
                throw MeasuresUnavailable("\(request): \(error)")
            }
        }
    }

    func values(of id: Int64, column k: Int, clients ids: [Int64]) -> MeasureValues? {
        guard let request = self.ids.first(where: { $0.value == id })?.key,
              let columns = computed[request], k >= 0, k < columns.kinds.count else { return nil }
        let kind: MeasureValues.Kind
        switch columns.kinds[k] {
        case .integer: kind = .integer
        case .date: kind = .date
        case .label(let names): kind = .label(names)
        }
        let fast = columns.fast
        var values = [Int64](repeating: 0, count: ids.count), present = [Bool](repeating: false, count: ids.count)
        if columns.clients.ids == ids {
            for p in 0..<ids.count where fast.has(p) { values[p] = fast.value(k, p); present[p] = true }
        } else {
            for (i, id) in ids.enumerated() {
                if let p = fast.position(of: id) { values[i] = fast.value(k, p); present[i] = true }
            }
        }
        return MeasureValues(kind: kind, values: values, present: present)
    }

    /// The orders the columns are computed from: the facts, else the scan (made at the first need).
    private func orders() throws -> OrderSource {
        if let facts { return facts }
        if case .build(let version)? = factsPlan {
            // Built once; a failed build leaves the statement to SQL (MeasuresUnavailable).
            factsPlan = nil
            guard let built = cache.build(version, db) else { throw OrderFacts.Unreadable(description: "the order facts could not be built") }
            factsPlan = .current(built)
            facts = built
            return built
        }
        if let scan { return scan }
        let made = try OrderScan(db)
        scan = made
        return made
    }

    /// The columns of a request, computed once (with what they are computed from).
    private func columns(_ request: MeasureRequest) throws -> ClientColumns {
        if let done = computed[request] { return done }
        let result: ClientColumns
        switch request {
        case .sales(let r):
            result = try orders().sales(from: DayText.day(r.start), to: DayText.day(r.end))
        case .firstDeals(let r):
            result = try orders().firstDeals(try columns(.sales(r)), from: DayText.day(r.start))
        case .discipline(let r, let today, let openDebts):
            result = try orders().discipline(from: DayText.day(r.start), to: DayText.day(r.end), today: DayText.day(today),
                                             openDebts: openDebts)
        case .pareto(let r, let partition, let bounds, let labels):
            let sales = try columns(.sales(r))
            result = try sales.pareto(group: try partition.map { try groups(by: $0, positions: sales.clients) },
                                      bounds: bounds, labels: labels)
        case .abc(let r, let aMin, let bMin, let share, let firstDealClass):
            result = try abc(r, aMin: aMin, bMin: bMin, share: share, firstDealClass: firstDealClass)
        case .rfm(let r):
            result = try columns(.sales(r)).rfm()
        case .rfmCode(let r):
            let scores = try columns(.rfm(r))
            let digits = 1...5
            let labels = digits.flatMap { a in digits.flatMap { b in digits.map { c in "\(a)\(b)\(c)" } } }
            let index = (0..<scores.clients.ids.count).map { p -> Int64 in
                scores.has(p) ? (scores.value(0, p) - 1) * 25 + (scores.value(1, p) - 1) * 5 + (scores.value(2, p) - 1) : 0
            }
            result = ClientColumns(clients: scores.clients, present: scores.present, names: ["code"], values: [index], kinds: [.label(labels)])
        }
        computed[request] = result
        return result
    }

    /// ABC by the rules of Segments.abcSQL: clients with a positive turnover; a first deal
    /// takes `firstDealClass` (when it is a class); else by share or by thresholds.
    private func abc(_ r: DateRange, aMin: Int64, bMin: Int64, share: MeasureRequest?, firstDealClass: String) throws -> ClientColumns {
        let labels = ["A", "B", "C"]
        let sales = try columns(.sales(r))
        let firstDeal = labels.firstIndex(of: firstDealClass)
        let shipped = firstDeal == nil ? nil : try columns(.firstDeals(r))
        let shares = try share.map { try columns($0) }
        let n = sales.clients.ids.count
        var present = [Bool](repeating: false, count: n)
        var label = [Int64](repeating: 0, count: n)
        for p in 0..<n where sales.has(p) && sales.value(0, p) > 0 {
            present[p] = true
            if let shipped, let firstDeal, shipped.has(p), shipped.value(0, p) == 1 {
                label[p] = Int64(firstDeal)
            } else if let shares {
                // every client with a positive turnover has a share class
                label[p] = shares.value(0, p)
            } else {
                let t = sales.value(0, p)
                label[p] = t > aMin ? 0 : (t >= bMin ? 1 : 2)
            }
        }
        return ClientColumns(clients: sales.clients, present: present, names: ["class"], values: [label], kinds: [.label(labels)])
    }

    /// Group numbers of the clients by their partition key: one of their columns
    /// (SegmentChoices.partitionColumns: a fixed column name, never user text), or
    /// importance_group, as ClientPartition.key computes it in SQL: the direction, or the
    /// region when the direction is one of the territorial ones (compared exactly; a null
    /// direction is not territorial). Equal keys (null included) are one group.
    private func groups(by partition: ClientPartition, positions: ClientPositions) throws -> [Int] {
        var g = [Int](repeating: 0, count: positions.ids.count)
        let sql: String
        var territorial: [[UInt8]] = []
        switch partition {
        case .column(let c): sql = "SELECT id, \(c) FROM clients"
        case .directionOrTerritory(let t): sql = "SELECT id, direction, region FROM clients"; territorial = t.map { Array($0.utf8) }
        }
        // Raw rows and text keys compared as bytes (SQL's BINARY equality) in a table that
        // allocates only for a new key (`ByteKeyTable`): a row through GRDB's Row and a String per client
        // cost more than the rest of the measure. Other values keep DatabaseValue's equality.
        var texts = ByteKeyTable()
        defer { texts.release() }
        var textGroups: [Int] = []
        var others: [DatabaseValue: Int] = [:]
        try db.makeStatement(sql: sql).forEachRawRow { s in
            guard let p = positions[sqlite3_column_int64(s, 0)] else { return }
            var column: Int32 = 1
            if !territorial.isEmpty, sqlite3_column_type(s, 1) == SQLITE_TEXT {
                let bytes = StatementMeasures.bytes(s, 1)
                if territorial.contains(where: { $0.elementsEqual(bytes) }) { column = 2 }
            }
            let group: Int
            if sqlite3_column_type(s, column) == SQLITE_TEXT {
                texts.reset()
                texts.append(StatementMeasures.bytes(s, column))
                let (k, isNew) = texts.find()
                if isNew { textGroups.append(texts.count - 1 + others.count) }
                group = textGroups[k]
            } else {
                let v = DatabaseValue(sqliteStatement: s, index: column)
                if let k = others[v] { group = k } else { group = texts.count + others.count; others[v] = group }
            }
            g[Int(p)] = group
        }
        return g
    }

    private static func bytes(_ s: OpaquePointer, _ i: Int32) -> UnsafeRawBufferPointer {
        let n = Int(sqlite3_column_bytes(s, i))
        guard n > 0, let p = sqlite3_column_text(s, i) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: n)
    }
}
