import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleCore
import ClienteleTestSupport

/// Stores made by other versions of Clientele: an older one opened read-only is read as an
/// upgraded copy in memory (its file unchanged); one a newer version upgraded is refused.
final class StoreUpgradeTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = TemporaryStore.folder("upgrade") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A store as a version of Clientele that stopped at `last` left it, with one client and
    /// one discount rule, closed cleanly (no WAL content).
    func olderStore(_ name: String, upTo last: String) throws -> String {
        let p = path(name)
        var config = Configuration()
        config.prepareDatabase { db in
            UnicodeText.register(in: db)
            SQLFunctions.register(in: db)
        }
        let queue = try DatabaseQueue(path: p, configuration: config)
        try Schema.migrator.migrate(queue, upTo: last)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)")
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО «Ромашка»', '7701234567')")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
        return p
    }

    /// The upgrades after `last`, in order.
    func after(_ last: String) -> [String] {
        Array(Schema.migrator.migrations.drop(while: { $0 != last }).dropFirst())
    }

    func bytes(_ p: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: p)) }

    func testAnOlderStoreOpenedReadOnlyIsReadAsAnUpgradedCopyAndItsFileIsUnchanged() throws {
        let p = try olderStore("old.sqlite", upTo: "v14-lines-version")
        let before = try bytes(p)
        let store = try Store(path: p, readOnly: true)
        XCTAssertEqual(store.upgradedInMemory, after("v14-lines-version"))
        XCTAssertTrue(store.upgradedInMemory.starts(with: ["v15-rule-kinds", "v16-holidays"]))
        XCTAssertTrue(store.readOnly)
        XCTAssertTrue(store.isSnapshot)
        // What this version's queries need is there: rules with amounts (v15), holidays (v16).
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2026-12-03")!))
        let rules = engine.transcript("rules")
        XCTAssertFalse(rules.contains("error"), rules)
        let clients = engine.transcript(#"clients | where name ~ "ромашка" | select name, tax_id"#)
        XCTAssertTrue(clients.contains("ООО «Ромашка»"), clients)
        XCTAssertTrue(clients.contains("7701234567"), clients)
        let holidays = engine.transcript("holidays")
        XCTAssertFalse(holidays.contains("error"), holidays)
        // Writes are refused as on any read-only store.
        XCTAssertThrowsError(try store.write { _ in }) { XCTAssertEqual($0 as? RuntimeError, .readOnly("write")) }
        try store.close()
        XCTAssertEqual(try bytes(p), before, "the older store's file must not change")
        // A write-open upgrades the file itself; then a read-only opening reads the file.
        let writer = try Store(path: p)
        XCTAssertTrue(writer.upgradedInMemory.isEmpty)
        try writer.close()
        let reader = try Store(path: p, readOnly: true)
        XCTAssertTrue(reader.upgradedInMemory.isEmpty)
        XCTAssertFalse(reader.isSnapshot)
    }

    func testAnOlderStoreTooLargeForAnUpgradedCopyIsRefusedWithWhatToDo() throws {
        let p = try olderStore("big.sqlite", upTo: "v15-rule-kinds")
        let before = try bytes(p)
        XCTAssertThrowsError(try Store(path: p, readOnly: true, concurrentReads: true, busyTimeout: 5, upgradeLimit: 1024)) { error in
            let missing = after("v15-rule-kinds")
            guard case .olderReadOnly(p, missing, let size, 1024)? = error as? Store.OpenError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(size, before.count)
            XCTAssertEqual("\(error)", "cannot open store '\(p)' read-only: it was made by an older version of Clientele "
                + "and lacks \(missing.count) upgrade(s) (\(missing.joined(separator: ", "))); read-only, the file is not changed, and at 0 MiB it is larger "
                + "than the 0 MiB an upgraded copy in memory may take. Open it once without --read-only to upgrade it "
                + "(or upgrade a copy of it)")
        }
        XCTAssertEqual(try bytes(p), before)
    }

    func testAStoreUpgradedByANewerVersionIsRefusedUntouched() throws {
        let p = path("newer.sqlite")
        try Store(path: p).close()
        let queue = try DatabaseQueue(path: p)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        let before = try bytes(p)
        for readOnly in [false, true] {
            XCTAssertThrowsError(try Store(path: p, readOnly: readOnly)) { error in
                XCTAssertEqual(error as? Store.OpenError, .newerMigrations(p, names: ["v99-from-the-future"]))
                XCTAssertEqual("\(error)", "cannot open store '\(p)': a newer version of Clientele has upgraded it with "
                    + "changes this version does not know (v99-from-the-future); use that version or a newer one")
            }
        }
        XCTAssertEqual(try bytes(p), before)
    }
}
