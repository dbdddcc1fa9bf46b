import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleCore
import ClienteleTestSupport

/// The engine's storage protocol over the SQLite store: values cross it as `SQLValue`,
/// and SQLite's failures come out as the engine's kinds of `StoreError`.
final class StorageSeamTests: XCTestCase {
    func testEngineValuesBecomeTheStoresRepresentation() {
        XCTAssertEqual(SQLValue(.money(Money(minorUnits: 12_345))), .integer(12_345))
        XCTAssertEqual(SQLValue(.percent(Percent(basisPoints: 250))), .integer(250))
        XCTAssertEqual(SQLValue(.decimal(Decimal(string: "1.25")!)), .integer(125))
        XCTAssertEqual(SQLValue(.date(CalendarDate(iso: "2025-03-09")!)), .text("2025-03-09"))
        XCTAssertEqual(SQLValue(.boolean(true)), .integer(1))
        XCTAssertEqual(SQLValue(Value.null), SQLValue.null)
        XCTAssertEqual(SQLValue.text("O'Brien").description, "'O''Brien'")
    }

    func testTransactionsRunStatementsWithBoundValues() throws {
        let store = try Store(path: TemporaryStore.path("seam"))
        let backend: any StorageBackend = store
        XCTAssertTrue(backend.dialect is SQLiteDialect)
        XCTAssertEqual(backend.schemaVersion, Schema.version)
        try backend.writeTransaction { tx in
            try tx.execute("INSERT INTO categories (name) VALUES (?), (?)", .positional([.text("Tea"), .text("Coffee")]))
            XCTAssertEqual(tx.changes, 2)
        }
        let rows = try backend.readTransaction { tx in
            try tx.fetchAll("SELECT name, length(name) FROM categories WHERE name IN (:a, :b) ORDER BY name",
                            .named(["a": .text("Tea"), "b": .text("Coffee")]))
        }
        XCTAssertEqual(rows, [[.text("Coffee"), .integer(6)], [.text("Tea"), .integer(3)]])
        let settings = try backend.readTransaction { try $0.loadSettings() }
        XCTAssertEqual(settings.text("currency"), try store.read { try String.fetchOne($0, sql: "SELECT value FROM settings WHERE key = 'currency'") })
        XCTAssertTrue(try backend.readTransaction { try $0.paymentFactsAreCurrent(today: CalendarDate(iso: "2025-01-01")!) })
        let before = try backend.readTransaction { try $0.changeCounter() }
        XCTAssertNotNil(before)
    }

    func testFailuresComeOutAsKindsWithSentences() throws {
        let store = try Store(path: TemporaryStore.path("seam-errors"))
        XCTAssertThrowsError(try store.writeTransaction { tx in
            try tx.execute("INSERT INTO categories (name) VALUES ('Tea'), ('Tea')")
        }) { error in
            XCTAssertEqual(error as? StoreError, StoreError(.constraint, "another row already has this name; name must be unique"))
        }
        XCTAssertThrowsError(try store.readTransaction { tx in try tx.execute("INSERT INTO categories (name) VALUES ('Tea')") }) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .readOnly)
        }
        XCTAssertEqual(StoreError(DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")).kind, .busy)
        XCTAssertEqual(StoreError(DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "interrupted")).kind, .interrupted)
        XCTAssertEqual(StoreError(DatabaseError(resultCode: .SQLITE_FULL, message: "disk full")).kind, .diskFull)
        XCTAssertEqual(store.storeError(DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: x")), StoreError(.other, "no such table: x"))
        XCTAssertNil(store.storeError(RuntimeError.message("not the store's")))
    }

    func testTheEngineExplainsAKindWithoutKnowingTheStore() {
        XCTAssertEqual(ExecutionFailure.explain(StoreError(.busy, "database is locked")),
                       "the store is busy: another program is writing to it; try again in a moment")
        XCTAssertEqual(ExecutionFailure.explain(StoreError(.constraint, "gross of orders cannot be negative")),
                       "gross of orders cannot be negative")
        XCTAssertEqual(ExecutionFailure.explain(StoreError(.other, "integer overflow")), "a number became too large (integer overflow)")
    }
}
