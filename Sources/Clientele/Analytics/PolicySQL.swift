import Foundation
import GRDB

/// The SQL of a policy evaluation: one statement per calendar year of the period, which
/// returns one row per client and category, so no order is ever loaded into Swift.
extension PolicyEvaluator {
    /// Rows: client_id, category_id, gross, discount, margin, assumption index; ordered by client.
    func yearQuery(_ policy: Policy, slice: DateRange, year: Int, db: Database) throws -> (String, SQLContext) {
        let rules = policy.enabledRules
        let ctx = segmentContext(policy, year: year)
        let cond = try conditionSelect(policy, rules: rules, ctx: ctx)
        let from = ctx.bind(slice.start), to = ctx.bind(slice.end)
        var columns: [String] = []
        for (i, r) in rules.enumerated() {
            var tests = ["k.r\(i + 1) > 0"]
            if let f = r.validFrom { tests.append("x.order_date >= \(ctx.bind(f))") }
            if let t = r.validTo { tests.append("x.order_date <= \(ctx.bind(t))") }
            if let months = r.seasonMonths {
                tests.append("\(dialect.datePart("month", "x.order_date")) IN (\(months.map { ctx.bind(.integer(Int64($0))) }.joined(separator: ", ")))")
            }
            if r.minOrderMinor > 0 { tests.append("x.order_gross >= \(ctx.bind(.integer(r.minOrderMinor)))") }
            if let c = r.category {
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM categories WHERE name = ?", arguments: [c]) ?? -1
                tests.append("x.category_id = \(ctx.bind(.integer(id)))")
            }
            columns.append("CASE WHEN \(tests.joined(separator: " AND ")) THEN k.r\(i + 1) ELSE 0 END AS x\(i + 1)")
        }
        let combined = combination(rules, ctx: ctx)
        let ctes = ctx.withClause()
        let with = ctes.isEmpty ? "WITH " : String(ctes.dropLast()) + ",\n     "
        let sql = with + """
        cond AS MATERIALIZED (\(cond)),
             lines AS (
               SELECT o.id AS order_id, o.client_id, o.order_date, o.gross_minor AS order_gross, l.category_id,
                      COALESCE(SUM(l.gross_minor), o.gross_minor) AS g
               FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
               WHERE o.status = 'shipped' AND o.order_date BETWEEN \(from) AND \(to)
               GROUP BY o.id, l.category_id)
        SELECT client_id, category_id, SUM(g) AS gross, SUM(d) AS discount,
               SUM(\(dialect.roundedDivide("(g - d) * m", "10000"))) AS margin, MAX(assume) AS assume
        FROM (SELECT client_id, category_id, g, m, assume, \(dialect.roundedDivide("g * (\(combined))", "10000")) AS d
              FROM (SELECT x.client_id, x.category_id, x.g, COALESCE(cat.margin_bp, 0) AS m, k.assume\(columns.map { ", " + $0 }.joined())
                    FROM lines x JOIN cond k ON k.client_id = x.client_id
                    LEFT JOIN categories cat ON cat.id = x.category_id))
        GROUP BY client_id, category_id
        ORDER BY client_id, category_id
        """
        return (sql, ctx)
    }

    /// The combination of the rules' discounts (columns x1...xN) for one order line:
    /// the first applicable exclusive rule alone; otherwise the best of the best-of rules
    /// plus the stacking rules, the sum limited by the smallest cap among the applicable
    /// stacking rules but never below the best single discount; at most 100%.
    func combination(_ rules: [DiscountRule], ctx: SQLContext) -> String {
        func x(_ r: DiscountRule) -> String { "x\(rules.firstIndex(of: r)! + 1)" }
        let exclusive = rules.filter { $0.combine == .exclusive }
        let best = rules.filter { $0.combine == .best }
        let stack = rules.filter { $0.combine == .stack }
        let bestSQL = best.isEmpty ? "0" : "MAX(0, " + best.map(x).joined(separator: ", ") + ")"
        let stackSQL = stack.isEmpty ? "0" : "(" + stack.map(x).joined(separator: " + ") + ")"
        let caps = stack.compactMap { r in r.stackCapBP.map { "CASE WHEN \(x(r)) > 0 THEN \(ctx.bind(.integer($0))) ELSE 10000 END" } }
        let capSQL = "MIN(10000, " + (caps.isEmpty ? "10000" : caps.joined(separator: ", ")) + ")"
        var sql = stack.isEmpty ? "MIN(10000, \(bestSQL))" : "MAX(\(bestSQL), MIN(\(bestSQL) + \(stackSQL), \(capSQL)))"
        if !exclusive.isEmpty {
            sql = "CASE " + exclusive.map { "WHEN \(x($0)) > 0 THEN \(x($0))" }.joined(separator: " ") + " ELSE \(sql) END"
        }
        return sql
    }

    /// The ABC class of every client with purchases over the period, under the policy's
    /// settings (a threshold change in a scenario moves clients here).
    func classes(_ policy: Policy, period: DateRange, db: Database) throws -> [Int64: String] {
        let ctx = SQLContext(dialect: dialect, today: period.end, defaultPeriod: .range(period.start.iso, period.end.iso),
                             settings: policy.settings)
        let clients = Catalog.standard.object("clients")!
        var q = SelectBuilder(object: clients, context: ctx)
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        let abc = TypedExpr(node: .field(FieldPath(hops: [], field: clients.field("abc")!, owner: clients, period: nil)), type: .label, span: zero)
        let sql = try ExpressionCompiler(context: ctx).compile(abc, in: &q)
        q.projection = [("id", "\(q.objectAlias!).id"), ("class", sql)]
        q.wheres.append("\(sql) IS NOT NULL")
        var out: [Int64: String] = [:]
        let cursor = try Row.fetchCursor(db, sql: ctx.withClause() + q.sql(ctx), arguments: ctx.statementArguments)
        while let row = try cursor.next() { out[row[0]] = row[1] }
        return out
    }

    /// The same combination in Swift, for `explain discount`: the result and how it came about.
    static func combine(_ applicable: [(rule: DiscountRule, bp: Int64)]) -> (bp: Int64, how: String) {
        let live = applicable.filter { $0.bp > 0 }.sorted { ($0.rule.priority, $0.rule.name) < ($1.rule.priority, $1.rule.name) }
        if live.isEmpty { return (0, "no rule applies") }
        if let e = live.first(where: { $0.rule.combine == .exclusive }) {
            return (e.bp, "\"\(e.rule.name)\" is exclusive: \(Percent(basisPoints: e.bp)) alone")
        }
        let best = live.filter { $0.rule.combine == .best }.max { $0.bp < $1.bp || ($0.bp == $1.bp && $0.rule.priority > $1.rule.priority) }
        let stack = live.filter { $0.rule.combine == .stack }
        let bestBP = best?.bp ?? 0
        let sum = bestBP + stack.reduce(0) { $0 + $1.bp }
        let cap = min(10_000, stack.compactMap(\.rule.stackCapBP).min() ?? 10_000)
        let total = min(10_000, max(bestBP, min(sum, cap)))
        var parts: [String] = []
        if let best { parts.append("best of: \"\(best.rule.name)\" \(Percent(basisPoints: best.bp))") }
        if !stack.isEmpty { parts.append("stacked: " + stack.map { "\"\($0.rule.name)\" \(Percent(basisPoints: $0.bp))" }.joined(separator: " + ")) }
        var how = parts.joined(separator: "; ")
        if sum > cap && cap < 10_000 { how += "; capped at \(Percent(basisPoints: cap))" }
        return (total, how + " = \(Percent(basisPoints: total))")
    }
}
