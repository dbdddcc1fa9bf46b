import Foundation
import GRDB
import XCTest
@testable import Clientele
@testable import ClienteleSQLite
@testable import ClienteleInterchange
import ClienteleTestSupport

/// What bounds an import's memory on SQLite (issue 18 item 8): the page cache of an import
/// is small whether it keeps the orders indexes or builds them again (smaller still while
/// the rows of a table without indexes are written), and a file with at
/// least half as many orders as the table builds them again (a second sheet of a workbook
/// imported after the first one did not, and kept 128 MiB of index pages: 303 MiB at M).
final class ImportMemoryTests: XCTestCase {
    private func store(orders: Int) throws -> (ImportSandbox, Store) {
        let box = try ImportSandbox()
        try box.store.write { db in
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО Ромашка', '7701234567')")
            for i in 0..<orders {
                try db.execute(sql: """
                    INSERT INTO orders(number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor)
                    VALUES (?, 1, '2025-01-10', '2025-02-10', 100, 0, 100)
                    """, arguments: ["РН-\(i)"])
            }
        }
        return (box, box.store)
    }

    func testAFileOfHalfTheTablesOrdersBuildsTheIndexesAgain() throws {
        let (box, store) = try store(orders: 20)
        _ = box
        try store.write { db in
            try db.inSavepoint {
                XCTAssertTrue(try IndexRebuild(db, table: "orders", expectedRows: 10, minimumRows: 0).isActive)
                return .rollback
            }
            try db.inSavepoint {
                XCTAssertFalse(try IndexRebuild(db, table: "orders", expectedRows: 9, minimumRows: 0).isActive)
                return .rollback
            }
        }
    }

    func testTheImportCacheIsSmallWhetherTheIndexesAreKeptOrBuiltAgain() throws {
        let (box, store) = try store(orders: 20)
        _ = box
        for (expected, rebuilds) in [(10, false), (60_000, true)] {
            try store.write { db in
                let before = try Int.fetchOne(db, sql: "PRAGMA cache_size")
                XCTAssertNotEqual(before, -16384)
                try db.inSavepoint {
                    let connection = SQLiteImportConnection(db)
                    let load = try connection.beginLoad(target: .orders, source: "f.csv", expectedRows: expected, dryRun: false)
                    let indexes = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL")
                    XCTAssertEqual(indexes == 0, rebuilds, "\(expected) rows")
                    // While the rows are written: 4 MiB when the table has no indexes to
                    // keep up, 16 MiB when it has; the index builds sort with 16 MiB.
                    XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA cache_size"), rebuilds ? -4096 : -16384, "\(expected) rows")
                    try load.finish("f.csv")
                    XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA cache_size"), -16384, "\(expected) rows")
                    load.end()
                    XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA cache_size"), before)
                    return .rollback
                }
            }
        }
    }
}
