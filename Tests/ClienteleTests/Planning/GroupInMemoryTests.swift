import XCTest
import GRDB
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// A final `group` of counts and sums is grouped in memory (GroupInMemory) instead of by
/// SQLite's GROUP BY. Its output must be exactly SQLite's: the same groups (text keys equal
/// by their bytes, case variants apart), the same totals, the same order (text by
/// CLIENTELE_NOCASE, nulls last), the same errors. Compared on random demo stores with keys
/// made awkward on purpose, with and without the order facts.
final class GroupInMemoryTests: XCTestCase {
    static let queries = [
        "clients | group region agg n = count()",
        "clients | group region, abc agg n = count(), t = sum(turnover)",
        "clients | group abc agg n = count(where turnover > 1000), m = count(last_order), s = sum(turnover where region == \"North\")",
        "clients | where outlets > 1 | group sales_type, outlets agg n = count()",
        "clients | sort turnover desc | take 30 | group region agg n = count(), t = sum(turnover)",
        "clients | select region, t = turnover | group region agg n = count(), s = sum(t)",
        "clients | group founded agg n = count()",
        "clients | group corporate_card, status agg n = count()",
        "clients | group lower(region) agg n = count(), s = sum(outlets)",
        "clients | derive big = turnover > 1000 | group big, risk agg n = count()",
        "clients | where importance != null | group region, importance agg n = count()",
        "clients | where rfm != null | group rfm agg n = count() | chart",
        "clients | group sales_type",
        "orders | group status agg n = count(), total = sum(net), paid = sum(paid), k = count(last_paid)",
        "orders | where client.abc == \"A\" | group client.region, year(order_date) agg n = count(), t = sum(net)",
        // Not grouped in memory (avg, distinct, a later stage): the same either way, trivially.
        "clients | group region agg a = avg(turnover), d = count(distinct sales_type)",
        "clients | group region agg n = count() | where n > 3 | sort n desc, region",
    ]

    /// Keys SQLite's GROUP BY keeps apart but a careless grouping would merge (case variants,
    /// Ё and Е, canonically equal texts with different bytes), nulls and empty text.
    static let awkwardRegions: [String?] = ["North", "north", "NORTH", "Север", "север", "Ёлкино", "Елкино",
                                            "Cafe\u{301}", "Caf\u{E9}", "", nil, "Юг"]

    func transcript(_ store: Store, inMemory: Bool, cache: FactsCache.Mode) -> String {
        store.facts.currentMode = cache
        store.facts.clear()
        let engine = Engine(store: store, session: Session(today: CalendarDate(iso: "2025-12-31")!))
        engine.plannerOptions.groupsInMemory = inMemory
        var out = ""
        for q in GroupInMemoryTests.queries {
            for _ in 0..<2 { out += "# \(q)\n" + engine.transcript(q, width: 400) }
        }
        return out
    }

    func testTheSameAsSQLiteGroupByOnRandomStores() throws {
        for seed in [5, 23] {
            let store = try TemporaryStore.demo("group\(seed)", DemoOptions(clients: 150, years: 2, seed: UInt64(seed)))
            try store.write { db in
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM clients ORDER BY id")
                for (i, id) in ids.enumerated() where i % 3 == 0 {
                    let region = GroupInMemoryTests.awkwardRegions[(i / 3 + seed) % GroupInMemoryTests.awkwardRegions.count]
                    try db.execute(sql: "UPDATE clients SET region = ? WHERE id = ?", arguments: [region, id])
                }
            }
            for cache in [FactsCache.Mode.off, .always] {
                let expected = transcript(store, inMemory: false, cache: cache)
                let actual = transcript(store, inMemory: true, cache: cache)
                XCTAssertEqual(actual, expected, "seed \(seed), cache \(cache)")
                for region in ["north", "север", "Елкино", "Caf\u{E9}"] {
                    XCTAssertTrue(actual.contains("│ \(region) "), "seed \(seed): the group \(region) is kept apart")
                }
            }
        }
    }

    func testTheOptionIsPerEngine() throws {
        let store = try TemporaryStore.demo("groupOption", DemoOptions(clients: 20, years: 1, seed: 4))
        let inMemory = Engine(store: store), bySQL = Engine(store: store)
        bySQL.plannerOptions.groupsInMemory = false
        let query = "explain clients | group region agg n = count()"
        XCTAssertTrue(inMemory.transcript(query).hasPrefix("-- grouped in memory"))
        XCTAssertFalse(bySQL.transcript(query).hasPrefix("-- grouped in memory"))
        XCTAssertTrue(inMemory.transcript(query).hasPrefix("-- grouped in memory"), "the other engine's choice is its own")
    }

    func testTheScanHasNoGroupByAndExplainShowsIt() throws {
        let engine = try Fixture.engine()
        let sql = engine.transcript("explain clients | group region agg n = count(), t = sum(turnover)")
        XCTAssertFalse(sql.contains("\nGROUP BY"), sql)
        XCTAssertTrue(sql.hasPrefix("-- grouped in memory"), sql)
        let kept = engine.transcript("explain clients | group region agg a = avg(turnover)")
        XCTAssertTrue(kept.contains("\nGROUP BY"), kept)
    }

    func testASumThatLeavesSixtyFourBitsIsTheSameErrorAsSQLite() throws {
        let store = try TemporaryStore.demo("groupOverflow", DemoOptions(clients: 20, years: 1, seed: 3))
        try store.write { try $0.execute(sql: "UPDATE clients SET outlets = 9223372036854775000, region = 'North' WHERE id <= 3") }
        var messages: [String] = []
        for inMemory in [false, true] {
            let engine = Engine(store: store)
            engine.plannerOptions.groupsInMemory = inMemory
            messages.append(engine.transcript("clients | where id <= 3 | group region agg s = sum(outlets)"))
        }
        XCTAssertEqual(messages[0], messages[1])
        XCTAssertTrue(messages[1].contains("a number became too large (integer overflow)"), messages[1])
    }
}
