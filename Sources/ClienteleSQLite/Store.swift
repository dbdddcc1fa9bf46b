import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange

/// A Clientele store: one SQLite file holding the whole client base.
///
/// ```swift
/// let store = try Store(path: "clientele.sqlite")      // creates and migrates if new
/// let n = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM clients") }
/// ```
public final class Store: @unchecked Sendable {
    /// The store file's path, as given.
    ///
    /// ```swift
    /// print("opened \(store.path)")
    /// ```
    public let path: String
    /// True when the store cannot be written (asked for, or the file or folder is read-only).
    ///
    /// ```swift
    /// if store.readOnly { disableEditing() }
    /// ```
    public let readOnly: Bool
    /// A pool (concurrent readers beside the writer) when reads must run beside other work
    /// (the REPL loads the order facts in the background); otherwise a single connection,
    /// which opens faster and, unlike a pool, does not write to the file to open it.
    private(set) var db: any DatabaseWriter
    /// The in-memory order facts that speed up per-client measures (see FactsCache).
    package let facts: FactsCache
    /// This process has the file open in SQLite: other descriptors of it must not be closed
    /// while it is (HeldFiles). Set once the store is open, released once it is closed.
    private var hold: HeldFiles.Hold?
    private var closed = false

    /// Why a file cannot be used as a store: every case is a sentence about the file.
    ///
    /// ```swift
    /// do { _ = try Store(path: "notes.txt") } catch let e as Store.OpenError { print(e) }
    /// ```
    public enum OpenError: Error, CustomStringConvertible, Equatable {
        case isDirectory(String)
        case notAStore(String, reason: String)
        case newerSchema(String, found: Int, supported: Int)
        case missing(String)
        case folderMissing(String)
        /// A file the program has no permission to read.
        case unreadable(String)
        /// An SQLite database of another program: left untouched.
        case notClientele(String, tables: [String])
        /// An SQLite database marked with another application's id: left untouched.
        case otherApplication(String, id: Int32)
        /// A zero-byte file opened read-only (only a write-open makes it a store).
        case emptyReadOnly(String)
        case cannotCreate(String, reason: String)
        /// A Clientele store whose tables could not be brought up to date.
        case cannotMigrate(String, reason: String)
        /// `init` on a database that already has tables or indexes of names Clientele needs.
        case namesTaken(String, names: [String])
        /// A store a newer Clientele has upgraded with changes this build does not know.
        case newerMigrations(String, names: [String])
        /// An older store opened read-only that is too large to read as an upgraded copy in memory.
        case olderReadOnly(String, missing: [String], bytes: Int, limit: Int)
        /// The reason as a sentence naming the file.
        public var description: String {
            switch self {
            case .isDirectory(let p): return "cannot open store '\(p)': it is a directory"
            case .notAStore(let p, let r): return "cannot open store '\(p)': \(r)"
            case .newerSchema(let p, let f, let s):
                return "cannot open store '\(p)': it has schema version \(f), this clientele understands up to \(s); upgrade clientele"
            case .missing(let p): return "cannot open store '\(p)': no such file (read-only mode does not create one)"
            case .folderMissing(let p):
                return "cannot open store '\(p)': the folder '\(PathText.folder(of: p))' does not exist"
            case .unreadable(let p): return "cannot open store '\(p)': permission denied (the file cannot be read)"
            case .notClientele(let p, let tables):
                let what = tables.isEmpty ? "it is an SQLite database with no tables" : "it has tables \(OpenError.list(tables))"
                return "cannot open store '\(p)': not a Clientele store (\(what)); it was left untouched. "
                    + "To add Clientele's tables to it on purpose, run: clientele init \(p)"
            case .otherApplication(let p, let id):
                return "cannot open store '\(p)': not a Clientele store (it belongs to another application, "
                    + "application_id \(id)); it was left untouched"
            case .emptyReadOnly(let p):
                return "cannot open store '\(p)': the file is empty, not a store yet (read-only mode does not make one)"
            case .cannotCreate(let p, let r): return "cannot create store '\(p)': \(r)"
            case .namesTaken(let p, let names):
                return "cannot add Clientele's tables to '\(p)': it already has a table or index named "
                    + "\(OpenError.list(names)), which Clientele needs for its own; it was left untouched"
            case .cannotMigrate(let p, let r):
                return "cannot open store '\(p)': its tables could not be brought up to date (\(r))"
            case .newerMigrations(let p, let names):
                return "cannot open store '\(p)': a newer version of Clientele has upgraded it with changes this "
                    + "version does not know (\(OpenError.list(names))); use that version or a newer one"
            case .olderReadOnly(let p, let missing, let bytes, let limit):
                return "cannot open store '\(p)' read-only: it was made by an older version of Clientele and lacks "
                    + "\(missing.count) upgrade(s) (\(OpenError.list(missing))); read-only, the file is not changed, and at "
                    + "\(bytes / 1_048_576) MiB it is larger than the \(limit / 1_048_576) MiB an upgraded copy in memory "
                    + "may take. Open it once without --read-only to upgrade it (or upgrade a copy of it)"
            }
        }

        /// At most 5 names, printable, then how many there are in all.
        static func list(_ names: [String]) -> String {
            let shown = names.prefix(5).map { name in
                String(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) }.prefix(40))
            }
            return shown.joined(separator: ", ") + (names.count > 5 ? ", … (\(names.count) in all)" : "")
        }

        /// SQLite's reason for refusing a file, as a sentence about the file.
        static func sentence(for error: DatabaseError) -> String {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_NOTADB: return "not a SQLite database (or a damaged one)"
            case .SQLITE_CORRUPT: return "the file is damaged: SQLite finds its content malformed"
            case .SQLITE_READONLY: return "the file cannot be written to"
            case .SQLITE_CANTOPEN: return "the file cannot be opened (no permission, or a folder that cannot be written to)"
            case .SQLITE_PERM, .SQLITE_AUTH: return "permission denied"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "another program holds it locked; try again in a moment"
            case .SQLITE_IOERR: return "the device reported a read or write error"
            case .SQLITE_FULL: return "the disk is full"
            case .SQLITE_NOMEM: return "out of memory"
            default: return "SQLite could not use it (error code \(error.resultCode.rawValue))"
            }
        }
    }

    /// Why the store is read-only although `--read-only` was not given (the file or its
    /// folder cannot be written), or nil.
    ///
    /// ```swift
    /// if let why = store.readOnlyReason { warn(why) }
    /// ```
    public let readOnlyReason: String?
    /// True when the store is read as it was when opened (a folder where SQLite cannot make
    /// its -wal/-shm files): changes other programs make meanwhile are not seen.
    ///
    /// ```swift
    /// if store.isSnapshot { warn("changes made elsewhere will not show") }
    /// ```
    public let isSnapshot: Bool
    /// The upgrades a store made by an older Clientele lacked when it was opened read-only:
    /// it is then read as an upgraded copy in memory (its file unchanged), as it was when
    /// opened. Empty for an up-to-date store and for every write-open (which upgrades the file).
    ///
    /// ```swift
    /// if !store.upgradedInMemory.isEmpty { note("read as an upgraded copy") }
    /// ```
    public let upgradedInMemory: [String]
    /// The largest older store a read-only opening copies into memory to upgrade it: an
    /// eighth of the machine's memory.
    package static let upgradeLimit = Int(clamping: ProcessInfo.processInfo.physicalMemory / 8)
    /// True when this opening made the store (a new path or a zero-byte file); false when
    /// it existed, also when another program made it first while this one was making it.
    ///
    /// ```swift
    /// if store.created { try DemoData.generate(into: store, options: DemoOptions()) }
    /// ```
    public let created: Bool

    /// Opens the store at `path`, applying pending migrations; a new path or a zero-byte
    /// file becomes a new store (unless read-only). An SQLite file that is not a Clientele
    /// store is refused untouched (see `StoreFile`). WAL mode, foreign keys on, a busy
    /// timeout so writers wait. A file or folder that cannot be written opens read-only,
    /// with `readOnlyReason` saying why.
    /// `concurrentReads: false` opens one connection instead of a pool: enough for a
    /// script, and opening it leaves an up-to-date store untouched.
    ///
    /// ```swift
    /// let store = try Store(path: "clientele.sqlite")
    /// let archive = try Store(path: "2024.sqlite", readOnly: true)
    /// ```
    public convenience init(path: String, readOnly: Bool = false, concurrentReads: Bool = true, busyTimeout: TimeInterval = 5) throws {
        try self.init(path: path, readOnly: readOnly, concurrentReads: concurrentReads, busyTimeout: busyTimeout,
                      upgradeLimit: Store.upgradeLimit)
    }

    /// As above; `upgradeLimit` is the largest older store (in bytes) a read-only opening reads
    /// as an upgraded copy in memory (tests make it small).
    package init(path: String, readOnly: Bool, concurrentReads: Bool, busyTimeout: TimeInterval, upgradeLimit: Int) throws {
        self.path = path
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if exists && isDir.boolValue { throw OpenError.isDirectory(path) }
        if !exists && readOnly { throw OpenError.missing(path) }
        let folder = PathText.folder(of: path)
        if !exists && !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) { throw OpenError.folderMissing(path) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        let cache = FactsCache()
        facts = cache
        let computed = cache.columns
        config.prepareDatabase { db in
            UnicodeText.register(in: db)
            SQLFunctions.register(in: db)
            FactsTable.register(in: db, registry: computed)
        }
        // Look before opening: opening a pool writes to the file (GRDB makes sure a WAL
        // file exists), and a file that is not ours must stay byte for byte as it was.
        var kind = try StoreFile.inspect(path)
        var made = false
        if !readOnly, kind == .absent || kind == .empty {
            made = try StoreFile.create(at: path, replacingEmpty: kind == .empty, configuration: config)
            kind = try StoreFile.inspect(path)
        }
        created = made
        let version: Int
        switch kind {
        case .absent: throw OpenError.missing(path)
        case .empty: throw readOnly ? OpenError.emptyReadOnly(path) : OpenError.cannotCreate(path, reason: "the file stayed empty")
        case .clientele(let v), .unmarkedClientele(let v): version = v
        case .foreign(let tables): throw OpenError.notClientele(path, tables: tables)
        case .otherApplication(let id): throw OpenError.otherApplication(path, id: id)
        }
        if version > Schema.version { throw OpenError.newerSchema(path, found: version, supported: Schema.version) }
        readOnlyReason = readOnly ? nil : StoreFile.whyNotWritable(path)
        self.readOnly = readOnly || readOnlyReason != nil
        // Without a writable folder SQLite cannot make the -shm file a read needs in WAL
        // mode; with no -wal content to miss, read the file as it is.
        let folderWritable = access(folder.isEmpty ? "." : folder, W_OK) == 0
        let snapshot = self.readOnly && !folderWritable && !StoreFile.hasWAL(path)
        let writableConfig = config
        config.readonly = self.readOnly
        let migrator = Schema.migrator
        if !self.readOnly { try StoreFile.refuseNewerUpgrades(path, known: migrator.migrations) }
        // From before the first connection to after the last: see HeldFiles.
        let held = HeldFiles.hold(path)
        var opened = false
        defer { if !opened { HeldFiles.release(held) } }
        do {
            if self.readOnly {
                db = try DatabaseQueue(path: StoreFile.uri(path, immutable: snapshot), configuration: config)
            } else if concurrentReads {
                db = try DatabasePool(path: path, configuration: config)
            } else {
                // GRDB's WAL set-up writes a table to the file when no WAL file exists, which
                // is every time after a clean close: set WAL mode only where it is not yet on.
                let queue = try DatabaseQueue(path: path, configuration: config)
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                db = queue
            }
        } catch let e as DatabaseError {
            throw OpenError.notAStore(path, reason: OpenError.sentence(for: e))
        }
        let found: Int
        do {
            found = try db.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
        } catch let e as DatabaseError {
            throw OpenError.notAStore(path, reason: OpenError.sentence(for: e))
        }
        if found > Schema.version { throw OpenError.newerSchema(path, found: found, supported: Schema.version) }
        let (unknown, missing): ([String], [String])
        do {
            (unknown, missing) = try db.read { db in
                let applied = try migrator.appliedIdentifiers(db)
                return (applied.subtracting(migrator.migrations).sorted(), migrator.migrations.filter { !applied.contains($0) })
            }
        } catch let e as DatabaseError {
            throw OpenError.notAStore(path, reason: OpenError.sentence(for: e))
        }
        // Upgrades made by a newer build: its tables may mean what this build does not know.
        if !unknown.isEmpty { throw OpenError.newerMigrations(path, names: unknown) }
        var upgraded: [String] = []
        if self.readOnly && !missing.isEmpty {
            // An older store read-only: its file must not change, and this build's queries need
            // the current tables, so read an upgraded copy in memory (bounded; see upgradeLimit).
            let bytes = StoreFile.size(path)
            guard bytes <= upgradeLimit else {
                throw OpenError.olderReadOnly(path, missing: missing, bytes: bytes, limit: upgradeLimit)
            }
            do {
                let copy = try DatabaseQueue(configuration: writableConfig)
                try db.backup(to: copy)
                try migrator.migrate(copy)
                try db.close()
                db = copy
                upgraded = missing
            } catch let e as DatabaseError {
                throw OpenError.cannotMigrate(path, reason: OpenError.sentence(for: e))
            }
        }
        upgradedInMemory = upgraded
        isSnapshot = snapshot || !upgraded.isEmpty
        if !self.readOnly {
            do {
                try Schema.migrator.migrate(db)
                if case .unmarkedClientele = kind {
                    try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)") }
                }
            } catch let e as DatabaseError {
                throw OpenError.cannotMigrate(path, reason: OpenError.sentence(for: e))
            }
        }
        facts.store = self
        hold = held
        opened = true
    }

    deinit {
        if !closed { try? db.close() }
        HeldFiles.release(hold)
    }

    /// Closes the store's connections (a clean close checkpoints the WAL into the file).
    /// Nothing may use the store afterwards.
    ///
    /// ```swift
    /// try store.close()
    /// ```
    public func close() throws {
        guard !closed else { return }
        try db.close()
        closed = true
        HeldFiles.release(hold)
        hold = nil
    }

    /// Runs a read in a consistent snapshot.
    package func read<T>(_ body: (Database) throws -> T) throws -> T { try db.read(body) }

    /// Runs a write in one transaction: all of it or nothing. Its changes are logged in the
    /// audit log as made by `auditUser` (the OS user; see AuditLog).
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        if readOnly { throw RuntimeError.readOnly("write") }
        let user = auditUser
        return try db.write { db in
            try AuditLog.begin(db, user: user)
            let result = try body(db)
            try AuditLog.end(db)
            return result
        }
    }

    /// Who the audit log names for this store's writes: the OS user running the program.
    package var auditUser: String { AuditLog.osUser }

    /// The underlying GRDB database (a `DatabasePool`, or a `DatabaseQueue` when read-only
    /// or opened without concurrent reads), for host programs that need it.
    package var database: any DatabaseWriter { db }

    /// A checksum of the store's content (every user table, row by row), for tests that
    /// prove a failed command changed nothing. The audit log counts, but not the time of its
    /// rows (`changed_at`), so that two stores changed alike at different times are equal;
    /// nor does the store's random identity (`store_identity`, StoreIdentityMigration).
    package func contentChecksum() throws -> String {
        try read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' AND name NOT IN ('grdb_migrations', 'store_identity') ORDER BY name
                """)
            var hasher = FNV1a()
            for t in tables {
                hasher.add(t)
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(t)\" ORDER BY rowid")
                while let row = try rows.next() {
                    for (col, v) in row where !(t == "audit" && col == "changed_at") { hasher.add(col); hasher.add(v.description) }
                }
            }
            return hasher.hex
        }
    }
}

/// 64-bit FNV-1a: small, deterministic across runs (unlike Hasher).
package struct FNV1a {
    private var h: UInt64 = 0xcbf29ce484222325
    package init() {}
    package mutating func add(_ s: String) {
        for b in s.utf8 { h ^= UInt64(b); h = h &* 0x100000001b3 }
        h ^= 0xff; h = h &* 0x100000001b3
    }
    package var hex: String { String(format: "%016llx", h) }
}
