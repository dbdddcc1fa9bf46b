import Foundation
import GRDB

/// A Clientele store: one SQLite file holding the whole client base.
///
/// ```swift
/// let store = try Store(path: "clientele.sqlite")      // creates and migrates if new
/// let n = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM clients") }
/// ```
public final class Store: @unchecked Sendable {
    public let path: String
    public let readOnly: Bool
    /// A pool (concurrent readers beside the writer) when reads must run beside other work
    /// (the REPL loads the order facts in the background); otherwise a single connection,
    /// which opens faster and, unlike a pool, does not write to the file to open it.
    let db: any DatabaseWriter
    /// The in-memory order facts that speed up per-client measures (see FactsCache).
    public let facts = FactsCache()

    public enum OpenError: Error, CustomStringConvertible, Equatable {
        case isDirectory(String)
        case notAStore(String, reason: String)
        case newerSchema(String, found: Int, supported: Int)
        case missing(String)
        case folderMissing(String)
        public var description: String {
            switch self {
            case .isDirectory(let p): return "cannot open store '\(p)': it is a directory"
            case .notAStore(let p, let r): return "cannot open store '\(p)': not a SQLite database (\(r))"
            case .newerSchema(let p, let f, let s):
                return "cannot open store '\(p)': it has schema version \(f), this clientele understands up to \(s); upgrade clientele"
            case .missing(let p): return "cannot open store '\(p)': no such file (read-only mode does not create one)"
            case .folderMissing(let p):
                return "cannot open store '\(p)': the folder '\((p as NSString).deletingLastPathComponent)' does not exist"
            }
        }
    }

    /// Opens (and creates when absent, unless read-only) the store at `path`, applying
    /// pending migrations. WAL mode, foreign keys on, a busy timeout so writers wait.
    /// `concurrentReads: false` opens one connection instead of a pool: enough for a
    /// script, and opening it leaves an up-to-date store untouched.
    public init(path: String, readOnly: Bool = false, concurrentReads: Bool = true, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        self.readOnly = readOnly
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if exists && isDir.boolValue { throw OpenError.isDirectory(path) }
        if !exists && readOnly { throw OpenError.missing(path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !exists && !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) { throw OpenError.folderMissing(path) }
        // Read the header only (not the whole file), and refuse a newer schema before
        // opening: opening a pool writes to the file (GRDB makes sure a WAL file exists).
        if exists, let handle = FileHandle(forReadingAtPath: path) {
            let header = handle.readData(ofLength: 100)
            try? handle.close()
            if !header.isEmpty, header.prefix(16) != Data("SQLite format 3\u{0}".utf8) {
                throw OpenError.notAStore(path, reason: "the file does not start with the SQLite header")
            }
            // Trust the version only in a sound header (fixed payload fractions 64, 32, 32);
            // a corrupt file is left for SQLite to refuse.
            if header.count == 100, header[21] == 64, header[22] == 32, header[23] == 32 {
                let version = header[60..<64].reduce(0) { $0 << 8 | Int($1) }
                if version > Schema.version { throw OpenError.newerSchema(path, found: version, supported: Schema.version) }
            }
        }
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            UnicodeText.register(in: db)
            SQLFunctions.register(in: db)
            FactsTable.register(in: db)
        }
        do {
            if readOnly {
                db = try DatabaseQueue(path: path, configuration: config)
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
            throw OpenError.notAStore(path, reason: e.message ?? "\(e.resultCode)")
        }
        let found: Int
        do {
            found = try db.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
        } catch let e as DatabaseError {
            throw OpenError.notAStore(path, reason: e.message ?? "\(e.resultCode)")
        }
        if found > Schema.version { throw OpenError.newerSchema(path, found: found, supported: Schema.version) }
        if !readOnly {
            try Schema.migrator.migrate(db)
        }
        facts.store = self
    }

    /// Runs a read in a consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try db.read(body) }

    /// Runs a write in one transaction: all of it or nothing.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        if readOnly { throw RuntimeError.readOnly("write") }
        return try db.write(body)
    }

    /// The underlying GRDB database (a `DatabasePool`, or a `DatabaseQueue` when read-only
    /// or opened without concurrent reads), for host programs that need it.
    public var database: any DatabaseWriter { db }

    /// A checksum of the store's content (every user table, row by row), for tests that
    /// prove a failed command changed nothing.
    public func contentChecksum() throws -> String {
        try read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
                """)
            var hasher = FNV1a()
            for t in tables {
                hasher.add(t)
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(t)\" ORDER BY rowid")
                while let row = try rows.next() {
                    for (col, v) in row { hasher.add(col); hasher.add(v.description) }
                }
            }
            return hasher.hex
        }
    }
}

/// 64-bit FNV-1a: small, deterministic across runs (unlike Hasher).
public struct FNV1a {
    private var h: UInt64 = 0xcbf29ce484222325
    public init() {}
    public mutating func add(_ s: String) {
        for b in s.utf8 { h ^= UInt64(b); h = h &* 0x100000001b3 }
        h ^= 0xff; h = h &* 0x100000001b3
    }
    public var hex: String { String(format: "%016llx", h) }
}
