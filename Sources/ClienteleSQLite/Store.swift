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
    let db: any DatabaseWriter
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
    public init(path: String, readOnly: Bool = false, concurrentReads: Bool = true, busyTimeout: TimeInterval = 5) throws {
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
        isSnapshot = self.readOnly && !folderWritable && !StoreFile.hasWAL(path)
        config.readonly = self.readOnly
        // From before the first connection to after the last: see HeldFiles.
        let held = HeldFiles.hold(path)
        var opened = false
        defer { if !opened { HeldFiles.release(held) } }
        do {
            if self.readOnly {
                db = try DatabaseQueue(path: StoreFile.uri(path, immutable: isSnapshot), configuration: config)
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
