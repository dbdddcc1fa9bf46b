import Foundation
import XCTest
import Clientele
import ClienteleTestSupport

/// All or nothing: a script that fails at any statement, an import with one bad row, and
/// an update or delete that fails part-way through many rows all leave the store exactly
/// as it was (content checksum).
final class AtomicityTests: XCTestCase {
    static let mutations = [
        "add clients name: \"Новый клиент\", region: \"North\", outlets: 2",
        "update orders | where status == \"shipped\" set gross = gross + 1",
        "delete payments | where amount > 0",
        "set abc.a_min = 600",
        "rule \"Winter\": discount 3% when abc == \"B\" priority 30",
        "scenario \"Ten\" { rule \"Volume A\": discount 10% when abc == \"A\" priority 10 }",
        "add orders client: 1, order_date: 2025-12-01, gross: 100",
        "delete all contacts",
    ]
    static let failing = "clients | select x = outlets / (outlets - outlets)"

    func testAScriptFailingAtAnyStatementChangesNothing() throws {
        let path = TemporaryStore.copy()
        for k in 0...AtomicityTests.mutations.count {
            let engine = Engine(store: try Store(path: path))
            var statements = AtomicityTests.mutations
            statements.insert(AtomicityTests.failing, at: k)
            XCTAssertThrowsError(try engine.run(statements.joined(separator: "\n"))) { error in
                let failure = error as? ClienteleError
                XCTAssertEqual(failure?.message, "division by zero")
                XCTAssertEqual(failure?.span?.line, k + 1)
            }
            XCTAssertEqual(try engine.store.contentChecksum(), Fixture.template.checksum, "failing at statement \(k + 1)")
        }
        // Without the failing statement, the same script changes the store (the test is not vacuous).
        let engine = Engine(store: try Store(path: path))
        try engine.run(AtomicityTests.mutations.joined(separator: "\n"))
        XCTAssertNotEqual(try engine.store.contentChecksum(), Fixture.template.checksum)
    }

    func testAnImportWithOneBadRowChangesNothing() throws {
        let path = TemporaryStore.copy()
        let csv = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("clients.csv")
        var lines = ["name;region;outlets"]
        for i in 1...200 { lines.append("Импорт \(i);North;\(i % 7)") }
        lines.insert("Плохая строка;South;много", at: 150)
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        let engine = Engine(store: try Store(path: path))
        XCTAssertThrowsError(try engine.run("import \"\(csv.path)\" into clients")) { error in
            XCTAssertTrue(error is ClienteleError, "\(error)")
            XCTAssertTrue("\(error)".contains("nothing"), "\(error)")
        }
        XCTAssertEqual(try engine.store.contentChecksum(), Fixture.template.checksum)
        // The same file without the bad row imports (the failure was the bad row).
        lines.remove(at: 150)
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        try engine.run("import \"\(csv.path)\" into clients")
        XCTAssertEqual(try engine.store.scalar("SELECT count(*) FROM clients"), 208)
    }

    func testUpdateAndDeleteOfManyRowsFailingPartWayChangeNothing() throws {
        let orders = 30_000
        let template = BigStores.template(orders: orders)
        let engine = Engine(store: try Store(path: BigStores.copy(orders: orders)))
        // Overflows only for the larger amounts, somewhere in the middle of the rows.
        XCTAssertThrowsError(try engine.run("update orders | where id > 0 set gross = gross * 1500000000000000")) {
            XCTAssertTrue("\($0)".contains("too large"), "\($0)")
        }
        // Division by zero only at the row with id 16000.
        XCTAssertThrowsError(try engine.run("delete orders | where gross / (id - 16000) >= 0")) {
            XCTAssertEqual(($0 as? ClienteleError)?.message, "division by zero")
        }
        XCTAssertThrowsError(try engine.run("update clients | where id > 0 set outlets = outlets - 2")) {
            XCTAssertTrue("\($0)".contains("outlets cannot be negative"), "\($0)")
        }
        XCTAssertEqual(try engine.store.scalar("SELECT count(*) FROM orders"), orders + 14)
        XCTAssertEqual(try engine.store.contentChecksum(), template.checksum)
    }
}
