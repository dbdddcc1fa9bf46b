import ClienteleCore

/// The SQL of a policy evaluation: one statement per calendar year of the period, which
/// evaluates every policy of a comparison at once and returns one row per order line with
/// each policy's rate (summed as they stream by PolicySums, never held), so the orders are
/// read once for all policies.
extension PolicyEvaluator {
    /// The contexts segments are evaluated in for orders of `year`, one per policy. Policies
    /// with the same settings share a context, and so share its common table expressions
    /// (sales, first deals... of the previous year); the others get their own namespace.
    func segmentContexts(_ policies: [Policy], year: Int, tx: (any StoreTransaction)? = nil) -> [SQLContext] {
        var distinct: [(settings: StoreSettings, context: SQLContext)] = []
        return policies.map { p in
            if let shared = distinct.first(where: { $0.settings.sameValues(as: p.settings) }) { return shared.context }
            let ctx = segmentContext(p, year: year, namespace: distinct.isEmpty ? "" : "s\(distinct.count)_", tx: tx)
            distinct.append((p.settings, ctx))
            return ctx
        }
    }

    /// Rows: one per order line (an order without lines: one row of no category, its gross),
    /// in order id order: order id, client id, category id, gross, the order's recorded
    /// discount (on each of its rows; counted once per order), then for each policy the
    /// client's assumption index (1-based, 0: none) and the line's discount rate in basis
    /// points. PolicySums sums them per order and category, rounds and totals per client.
    ///
    /// Shape: every policy's client conditions are evaluated once per client (`condN`) and
    /// gathered in one row per client (`conds`); a policy whose rules have no order-level
    /// limits gets its combined rate there too, the others per line. The orders of the slice
    /// are read in a full scan in storage order (which for a period of months reads far less
    /// than probing the period index and then each order row at random), so the order id
    /// order costs no sort, and nothing is grouped or sorted in SQL: SQLite's sorter over
    /// every line was most of the time and memory of a comparison.
    func yearQuery(_ policies: [Policy], slice: DateRange, year: Int, tx: any StoreTransaction) throws -> (String, SQLArguments) {
        let contexts = segmentContexts(policies, year: year, tx: tx)
        var conds: [SQLCommonTable] = [], joins: [SQLJoin] = [], perClient: [SQLSelectItem] = [SQLSelectItem(.q("k1", "client_id"))]
        var columns: [SQLSelectItem] = []
        var categoryIDs: [String: Int64] = [:]
        for (p, policy) in policies.enumerated() {
            let ctx = contexts[p], n = p + 1, k = "k\(n)"
            let rules = policy.enabledRules
            conds.append(SQLCommonTable(name: "cond\(n)", select: try conditionSelect(policy, rules: rules, ctx: ctx), materialized: true))
            if n > 1 { joins.append(SQLJoin(.inner, .table("cond\(n)", k, explicitAs: false), on: .bin(.equal, .q(k, "client_id"), .q("k1", "client_id")))) }
            perClient.append(SQLSelectItem(.q(k, "assume"), as: "a\(n)"))
            columns.append(SQLSelectItem(.q("k", "a\(n)")))
            // Each rule's discount for the client when its condition holds, when also the order-level limits hold.
            var lineTests: [[SQLExpr]] = []
            for r in rules {
                var tests: [SQLExpr] = []
                if let f = r.validFrom { tests.append(.bin(.greaterOrEqual, .q("o", "order_date"), ctx.bind(f))) }
                if let t = r.validTo { tests.append(.bin(.lessOrEqual, .q("o", "order_date"), ctx.bind(t))) }
                if let months = r.seasonMonths {
                    tests.append(.inList(.call(.datePart(.month), .q("o", "order_date")), months.map { ctx.bind(.integer(Int64($0))) }, negated: false))
                }
                if r.minOrderMinor > 0 { tests.append(.bin(.greaterOrEqual, .q("o", "gross_minor"), ctx.bind(.integer(r.minOrderMinor)))) }
                if let c = r.category {
                    if categoryIDs[c] == nil {
                        categoryIDs[c] = try tx.fetchOne("SELECT id FROM categories WHERE name = ?", .positional([.text(c)]))?.first.flatMap(ResultReader.integer) ?? -1
                    }
                    tests.append(.bin(.equal, .q("l", "category_id"), ctx.bind(.integer(categoryIDs[c] ?? -1))))
                }
                lineTests.append(tests)
            }
            if lineTests.allSatisfy(\.isEmpty) {
                let combined = combination(rules, ctx: ctx) { i in
                    let rate = SQLExpr.q(k, "r\(i + 1)")
                    return .when(.bin(.greater, rate, .integer(0)), rate, else: .integer(0))
                }
                perClient.append(SQLSelectItem(combined, as: "b\(n)"))
                columns.append(SQLSelectItem(.q("k", "b\(n)")))
            } else {
                // Each rule's rate for the line, inline (it depends on the order and the category).
                for i in rules.indices { perClient.append(SQLSelectItem(.q(k, "r\(i + 1)"), as: "r\(n)_\(i + 1)")) }
                columns.append(SQLSelectItem(combination(rules, ctx: ctx) { i in
                    let rate = SQLExpr.q("k", "r\(n)_\(i + 1)")
                    return .grouped(.when(.conjunction([.bin(.greater, rate, .integer(0))] + lineTests[i]), rate, else: .integer(0)))
                }))
            }
        }
        let main = contexts[0]
        let from = main.bind(slice.start), to = main.bind(slice.end)
        let shared = SharedCTEs(contexts)
        var ctes = shared.ctes + conds.map { SQLCommonTable(name: $0.name, select: shared.renamed($0.select), materialized: true) }
        ctes.append(SQLCommonTable(name: "conds", select: SQLSelect(perClient, from: .table("cond1", "k1", explicitAs: false), joins: joins),
                                   materialized: true))
        var orders = SQLFrom.table("orders", "o", explicitAs: false)
        orders.notIndexed = try scansOrders(slice, tx: tx)
        var select = SQLSelect([SQLSelectItem(.q("o", "id")), SQLSelectItem(.q("o", "client_id")), SQLSelectItem(.q("l", "category_id")),
                                SQLSelectItem(.coalesce(.q("l", "gross_minor"), .q("o", "gross_minor"))),
                                SQLSelectItem(.q("o", "discount_minor"))] + columns,
                               from: orders,
                               joins: [SQLJoin(.left, .table("order_lines", "l", explicitAs: false), on: .bin(.equal, .q("l", "order_id"), .q("o", "id"))),
                                       SQLJoin(.ordered, .table("conds", "k", explicitAs: false), on: .bin(.equal, .q("k", "client_id"), .q("o", "client_id")))],
                               where: .conjunction([.bin(.equal, .q("o", "status"), .text("shipped")),
                                                    .between(.q("o", "order_date"), from, to, negated: false)]),
                               orderBy: [SQLOrdering(.q("o", "id"))], layout: .lines)
        select.with = ctes
        let printed = try dialect.print(select)
        return (printed.text, printed.arguments(in: dialect))
    }

    /// Whether to read the orders of a slice by scanning the whole table in storage order
    /// rather than through the date index: the index leads to each order row at random, which
    /// costs far more per order than reading them in a row, so the scan wins unless the slice
    /// is a small part of the history (measured on the bench stores: already at a month of two
    /// years). Two index probes; the answer only changes the speed, never the result.
    func scansOrders(_ slice: DateRange, tx: any StoreTransaction) throws -> Bool {
        func date(_ sql: String) throws -> CalendarDate? {
            try tx.fetchOne(sql)?.first.flatMap(ResultReader.text).flatMap(CalendarDate.init(iso:))
        }
        guard let first = try date("SELECT MIN(order_date) FROM orders"), let last = try date("SELECT MAX(order_date) FROM orders") else { return false }
        let covered = max(0, max(slice.start, first).days(until: min(slice.end, last)) + 1)
        return covered * 32 >= first.days(until: last) + 1
    }

    /// The combination of the rules' discounts (columns named by `column(rule index)`) for
    /// one order line:
    /// the first applicable exclusive rule alone; otherwise the best of the best-of rules
    /// plus the stacking rules, the sum limited by the smallest cap among the applicable
    /// stacking rules but never below the best single discount; at most 100%.
    /// `MAX(a, b, ...)` of any number of arguments: SQLite takes at most 127 per call, so
    /// longer lists become calls of calls (MAX of MAXes of 100 each).
    static func nested(_ function: SQLFunction, _ arguments: [SQLExpr]) -> SQLExpr {
        let limit = 100
        if arguments.count <= limit { return .call(function, arguments) }
        let chunks = stride(from: 0, to: arguments.count, by: limit).map { Array(arguments[$0..<min($0 + limit, arguments.count)]) }
        return nested(function, chunks.map { $0.count == 1 ? $0[0] : nested(function, $0) })
    }

    func combination(_ rules: [DiscountRule], ctx: SQLContext, column: (Int) -> SQLExpr) -> SQLExpr {
        func x(_ r: DiscountRule) -> SQLExpr { column(rules.firstIndex(of: r) ?? 0) }
        let exclusive = rules.filter { $0.combine == .exclusive }
        let best = rules.filter { $0.combine == .best }
        let stack = rules.filter { $0.combine == .stack }
        let bestSQL: SQLExpr = best.isEmpty ? .integer(0) : PolicyEvaluator.nested(.greatest, [.integer(0)] + best.map(x))
        let stackSQL: SQLExpr = stack.isEmpty ? .integer(0) : .grouped(stack.map(x).dropFirst().reduce(x(stack[0])) { .bin(.plus, $0, $1) })
        let caps: [SQLExpr] = stack.compactMap { r in
            r.stackCapBP.map { .when(.bin(.greater, x(r), .integer(0)), ctx.bind(.integer($0)), else: .integer(10000)) }
        }
        let capSQL = PolicyEvaluator.nested(.least, [.integer(10000)] + (caps.isEmpty ? [.integer(10000)] : caps))
        var sql: SQLExpr = stack.isEmpty ? .call(.least, .integer(10000), bestSQL)
            : .call(.greatest, bestSQL, .call(.least, .bin(.plus, bestSQL, stackSQL), capSQL))
        if !exclusive.isEmpty {
            sql = .caseWhen(exclusive.map { SQLWhen(.bin(.greater, x($0), .integer(0)), x($0)) }, else: sql)
        }
        return sql
    }

    /// The ABC class of every client with purchases over the period, under each of the
    /// given settings (a threshold change in a scenario moves clients here); one statement.
    func classes(_ settings: [StoreSettings], period: DateRange, clients: ClientList, tx: any StoreTransaction) throws -> [ClientLabels] {
        let object = CatalogObjects.clients
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        let abc = TypedExpr(node: .field(FieldPath(hops: [], field: object.field("abc")!, owner: object, period: nil)), type: .label, span: zero)
        var contexts: [SQLContext] = [], selects: [SQLSelect] = []
        for (i, s) in settings.enumerated() {
            let ctx = attachFacts(SQLContext(dialect: dialect, today: period.end, defaultPeriod: .range(period.start.iso, period.end.iso),
                                             settings: s, namespace: i == 0 ? "" : "s\(i)_"), tx: tx)
            var q = SelectBuilder(object: object, context: ctx)
            let sql = try ExpressionCompiler(context: ctx).compile(abc, in: &q)
            q.projection = [("id", .q(q.objectAlias!, "id")), ("class", sql)]
            contexts.append(ctx)
            selects.append(q.select())
        }
        var out = Array(repeating: ClientLabels(clients: clients), count: settings.count)
        var times = PhaseTimes()
        for ctx in contexts { try ctx.computeMeasures() }
        times.mark("measures")
        // Classes that are a measure computed in Swift: read from it, with no statement.
        var remaining = Array(settings.indices)
        if let measures, swiftConditions {
            remaining = try remaining.filter { i in
                guard var swift = SwiftClientSelect(selects[i], measures: measures, clients: clients),
                      case .labels(let codes, let names)? = swift.evaluate(selects[i].columns[1].expression) else { return true }
                for p in 0..<clients.count where codes[p] >= 0 { try out[i].set(names[Int(codes[p])], at: p) }
                return false
            }
            times.mark("in Swift")
        }
        // With the measures computed in Swift, one statement per settings (a scan of the
        // clients each; their join by client cost SQLite more); else one, the settings' CTEs
        // shared and their classes joined by client.
        var statements: [(SQLSelect, [Int])] = []
        if remaining.count < settings.count || (contexts.contains(where: { $0.measures != nil }) && settings.count > 1) {
            for i in remaining {
                let shared = SharedCTEs([contexts[i]])
                var select = shared.renamed(selects[i])
                select.with = shared.ctes
                statements.append((select, [i]))
            }
        } else {
            let shared = SharedCTEs(contexts)
            let ctes = shared.ctes + selects.enumerated().map { SQLCommonTable(name: "classes\($0.offset + 1)", select: shared.renamed($0.element)) }
            let joins = settings.indices.dropFirst().map {
                SQLJoin(.inner, .table("classes\($0 + 1)", "k\($0 + 1)", explicitAs: false), on: .bin(.equal, .q("k\($0 + 1)", "id"), .q("k1", "id")))
            }
            var select = SQLSelect([SQLSelectItem(.q("k1", "id"))] + settings.indices.map { SQLSelectItem(.q("k\($0 + 1)", "class")) },
                                   from: .table("classes1", "k1", explicitAs: false), joins: joins)
            select.with = ctes
            statements.append((select, Array(settings.indices)))
        }
        let printed = try statements.map { (try dialect.print($0.0), $0.1) }
        for (statement, columns) in printed {
            try tx.stream(statement.text, statement.arguments(in: dialect)) { row in
                guard let id = ResultReader.integer(row[0]), let position = clients.position(of: id) else { return }
                for (j, i) in columns.enumerated() { try out[i].set(ResultReader.text(row[j + 1]), at: position) }
            }
        }
        times.mark("statement")
        times.report("classes")
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

/// The common table expressions of several contexts, for one statement. A CTE equal (as a
/// tree, its parameters compared by value) to an earlier one once its references to CTEs
/// already shared are renamed is dropped, and references to it are renamed to the earlier
/// one: the sales of a year, say, are computed once for every policy, whatever their other
/// settings.
struct SharedCTEs {
    private(set) var ctes: [SQLCommonTable] = []
    /// Dropped CTE name to the name of the one kept.
    private var renames: [String: String] = [:]

    init(_ contexts: [SQLContext]) {
        var kept: [SQLSelect: String] = [:]
        var seen = Set<ObjectIdentifier>()
        for ctx in contexts where seen.insert(ObjectIdentifier(ctx)).inserted {
            for cte in ctx.ctes {
                let select = renamed(cte.select)
                if let earlier = kept[select] {
                    renames[cte.name] = earlier
                } else {
                    kept[select] = cte.name
                    ctes.append(SQLCommonTable(name: cte.name, select: select))
                }
            }
        }
    }

    /// `select` with references to dropped CTEs renamed to the ones kept.
    func renamed(_ select: SQLSelect) -> SQLSelect { select.renamingTables(renames) }
}
