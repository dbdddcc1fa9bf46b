import XCTest
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The engine running a script again after a conflict (`StoreError.Kind.conflict`, what
/// PostgreSQL's serialization failures and deadlocks become), on the SQLite fixture behind a
/// backend that fails some transactions with a conflict, as a busy team store would.
final class ConflictRetryTests: XCTestCase {
    /// The fixture store; its first `failures` write transactions fail with a conflict,
    /// before the script runs (`afterBody` false) or after it ran to its end and its output
    /// was handed on (`afterBody` true). Counts the transactions begun.
    final class ConflictingBackend: StorageBackend, @unchecked Sendable {
        let store: Store
        let retries: Int
        var failures: Int
        let afterBody: Bool
        var writes = 0
        init(_ store: Store, retries: Int, failures: Int, afterBody: Bool = false) {
            self.store = store; self.retries = retries; self.failures = failures; self.afterBody = afterBody
        }

        var dialect: any SQLDialect { store.dialect }
        var schemaVersion: Int { store.schemaVersion }
        var isReadOnly: Bool { store.isReadOnly }
        var conflictRetries: Int { retries }
        func storeError(_ error: any Error) -> StoreError? { store.storeError(error) }
        func interrupt() { store.interrupt() }
        func readTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
            try store.readTransaction(body)
        }
        func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
            writes += 1
            let conflict = StoreError(.conflict, "could not serialize access due to concurrent update")
            return try store.writeTransaction { tx in
                if failures > 0 && !afterBody { failures -= 1; throw conflict }
                let result = try body(tx)
                if failures > 0 { failures -= 1; throw conflict }
                return result
            }
        }
    }

    private func engine(_ backend: ConflictingBackend) -> Engine {
        Engine(store: backend.store, backend: backend, session: Session(today: Fixture.today))
    }

    private let script = """
        update clients | where id == 1 set outlets = outlets + 1
        clients | where id == 1 | select outlets
        """

    private func outlets(_ store: Store) throws -> Int64? {
        try store.readTransaction { try $0.fetchOne("SELECT outlets FROM clients WHERE id = 1")?.first?.int64 }
    }

    func testAConflictRunsTheScriptAgainAndShowsItsOutputOnce() throws {
        let backend = ConflictingBackend(try Fixture.store(), retries: 3, failures: 2)
        let before = try XCTUnwrap(try outlets(backend.store))
        let outputs = try engine(backend).run(script)
        XCTAssertEqual(backend.writes, 3, "two conflicts, then the run that commits")
        XCTAssertEqual(outputs.count, 2, "\(outputs)")
        XCTAssertEqual(outputs.first, .message("1 client updated."))
        XCTAssertEqual(try outlets(backend.store), before + 1, "the change is made once")
    }

    func testTooManyConflictsFailTheScriptWithASentenceAndChangeNothing() throws {
        let backend = ConflictingBackend(try Fixture.store(), retries: 3, failures: 10)
        let before = try outlets(backend.store)
        XCTAssertThrowsError(try engine(backend).run(script)) { e in
            XCTAssertEqual(String(describing: e).components(separatedBy: "\n").first,
                           "error: another session changed the same data at the same time, 4 times running; nothing was changed: run the script again")
            guard case .storeBusy = e as? ClienteleError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(backend.writes, 4, "the first run and three more")
        XCTAssertEqual(try outlets(backend.store), before)
    }

    func testAConflictAfterTheOutputWasShownIsNotRunAgain() throws {
        let backend = ConflictingBackend(try Fixture.store(), retries: 3, failures: 1, afterBody: true)
        let before = try outlets(backend.store)
        let sink = CollectingSink()
        XCTAssertThrowsError(try engine(backend).run(script, into: sink)) { e in
            XCTAssertTrue("\(e)".contains("another session changed the same data at the same time, and this script's output was already shown, so it was not run again; nothing was changed: run it again"), "\(e)")
        }
        XCTAssertEqual(backend.writes, 1)
        XCTAssertEqual(sink.outputs.count, 2, "shown once: \(sink.outputs)")
        XCTAssertEqual(try outlets(backend.store), before)
    }

    func testWithoutRetriesAConflictIsExplained() throws {
        let backend = ConflictingBackend(try Fixture.store(), retries: 0, failures: 1)
        XCTAssertThrowsError(try engine(backend).run(script)) { e in
            XCTAssertTrue("\(e)".contains("another session changed the same data at the same time; nothing was changed: run the script again"), "\(e)")
        }
        XCTAssertEqual(backend.writes, 1)
    }

    /// Output is held back until the commit, up to the limit; past it, it streams and the
    /// script can no longer run again unseen.
    func testHoldingSinkHoldsUntilCommitUpToItsLimit() throws {
        let inner = CollectingSink()
        let holding = HoldingSink(inner, limit: 3)
        try holding.emit(.message("a"))
        try holding.beginTable([])
        try holding.row([])
        XCTAssertTrue(inner.outputs.isEmpty)
        XCTAssertFalse(holding.handedOn)
        try holding.endTable()
        XCTAssertTrue(holding.handedOn, "past the limit")
        XCTAssertEqual(inner.outputs.count, 2)
        try holding.emit(.message("b"))
        XCTAssertEqual(inner.outputs.count, 3, "streams once past the limit")

        let later = CollectingSink()
        let small = HoldingSink(later, limit: 10)
        try small.emit(.message("c"))
        XCTAssertTrue(later.outputs.isEmpty)
        try small.willCommit()
        XCTAssertEqual(later.outputs, [.message("c")])
        XCTAssertTrue(small.handedOn)
    }
}
