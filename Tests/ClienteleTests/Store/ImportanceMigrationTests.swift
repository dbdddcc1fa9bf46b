import XCTest
import GRDB
@testable import ClienteleSQLite

/// v13-importance-per-direction on a store made before it (issue 20 item 5): importance.per
/// follows the new default (direction_or_territory) when it was still at the old one
/// (none); a value its user chose stays; the new setting importance.territorial_directions
/// is added with its default.
final class ImportanceMigrationTests: XCTestCase {
    func testAnOlderStoreFollowsTheNewDefaultUnlessItsUserChoseAnother() throws {
        for (chosen, expected) in [(nil, "direction_or_territory"), ("region", "region"), ("curator", "curator")] {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue, upTo: "v12-clv-discount")
            try queue.write { db in
                XCTAssertEqual(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'importance.per'"), "none")
                XCTAssertNil(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'importance.territorial_directions'"))
                if let chosen { try db.execute(sql: "UPDATE settings SET value = ? WHERE key = 'importance.per'", arguments: [chosen]) }
            }
            try Schema.migrator.migrate(queue)
            try queue.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT value, default_value FROM settings WHERE key = 'importance.per'")
                XCTAssertEqual(row?["value"] as String?, expected, "chosen: \(chosen ?? "-")")
                XCTAssertEqual(row?["default_value"] as String?, "direction_or_territory")
                XCTAssertEqual(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'importance.territorial_directions'"), "retail")
            }
        }
    }
}
