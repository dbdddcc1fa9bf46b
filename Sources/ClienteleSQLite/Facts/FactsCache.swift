import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// Keeps one `OrderFacts` snapshot of a store in memory for the per-client measures, and
/// decides when to build it. A snapshot answers a query only when it was built at the
/// facts version the query's own transaction reads, so writes by this or any other
/// program (which bump the version through triggers) simply make it unused until rebuilt.
///
/// Modes:
/// - `off`: always SQL over the orders.
/// - `automatic` (the default): the first statement that needs order facts runs as SQL;
///   the next one builds the snapshot (in its own transaction) and uses it. One question
///   costs what SQL costs; a session that keeps asking gets the in-memory speed.
/// - `always`: builds at the first need.
///
/// `warmInBackground()` builds a snapshot on a background thread (the REPL does this when
/// it opens a store), while queries keep running on SQL until it is ready.
///
/// Memory: `automatic` mode and the background load build a snapshot only when its
/// estimated size fits `memoryLimit` (by default a quarter of the machine's memory), so a
/// very large store stays on SQL instead of crowding out everything else; `always` builds
/// regardless (the user asked for it).
package final class FactsCache: @unchecked Sendable {
    package enum Mode: String, Sendable, CaseIterable { case off, automatic, always }

    private let lock = NSLock()
    private var mode: Mode = .automatic
    private var current: OrderFacts?
    private var building = false
    private var missed = 0
    /// How many snapshots were built (for tests and `--stats`-like reporting).
    package private(set) var builds = 0
    /// Seconds the last build took.
    package private(set) var lastBuildSeconds: Double = 0
    private var limit = FactsCache.defaultMemoryLimit
    private var skipped: Int?

    /// A quarter of the machine's physical memory.
    package static let defaultMemoryLimit = Int(clamping: ProcessInfo.processInfo.physicalMemory / 4)

    /// Bytes a snapshot may take in `automatic` mode and in the background load.
    package var memoryLimit: Int {
        get { lock.withLock { limit } }
        set { lock.withLock { limit = newValue } }
    }

    /// The estimated bytes of the snapshot last left unbuilt because it would exceed the
    /// limit (nil once one is built, or when none was refused).
    package var refusedBytes: Int? { lock.withLock { skipped } }

    weak var store: Store?
    /// The store's persisted columns (ColumnStore), nil when not used (the library's
    /// default; the command line sets it unless `--cache off`).
    package var persisted: ColumnStore? {
        get { lock.withLock { files } }
        set { lock.withLock { files = newValue } }
    }
    private var files: ColumnStore?
    /// The facts counter at which the column file was last found unusable (not looked at
    /// again until the counter moves).
    private var unusableAt: Int64?
    /// Whether a statement asked for the order facts (a batch run then writes the file).
    private var wanted = false
    private var saving = false
    /// Snapshots mapped from the column file, and made by appending new orders.
    package private(set) var mapped = 0
    package private(set) var appended = 0
    /// The columns computed for the statements running on the store, where its SQL finds them.
    let columns = ColumnsRegistry()

    init() {}

    /// Without the facts in memory, whether a statement computes its per-client measures
    /// from one scan of the orders (OrderScan: linear, the default) or leaves them to SQL's
    /// GROUP BY (false: the tests pin the SQL path with it).
    package var scansOrders: Bool {
        get { lock.withLock { scans } }
        set { lock.withLock { scans = newValue } }
    }
    private var scans = true

    package var currentMode: Mode {
        get { lock.withLock { mode } }
        set { lock.withLock { mode = newValue } }
    }

    /// Number of shipped orders held, nil when nothing is cached.
    package var ordersHeld: Int? { lock.withLock { current?.count } }

    /// Drops the snapshot (memory back to the system).
    package func clear() { lock.withLock { current = nil; missed = 0 } }

    /// The snapshot valid in the transaction of `db`, building it when the mode says so;
    /// nil when the query should run as SQL.
    func facts(for db: Database) -> OrderFacts? {
        switch plan(for: db) {
        case nil: return nil
        case .current(let facts)?: return facts
        case .build(let version)?: return build(version, db)
        }
    }

    /// What a statement planned now can count on: a current snapshot, or one to build when
    /// it runs (the caller then calls `build` or, if it never runs, `abandon`).
    enum Plan {
        case current(OrderFacts)
        case build(version: Int64)
    }

    /// Decides without building (two b-tree lookups at most): nil when the statement should
    /// not use the facts (the mode, a build under way, the memory limit).
    func plan(for db: Database) -> Plan? {
        guard let version = FactsVersionMigration.read(db) else { return nil }
        if let quick = fromColumns(db, version) { return .current(quick) }
        let decision: Bool = lock.withLock {
            if mode == .off { return false }
            if let c = current, c.version == version { return true }
            if building { return false }
            missed += 1
            if mode == .always || missed >= 2 { building = true; return true }
            return false
        }
        guard decision else { return nil }
        if let c = lock.withLock({ current }), c.version == version { return .current(c) }
        if !fitsLimit(db) { return nil }
        return .build(version: version)
    }

    /// A snapshot at `version` made without reading every order: the current one with the
    /// orders inserted since appended, or the column file (mapped, perhaps appended to).
    /// Nil when neither applies.
    private func fromColumns(_ db: Database, _ version: Int64) -> OrderFacts? {
        let (base, columnStore, tryFile): (OrderFacts?, ColumnStore?, Bool) = lock.withLock {
            wanted = true
            guard mode != .off else { return (nil, nil, false) }
            if let c = current, c.version == version { return (c, nil, false) }
            return (current, self.files, self.files != nil && unusableAt != version)
        }
        if let base, base.version == version { return base }
        guard mode != .off else { return nil }
        var made: OrderFacts?
        if let base, base.stamp.rewrites != nil {
            made = ColumnStore.append(base, db, FactsStamp.read(db, version: version))
        }
        if made == nil, tryFile, let columnStore {
            made = columnStore.load(db, version: version, base: nil)
            if made == nil { lock.withLock { unusableAt = version } }
        }
        guard let made else { return nil }
        lock.withLock {
            if made.origin == "file" { mapped += 1 } else { appended += 1; builds += 1 }
            if current == nil || current!.version != version { current = made; missed = 0 }
        }
        forgetOnRollback(made, db)
        if made.origin != "file" { saveInBackground() }
        return made
    }

    /// Writes the current snapshot as the column file on a background thread (the REPL),
    /// unless the file holds it already or a write is under way.
    private func saveInBackground() {
        guard interactiveSaves else { return }
        let go: Bool = lock.withLock {
            if saving || files == nil || files!.readOnly { return false }
            saving = true
            return true
        }
        guard go else { return }
        DispatchQueue.global(qos: .utility).async { [weak self] in
            try? self?.persist(loadIfNeeded: false)
            self?.lock.withLock { self?.saving = false }
        }
    }

    /// Whether snapshots made in this process are written to the column file in the
    /// background as they are made (the REPL); otherwise `persist` writes it at the end.
    package var interactiveSaves: Bool {
        get { lock.withLock { background } }
        set { lock.withLock { background = newValue } }
    }
    private var background = false

    /// Makes the column file hold the store as it is now, when the facts were asked for in
    /// this process and the file does not already: from the snapshot in memory when it is
    /// current, else appended or built in a read transaction of its own (`loadIfNeeded`).
    /// Nothing in a read-only store or without a ColumnStore. Returns whether it wrote.
    @discardableResult
    package func persist(loadIfNeeded: Bool = true) throws -> Bool {
        guard let store, let files = persisted, !files.readOnly, lock.withLock({ wanted && mode != .off }) else { return false }
        return try store.read { db -> Bool in
            guard let version = FactsVersionMigration.read(db), let token = StoreIdentityMigration.token(db) else { return false }
            let held = lock.withLock { current }
            if let held, held.version == version, held.origin == "file" { return false }
            if files.isCurrent(token: token, version: version) { return false }
            var facts = held.flatMap { $0.version == version ? $0 : ColumnStore.append($0, db, FactsStamp.read(db, version: version)) }
            if facts == nil { facts = files.load(db, version: version, base: nil) }
            guard let facts else {
                // Nothing in memory to write from: straight from the orders table to the file.
                return loadIfNeeded ? try files.build(db, version: version) != nil : false
            }
            try files.save(facts, token: token)
            return true
        }
    }

    /// The column file's state, for `.cache`; nil without a ColumnStore.
    package func columnStatus() -> ColumnStore.Status? {
        guard let store, let files = persisted else { return nil }
        return try? store.read { db in files.status(db, version: FactsVersionMigration.read(db)) }
    }

    /// The what-if's lines file's state (LinesFile), for `.cache`; nil without a ColumnStore.
    package func linesStatus() -> ColumnStore.Status? {
        guard let store, let files = persisted else { return nil }
        return try? store.read { db in files.linesStatus(db, version: FactsVersionMigration.read(db)) }
    }

    /// Builds the snapshot `plan` decided on, in the transaction of `db` (the same version).
    func build(_ version: Int64, _ db: Database) -> OrderFacts? {
        let started = DispatchTime.now().uptimeNanoseconds
        let built = try? OrderFacts.load(db, version: version)
        finish(built, started: started)
        if let built { forgetOnRollback(built, db) }
        if built != nil { saveInBackground() }
        return built
    }

    /// A snapshot made inside a transaction that has written may hold orders that are never
    /// committed, at a counter value a later, different commit reaches again: dropped when
    /// that transaction rolls back (a transaction that has not written has no such risk).
    private func forgetOnRollback(_ facts: OrderFacts, _ db: Database) {
        guard sqlite3_txn_state(db.sqliteConnection, nil) == SQLITE_TXN_WRITE else { return }
        let id = facts.id
        db.afterNextTransaction(onCommit: { _ in }, onRollback: { [weak self] _ in
            self?.lock.withLock { if self?.current?.id == id { self?.current = nil } }
        })
    }

    /// A question found a block of the column file damaged: the snapshot mapped from it is
    /// dropped, and the file is not read again until it is rewritten (`persist`, or in the
    /// background after the next snapshot).
    func columnFileDamaged() {
        lock.withLock {
            files?.markDamaged()
            if let c = current, c.segments.contains(where: { $0.file?.damage != nil }) { current = nil }
        }
    }

    /// A planned build that will not happen (the statement was only explained, or failed
    /// before it ran): another statement may build.
    func abandon() { lock.withLock { building = false } }

    /// Whether a snapshot of the store fits the memory limit (always, in `always` mode). A
    /// refused build ends here; the check (two b-tree lookups) is made again at the next need.
    private func fitsLimit(_ db: Database) -> Bool {
        let needed = OrderFacts.estimatedBytes(db)
        return lock.withLock {
            if mode == .always || needed <= limit { skipped = nil; return true }
            skipped = needed
            building = false
            return false
        }
    }

    /// Ends a build: the snapshot (if it could be read) becomes the current one.
    private func finish(_ built: OrderFacts?, started: UInt64) {
        lock.withLock {
            building = false
            guard let built else { return }
            current = built
            missed = 0
            builds += 1
            lastBuildSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        }
    }

    /// Builds a snapshot on a background thread unless one is current or being built.
    /// `done` runs when it finishes (tests wait on it).
    package func warmInBackground(done: (@Sendable () -> Void)? = nil) {
        guard let store else { done?(); return }
        let go: Bool = lock.withLock {
            if mode == .off || building { return false }
            building = true
            return true
        }
        guard go else { done?(); return }
        DispatchQueue.global(qos: .utility).async { [weak self] in
            let started = DispatchTime.now().uptimeNanoseconds
            var fromFile = false
            let built: OrderFacts? = try? store.read { db in
                guard let version = FactsVersionMigration.read(db) else { return nil }
                if let files = self?.persisted, let made = files.load(db, version: version, base: nil) {
                    fromFile = true
                    return made
                }
                // A store whose folder (or the cache folder) takes the file: written from the
                // orders and mapped, so the shell never holds the orders in memory.
                if let files = self?.persisted, let made = try? files.build(db, version: version) {
                    fromFile = true
                    return made
                }
                guard self?.fitsLimit(db) ?? false else { return nil }
                return try OrderFacts.load(db, version: version)
            }
            self?.finish(built, started: started)
            if let built, !fromFile || built.origin != "file" {
                self?.lock.withLock { self?.wanted = true }
                self?.saveInBackground()
            }
            done?()
        }
    }

    /// Builds a snapshot now, in a read transaction of its own; returns the seconds it took
    /// (0 when one was already current). For benchmarks and host programs.
    @discardableResult
    package func warm() throws -> Double {
        guard let store else { return 0 }
        let saved = currentMode
        currentMode = .always
        defer { currentMode = saved }
        _ = try store.read { db in facts(for: db) }
        return lastBuildSeconds
    }
}
