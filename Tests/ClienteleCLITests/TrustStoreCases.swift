import Foundation
import GRDB

/// Issue 15, opening and creating stores: files that are not Clientele stores (another
/// program's SQLite database, another application's, an empty database, a damaged header)
/// are refused with a sentence about the file and left byte for byte as they were, with and
/// without --read-only; `init` refuses what it cannot do, untouched.
extension BadInputCase {
    static let store: [BadInputCase] = [
        store("s01-foreign-db-with-table-foo") { try foreign($0, "CREATE TABLE foo(a); INSERT INTO foo VALUES (1)") },
        readOnly("s02-foreign-db-with-table-foo-read-only") { try foreign($0, "CREATE TABLE foo(a); INSERT INTO foo VALUES (1)") },
        store("s03-foreign-db-with-its-own-clients-table") {
            try foreign($0, "CREATE TABLE clients(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO clients(name) VALUES ('Mine')")
        },
        readOnly("s04-foreign-db-with-its-own-clients-table-read-only") {
            try foreign($0, "CREATE TABLE clients(id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders(x)")
        },
        store("s05-foreign-db-in-wal-mode") { try foreign($0, "CREATE TABLE ledger(a); INSERT INTO ledger VALUES (1)", wal: true) },
        store("s06-foreign-db-with-seven-tables") {
            try foreign($0, (1...7).map { "CREATE TABLE t\($0)(a);" }.joined())
        },
        store("s07-sqlite-db-without-tables") { try foreign($0, "PRAGMA user_version = 3") },
        store("s08-foreign-table-name-with-escape-sequence") { try foreign($0, "CREATE TABLE \"red\u{1B}[31mtext\"(a)") },
        store("s09-store-of-another-application") { try setApplicationID(0x1234_5678, $0) },
        readOnly("s10-store-of-another-application-read-only") { try setApplicationID(42, $0) },
        readOnly("s11-zero-byte-file-read-only") { try Data().write(to: URL(fileURLWithPath: $0)) },
        store("s12-unmarked-store-from-a-newer-schema") { path in
            try setApplicationID(0, path)
            try setUserVersion(99, path)
        },
        store("s13-header-cut-after-50-bytes") { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try data.prefix(50).write(to: URL(fileURLWithPath: path))
        },
        store("s14-sqlite-header-then-garbage") { path in
            var bytes = Array("SQLite format 3\u{0}".utf8)
            bytes += (0..<4080).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        },
        store("s21-sound-header-then-garbage") { path in
            // A store's own header, then garbage where its first page should be.
            let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100)
            try (header + Data((0..<8092).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })).write(to: URL(fileURLWithPath: path))
        },
        readOnly("s22-sound-header-then-garbage-read-only") { path in
            let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100)
            try (header + Data(repeating: 0xFF, count: 8092)).write(to: URL(fileURLWithPath: path))
        },
        store("s23-another-grdb-applications-db") {
            try foreign($0, """
                CREATE TABLE grdb_migrations(identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1');
                CREATE TABLE player(id INTEGER PRIMARY KEY, name TEXT); PRAGMA user_version = 1
                """)
        },
        store("s24-look-alike-without-clienteles-user-version") { path in
            // Clientele's tables and migrations, but user_version 0 and no marker: not ours.
            try setApplicationID(0, path)
            try setUserVersion(0, path)
        },
        BadInputCase(name: "s15-run-a-script-on-a-foreign-db", arguments: { store, scratch in
            let script = scratch.appendingPathComponent("count.clq")
            try Data("clients | count\n".utf8).write(to: script)
            return ["run", script.path, "--store", store]
        }, expectation: .usageError, needsRealCLI: true, prepareStore: { try foreign($0, "CREATE TABLE foo(a)") }),
        initCase("s16-init-on-a-db-with-its-own-clients-table") {
            try foreign($0, "CREATE TABLE Clients(id INTEGER PRIMARY KEY); CREATE TABLE foo(a)")
        },
        initCase("s17-init-on-a-db-with-an-index-named-like-clienteles") {
            try foreign($0, "CREATE TABLE sales(order_date); CREATE INDEX orders_by_date ON sales(order_date)")
        },
        initCase("s18-init-on-a-store-of-another-application") { try setApplicationID(7, $0) },
        initCase("s19-init-on-a-text-file") { try Data("name;region\n".utf8).write(to: URL(fileURLWithPath: $0)) },
        initCase("s20-init-on-a-directory") { path in
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        },
    ]

    static func readOnly(_ name: String, _ prepare: @escaping (String) throws -> Void) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, _ in [store, "--read-only", "-c", "clients | count"] },
                     expectation: .usageError, needsRealCLI: true, prepareStore: prepare)
    }

    static func initCase(_ name: String, _ prepare: @escaping (String) throws -> Void) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, _ in ["init", store] },
                     expectation: .usageError, needsRealCLI: true, prepareStore: prepare)
    }

    /// Replaces the store file with another program's database made by `sql`, closed cleanly.
    static func foreign(_ path: String, _ sql: String, wal: Bool = false) throws {
        try FileManager.default.removeItem(atPath: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            if wal { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try db.execute(sql: sql)
        }
        try queue.close()
    }

    static func setApplicationID(_ id: UInt32, _ path: String) throws {
        // The application_id lives at byte 68 of the SQLite header (big-endian).
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: 68)
        handle.write(Data([UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)]))
    }
}
