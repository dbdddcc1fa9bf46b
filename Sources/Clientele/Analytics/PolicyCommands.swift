import Foundation
import ClienteleCore

/// Runs the policy statements inside the script's transaction. Only rule and scenario
/// definitions write; compare and explain discount only read.
struct PolicyCommands {
    let interpreter: Interpreter

    func execute(_ p: CheckedPolicy, in tx: any StoreTransaction) throws -> [Output] {
        switch p {
        // Rules and scenarios are the store's shared policy: every message says so, so that
        // nobody takes a definition for a setting of their own session.
        case .defineRule(let rule):
            let old = try RuleStore.loadAll(tx).first { $0.name == rule.name }
            _ = try RuleStore.save(rule, tx)
            guard let old else { return [.message("rule \"\(rule.name)\" added to the shared policy in the store: \(rule.sourceText)")] }
            let resets = RuleRedefinition.resets(old: old, new: rule)
            return [.message("rule \"\(rule.name)\" replaced in the shared policy in the store: \(rule.sourceText)"
                             + (resets.isEmpty ? "" : "; not in the new definition, so back to the default: " + resets.joined(separator: ", ")))]
        case .dropRule(let name):
            try tx.execute("DELETE FROM rules WHERE name = ?", .positional([.text(name)]))
            guard tx.changes > 0 else { throw RuntimeError.message("there is no rule \"\(name)\"") }
            return [.message("rule \"\(name)\" dropped from the shared policy in the store.")]
        case .enableRule(let name, let enabled):
            try tx.execute("UPDATE rules SET enabled = ? WHERE name = ?", .positional([.integer(enabled ? 1 : 0), .text(name)]))
            guard tx.changes > 0 else { throw RuntimeError.message("there is no rule \"\(name)\"") }
            return [.message("rule \"\(name)\" \(enabled ? "enabled" : "disabled") in the shared policy in the store.")]
        case .defineScenario(let name, let source, let changes):
            let replaced = try ScenarioStore.save(name: name, source: source, changes: changes, tx)
            return [.message("scenario \"\(name)\" \(replaced ? "replaced" : "saved") in the store, for everyone (\(changes.count) change\(changes.count == 1 ? "" : "s")); run it with: compare baseline, \"\(name)\"")]
        case .dropScenario(let name):
            try tx.execute("DELETE FROM scenarios WHERE name = ?", .positional([.text(name)]))
            guard tx.changes > 0 else { throw RuntimeError.message("there is no scenario \"\(name)\"") }
            return [.message("scenario \"\(name)\" dropped from the store.")]
        case .compare(let names, let periods, let clientRows):
            let texts = periods.isEmpty ? [interpreter.session.period] : periods
            var comparisons: [(Comparison, String)] = []
            for period in texts {
                let range = period.resolve(today: interpreter.session.today)
                comparisons.append((try Comparison.run(columns: names, period: range, dialect: interpreter.engine.dialect,
                                                       measures: interpreter.measures, lines: interpreter.engine.whatIfLines, tx: tx), period.text))
            }
            if let pipeline = clientRows {
                let (comparison, periodText) = comparisons[0]
                let evaluator = PolicyEvaluator(dialect: interpreter.engine.dialect, measures: interpreter.measures, lines: interpreter.engine.whatIfLines)
                let (rows, ruleYear) = try comparison.clientRows(evaluator: evaluator, tx: tx)
                let notes = comparison.clientRowsNotes(periodText: periodText, ruleYear: ruleYear)
                let result = try interpreter.query(pipeline, in: tx) { context in
                    context.resultRows(named: CompareClients.table, json: Comparison.json(rows),
                                       columns: CompareClients.jsonColumns(policies: comparison.evaluations.count))
                }
                return [.message(notes.legend), result, .message(notes.footer)]
            }
            if comparisons.count == 1 { return try comparisons[0].0.outputs(periodText: comparisons[0].1) }
            return try Comparison.sideBySide(comparisons)
        case .sweep(let variable, let values, let period):
            let p = period ?? interpreter.session.period
            let sweep = Sweep(variable: variable, period: p.resolve(today: interpreter.session.today), dialect: interpreter.engine.dialect,
                              measures: interpreter.measures, lines: interpreter.engine.whatIfLines)
            return try sweep.sweepOutputs(values, periodText: p.text, tx: tx)
        case .solve(let variable, let low, let high, let goal, let period):
            let p = period ?? interpreter.session.period
            let sweep = Sweep(variable: variable, period: p.resolve(today: interpreter.session.today), dialect: interpreter.engine.dialect,
                              measures: interpreter.measures, lines: interpreter.engine.whatIfLines)
            return try sweep.solve(low: low, high: high, goal: goal, periodText: p.text, tx: tx)
        case .applyScenario(let name):
            return try ScenarioAdoption.apply(name, in: tx)
        case .explainDiscount(let client, let on):
            let id = try Mutations(interpreter: interpreter).resolveReference("clients", SQLContext.sqlValue(client), in: tx)
            return try DiscountExplanation.explain(clientID: ResultReader.integer(id) ?? 0, on: on ?? interpreter.session.today,
                                                   dialect: interpreter.engine.dialect, in: tx)
        }
    }
}

/// `explain discount client: "Name" [on DATE]`: each rule, whether it applies and why,
/// and how the applicable ones combine for an order on that date.
enum DiscountExplanation {
    static func explain(clientID id: Int64, on date: CalendarDate, dialect: SQLDialect, in tx: any StoreTransaction) throws -> [Output] {
        let name = try tx.fetchOne("SELECT name FROM clients WHERE id = ?", .positional([.integer(id)]))?.first.flatMap(ResultReader.text) ?? ""
        let policy = try Policy.baseline(tx)
        let rules = policy.rules
        let evaluator = PolicyEvaluator(dialect: dialect)
        let ctx = evaluator.segmentContext(policy, year: date.year)
        let select = try evaluator.conditionSelect(policy, rules: rules, ctx: ctx)
        let clients = CatalogObjects.clients
        var q = SelectBuilder(object: clients, context: ctx)
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        var facts: [SQLExpr] = []
        for f in ["abc", "turnover", "avg_order"] {
            let field = clients.field(f)!
            let sql = try ExpressionCompiler(context: ctx).compile(
                TypedExpr(node: .field(FieldPath(hops: [], field: field, owner: clients, period: nil)), type: field.type, span: zero), in: &q)
            facts.append(sql)
        }
        q.projection = facts.enumerated().map { ("f\($0.offset)", $0.element) }
        q.wheres.append(.bin(.equal, .q(q.objectAlias!, "id"), ctx.bind(.integer(id))))
        let values = q.select()
        let both = SQLSelect([SQLSelectItem(.star("c")), SQLSelectItem(.star("f"))], from: SQLFrom(.select(select), alias: "c", explicitAs: false),
                             joins: [SQLJoin(.comma, SQLFrom(.select(values), alias: "f", explicitAs: false), on: .boolean(true))],
                             where: .bin(.equal, .q("c", "client_id"), ctx.bind(.integer(id))))
        let (sql, arguments) = try ctx.statement(ctx.withCTEs(both))
        guard let row = try tx.fetchOne(sql, arguments) else {
            throw RuntimeError.message("there is no client with id \(id)")
        }
        let n = rules.count
        let abc = ResultReader.text(row[n + 2])
        let turnover = Money(minorUnits: ResultReader.integer(row[n + 3]) ?? 0)
        let avg = Money(minorUnits: ResultReader.integer(row[n + 4]) ?? 0)
        var tableRows: [[Value]] = []
        var applicable: [(rule: DiscountRule, bp: Int64)] = []
        for (i, r) in rules.enumerated() {
            let bp = ResultReader.integer(row[i + 1]) ?? 0
            var reasons: [String] = []
            var holds = bp > 0 && r.enabled
            if !r.enabled { reasons.append("disabled") } else if bp == 0 { reasons.append(r.tiers != nil ? "condition false or tier 0%" : "condition false") }
            if let f = r.validFrom, date < f { holds = false; reasons.append("valid from \(f.iso)") }
            if let t = r.validTo, date > t { holds = false; reasons.append("expired \(t.iso)") }
            if let m = r.seasonMonths, !m.contains(date.month) { holds = false; reasons.append("not in season (months \(m.map(String.init).joined(separator: ", ")))") }
            var limits: [String] = []
            if r.minOrderMinor > 0 { limits.append("orders from \(Money(minorUnits: r.minOrderMinor).plain)") }
            if let c = r.category { limits.append("\(c) lines only") }
            if holds { applicable.append((r, bp)) }
            tableRows.append([.text(r.name), .text(r.condition), .text(r.discountText), .percent(Percent(basisPoints: bp)),
                              .text(r.combine.rawValue), .integer(r.priority),
                              .text(holds ? "applies" + (limits.isEmpty ? "" : " (" + limits.joined(separator: ", ") + ")") : "no: " + reasons.joined(separator: "; "))])
        }
        let table = Table(columns: [Column(name: "rule", type: .text), Column(name: "condition", type: .text),
                                    Column(name: "discount", type: .text), Column(name: "for this client", type: .percent),
                                    Column(name: "combine", type: .text), Column(name: "priority", type: .integer),
                                    Column(name: "result", type: .text)], rows: tableRows)
        let (total, how) = PolicyEvaluator.combine(applicable)
        let header = "\(name) (id \(id)) on \(date.iso): segments over \(date.year - 1): abc \(abc ?? "none"), turnover \(turnover.plain), avg_order \(avg.plain)"
        return [.message(header), .table(table), .message("discount: \(how)" + (total == 0 ? " (0%)" : ""))]
    }
}
