import Foundation
import GRDB
import XCTest
@testable import Clientele
@testable import ClienteleSQLite
@testable import ClienteleInterchange
import ClienteleTestSupport

/// The orders import's INSERT runs without the table's CHECK on the status (SQLite built a
/// temporary b-tree per row for it: `AmountsCheckSuspension`); the end of the load checks
/// every row it inserted, any other statement turns the CHECKs back on for the rest of the
/// load, so nothing that breaks a CHECK is kept, and the CHECKs are on again after the load.
final class ImportDeferredChecksTests: XCTestCase {
    private func sandbox() throws -> ImportSandbox {
        let box = try ImportSandbox()
        try box.store.write { db in
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО Ромашка', '7701234567')")
            try db.execute(sql: """
                INSERT INTO orders(number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor)
                VALUES ('РН-0', 1, '2025-01-10', '2025-02-10', 100, 0, 100)
                """)
        }
        return box
    }

    private let insert = """
        INSERT INTO orders(number, client_id, outlet, order_date, due_date, gross_minor, discount_minor, net_minor, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private func row(_ s: any ImportStatement, number: String, status: String) throws {
        s.bind(number); s.bind(Int64(1)); s.bind(Int64(1))
        s.bind(CalendarDate(iso: "2025-01-10")!); s.bind(CalendarDate(iso: "2025-02-10")!)
        s.bind(Int64(100)); s.bind(Int64(0)); s.bind(Int64(100)); s.bind(status)
        try s.run()
    }

    func testTheStatusCheckIsTheSchemas() throws {
        let box = try sandbox()
        let sql = try box.store.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'orders'") } ?? ""
        XCTAssertTrue(sql.contains("CHECK (\(AmountsCheckSuspension.statusCheck))"), sql)
        // The only CHECK of the table: the import's INSERT skips them all, and only this one
        // is checked at the end. A CHECK added to orders must be checked there too.
        XCTAssertEqual(sql.components(separatedBy: "CHECK").count - 1, 1, sql)
    }

    /// A row with a status the CHECK refuses is caught at the end, with SQLite's message,
    /// and nothing is kept; the CHECK is on again once the load ended.
    func testARowThatBreaksTheStatusCheckFailsTheLoad() throws {
        let box = try sandbox()
        try box.store.write { db in
            let outcome: Result<Void, any Error> = Result {
                try db.inSavepoint {
                    let connection = SQLiteImportConnection(db)
                    let load = try connection.beginLoad(target: .orders, source: "f.csv", expectedRows: 10, dryRun: false)
                    defer { load.end() }
                    let s = try connection.prepare(insert)
                    try row(s, number: "РН-1", status: "shipped")
                    try row(s, number: "РН-2", status: "lost")          // not refused while written
                    try load.finish("f.csv")
                    return .commit
                }
            }
            XCTAssertThrowsError(try outcome.get()) { error in
                XCTAssertEqual((error as? DatabaseError)?.message, "CHECK constraint failed: status IN ('shipped','returned','cancelled')")
            }
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM orders"), 1)
            XCTAssertThrowsError(try db.execute(sql: "UPDATE orders SET status = 'lost'"))   // checked again
        }
    }

    /// Another statement (an upsert's UPDATE) runs with the CHECKs on again, and so do the
    /// INSERTs after it: each is refused on its row, as without the import's shortcut.
    func testAnotherStatementTurnsTheChecksBackOnForTheRestOfTheLoad() throws {
        let box = try sandbox()
        try box.store.write { db in
            try db.inSavepoint {
                let connection = SQLiteImportConnection(db)
                let load = try connection.beginLoad(target: .orders, source: "f.csv", expectedRows: 10, dryRun: false)
                defer { load.end() }
                let s = try connection.prepare(insert)
                try row(s, number: "РН-1", status: "shipped")
                XCTAssertThrowsError(try connection.execute("UPDATE orders SET status = ? WHERE number = ?", [.text("lost"), .text("РН-0")])) {
                    XCTAssertEqual(($0 as? DatabaseError)?.message, "CHECK constraint failed: status IN ('shipped','returned','cancelled')")
                }
                XCTAssertThrowsError(try row(s, number: "РН-2", status: "lost")) {
                    XCTAssertEqual(($0 as? DatabaseError)?.message, "CHECK constraint failed: status IN ('shipped','returned','cancelled')")
                }
                try row(s, number: "РН-3", status: "returned")
                try load.finish("f.csv")
                return .commit
            }
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT number || ' ' || status FROM orders ORDER BY id"),
                           ["РН-0 shipped", "РН-1 shipped", "РН-3 returned"])
        }
    }

    /// A load of good rows is kept, and the CHECK is on again after it.
    func testGoodRowsAreKeptAndTheCheckIsOnAgain() throws {
        let box = try sandbox()
        try box.store.write { db in
            try db.inSavepoint {
                let connection = SQLiteImportConnection(db)
                let load = try connection.beginLoad(target: .orders, source: "f.csv", expectedRows: 10, dryRun: false)
                defer { load.end() }
                let s = try connection.prepare(insert)
                try row(s, number: "РН-1", status: "returned")
                try connection.execute("UPDATE orders SET status = ? WHERE number = ?", [.text("cancelled"), .text("РН-0")])
                try load.finish("f.csv")
                return .commit
            }
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT status FROM orders ORDER BY id"), ["cancelled", "returned"])
            XCTAssertThrowsError(try db.execute(sql: """
                INSERT INTO orders(number, client_id, order_date, due_date, gross_minor, net_minor, status)
                VALUES ('x', 1, '2025-01-10', '2025-02-10', 1, 1, 'lost')
                """))
        }
    }
}
