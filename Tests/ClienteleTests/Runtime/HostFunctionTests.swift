import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Functions a host registers on its engine (`Engine.register(function:)`).
final class HostFunctionTests: XCTestCase {
    /// The VAT included in a gross amount at 20%, rounded half up to the cent.
    static func vatMinor(_ gross: Int64) -> Int64 { (gross * 20 + 60) / 120 }

    static let vat = HostFunction(name: "vat", arguments: [.money], result: .money,
                                  help: "the VAT included in a gross amount (20%)",
                                  example: "orders | select number, vat = vat(gross)") { values in
        guard case .money(let gross) = values[0] else { return .null }
        return .money(Money(minorUnits: vatMinor(gross.minorUnits)))
    }

    func engineWithVAT() throws -> Engine {
        let engine = try Fixture.engine()
        try engine.register(function: HostFunctionTests.vat)
        return engine
    }

    func rows(_ outputs: [Output]) -> [[Value]] {
        for case .table(let t) in outputs { return t.rows }
        return []
    }

    func grossByNumber(_ engine: Engine) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for row in rows(try engine.run("orders | select number, gross")) {
            if case .text(let n) = row[0], case .money(let g) = row[1] { out[n] = g.minorUnits }
        }
        return out
    }

    func testUsableInSelectDeriveWhereAndAgg() throws {
        let engine = try engineWithVAT()
        let gross = try grossByNumber(engine)
        XCTAssertFalse(gross.isEmpty)

        let selected = rows(try engine.run("orders | select number, v = vat(gross)"))
        XCTAssertEqual(selected.count, gross.count)
        for row in selected {
            guard case .text(let n) = row[0], let g = gross[n] else { return XCTFail("row \(row)") }
            XCTAssertEqual(row[1], .money(Money(minorUnits: HostFunctionTests.vatMinor(g))), n)
        }

        let threshold: Int64 = 6000
        let expected = gross.filter { HostFunctionTests.vatMinor($0.value) > threshold }.keys.sorted()
        XCTAssertFalse(expected.isEmpty)
        XCTAssertLessThan(expected.count, gross.count)
        let derived = rows(try engine.run("orders | derive v = vat(gross) | where v > 60 | sort number | select number"))
        XCTAssertEqual(derived, expected.map { [.text($0)] })
        let filtered = rows(try engine.run("orders | where vat(gross) > 60 | sort number | select number"))
        XCTAssertEqual(filtered, expected.map { [.text($0)] })

        let total = gross.values.map(HostFunctionTests.vatMinor).reduce(0, +)
        XCTAssertEqual(rows(try engine.run("orders | agg t = sum(vat(gross))")), [[.money(Money(minorUnits: total))]])
    }

    /// The statements that run their SQL in other ways: grouping, segments, exports.
    func testUsableInGroupSegmentAndExport() throws {
        let engine = try engineWithVAT()
        let grouped = try engine.run("orders | group r = client.region agg v = sum(vat(gross)) | sort r")
        guard case .table(let t)? = grouped.first else { return XCTFail("\(grouped)") }
        XCTAssertGreaterThan(t.rows.count, 1)
        var perRegion: [Value: Int64] = [:]
        for row in rows(try engine.run("orders | select client.region, gross")) {
            if case .money(let g) = row[1] { perRegion[row[0], default: 0] += HostFunctionTests.vatMinor(g.minorUnits) }
        }
        for row in t.rows { XCTAssertEqual(row[1], .money(Money(minorUnits: perRegion[row[0]] ?? -1)), "\(row)") }

        XCTAssertEqual(try engine.run("segment clients | where vat(turnover) > 0 by abc").isEmpty, false)

        let dir = TemporaryStore.folder()
        let out = try engine.run("export orders | sort number | select number, v = vat(gross) to \"vat.csv\"",
                                 origin: dir.appendingPathComponent("job.clq").path)
        XCTAssertEqual(out.count, 1)
        let csv = try String(contentsOf: dir.appendingPathComponent("vat.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("A-001,66.67"), csv)   // 400.00 gross: 66.67 VAT
    }

    func testLiteralArgumentIsReadAsTheDeclaredType() throws {
        let engine = try engineWithVAT()
        // 120 is money (120.00), so the VAT is 20.00.
        XCTAssertEqual(rows(try engine.run("clients | take 1 | select v = vat(120)")), [[.money(Money(minorUnits: 2000))]])
    }

    func testOnAPerClientMeasure() throws {
        let engine = try engineWithVAT()
        for row in rows(try engine.run("clients | select turnover, v = vat(turnover)")) {
            guard case .money(let t) = row[0] else { return XCTFail("\(row)") }
            XCTAssertEqual(row[1], .money(Money(minorUnits: HostFunctionTests.vatMinor(t.minorUnits))))
        }
    }

    func testExplainCallsItByItsReservedName() throws {
        let engine = try engineWithVAT()
        guard case .message(let sql)? = try engine.run("explain orders | where vat(gross) > 60").first else { return XCTFail() }
        XCTAssertTrue(sql.contains("HOST_vat("), sql)
    }

    func testFunctionGivenAsSQL() throws {
        let engine = try Fixture.engine()
        try engine.register(function: HostFunction(name: "net_of_vat", arguments: [.money], result: .money,
                                                   help: "a gross amount without its VAT", sql: [.sqlite: "($1 * 100 + 60) / 120"]))
        let gross = try grossByNumber(engine)
        for row in rows(try engine.run("orders | select number, n = net_of_vat(gross)")) {
            guard case .text(let n) = row[0], let g = gross[n] else { return XCTFail("row \(row)") }
            XCTAssertEqual(row[1], .money(Money(minorUnits: (g * 100 + 60) / 120)), n)
        }
    }

    func testArityAndTypeErrors() throws {
        let engine = try engineWithVAT()
        let arity = engine.check("orders | where vat(gross, 1) > 0")
        XCTAssertEqual(arity.map(\.message), ["vat takes 1 argument, got 2"])
        let type = engine.check("orders | select vat(number)")
        XCTAssertEqual(type.map(\.message), ["vat needs an amount of money, but this is a text"])
        XCTAssertEqual(type.first?.help, "vat(money): the VAT included in a gross amount (20%)")

        try engine.register(function: HostFunction(name: "later", arguments: [.date, .integer], result: .date,
                                                   help: "a date some days later", sql: [.sqlite: "date($1, '+' || $2 || ' days')"]))
        XCTAssertEqual(engine.check("orders | select later(order_date, \"x\")").map(\.message),
                       ["later needs a whole number as its 2nd argument, but this is a text"])
        XCTAssertEqual(engine.check("orders | select later(order_date)").map(\.message), ["later takes 2 arguments, got 1"])
        XCTAssertEqual(engine.check("orders | select later(order_date, 3) where net > 0").count, 1)
    }

    func testARuleConditionCannotUseOne() throws {
        let engine = try engineWithVAT()
        XCTAssertEqual(engine.check("rule \"V\": discount 2% when vat(turnover) > 100").map(\.message),
                       ["a rule condition cannot use vat: the rule is stored, and vat is a function of this program only"])
        XCTAssertEqual(engine.check("rule \"V\": discount 2% when turnover > 100").map(\.message), [])
    }

    func testUnknownFunctionIsAnErrorNotCoalesce() throws {
        let engine = try Fixture.engine()
        let d = engine.check("clients | select x = frobnicate(name, \"y\")")
        XCTAssertEqual(d.map(\.message), ["unknown function 'frobnicate'"])
        XCTAssertEqual(engine.check("orders | select vat(gross)").map(\.message), ["unknown function 'vat'"])
        try engine.register(function: HostFunctionTests.vat)
        XCTAssertEqual(engine.check("orders | select va(gross)").first?.help, "did you mean 'vat'?")
    }

    func testCompletionAndHelpListIt() throws {
        let engine = try engineWithVAT()
        let text = "orders | where va"
        XCTAssertEqual(engine.completions(for: text, cursor: text.count), ["vat"])
        XCTAssertTrue(engine.completions(for: "help v", cursor: 6).contains("vat"))
        guard case .message(let help)? = try engine.run("help functions").first else { return XCTFail() }
        XCTAssertTrue(help.contains("Added by this program:\n  vat(money)"), help)
        XCTAssertTrue(help.contains("the VAT included in a gross amount (20%)"), help)
        XCTAssertEqual(try engine.run("help vat"),
                       [.message("vat(money) -> money: the VAT included in a gross amount (20%)\n  orders | select number, vat = vat(gross)")])

        let other = try Fixture.engine()
        XCTAssertEqual(other.completions(for: text, cursor: text.count), [])
        guard case .message(let plain)? = try other.run("help functions").first else { return XCTFail() }
        XCTAssertFalse(plain.contains("vat"), plain)
    }

    func testTwoEnginesOnOneStoreKeepTheirOwnFunctions() throws {
        let first = try Fixture.engine()
        let second = Engine(store: first.store, session: first.session)
        let third = Engine(store: first.store, session: first.session)
        try first.register(function: HostFunction(name: "tag", arguments: [], result: .text, help: "first") { _ in .text("first") })
        try second.register(function: HostFunction(name: "tag", arguments: [], result: .text, help: "second") { _ in .text("second") })
        let query = "clients | take 1 | select t = tag()"
        // Alternately, so each run finds the other engine's function on a connection they share.
        for _ in 0..<2 {
            XCTAssertEqual(rows(try first.run(query)), [[.text("first")]])
            XCTAssertEqual(rows(try second.run(query)), [[.text("second")]])
        }
        XCTAssertEqual(third.check(query).map(\.message), ["unknown function 'tag'"])
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "no rate for this region" }
    }

    func testThrowingFunctionStopsTheScriptAndRollsBack() throws {
        let engine = try Fixture.engine()
        try engine.register(function: HostFunction(name: "rate", arguments: [.text], result: .percent, help: "a region's rate") { values in
            if values[0] == .text("North") || values[0] == .text("A-002") { throw Refused() }
            return .percent(Percent(basisPoints: 500))
        })
        let before = try engine.store.contentChecksum()
        XCTAssertThrowsError(try engine.run("""
            add clients name: "Новый", region: "East"
            update orders | where number in ["A-001", "A-002"] set discount = gross * rate(number)
            """)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "rate failed: no rate for this region")
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)
        XCTAssertThrowsError(try engine.run("clients | where rate(region) > 1% | count")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "rate failed: no rate for this region")
        }
    }

    func testAResultOfAnotherTypeIsARuntimeError() throws {
        let engine = try Fixture.engine()
        try engine.register(function: HostFunction(name: "wrong", arguments: [], result: .money, help: "says text") { _ in .text("x") })
        XCTAssertThrowsError(try engine.run("clients | take 1 | select w = wrong()")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "wrong returned text, but it is declared to return money")
        }
    }

    func testRegistrationRefusals() throws {
        let engine = try Fixture.engine()
        func refusal(_ f: HostFunction) -> HostFunction.RegistrationError? {
            do { try engine.register(function: f); return nil } catch { return error as? HostFunction.RegistrationError }
        }
        func named(_ name: String, _ args: [ValueType] = [], _ result: ValueType = .integer) -> HostFunction {
            HostFunction(name: name, arguments: args, result: result, help: "") { _ in .integer(1) }
        }
        XCTAssertEqual(refusal(named("lower")), .reservedName("lower"))
        XCTAssertEqual(refusal(named("sum")), .reservedName("sum"))
        XCTAssertEqual(refusal(named("turnover")), .reservedName("turnover"))
        XCTAssertEqual(refusal(named("where")), .reservedName("where"))
        XCTAssertEqual(refusal(named("9lives")), .invalidName("9lives"))
        XCTAssertEqual(refusal(named("a-b")), .invalidName("a-b"))
        XCTAssertEqual(refusal(named("maybe", [.null])), .unsupportedType("maybe", .null))
        XCTAssertNil(refusal(named("once")))
        XCTAssertEqual(refusal(named("ONCE")), .alreadyRegistered("once"))
        XCTAssertEqual(refusal(HostFunction(name: "pg", arguments: [], result: .integer, help: "", sql: [.postgresql: "1"])),
                       .noSQL("pg", .sqlite))
        XCTAssertEqual(refusal(HostFunction(name: "two", arguments: [.integer], result: .integer, help: "", sql: [.sqlite: "$1 + $2"])),
                       .argumentOutOfRange("two", 2))
        XCTAssertEqual(engine.catalog.hostFunctions.map(\.name), ["once"])
    }
}
