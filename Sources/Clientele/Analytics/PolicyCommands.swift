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
        case .explainDiscount(let client, let on, let order):
            let id = try Mutations(interpreter: interpreter).resolveReference("clients", SQLContext.sqlValue(client), in: tx)
            return try DiscountExplanation.explain(clientID: ResultReader.integer(id) ?? 0, on: on ?? interpreter.session.today,
                                                   order: order, dialect: interpreter.engine.dialect, in: tx)
        }
    }
}
