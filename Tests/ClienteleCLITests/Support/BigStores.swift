import Foundation
import Clientele
import GRDB
import ClienteleTestSupport

/// Large stores for crash, concurrency and streaming tests: the fixture plus N synthetic
/// orders written with one INSERT ... SELECT (seconds, where the demo generator takes a
/// minute in a debug build), each built once per test run and copied per test.
enum BigStores {
    private static var built: [Int: String] = [:]
    private static var checksums: [Int: String] = [:]
    private static let lock = NSLock()

    /// The fixture with `orders` more orders (ids from 1001), deterministic, and its content
    /// checksum (computed on first use: it takes seconds for a big store in a debug build).
    static func template(orders: Int) -> (path: String, checksum: String) {
        let path = templatePath(orders: orders)
        lock.lock(); defer { lock.unlock() }
        if let c = checksums[orders] { return (path, c) }
        let c = try! TemporaryStore.checksum(path)
        checksums[orders] = c
        return (path, c)
    }

    static func templatePath(orders: Int) -> String {
        lock.lock(); defer { lock.unlock() }
        if let t = built[orders] { return t }
        let path = TemporaryStore.copy(named: "big-\(orders)")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF")
                try db.inTransaction {
                    try db.execute(sql: """
                        WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?)
                        INSERT INTO orders (id, number, client_id, outlet, order_date, due_date,
                                            gross_minor, discount_minor, net_minor, status)
                        SELECT 1000 + x, 'S-' || x, x % 8 + 1, 1,
                               date('2024-01-01', '+' || (x % 700) || ' days'),
                               date('2024-01-11', '+' || (x % 700) || ' days'),
                               (x * 7919) % 100000 + 100, (x * 31) % 50,
                               (x * 7919) % 100000 + 100 - (x * 31) % 50,
                               CASE x % 10 WHEN 0 THEN 'returned' WHEN 1 THEN 'cancelled' ELSE 'shipped' END
                        FROM s
                        """, arguments: [orders])
                    return .commit
                }
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
            built[orders] = path
            return path
        } catch { fatalError("cannot build a store with \(orders) orders: \(error)") }
    }

    static func copy(orders: Int) -> String { TemporaryStore.copy(of: templatePath(orders: orders), named: "big") }
}

extension Store {
    /// `PRAGMA integrity_check`: "ok" for a sound file.
    func integrity() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    func scalar(_ sql: String) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}
