import XCTest
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleCore
import ClienteleTestSupport

/// The per-client columns SQL reads (FactsTable) live in a registry of their store, only
/// while the statement that computed them runs.
final class ColumnsRegistryTests: XCTestCase {
    /// Counts the registry's entries while the statement's rows arrive.
    final class CountingSink: OutputSink {
        let registry: ColumnsRegistry
        var duringRows: [Int] = []
        var rows: [[Value]] = []
        init(_ registry: ColumnsRegistry) { self.registry = registry }
        func emit(_ output: Output) throws {}
        func beginTable(_ columns: [ClienteleCore.Column]) throws {}
        func row(_ values: [Value]) throws { duringRows.append(registry.count); rows.append(values) }
        func endTable() throws {}
    }

    func testAStatementsColumnsLeaveTheRegistryWhenItEnds() throws {
        let store = try TemporaryStore.demo("registry", DemoOptions(clients: 30, years: 2, seed: 7))
        store.facts.currentMode = .always
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        let sink = CountingSink(store.facts.columns)
        try engine.run("clients | where turnover > 0 | sort id | select id, turnover, abc", into: sink)
        XCTAssertFalse(sink.rows.isEmpty)
        XCTAssertTrue(sink.duringRows.allSatisfy { $0 > 0 }, "SQL reads the columns while the rows come: \(sink.duringRows)")
        XCTAssertEqual(store.facts.columns.count, 0, "nothing is left once the statement ended")
        _ = engine.transcript("explain clients | select id, abc")
        XCTAssertEqual(store.facts.columns.count, 0)
    }

    func testTwoStoresDoNotShareTheirColumns() throws {
        let a = try TemporaryStore.demo("registryA", DemoOptions(clients: 20, years: 1, seed: 1))
        let b = try TemporaryStore.demo("registryB", DemoOptions(clients: 20, years: 1, seed: 2))
        a.facts.currentMode = .always
        let sink = CountingSink(b.facts.columns)
        try Engine(store: a, session: Session(today: CalendarDate(iso: "2025-12-31")!))
            .run("clients | sort id | select id, turnover", into: sink)
        XCTAssertEqual(sink.duringRows.max(), 0, "store b's registry never held store a's columns")
    }
}
