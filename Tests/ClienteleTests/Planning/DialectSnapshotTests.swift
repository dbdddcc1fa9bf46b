import XCTest
import GRDB
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport

/// The SQL of every query-like statement of the golden scripts, printed per dialect on the
/// SQL path (no order facts, no order scan, no grouping in memory), pinned in
/// Golden/sql/NAME.DIALECT.sql. The SQLite files pin the text the store runs (so its plans);
/// the PostgreSQL files show what issue #17's server will be sent.
/// Run with CLIENTELE_UPDATE_GOLDEN=1 to rewrite them, then review the diff.
final class DialectSnapshotTests: XCTestCase {
    static let directory = Fixture.goldenDirectory.appendingPathComponent("sql")

    func testGoldenScriptsSQLPerDialect() throws {
        // The golden scripts, and SQL-only scripts (Golden/sql/*.clq) for what they do not reach.
        let golden = try FileManager.default.contentsOfDirectory(atPath: Fixture.goldenDirectory.path)
            .filter { $0.hasSuffix(".clq") }.sorted().map { Fixture.goldenDirectory.appendingPathComponent($0) }
        let sqlOnly = try FileManager.default.contentsOfDirectory(atPath: DialectSnapshotTests.directory.path)
            .filter { $0.hasSuffix(".clq") }.sorted().map { DialectSnapshotTests.directory.appendingPathComponent($0) }
        XCTAssertGreaterThanOrEqual(golden.count, 5, "golden scripts are missing")
        XCTAssertGreaterThanOrEqual(sqlOnly.count, 1, "SQL-only scripts are missing")
        let update = ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1"
        var statements = 0
        for url in golden + sqlOnly {
            let file = url.lastPathComponent
            let script = try String(contentsOf: url, encoding: .utf8)
            let snapshots = try DialectSnapshotTests.snapshots(of: script)
            statements += snapshots.count
            let name = file.replacingOccurrences(of: ".clq", with: "")
            for (dialect, text) in DialectSnapshotTests.render(snapshots) {
                let url = DialectSnapshotTests.directory.appendingPathComponent("\(name).\(dialect).sql")
                if update {
                    try FileManager.default.createDirectory(at: DialectSnapshotTests.directory, withIntermediateDirectories: true)
                    try text.write(to: url, atomically: true, encoding: .utf8)
                    continue
                }
                let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing \(url.lastPathComponent))"
                if text != expected {
                    let a = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                    let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
                    XCTFail("\(url.lastPathComponent) differs at line \(line + 1):\n  expected: \(line < e.count ? String(e[line]) : "<end>")\n  actual:   \(line < a.count ? String(a[line]) : "<end>")")
                }
            }
        }
        XCTAssertGreaterThan(statements, 50)
    }

    /// The statement a comparison runs per year (PolicySQL), for the fixture's rules and a
    /// scenario with every kind of rule (tiers, a category, dates, months, a minimum order,
    /// exclusive and stacking rules, an assumption) and other ABC settings, on the SQL path.
    func testPolicyEvaluationSQLPerDialect() throws {
        let engine = try Fixture.engine()
        let year = DateRange(start: CalendarDate(iso: "2025-01-01")!, end: CalendarDate(iso: "2025-12-31")!)
        try engine.store.readTransaction { tx in
            let baseline = try Policy.baseline(tx)
            var scenario = baseline
            scenario.name = "every kind"
            scenario.settings.values["abc.method"] = ("label", "share")
            scenario.rules += [
                DiscountRule(name: "Tiers", condition: "region == \"North\"", tiers: [DiscountTier(fromMinor: 0, bp: 0), DiscountTier(fromMinor: 10000, bp: 200)],
                             tierBasis: "avg_order"),
                DiscountRule(name: "Watches", category: "watches", percentBP: 300, validFrom: year.start, validTo: year.end,
                             seasonMonths: [1, 2], minOrderMinor: 5000, combine: .stack, stackCapBP: 1000),
                DiscountRule(name: "Key", condition: "importance == \"key\"", percentBP: 1500, combine: .exclusive),
            ]
            scenario.assumptions = [(elasticityBP: 150, condition: "abc == \"A\"")]
            var text: [(String, String)] = []
            for (name, dialect) in DialectSnapshotTests.dialects {
                let (sql, _) = try PolicyEvaluator(dialect: dialect).yearQuery([baseline, scenario], slice: year, year: 2025, tx: tx)
                text.append((name, "-- compare baseline, \"every kind\" over 2025\n" + sql + ";\n"))
            }
            XCTAssertNotEqual(text[0].1, text[1].1)
            let update = ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1"
            for (dialect, sql) in text {
                let url = DialectSnapshotTests.directory.appendingPathComponent("compare.\(dialect).sql")
                if update { try sql.write(to: url, atomically: true, encoding: .utf8); continue }
                XCTAssertEqual(sql, (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing \(url.lastPathComponent))", url.lastPathComponent)
            }
        }
    }

    /// One statement's SQL in each dialect.
    struct Snapshot {
        var source: String
        var sql: [(dialect: String, text: String)]
    }

    static func render(_ snapshots: [Snapshot]) -> [(String, String)] {
        let dialects = snapshots.first?.sql.map(\.dialect) ?? []
        return dialects.enumerated().map { (i, dialect) in
            (dialect, snapshots.map { "-- " + $0.source + "\n" + $0.sql[i].text + ";\n" }.joined(separator: "\n"))
        }
    }

    /// Runs the script chunk by chunk as the golden test does (so settings, lets, today and
    /// mutations are as there), and before each chunk runs, compiles its query-like statements.
    static func snapshots(of script: String) throws -> [Snapshot] {
        let engine = try Fixture.engine()
        engine.store.facts.currentMode = .off
        var out: [Snapshot] = []
        for chunk in script.components(separatedBy: "\n---\n") {
            let source = chunk.trimmingCharacters(in: .newlines)
            if source.isEmpty { continue }
            if let (statements, spans) = try? engine.prepare(source, origin: "golden") {
                var interpreter = Interpreter(engine: engine, session: engine.session)
                try engine.store.read { db in
                    for (statement, span) in zip(statements, spans) {
                        let line = DialectSnapshotTests.line(of: span, in: source)
                        if let sql = try? DialectSnapshotTests.sql(of: statement, interpreter: interpreter, db: db) {
                            out.append(Snapshot(source: line, sql: sql))
                        }
                        switch statement {
                        case .setSession, .setSessionSetting, .letBinding: _ = try? interpreter.execute(statement, in: SQLiteTransaction(db))
                        default: break
                        }
                    }
                }
            }
            _ = engine.transcript(source, origin: "golden")
        }
        return out
    }

    static func line(of span: SourceSpan, in source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return span.line - 1 < lines.count ? String(lines[span.line - 1]) : ""
    }

    /// The SQL context of the statement's SQL path: no facts, no scan, no grouping in memory.
    static func context(_ interpreter: Interpreter, dialect: SQLDialect, db: Database) throws -> SQLContext {
        let context = try SQLContext(dialect: dialect, today: interpreter.session.today, defaultPeriod: interpreter.session.period,
                                     settings: try StoreSettings.load(db).overlaid(interpreter.session.settings))
            .usePaymentFacts(try SQLiteTransaction(db).paymentFactsAreCurrent(today: interpreter.session.today))
        context.groupsInMemory = false
        return context
    }

    static let dialects: [(name: String, dialect: SQLDialect)] = [("sqlite", SQLiteDialect()), ("postgres", PostgreSQLDialect())]

    static func sql(of statement: CheckedStatement, interpreter: Interpreter, db: Database) throws -> [(dialect: String, text: String)]? {
        var out: [(String, String)] = []
        for (name, dialect) in DialectSnapshotTests.dialects {
            let context = try DialectSnapshotTests.context(interpreter, dialect: dialect, db: db)
            let compiler = PipelineCompiler(context: context)
            let select: SQLSelect
            switch statement {
            case .query(let p, _), .explain(let p), .export(let p, _, _):
                let compiled = try compiler.compile(p)
                XCTAssertEqual(compiled.sql, try dialect.print(compiled.select).text)
                select = compiled.select
            case .update(let p, _), .delete(let p):
                select = try compiler.compileRowIDs(p)
            default:
                return nil
            }
            let printed = try dialect.print(select)
            let parameters = printed.parameters.enumerated().map { (i, p) in
                "-- " + dialect.placeholder(p, position: i + 1) + " = " + DialectSnapshotTests.describe(p.value)
            }
            out.append((name, (parameters.isEmpty ? "" : parameters.joined(separator: "\n") + "\n") + printed.text))
        }
        return out
    }

    static func describe(_ v: SQLValue) -> String {
        switch v {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .real, .blob: return v.description
        }
    }
}
