import XCTest
@testable import Clientele
import ClienteleTestSupport

final class CurrencyFooterTests: XCTestCase {
    func testMoneyTablesNameTheCurrencyAndOthersDoNot() {
        let money = Table(columns: [Column(name: "turnover", type: .money)], rows: [[.money(Money(minorUnits: 123456))]])
        let plain = Table(columns: [Column(name: "n", type: .integer)], rows: [[.integer(1)]])
        let renderer = Renderer(options: RenderOptions(currency: "RUB"))
        XCTAssertTrue(renderer.render(.table(money)).hasSuffix("1 row · money in RUB\n"))
        XCTAssertTrue(renderer.render(.table(plain)).hasSuffix("1 row\n"))
        XCTAssertTrue(Renderer().render(.table(money)).hasSuffix("1 row\n"), "no currency configured: no note")
    }

    func testEngineReadsTheStoreCurrency() throws {
        let engine = try Fixture.engine()
        XCTAssertEqual(engine.currency, "RUB")
        try engine.run("set stored currency = \"EUR\"")
        XCTAssertEqual(engine.currency, "EUR")
    }
}
