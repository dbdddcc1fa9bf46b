import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// The table of built-in functions and the operators of the typed IR.
final class FunctionTableTests: XCTestCase {
    func testEveryOperatorSymbolRoundTrips() {
        for symbol in ["+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "~=", "and", "or"] {
            XCTAssertEqual(BinaryOperator(symbol: symbol)?.symbol, symbol)
        }
        XCTAssertNil(BinaryOperator(symbol: "+days"))
        XCTAssertEqual(BinaryOperator(symbol: "~"), .textMatch(.contains))
    }

    func testCheckerBuildsEnumsNotStrings() throws {
        var checker = Checker(catalog: Catalog(), storeSettings: [:], lets: [:], params: [:], readOnly: true)
        let (script, _) = Parser.parse("orders | where not (order_date + 2 weeks > today() and number ~ \"a\")")
        guard case .query(let p)? = script.statements.first, let checked = try? checker.checkPipeline(p),
              case .filter(let e)? = checked.stages.first else { return XCTFail("\(checker.diagnostics)") }
        guard case .unary(.not, let inner) = e.node, case .binary(.logical(.and), let l, let r) = inner.node,
              case .binary(.comparison(.greater), let sum, let today) = l.node,
              case .binary(.addDays, _, let days) = sum.node, case .literal(.integer(14)) = days.node,
              case .function(.builtin(.today), let none) = today.node, none.isEmpty,
              case .binary(.textMatch(.contains), _, _) = r.node else { return XCTFail("\(e.node)") }
    }

    func testTableNamesAndArities() {
        XCTAssertEqual(BuiltinFunction.all.map(\.name), BuiltinFunction.ID.allCases.map(\.rawValue))
        XCTAssertEqual(BuiltinFunction.named("COALESCE")?.arity, BuiltinFunction.variadic)
        XCTAssertEqual(BuiltinFunction.named("today")?.arity, 0)
        XCTAssertNil(BuiltinFunction.named("sum"))
        XCTAssertEqual(Catalog().functionNames, ["lower", "upper", "length", "year", "month", "day", "abs", "coalesce", "today",
                                                 "month_of", "week_of", "quarter_of", "year_of",
                                                 "count", "sum", "avg", "min", "max", "share",
                                                 "running_sum", "rank", "previous", "next", "change"])
    }

    func testBuiltinTypeErrorsComeFromTheTable() throws {
        let engine = try Fixture.engine()
        XCTAssertEqual(engine.check("orders | select year(number)").map(\.message), ["year needs a date"])
        XCTAssertEqual(engine.check("orders | select abs(number)").map(\.message), ["abs needs a number"])
        XCTAssertEqual(engine.check("orders | select lower(gross)").map(\.message), ["lower needs a text"])
        XCTAssertEqual(engine.check("orders | select lower(number, 1)").map(\.message), ["lower takes 1 argument, got 2"])
        XCTAssertEqual(engine.check("orders | select coalesce(gross, \"x\")").map(\.message), ["cannot use 'coalesce' with an amount of money and a text"])
    }

    /// Each built-in's Swift implementation gives what SQLite gives for the same values.
    func testSwiftImplementationsAgreeWithSQL() throws {
        let engine = try Fixture.engine()
        let cases: [(BuiltinFunction.ID, String, [Value])] = [
            (.lower, "\"ÀБВ Ёж\"", [.text("ÀБВ Ёж")]),
            (.upper, "\"straße ёж\"", [.text("straße ёж")]),
            (.length, "\"ёжик👍🏽\"", [.text("ёжик👍🏽")]),
            (.year, "2024-02-29", [.date(CalendarDate(iso: "2024-02-29")!)]),
            (.month, "2024-02-29", [.date(CalendarDate(iso: "2024-02-29")!)]),
            (.day, "2024-02-29", [.date(CalendarDate(iso: "2024-02-29")!)]),
            (.abs, "-7", [.integer(-7)]),
            (.abs, "-2.5", [.decimal(Decimal(string: "-2.5")!)]),
            (.abs, "-12%", [.percent(Percent(basisPoints: -1200))]),
            (.coalesce, "4, 3", [.integer(4), .integer(3)]),
            (.monthOf, "2024-02-29", [.date(CalendarDate(iso: "2024-02-29")!)]),
            (.quarterOf, "2024-11-30", [.date(CalendarDate(iso: "2024-11-30")!)]),
            (.yearOf, "0999-12-31", [.date(CalendarDate(iso: "0999-12-31")!)]),
            (.weekOf, "2025-03-02", [.date(CalendarDate(iso: "2025-03-02")!)]),
            (.weekOf, "2025-03-03", [.date(CalendarDate(iso: "2025-03-03")!)]),
            (.weekOf, "2024-01-01", [.date(CalendarDate(iso: "2024-01-01")!)]),
        ]
        for (id, arguments, values) in cases {
            guard let evaluate = BuiltinFunction.function(id).evaluate else { return XCTFail("\(id) has no Swift implementation") }
            let outputs = try engine.run("clients | take 1 | select x = \(id.rawValue)(\(arguments))")
            guard case .table(let t)? = outputs.first else { return XCTFail("\(outputs)") }
            XCTAssertEqual(t.rows, [[try evaluate(values)]], "\(id.rawValue)(\(arguments))")
        }
        XCTAssertEqual(try BuiltinFunction.function(.coalesce).evaluate?([.null, .integer(3)]), .integer(3))
        XCTAssertEqual(try BuiltinFunction.function(.coalesce).evaluate?([.null, .null, .integer(2)]), .integer(2))
        XCTAssertEqual(engine.check("clients | select coalesce(region)").map(\.message), ["coalesce takes two or more arguments, got 1"])
        XCTAssertNil(BuiltinFunction.function(.today).evaluate)
        XCTAssertThrowsError(try BuiltinFunction.function(.abs).evaluate?([.integer(.min)]))
    }

    /// `help NAME` shows the example: it must be a query that checks.
    func testEveryExampleChecksAndTheLanguageDocNamesEveryFunction() throws {
        let engine = try Fixture.engine()
        let doc = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        for f in BuiltinFunction.all {
            XCTAssertEqual(engine.check(f.example).map(\.message), [], f.example)
            XCTAssertTrue(doc.contains("`\(f.name)("), "docs/language.md does not list \(f.name)")
        }
    }

    func testHostSQLPieces() {
        XCTAssertEqual(HostFunction.pieces(of: "($1 * 100) / $12 || '$' || $x"),
                       [.text("("), .argument(0), .text(" * 100) / "), .argument(11), .text(" || '$' || $x")])
        XCTAssertEqual(HostFunction.pieces(of: "$0"), [.text("$0")])
    }
}
