import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// Ctrl-C (`Engine.interrupt()`) stops the passes the engine runs in Swift, not only SQL:
/// the order scan, the facts build, the rankings, the policy sums of a comparison. Each test
/// interrupts from inside the pass (the check hook, after a number of checks, so where it
/// happens does not depend on timing) and asserts that the statement stops there with the
/// interrupted message, doing less than the whole pass, and that the engine goes on.
final class InterruptionTests: XCTestCase {
    static let orders = 40_000

    /// The fixture with 40,000 more shipped orders in 2025 (no payments: all unpaid).
    func engine() throws -> Engine {
        let engine = try Fixture.engine()
        try engine.store.write { db in
            try db.execute(sql: """
                WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?)
                INSERT INTO orders (id, number, client_id, outlet, order_date, due_date,
                                    gross_minor, discount_minor, net_minor, status)
                SELECT 1000 + x, 'S-' || x, x % 3 + 1, 1, date('2025-01-01', '+' || (x % 360) || ' days'),
                       date('2025-01-11', '+' || (x % 360) || ' days'), (x * 7919) % 100000 + 100, 0,
                       (x * 7919) % 100000 + 100, 'shipped'
                FROM s
                """, arguments: [InterruptionTests.orders])
        }
        engine.store.facts.currentMode = .off
        engine.store.facts.clear()
        return engine
    }

    /// Runs `script`, calling `engine.interrupt()` at the `at`-th check of `pass`; returns how
    /// many checks that pass made and the error.
    func interrupt(_ engine: Engine, _ script: String, in pass: Interruption.Pass, at: Int) -> (checks: Int, error: String?) {
        var checks = 0
        engine.interruption.onCheck = { p in
            guard p == pass else { return }
            checks += 1
            if checks == at {
                let done = DispatchSemaphore(value: 0)
                DispatchQueue.global().async { engine.interrupt(); done.signal() }
                done.wait()
            }
        }
        defer { engine.interruption.onCheck = nil }
        do {
            try engine.run(script)
            return (checks, nil)
        } catch {
            return (checks, (error as? ClienteleError)?.message ?? "\(error)")
        }
    }

    /// How many checks `pass` makes when nothing interrupts it.
    func checks(_ engine: Engine, _ script: String, in pass: Interruption.Pass) -> Int {
        interrupt(engine, script, in: pass, at: Int.max).checks
    }

    func assertInterrupted(_ script: String, in pass: Interruption.Pass, at: Int,
                           setUp: (Engine) throws -> Void = { _ in }, file: StaticString = #filePath, line: UInt = #line) throws {
        let full = try engine()
        try setUp(full)
        let whole = checks(full, script, in: pass)
        XCTAssertGreaterThan(whole, at, "the pass checks more often than that when it runs to the end", file: file, line: line)

        let engine = try self.engine()
        try setUp(engine)
        let (done, error) = interrupt(engine, script, in: pass, at: at)
        XCTAssertEqual(error, "interrupted; nothing was changed", file: file, line: line)
        XCTAssertEqual(done, at, "the pass stops at the check after the interrupt", file: file, line: line)
        // The next script runs normally.
        XCTAssertEqual(try engine.run("clients | where id == 1 | count"), [.scalar(name: "count", value: .integer(1))],
                       file: file, line: line)
    }

    func testInterruptStopsTheOrderScan() throws {
        try assertInterrupted("segment clients by abc, risk over all", in: .orderScan, at: 3) {
            $0.store.facts.scansOrders = true
        }
    }

    func testInterruptStopsTheFactsBuildAndWhatWouldFollowIt() throws {
        // The facts build's failure used to fall back to SQL, which then ran to the end.
        try assertInterrupted("clients | select name, abc, risk", in: .factsBuild, at: 3) {
            $0.store.facts.currentMode = .always
        }
    }

    func testInterruptStopsTheRankings() throws {
        // Between SQL statements: SQLite's own interrupt would be forgotten here.
        try assertInterrupted("segment clients by abc, rfm over all", in: .rankings, at: 1) {
            $0.store.facts.scansOrders = true
        }
    }

    func testInterruptStopsThePolicySumsOfAComparison() throws {
        try assertInterrupted(#"compare baseline, "A 400" over 2025"#, in: .policySums, at: 2) { engine in
            _ = try engine.run(#"scenario "A 400" { set abc.a_min = 400 }"#)
        }
    }

    func testInterruptStopsTheOrderFactsInMemory() throws {
        try assertInterrupted("clients | select name, turnover, late_payments", in: .orderFacts, at: 2) { engine in
            engine.store.facts.currentMode = .always
            _ = try engine.run("clients | select abc")   // builds the facts
        }
    }
}
