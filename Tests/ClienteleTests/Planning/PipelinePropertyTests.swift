import XCTest
import GRDB
@testable import Clientele
import ClienteleTestSupport

/// Property: a random well-typed pipeline compiles to SQL that SQLite accepts, and its
/// result equals an independent evaluation in Swift over the rows fetched with plain SQL.
/// A few hundred cases from a fixed seed on a small generated store.
final class PipelinePropertyTests: XCTestCase {
    static let cases = 400

    func testRandomPipelinesAgreeWithAReferenceEvaluation() throws {
        let store = try TemporaryStore.demo("pipelines", DemoOptions(clients: 40, years: 1, seed: 11))
        let engine = Engine(store: store, session: Session(today: Fixture.today))
        let orders = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.id, o.client_id, o.order_date, o.gross_minor, o.discount_minor, o.net_minor, o.status,
                       c.region, c.outlets
                FROM orders o JOIN clients c ON c.id = o.client_id
                """).map {
                RandomPipelines.Order(id: $0["id"], clientID: $0["client_id"], date: $0["order_date"], gross: $0["gross_minor"],
                                      discount: $0["discount_minor"], net: $0["net_minor"], status: $0["status"],
                                      region: $0["region"], outlets: $0["outlets"])
            }
        }
        XCTAssertGreaterThan(orders.count, 100)
        var generator = RandomPipelines(seed: 20251231, orders: orders)
        var nonEmpty = 0
        for i in 0..<PipelinePropertyTests.cases {
            let c: RandomPipelines.Case
            switch i % 4 {
            case 0, 1: c = generator.listCase()
            case 2: c = generator.groupCase()
            default: c = generator.countCase()
            }
            let outputs: [Output]
            do { outputs = try engine.run(c.script) } catch {
                XCTFail("case \(i): \(c.script)\n\(error)")
                continue
            }
            let actual = PipelinePropertyTests.rows(outputs)
            if !c.expected.isEmpty && c.expected != [["0"]] && c.expected != [["0.00"]] { nonEmpty += 1 }
            XCTAssertEqual(actual, c.expected, "case \(i): \(c.script)")
        }
        XCTAssertGreaterThan(nonEmpty, PipelinePropertyTests.cases / 2, "too many cases with empty results to prove much")
    }

    static func rows(_ outputs: [Output]) -> [[String]] {
        outputs.flatMap { output -> [[String]] in
            switch output {
            case .table(let t): return t.rows.map { $0.map(\.plain) }
            case .scalar(_, let v): return [[v.plain]]
            default: return [["\(output)"]]
            }
        }
    }
}
