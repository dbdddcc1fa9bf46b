import XCTest
@testable import Clientele
import ClienteleTestSupport

final class EngineTests: XCTestCase {
    func table(_ outputs: [Output]) -> Table? {
        for case .table(let t) in outputs { return t }
        return nil
    }

    func testParametersAreTypedValues() throws {
        let engine = try Fixture.engine()
        engine.session.parameters = ["region": Session.parameterValue("North"),
                                     "quarter": Session.parameterValue("2025-Q3"),
                                     "min": Session.parameterValue("200")]
        let t = table(try engine.run("clients | where region == $region and turnover($quarter) >= $min | select name, q = turnover($quarter)"))
        XCTAssertEqual(t?.rows, [[.text("ООО Фармация"), .money(Money(minorUnits: 28500))],
                                 [.text("Елена Трейд"), .money(Money(minorUnits: 20000))]])
        XCTAssertEqual(try engine.run("set period = $quarter"),
                       [.message("period = 2025-Q3 (2025-07-01..2025-09-30)")])
    }

    func testParameterValueTypes() {
        XCTAssertEqual(Session.parameterValue("2025-03-31"), .date(CalendarDate(iso: "2025-03-31")!))
        XCTAssertEqual(Session.parameterValue("42"), .integer(42))
        XCTAssertEqual(Session.parameterValue("5%"), .percent(Percent(basisPoints: 500)))
        XCTAssertEqual(Session.parameterValue("12.50"), .decimal(Decimal(string: "12.5")!))
        XCTAssertEqual(Session.parameterValue("North"), .text("North"))
    }

    func testLetBindingsLastAcrossRunsAndComposeLazily() throws {
        let engine = try Fixture.engine()
        try engine.run("let north = clients | where region == \"North\"")
        XCTAssertEqual(try engine.run("north | count"), [.scalar(name: "count", value: .integer(3))])
        try engine.run("let big_north = north | where turnover > 300")
        XCTAssertEqual(try engine.run("big_north | count"), [.scalar(name: "count", value: .integer(2))])
        // Lazy: the binding sees data added later.
        try engine.run("add clients name: \"Новый Север\", region: \"North\"")
        XCTAssertEqual(try engine.run("north | count"), [.scalar(name: "count", value: .integer(4))])
        XCTAssertEqual(engine.session.letNames, ["big_north", "north"])
    }

    func testIncludeBringsDefinitionsIntoTheSameTransaction() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        try "let lost = clients | where status == \"lost\"\n".write(to: dir.appendingPathComponent("common.clq"), atomically: true, encoding: .utf8)
        let main = dir.appendingPathComponent("main.clq").path
        XCTAssertEqual(try engine.run("include \"common.clq\"\nlost | count", origin: main),
                       [.scalar(name: "count", value: .integer(2))])
    }

    func testCheckDoesNotRun() throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        XCTAssertEqual(engine.check("delete all orders"), [])
        XCTAssertEqual(try engine.store.contentChecksum(), before)
    }

    func testCyrillicMatchingAndSorting() throws {
        let engine = try Fixture.engine()
        try engine.run("add clients name: \"ООО Фармация-2\"\nadd clients name: \"еловый дом\"\nadd clients name: \"Яблоко\"")
        let found = table(try engine.run("clients | where name ~ \"фарм\" | sort name | select name"))
        XCTAssertEqual(found?.rows.map { $0[0] }, [.text("ООО Фармация"), .text("ООО Фармация-2"), .text("ФАРМА-ЦЕНТР")])
        let sorted = table(try engine.run("clients | where name ~ \"е\" or name ~ \"ё\" or name ~ \"я\" | sort name | select name"))
        XCTAssertEqual(sorted?.rows.map { $0[0].plain }, ["Елена Трейд", "еловый дом", "Ёлкин ИП", "ООО Фармация", "ООО Фармация-2", "ФАРМА-ЦЕНТР", "Яблоко"])
    }

    func testQueriesNeverWrite() throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        for q in ["clients | sort turnover desc | take 3", "orders | group status", "explain clients | where abc == \"A\"",
                  "describe clients", "settings", "clients | where risk > 1 | count"] {
            _ = try engine.run(q)
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)
    }

    func testMoneyRoundTripsExactlyThroughTheLanguage() throws {
        let engine = try Fixture.engine()
        try engine.run("add orders client: 1, order_date: 2025-12-01, gross: 92233720368547.58, discount: 0.01")
        let t = table(try engine.run("orders | where order_date == 2025-12-01 | select gross, discount, net"))
        XCTAssertEqual(t?.rows, [[.money(Money(minorUnits: 9223372036854758)), .money(Money(minorUnits: 1)),
                                  .money(Money(minorUnits: 9223372036854757))]])
    }
}
