import XCTest
@testable import Clientele

/// Exact rendered output of segment and movement at width 100, on the nine clients of
/// ParetoBoundaryTests plus three 2024 orders (P1: 600 and 10, P7: 150).
///
/// 2024 by hand: P1 610 over two orders: A; P7 150, its only order so far: first deal, C;
/// P9 10, first deal: C. 2025: P1-P4 B (200, 150, 120, 120, each over several orders);
/// P5, P6, P8 on their first deal: C; P7 80 and P9 50: C.
final class SegmentOutputTests: XCTestCase {
    var f: AnalyticsFixture!

    override func setUpWithError() throws {
        f = try ParetoBoundaryTests.fixture()
        try f.engine.run("""
            add orders client: "P1", order_date: 2024-05-01, gross: 600
            add orders client: "P1", order_date: 2024-06-01, gross: 10
            add orders client: "P7", order_date: 2024-02-01, gross: 150
            """)
    }

    func assertOutput(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let actual = try f.render(source)
        if actual != expected + "\n" { XCTFail("rendered text differs; got:\n\(actual)", file: file, line: line) }
    }

    func testDistributionWithChart() throws {
        try assertOutput("segment clients by abc", #"""
            clients by abc over 2025 (2025-01-01..2025-12-31)
            ┌───────┬─────────┬──────────┬───────┐
            │ abc   │ clients │ turnover │ share │
            ├───────┼─────────┼──────────┼───────┤
            │ A     │       0 │     0.00 │    0% │
            │ B     │       4 │   590.00 │   59% │
            │ C     │       5 │   410.00 │   41% │
            │ total │       9 │ 1,000.00 │  100% │
            └───────┴─────────┴──────────┴───────┘
            4 rows
            turnover by abc
            A                                                                                               0.00
            B  █████████████████████████████████████████████████████████████████████████████████████████  590.00
            C  █████████████████████████████████████████████████████████████▉                             410.00
            """#)
    }

    func testCrossTab() throws {
        try assertOutput("segment clients by abc, importance", #"""
            clients by abc and importance over 2025 (2025-01-01..2025-12-31)
            ┌──────────────────┬─────┬────────┬───────┬───────┐
            │ abc \ importance │ key │ medium │ small │ total │
            ├──────────────────┼─────┼────────┼───────┼───────┤
            │ A                │   0 │      0 │     0 │     0 │
            │ B                │   1 │      3 │     0 │     4 │
            │ C                │   0 │      2 │     3 │     5 │
            │ total            │   1 │      5 │     3 │     9 │
            └──────────────────┴─────┴────────┴───────┴───────┘
            4 rows
            """#)
    }

    func testFilteredDistributionOverAPeriod() throws {
        // North: P1 rfm_m 5 (200), P2 4 (150), P3 and P4 3 (240): shares 33.9%, 25.42%, 40.68%.
        try assertOutput("segment clients | where region == \"North\" by rfm_m over 2025", #"""
            clients by rfm_m over 2025 (2025-01-01..2025-12-31)
            ┌───────┬─────────┬──────────┬────────┐
            │ rfm_m │ clients │ turnover │  share │
            ├───────┼─────────┼──────────┼────────┤
            │ 1     │       0 │     0.00 │     0% │
            │ 2     │       0 │     0.00 │     0% │
            │ 3     │       2 │   240.00 │ 40.68% │
            │ 4     │       1 │   150.00 │ 25.42% │
            │ 5     │       1 │   200.00 │  33.9% │
            │ total │       4 │   590.00 │   100% │
            └───────┴─────────┴──────────┴────────┘
            6 rows
            turnover by rfm_m
            1                                                                                               0.00
            2                                                                                               0.00
            3  █████████████████████████████████████████████████████████████████████████████████████████  240.00
            4  ███████████████████████████████████████████████████████▋                                   150.00
            5  ██████████████████████████████████████████████████████████████████████████▏                200.00
            """#)
    }

    func testImportancePerRegion() throws {
        try assertOutput("segment clients by importance per region", #"""
            clients by importance per region over 2025 (2025-01-01..2025-12-31)
            ┌─────────────────────┬─────┬────────┬───────┬───────┐
            │ region \ importance │ key │ medium │ small │ total │
            ├─────────────────────┼─────┼────────┼───────┼───────┤
            │ North               │   1 │      3 │     0 │     4 │
            │ South               │   2 │      1 │     2 │     5 │
            │ total               │   3 │      4 │     2 │     9 │
            └─────────────────────┴─────┴────────┴───────┴───────┘
            3 rows
            """#)
    }

    func testMovement() throws {
        try assertOutput("movement abc from 2024 to 2025", #"""
            abc movement from 2024 (2024-01-01..2024-12-31) to 2025 (2025-01-01..2025-12-31): rows 2024, columns 2025
            ┌─────────────┬───┬───┬───┬───────┐
            │ 2024 \ 2025 │ A │ B │ C │ total │
            ├─────────────┼───┼───┼───┼───────┤
            │ A           │ 0 │ 1 │ 0 │     1 │
            │ B           │ 0 │ 0 │ 0 │     0 │
            │ C           │ 0 │ 0 │ 2 │     2 │
            │ (none)      │ 0 │ 3 │ 3 │     6 │
            │ total       │ 0 │ 4 │ 5 │     9 │
            └─────────────┴───┴───┴───┴───────┘
            5 rows
            list the clients of a cell: movement abc from 2024 to 2025 | where from == "A" and to == "B"
            """#)
    }

    func testMovementListsTheClientsOfACell() throws {
        try assertOutput("movement abc from 2024 to 2025 | where from == null and to == \"C\" | select name, from, to", #"""
            ┌──────┬──────┬────┐
            │ name │ from │ to │
            ├──────┼──────┼────┤
            │ P5   │      │ C  │
            │ P6   │      │ C  │
            │ P8   │      │ C  │
            └──────┴──────┴────┘
            3 rows
            """#)
        // The same clients with an ordinary query.
        let same = try f.engine.run("clients | where abc(2024) == null and abc(2025) == \"C\" | count")
        XCTAssertEqual(same, [.scalar(name: "count", value: .integer(3))])
    }

    func testSegmentFollowsTheSettings() throws {
        try f.engine.run("set abc.b_min = 121")
        guard case .table(let t) = try f.engine.run("segment clients by abc")[1] else { return XCTFail("table expected") }
        XCTAssertEqual(t.rows.map { "\($0[0].plain) \($0[1].plain)" }, ["A 0", "B 2", "C 7", "total 9"])
    }
}
