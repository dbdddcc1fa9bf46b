#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Where a store's column file lives and how it is opened, checked, appended to and
/// written (ColumnFile has the format). The file is `<store>.columns` beside the store, or,
/// when the store's folder cannot be written, `<token>-<hash of the store's path>.columns`
/// in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, under clientele/columns).
///
/// A file is used only when everything in its header checks out, its body's checksum
/// matches, its token is the store's, and its counters say it holds the orders the
/// question's own transaction sees: the same facts counter, or the same rewrite count, with
/// the orders inserted since (ids above its `top`) read from the store and appended in
/// memory (dated on or after its last day, for clients it knows or new ones above them).
/// Anything else is never used: the question runs on the scan and the file is rewritten.
package final class ColumnStore: @unchecked Sendable {
    let storePath: String
    let readOnly: Bool
    /// The size above which a mapping hands its pages back as passes go (ColumnMapping).
    let residentBytes: Int
    /// The number of blocks from which a pass has the blocks ahead of it checked on another
    /// thread (BlockVerifier).
    let verifyAheadFrom: Int

    package init(storePath: String, readOnly: Bool, residentBytes: Int = ColumnMapping.defaultResidentBytes,
                 verifyAheadFrom: Int = BlockVerifier.minimumBlocks) {
        self.storePath = storePath
        self.readOnly = readOnly
        self.residentBytes = residentBytes
        self.verifyAheadFrom = verifyAheadFrom
    }

    var besidePath: String { storePath + ".columns" }

    private let lock = NSLock()
    private var damagedFile = false
    /// Whether the lines file (LinesFile) was found damaged.
    private var linesDamage = false
    package var linesDamaged: Bool {
        get { lock.withLock { linesDamage } }
        set { lock.withLock { linesDamage = newValue } }
    }

    /// Whether a question found a block of the file damaged (ColumnMapping): the file is
    /// then neither read nor taken as current until it is written again.
    var damaged: Bool { lock.withLock { damagedFile } }
    func markDamaged() { lock.withLock { damagedFile = true } }

    func cachePath(token: String) -> String {
        let env = ProcessInfo.processInfo.environment
        let root = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        let absolute = storePath.hasPrefix("/") ? storePath : FileManager.default.currentDirectoryPath + "/" + storePath
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in absolute.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return root + "/clientele/columns/\(token)-\(String(h, radix: 16)).columns"
    }

    /// Whether the store's folder takes new files.
    private var folderWritable: Bool {
        let folder = (storePath as NSString).deletingLastPathComponent
        return access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// The file to read: beside the store when there is one, else the cache folder's.
    func readPath(token: String) -> String? {
        if access(besidePath, F_OK) == 0 { return besidePath }
        let cached = cachePath(token: token)
        return access(cached, F_OK) == 0 ? cached : nil
    }

    /// The file to write: beside the store when its folder takes files, else the cache folder's.
    func writePath(token: String) -> String? {
        if folderWritable { return besidePath }
        let path = cachePath(token: token)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return path
    }

    /// Maps and checks the file at `path` (all but the store's counters).
    func map(_ path: String, token: String) throws -> (ColumnFile.Header, ColumnMapping) {
        let (base, size) = try FileBytes.mapReadOnly(path, header: ColumnFile.headerSize)
        let header: ColumnFile.Header
        do {
            header = try ColumnFile.decode(UnsafeRawBufferPointer(start: base, count: ColumnFile.headerSize))
        } catch {
            munmap(base, size)
            throw error
        }
        // From here the mapping is unmapped when it goes.
        let mapping = ColumnMapping(base: UnsafeRawPointer(base), bytes: size, header: header, residentBytes: residentBytes,
                                    verifyAheadFrom: verifyAheadFrom)
        guard header.fileBytes == size else { throw ColumnFile.Rejected("is truncated or extended (\(size) bytes, \(header.fileBytes) recorded)") }
        guard header.token == token else { throw ColumnFile.Rejected("belongs to another store") }
        guard ColumnFile.tableChecksum(header, mapping.base) == header.tableChecksum else {
            throw ColumnFile.Rejected("is damaged (checksum of the client ids and block checksums)")
        }
        return (header, mapping)
    }

    /// The facts a checked mapping holds (pointers into it, nothing copied but the client ids).
    static func facts(_ h: ColumnFile.Header, _ m: ColumnMapping) -> OrderFacts {
        func column<T>(_ k: Int, _: T.Type) -> UnsafePointer<T> {
            (m.base + h.sections[k].offset).assumingMemoryBound(to: T.self)
        }
        let ids = Array(UnsafeBufferPointer(start: column(0, Int64.self), count: h.clients))
        let segment = OrderSegment(count: h.orders, day: column(1, Int32.self), client: column(2, Int32.self),
                                   net: column(5, Int64.self), due: column(3, Int32.self), paid: column(6, Int64.self),
                                   lastPaid: column(4, Int32.self), file: m)
        return OrderFacts(stamp: h.stamp, clients: ClientPositions(ids), segments: [segment], owners: [m], origin: "file")
    }

    /// Facts valid in the transaction of `db` at `version` without reading every order: the
    /// mapped file, or `base` (or the file) with the orders inserted since appended. Nil when
    /// neither applies (the caller scans, and the file gets rewritten).
    func load(_ db: Database, version: Int64, base: OrderFacts?) -> OrderFacts? {
        guard !damaged || base != nil, let token = StoreIdentityMigration.token(db) else { return nil }
        let now = FactsStamp.read(db, version: version)
        if let base, let appended = ColumnStore.append(base, db, now) { return appended }
        guard !damaged, let path = readPath(token: token), let opened = try? map(path, token: token) else { return nil }
        let header = opened.0
        let mapped = ColumnStore.facts(header, opened.1)
        if header.stamp.version == version { return mapped }
        return ColumnStore.append(mapped, db, now)
    }

    /// The orders inserted after the stamp's top, in date order. `+order_date`: the few new
    /// rows are found by rowid and sorted; ordering by the date index would walk all of it
    /// (60 ms on a store of 2M orders; ColumnFileTests checks the plan).
    static let tailSQL = """
        SELECT order_date, client_id, net_minor, due_date, paid_minor, last_paid FROM orders
        WHERE rowid > ? AND status = 'shipped' ORDER BY +order_date
        """

    /// `base` with the orders inserted after it, when only inserts happened since (the same
    /// rewrite count) and they come after it in date order; else nil.
    static func append(_ base: OrderFacts, _ db: Database, _ now: FactsStamp) -> OrderFacts? {
        guard let rewrites = base.stamp.rewrites, let top = base.stamp.top, now.rewrites == rewrites, let nowTop = now.top,
              nowTop >= top else { return nil }
        if now.version == base.version { return base }
        do {
            var positions = base.positions
            let lastID = base.clientIDs.last ?? Int64.min
            let newIDs = try Int64.fetchAll(db, sql: "SELECT id FROM clients WHERE id > ? ORDER BY id", arguments: [lastID])
            if !newIDs.isEmpty { positions = ClientPositions(base.clientIDs + newIDs) }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE rowid > ? AND status = 'shipped'", arguments: [top]) ?? 0
            let tail = try OrderFacts.readOrders(db, positions, sql: tailSQL, arguments: [top], capacity: count)
            guard tail.count == count else { return nil }
            if tail.count > 0, let last = try base.lastDay(), tail.segment.day[0] < last { return nil }
            return OrderFacts(stamp: now, clients: positions, segments: base.segments + [tail.segment], owners: base.owners + [tail],
                              origin: base.origin.hasPrefix("file") ? "file + appended" : base.origin)
        } catch {
            return nil
        }
    }

    /// Writes `facts` as the store's column file (nothing in a read-only store).
    func save(_ facts: OrderFacts, token: String) throws {
        guard !readOnly, facts.stamp.rewrites != nil, let path = writePath(token: token) else { return }
        try ColumnFile.write(facts, token: token, to: path)
        lock.withLock { damagedFile = false }
    }

    /// Writes the store's column file straight from its orders (never holding them all in
    /// memory) and returns the facts mapped from it; nil in a read-only store.
    func build(_ db: Database, version: Int64) throws -> OrderFacts? {
        guard !readOnly, let token = StoreIdentityMigration.token(db), FactsStamp.read(db, version: version).rewrites != nil,
              let path = writePath(token: token) else { return nil }
        try OrderFacts.writeFile(db, version: version, token: token, to: path)
        lock.withLock { damagedFile = false }
        let (header, mapping) = try map(path, token: token)
        guard header.stamp.version == version else { return nil }
        return ColumnStore.facts(header, mapping)
    }

    /// What `.cache` reports about the file.
    package struct Status: Sendable {
        package var path: String?
        /// valid, stale, absent, or why it is not used
        package var state: String
        package var bytes: Int
        package var storeBytes: Int
        /// Which file: the column file, or the what-if's lines file (LinesFile).
        package var what = "column file"

        /// One line for `.cache`: state, size, share of the store's size, where.
        package var line: String {
            func mib(_ b: Int) -> String { String(format: "%.1f MiB", Double(b) / 1_048_576) }
            let share = storeBytes > 0 ? String(format: "%.0f%%", 100 * Double(bytes) / Double(storeBytes)) : "-"
            let place = path.map { " (\($0))" } ?? ""
            if bytes == 0 { return "\(what): \(state)\(place)" }
            return "\(what): \(state), \(mib(bytes)), \(share) of the store's \(mib(storeBytes))\(place)"
        }
    }

    func status(_ db: Database, version: Int64?) -> Status {
        let storeBytes = ColumnStore.size(storePath)
        guard let token = StoreIdentityMigration.token(db), let version else {
            return Status(path: nil, state: "absent (an older store: open it for writing once)", bytes: 0, storeBytes: storeBytes)
        }
        guard let path = readPath(token: token) else {
            return Status(path: writePath(token: token), state: "absent", bytes: 0, storeBytes: storeBytes)
        }
        let bytes = ColumnStore.size(path)
        do {
            let (header, mapping) = try map(path, token: token)
            // `.cache` checks every block (a question checks only those it reads).
            try mapping.checkAll()
            let now = FactsStamp.read(db, version: version)
            let state = header.stamp.version == version ? "valid"
                : (header.stamp.rewrites == now.rewrites ? "stale (orders added since: appended when used)" : "stale")
            return Status(path: path, state: state, bytes: bytes, storeBytes: storeBytes)
        } catch {
            return Status(path: path, state: "not used: it \(error)", bytes: bytes, storeBytes: storeBytes)
        }
    }

    /// Whether the file holds exactly the orders at `version` (header checks only).
    func isCurrent(token: String, version: Int64) -> Bool {
        guard !damaged, let path = readPath(token: token), let opened = try? map(path, token: token) else { return false }
        return opened.0.stamp.version == version
    }

    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
