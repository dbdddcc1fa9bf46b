import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// The SQL tree and its printers: what each dialect writes for the semantic nodes, how
/// parameters are numbered, what is refused, and CTEs shared by structural equality.
final class SQLPrinterTests: XCTestCase {
    let sqlite = SQLiteDialect()
    let postgres = PostgreSQLDialect()

    func parameter(_ name: String, _ value: SQLValue) -> SQLExpr { .parameter(SQLParameter(name: name, value: value)) }

    func testPostgreSQLNumbersParametersInOrderOfFirstUseAndReusesANumber() throws {
        let a = parameter("p7", .text("2025-01-01")), b = parameter("p3", .integer(5))
        let select = SQLSelect([SQLSelectItem(.column("id"))], from: .table("orders"),
                               where: .conjunction([.bin(.less, .column("due_date"), a), .bin(.greater, .column("net_minor"), b),
                                                    .bin(.greaterOrEqual, .column("order_date"), a)]))
        let printed = try postgres.print(select)
        XCTAssertEqual(printed.text, "SELECT id FROM orders WHERE due_date < $1 AND net_minor > $2 AND order_date >= $1")
        XCTAssertEqual(printed.parameters.map(\.value), [.text("2025-01-01"), .integer(5)])
        XCTAssertEqual(try sqlite.print(select).text, "SELECT id FROM orders WHERE due_date < :p7 AND net_minor > :p3 AND order_date >= :p7")
    }

    func testEachDialectSpellsTheSemanticNodes() throws {
        let d = SQLExpr.column("d"), n = SQLExpr.column("n")
        let cases: [(SQLExpr, String, String)] = [
            (.call(.daysBetween, .column("a"), .column("b")), "CAST(julianday(b) - julianday(a) AS INTEGER)", "(b - a)"),
            (.call(.addDays, d, n), "date(d, printf('%+d days', n))", "(d + CAST(n AS INTEGER))"),
            (.call(.datePart(.month), d), "CAST(strftime('%m', d) AS INTEGER)", "CAST(EXTRACT(MONTH FROM d) AS INTEGER)"),
            (.call(.greatest, .integer(0), n), "MAX(0, n)", "GREATEST(0, n)"),
            (.call(.least, .integer(10000), n), "MIN(10000, n)", "LEAST(10000, n)"),
            (.call(.roundedDivide, d, n), "CLIENTELE_RDIV(d, n)", "clientele_rdiv(d, n)"),
            (.call(.containsIgnoringCase, d, n), "CLIENTELE_CONTAINS(d, n)", "clientele_contains(d, n)"),
            (.call(.foldCase, d), "CLIENTELE_FOLD(d)", "clientele_fold(d)"),
            (.call(.addDaysChecked, d, n), "CLIENTELE_ADD_DAYS(d, n)", "clientele_add_days(d, n)"),
            (.call(.daysToAnniversary, d, n), "CLIENTELE_ANNIVERSARY_DAYS(d, n)", "clientele_anniversary_days(d, n)"),
            (.call(.exact, n), "CLIENTELE_EXACT(n)", "clientele_exact(n)"),
            (.call(.now), "datetime('now')", "LOCALTIMESTAMP(0)"),
            (.aggregate(.countWhere, .bin(.greater, n, .integer(0)), distinct: false), "SUM(n > 0)", "COUNT(*) FILTER (WHERE n > 0)"),
            (.textOrdering(.column("name")), "name COLLATE CLIENTELE_NOCASE", "name COLLATE clientele_ci"),
            (.boolean(true), "1", "TRUE"),
        ]
        for (e, lite, pg) in cases {
            XCTAssertEqual(try sqlite.print(e).text, lite)
            XCTAssertEqual(try postgres.print(e).text, pg)
        }
    }

    func testStatementShapesPerDialect() throws {
        var orders = SQLFrom.table("orders", "o", explicitAs: false)
        orders.notIndexed = true
        var s = SQLSelect([SQLSelectItem(.q("o", "id"))], from: orders,
                          joins: [SQLJoin(.ordered, .table("conds", "k", explicitAs: false), on: .bin(.equal, .q("k", "client_id"), .q("o", "client_id")))])
        s.offset = 10
        XCTAssertEqual(try sqlite.print(s).text, "SELECT o.id FROM orders o NOT INDEXED CROSS JOIN conds k ON k.client_id = o.client_id LIMIT -1 OFFSET 10")
        XCTAssertEqual(try postgres.print(s).text, "SELECT o.id FROM orders o JOIN conds k ON k.client_id = o.client_id LIMIT ALL OFFSET 10")
        // A sub-select without a name gets one where PostgreSQL needs it.
        let count = SQLSelect([SQLSelectItem(.count(), as: "col1")], from: SQLFrom(.select(SQLSelect([SQLSelectItem(.column("id"))], from: .table("clients")))))
        XCTAssertEqual(try sqlite.print(count).text, "SELECT COUNT(*) AS col1 FROM (SELECT id FROM clients)")
        XCTAssertEqual(try postgres.print(count).text, "SELECT COUNT(*) AS col1 FROM (SELECT id FROM clients) AS subquery1")
        // PostgreSQL orders by an output name only bare: the collated key is the column's expression.
        let grouped = SQLSelect([SQLSelectItem(.q("c", "region"), as: "col1")], from: .table("clients", "c"), groupBy: [.q("c", "region")],
                                orderBy: [SQLOrdering(.textOrdering(.column("col1")), nullsLast: true)])
        XCTAssertTrue(try sqlite.print(grouped).text.hasSuffix("ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST"))
        XCTAssertTrue(try postgres.print(grouped).text.hasSuffix("ORDER BY c.region COLLATE clientele_ci NULLS LAST"))
        let update = SQLMutation.update(table: "clients", alias: "c1", set: [SQLAssignment("updated_at", .call(.now))],
                                        where: .bin(.equal, .q("c1", "id"), parameter("p1", .integer(3))))
        XCTAssertEqual(try postgres.print(update).text, "UPDATE clients AS c1 SET updated_at = LOCALTIMESTAMP(0) WHERE c1.id = $1")
    }

    /// The engine registers its functions under the names the SQLite printer writes.
    func testSQLiteNamesAreTheOnesTheStoreRegisters() {
        XCTAssertEqual(SQLiteDialect.collation, UnicodeText.collationName)
        XCTAssertEqual(SQLiteDialect.computedTableFunction, FactsTable.tableName)
        XCTAssertEqual(SQLiteDialect.computedColumnFunction, FactsTable.functionName)
    }

    func testPostgreSQLRefusesColumnsComputedInSwift() throws {
        let engine = try Fixture.engine()
        engine.store.facts.currentMode = .always
        let pipeline = try engine.checkedPipeline("clients | select name, turnover, abc")
        try engine.store.read { db in
            var interpreter = Interpreter(engine: engine, session: engine.session)
            // The measure source the runtime hands each statement (Interpreter.execute).
            interpreter.measures = engine.store.measureSource(in: SQLiteTransaction(db))
            let context = interpreter.attachFacts(SQLContext(dialect: PostgreSQLDialect(), today: engine.session.today,
                                                             defaultPeriod: engine.session.period, settings: try StoreSettings.load(db)))
            XCTAssertThrowsError(try PipelineCompiler(context: context).compile(pipeline)) { error in
                guard case SQLDialectError.unsupported(let dialect, _)? = error as? SQLDialectError else { return XCTFail("\(error)") }
                XCTAssertEqual(dialect, "PostgreSQL")
            }
            // The same on the SQL path prints.
            let sqlPath = SQLContext(dialect: PostgreSQLDialect(), today: engine.session.today, defaultPeriod: engine.session.period,
                                     settings: try StoreSettings.load(db))
            sqlPath.groupsInMemory = false
            let sql = try PipelineCompiler(context: sqlPath).compile(pipeline).sql
            XCTAssertTrue(sql.hasPrefix("WITH sales") && sql.contains("$1"), sql)
        }
    }

    func testSubSelectsNestedTooDeeplyAreRefusedNotOverflowed() throws {
        var s = SQLSelect([SQLSelectItem(.column("id"))], from: .table("clients"))
        for _ in 0..<SQLSelect.maximumNesting {
            s = SQLSelect([SQLSelectItem(.column("id"))], from: .table("clients"), where: .inSelect(.column("id"), s, negated: false))
        }
        XCTAssertThrowsError(try sqlite.print(s)) { error in
            XCTAssertEqual("\(error)", "this query is too complex for SQLite to run (parser stack overflow); use fewer stages, columns or conditions")
        }
        let engine = try Fixture.engine()
        let pipeline = try engine.checkedPipeline("clients" + String(repeating: " | where id > 0 | take 5", count: 500))
        try engine.store.read { db in
            let context = SQLContext(dialect: SQLiteDialect(), today: engine.session.today, defaultPeriod: engine.session.period,
                                     settings: try StoreSettings.load(db))
            XCTAssertThrowsError(try PipelineCompiler(context: context).compile(pipeline)) { XCTAssertTrue($0 is SQLDialectError) }
        }
    }

    /// Two contexts compile the same year's sales with different names; the statement keeps
    /// one CTE and the second context's readers read it.
    func testSharedCTEsAreFoundByStructuralEquality() throws {
        let engine = try Fixture.engine()
        try engine.store.read { db in
            let settings = try StoreSettings.load(db)
            let contexts = ["", "s1_"].map {
                SQLContext(dialect: SQLiteDialect(), today: engine.session.today, defaultPeriod: .year(2025), settings: settings, namespace: $0)
            }
            let clients = CatalogObjects.clients
            var selects: [SQLSelect] = []
            for ctx in contexts {
                var q = SelectBuilder(object: clients, context: ctx)
                let turnover = try ExpressionCompiler(context: ctx).compile(CrossTab.clientField("turnover", span: SourceSpan(line: 0, column: 0, length: 0, offset: 0)), in: &q)
                q.projection = [("t", turnover)]
                selects.append(q.select())
            }
            XCTAssertEqual(contexts[0].ctes.first?.select, contexts[1].ctes.first?.select, "equal by value, whatever the parameter names")
            XCTAssertNotEqual(contexts[0].ctes.first?.name, contexts[1].ctes.first?.name)
            let shared = SharedCTEs(contexts)
            XCTAssertEqual(shared.ctes.map(\.name), ["sales2"])
            let second = try SQLiteDialect().print(shared.renamed(selects[1])).text
            XCTAssertTrue(second.contains("LEFT JOIN sales2 AS s1_j5"), second)
            XCTAssertFalse(second.contains("s1_sales2"), second)
        }
    }
}
