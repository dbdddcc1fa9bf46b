import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange

/// What a file given as a store is, found without changing a byte of it, and the safe
/// ways to make a new store.
///
/// A Clientele store carries a marker: `PRAGMA application_id` is `StoreFile.applicationID`
/// (`user_version` stays the migration version). Stores made before the marker existed are
/// recognised by what only Clientele's migrations leave together: no application_id, a
/// `user_version` from 1 to `Schema.version`, GRDB's `grdb_migrations` table holding
/// Clientele's first migration (`v1-core-tables`), and the tables `clients`, `orders` and
/// `settings`. They open as before and get the marker on their next write-open.
///
/// Anything else that is an SQLite database is someone else's and is refused untouched
/// (`clientele init FILE` adds Clientele's tables to it on purpose). Only a new path or a
/// zero-byte file becomes a store without asking.
enum StoreFile {
    /// 'CLNT': the value of `PRAGMA application_id` in every Clientele store.
    static let applicationID: Int32 = 0x434C_4E54

    enum Kind: Equatable {
        /// No file at the path.
        case absent
        /// A file of zero bytes.
        case empty
        /// Marked as a Clientele store; `version` is its `user_version`.
        case clientele(version: Int)
        /// A store made before the marker (see above).
        case unmarkedClientele(version: Int)
        /// An SQLite database of another program, with these tables (may be none).
        case foreign(tables: [String])
        /// An SQLite database marked by another application.
        case otherApplication(Int32)
    }

    /// The 100-byte SQLite header, or nil for a file too short to have one.
    struct Header {
        let bytes: Data
        init?(_ data: Data) {
            guard data.count == 100 else { return nil }
            bytes = data
        }
        private func int32(at offset: Int) -> Int32 {
            let b = bytes.startIndex + offset
            return Int32(bitPattern: UInt32(bytes[b]) << 24 | UInt32(bytes[b + 1]) << 16 | UInt32(bytes[b + 2]) << 8 | UInt32(bytes[b + 3]))
        }
        var userVersion: Int { Int(int32(at: 60)) }
        var applicationID: Int32 { int32(at: 68) }
        /// Fixed payload fractions 64, 32, 32: a header that can be trusted.
        /// Bytes 18 and 19 are 2 in a database in WAL mode.
        var isWAL: Bool { bytes[bytes.startIndex + 18] == 2 }
        var isSound: Bool { bytes[bytes.startIndex + 21] == 64 && bytes[bytes.startIndex + 22] == 32 && bytes[bytes.startIndex + 23] == 32 }
    }

    static let sqliteMagic = Data("SQLite format 3\u{0}".utf8)

    /// Looks at the file at `path` without writing to it (nor creating -wal/-shm files):
    /// the header, and for an unmarked database its list of tables, read as an immutable
    /// snapshot when no WAL file exists beside it.
    static func inspect(_ path: String) throws -> Kind {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if !FileManager.default.fileExists(atPath: path) { return .absent }
            throw Store.OpenError.unreadable(path)
        }
        var buffer = [UInt8](repeating: 0, count: 100)
        let count = pread(fd, &buffer, 100, 0)
        // Not a plain close: this process may have the store open already (see HeldFiles).
        HeldFiles.close(fd)
        if count < 0 { throw Store.OpenError.notAStore(path, reason: "the device reported a read error") }
        let data = Data(buffer.prefix(count))
        if data.isEmpty { return .empty }
        if data.prefix(16) != sqliteMagic {
            throw Store.OpenError.notAStore(path, reason: "not a SQLite database (the file does not start with the SQLite header)")
        }
        // A damaged header is left for SQLite to refuse with its own reason.
        guard let header = Header(data) else {
            throw Store.OpenError.notAStore(path, reason: "the file is too short to be a SQLite database: its header is cut off")
        }
        guard header.isSound else {
            throw Store.OpenError.notAStore(path, reason: "the file is damaged: its SQLite header is not sound")
        }
        if header.applicationID == applicationID { return .clientele(version: header.userVersion) }
        if header.applicationID != 0 { return .otherApplication(header.applicationID) }
        let (tables, migrations) = try schemaSummary(path, walMode: header.isWAL)
        let ours = ["clients", "orders", "settings", "grdb_migrations"]
        if ours.allSatisfy(tables.contains), migrations.contains("v1-core-tables"), header.userVersion >= 1 {
            return .unmarkedClientele(version: header.userVersion)
        }
        return .foreign(tables: tables)
    }

    /// Refuses, before anything opens it for writing (a pool's set-up writes to the file), a
    /// store holding upgrades this build does not know: a newer version of Clientele made them.
    static func refuseNewerUpgrades(_ path: String, known: [String]) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Store.OpenError.unreadable(path) }
        var buffer = [UInt8](repeating: 0, count: 100)
        let count = pread(fd, &buffer, 100, 0)
        HeldFiles.close(fd)
        guard count == 100, let header = Header(Data(buffer)) else { return }  // inspect has judged the header
        let unknown = Set(try schemaSummary(path, walMode: header.isWAL).migrations).subtracting(known)
        if !unknown.isEmpty { throw Store.OpenError.newerMigrations(path, names: unknown.sorted()) }
    }

    /// The user tables of an unmarked database and, when it has GRDB's table, the
    /// migrations recorded there. A read-only connection makes no files for a database in
    /// rollback mode, nor for one in WAL mode whose -wal file exists; a WAL database without
    /// one is read as it is (immutable), since a read-only connection would create it.
    private static func schemaSummary(_ path: String, walMode: Bool) throws -> (tables: [String], migrations: [String]) {
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: uri(path, immutable: walMode && !hasWAL(path)), configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
                let migrations = tables.contains("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (tables, migrations)
            }
        } catch let e as DatabaseError {
            throw Store.OpenError.notAStore(path, reason: Store.OpenError.sentence(for: e))
        }
    }

    /// A WAL file with content beside the database: its newest state is not in the main file.
    static func hasWAL(_ path: String) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
        return ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 0
    }

    /// The bytes of the store's file and its WAL file (what a copy of it holds at most).
    static func size(_ path: String) -> Int {
        [path, path + "-wal"].reduce(0) { sum, p in
            sum + (((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// An SQLite URI for `path` (the system SQLite accepts URIs as file names); `immutable`
    /// reads the file as it is, without locks or -wal/-shm files.
    static func uri(_ path: String, immutable: Bool) -> String {
        guard immutable else { return path }
        var escaped = ""
        for c in path.unicodeScalars {
            switch c {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(c)
            }
        }
        return "file:\(escaped)?immutable=1"
    }

    /// Makes a complete store under a temporary name in the same folder, then puts it in
    /// place only if the path is still absent (a hard link: the first of several programs
    /// wins, the others find its store) or still the same zero-byte file. A program killed
    /// meanwhile leaves at most a temporary file, never a half-made store at `path`.
    /// Returns false when another program made the store first.
    @discardableResult
    static func create(at path: String, replacingEmpty: Bool, configuration: Configuration) throws -> Bool {
        let folder = PathText.folder(of: path)
        let name = PathText.name(of: path)
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).clientele-new-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { removeStoreFiles(temp) }
        do {
            let queue = try DatabaseQueue(path: temp, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            }
            try Schema.migrator.migrate(queue)
            // Closing the last connection checkpoints the WAL: one self-contained file.
            try queue.close()
        } catch let e as DatabaseError {
            throw Store.OpenError.cannotCreate(path, reason: Store.OpenError.sentence(for: e))
        }
        if replacingEmpty { return try replaceEmptyFile(path, with: temp) }
        if link(temp, path) == 0 { return true }
        let error = errno
        if error == EEXIST { return false }  // another program made it first: open that one
        if error == EPERM || error == ENOTSUP || error == EXDEV {
            // A filesystem without hard links: rename, if nothing has appeared meanwhile.
            if !FileManager.default.fileExists(atPath: path), rename(temp, path) == 0 { return true }
            if FileManager.default.fileExists(atPath: path) { return false }
        }
        throw Store.OpenError.cannotCreate(path, reason: String(cString: strerror(error)).lowercased())
    }

    /// Renames `temp` over the zero-byte file at `path` while holding a lock on it, if it
    /// is still that zero-byte file (another program may have made it a store meanwhile).
    private static func replaceEmptyFile(_ path: String, with temp: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }  // gone meanwhile: the caller looks again
        defer { HeldFiles.close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { return false }
        var opened = stat(), current = stat()
        guard fstat(fd, &opened) == 0, stat(path, &current) == 0,
              opened.st_dev == current.st_dev, opened.st_ino == current.st_ino, current.st_size == 0 else { return false }
        if rename(temp, path) != 0 {
            throw Store.OpenError.cannotCreate(path, reason: String(cString: strerror(errno)).lowercased())
        }
        return true
    }

    static func removeStoreFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Why the program cannot write to the store at `path`, or nil when it can: the file's
    /// permissions, or a folder where SQLite cannot make its -wal and -shm files.
    static func whyNotWritable(_ path: String) -> String? {
        if access(path, W_OK) != 0 {
            return errno == EROFS ? "it is on a read-only file system" : "the file is read-only (no permission to write to it)"
        }
        let folder = PathText.folder(of: path)
        let sidecarsWritable = access(path + "-wal", W_OK) == 0 && access(path + "-shm", W_OK) == 0
        if !sidecarsWritable, access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            return errno == EROFS ? "it is on a read-only file system" : "its folder is read-only (no permission to create files there)"
        }
        return nil
    }
}

extension Store {
    /// What `Store.initialize` did.
    package enum InitOutcome: Equatable {
        /// A new store at a new path or in a zero-byte file.
        case created
        /// It was a Clientele store already (brought up to date and marked).
        case alreadyAStore
        /// Clientele's tables were added to another program's database, which keeps these.
        case addedTables(kept: [String])
    }

    /// `clientele init FILE`: makes FILE a store on purpose, also when it is an SQLite
    /// database of another program (its own tables stay as they are). Refused, untouched,
    /// when it already has a table or index of a name Clientele needs, or belongs to
    /// another application.
    package static func initialize(path: String) throws -> InitOutcome {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { throw OpenError.isDirectory(path) }
        switch try StoreFile.inspect(path) {
        case .absent, .empty:
            // Another program may have made it meanwhile: only the one that did says so.
            return try Store(path: path, concurrentReads: false).created ? .created : .alreadyAStore
        case .clientele, .unmarkedClientele:
            let store = try Store(path: path, concurrentReads: false)
            if let why = store.readOnlyReason { throw OpenError.cannotCreate(path, reason: why) }
            return .alreadyAStore
        case .otherApplication(let id):
            throw OpenError.otherApplication(path, id: id)
        case .foreign(let tables):
            if let why = StoreFile.whyNotWritable(path) { throw OpenError.cannotCreate(path, reason: why) }
            try StoreFile.addTables(to: path)
            return .addedTables(kept: tables)
        }
    }
}

extension StoreFile {
    /// The names of every table, index, view and trigger any of Clientele's migrations
    /// makes, also those a later one drops again.
    static func schemaNames() throws -> Set<String> {
        let queue = try DatabaseQueue()
        let migrator = Schema.migrator
        var names: Set<String> = []
        for step in migrator.migrations {
            try migrator.migrate(queue, upTo: step)
            names.formUnion(try queue.read { db in
                try String.fetchAll(db, sql: "SELECT lower(name) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
            })
        }
        return names
    }

    /// Adds Clientele's tables to an unmarked database. The marker is written first, in
    /// a transaction that also checks that no name Clientele needs is taken: an `init`
    /// killed part-way leaves a marked store that its next write-open completes.
    static func addTables(to path: String) throws {
        do {
            let needed = try schemaNames()
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.prepareDatabase { db in
                UnicodeText.register(in: db)
                SQLFunctions.register(in: db)
                FactsTable.register(in: db, registry: ColumnsRegistry())
            }
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.exclusive) {
                    let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    if appID != 0 && appID != applicationID { throw Store.OpenError.otherApplication(path, id: appID) }
                    let taken = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
                        .filter { needed.contains($0.lowercased()) && $0.lowercased() != "grdb_migrations" }
                    if !taken.isEmpty { throw Store.OpenError.namesTaken(path, names: taken) }
                    try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                    return .commit
                }
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            try Schema.migrator.migrate(queue)
        } catch let e as DatabaseError {
            throw Store.OpenError.cannotMigrate(path, reason: Store.OpenError.sentence(for: e))
        }
    }
}
