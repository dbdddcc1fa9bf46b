import Foundation
import ClienteleCore

/// A rule set and settings to evaluate: the baseline (current enabled rules and stored
/// settings) or a scenario applied on top of it, in memory only.
struct Policy: Sendable {
    var name: String
    /// Every rule, enabled or not (the evaluator uses the enabled ones).
    var rules: [DiscountRule]
    var settings: StoreSettings
    var assumptions: [(elasticityBP: Int64, condition: String?)] = []
    /// Settings the scenario overrides, for the report.
    var overrides: [String: String] = [:]

    var enabledRules: [DiscountRule] { rules.filter(\.enabled) }
    /// Whether only the evaluation in Swift prices it: a fixed amount, marginal tiers, a
    /// limit per order or per client.
    var needsLinePricing: Bool {
        enabledRules.contains(where: \.needsLinePricing) || OrderDiscounts.Limits(settings).perOrder > 0 || OrderDiscounts.Limits(settings).perClient > 0
    }

    static func baseline(_ tx: any StoreTransaction) throws -> Policy {
        Policy(name: "baseline", rules: try RuleStore.loadAll(tx), settings: try tx.effectiveSettings())
    }

    /// The baseline with the scenario's changes applied in order. Nothing is written.
    func applying(_ changes: [ScenarioChange], name: String) throws -> Policy {
        var p = self
        p.name = name
        for change in changes {
            switch change {
            case .rule(let r):
                if let i = p.rules.firstIndex(where: { $0.name == r.name }) { p.rules[i] = r } else { p.rules.append(r) }
            case .dropRule(let n):
                guard let i = p.rules.firstIndex(where: { $0.name == n }) else {
                    throw RuntimeError.message("scenario \"\(name)\" drops rule \"\(n)\", which no longer exists")
                }
                p.rules.remove(at: i)
            case .enableRule(let n, let enabled):
                guard let i = p.rules.firstIndex(where: { $0.name == n }) else {
                    throw RuntimeError.message("scenario \"\(name)\" \(enabled ? "enables" : "disables") rule \"\(n)\", which no longer exists")
                }
                p.rules[i].enabled = enabled
            case .setting(let key, let value):
                guard let old = p.settings.values[key] else {
                    throw RuntimeError.message("scenario \"\(name)\" sets \(key), which is no longer a setting")
                }
                p.settings.values[key] = (old.type, value)
                p.overrides[key] = value
            case .assume(let e, let c):
                p.assumptions.append((e, c))
            }
        }
        // The scenario's settings with the store's must agree like the store's own (SettingRules).
        if let problem = SettingRules.contradiction(in: p.settings, changed: p.overrides.keys.sorted()) {
            throw RuntimeError.message("scenario \"\(name)\": \(problem)")
        }
        p.rules.sort { ($0.priority, $0.name) < ($1.priority, $1.name) }
        return p
    }
}

/// Scenarios in the store: a name, its source as written, and its changes in order.
enum ScenarioStore {
    static func save(name: String, source: String, changes: [ScenarioChange], _ tx: any StoreTransaction) throws -> Bool {
        let existing = try id(of: name, tx)
        if let id = existing {
            try tx.execute("DELETE FROM scenario_changes WHERE scenario_id = ?", .positional([.integer(id)]))
            try tx.execute("UPDATE scenarios SET source = ?, created_at = CURRENT_TIMESTAMP WHERE id = ?", .positional([.text(source), .integer(id)]))
        } else {
            try tx.execute("INSERT INTO scenarios (name, source) VALUES (?, ?)", .positional([.text(name), .text(source)]))
        }
        guard let id = try existing ?? id(of: name, tx) else { throw RuntimeError.message("scenario \"\(name)\" was not saved") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (i, c) in changes.enumerated() {
            let payload = String(decoding: try encoder.encode(c), as: UTF8.self)
            try tx.execute("INSERT INTO scenario_changes (scenario_id, position, kind, payload) VALUES (?, ?, ?, ?)",
                           .positional([.integer(id), .integer(Int64(i + 1)), .text(c.kind), .text(payload)]))
        }
        return existing != nil
    }

    private static func id(of name: String, _ tx: any StoreTransaction) throws -> Int64? {
        try tx.fetchOne("SELECT id FROM scenarios WHERE name = ?", .positional([.text(name)]))?.first?.int64
    }

    static func load(name: String, _ tx: any StoreTransaction) throws -> [ScenarioChange] {
        guard let id = try id(of: name, tx) else {
            throw RuntimeError.message("there is no scenario \"\(name)\"")
        }
        let payloads = try tx.fetchAll("SELECT payload FROM scenario_changes WHERE scenario_id = ? ORDER BY position",
                                       .positional([.integer(id)])).compactMap { $0.first?.string }
        return try payloads.map { try JSONDecoder().decode(ScenarioChange.self, from: Data($0.utf8)) }
    }

    static func policy(named name: String?, baseline: Policy, _ tx: any StoreTransaction) throws -> Policy {
        guard let name else { return baseline }
        return try baseline.applying(try load(name: name, tx), name: name)
    }
}

/// `apply scenario "S"`: the scenario's changes made to the live rules and settings, in
/// the script's transaction (all or nothing), each change printed. A volume assumption is
/// a what-if about the clients' behaviour, not a rule: it is not adopted, and said so.
enum ScenarioAdoption {
    static func apply(_ name: String, in tx: any StoreTransaction) throws -> [Output] {
        let changes = try ScenarioStore.load(name: name, tx)
        // Refuses, before anything is written, a scenario whose rules no longer exist or whose
        // settings contradict the store's.
        let current = try Policy.baseline(tx)
        _ = try current.applying(changes, name: name)
        var lines: [String] = [], changed = 0
        for change in changes {
            switch change {
            case .rule(let r):
                if let old = current.rules.first(where: { $0.name == r.name }), old == r {
                    lines.append("  rule \"\(r.name)\" unchanged")
                    continue
                }
                let replaced = try RuleStore.save(r, tx)
                lines.append("  rule \"\(r.name)\" \(replaced ? "replaced" : "added"): \(r.sourceText)")
            case .dropRule(let n):
                try tx.execute("DELETE FROM rules WHERE name = ?", .positional([.text(n)]))
                lines.append("  rule \"\(n)\" dropped")
            case .enableRule(let n, let enabled):
                if current.rules.first(where: { $0.name == n })?.enabled == enabled {
                    lines.append("  rule \"\(n)\" already \(enabled ? "enabled" : "disabled")")
                    continue
                }
                try tx.execute("UPDATE rules SET enabled = ? WHERE name = ?", .positional([.integer(enabled ? 1 : 0), .text(n)]))
                lines.append("  rule \"\(n)\" \(enabled ? "enabled" : "disabled")")
            case .setting(let key, let value):
                let old = try tx.fetchOne("SELECT value FROM settings WHERE key = ?", .positional([.text(key)]))?.first?.string ?? ""
                if old == value { lines.append("  \(key) = \(value) unchanged"); continue }
                try tx.execute("UPDATE settings SET value = ? WHERE key = ?", .positional([.text(value), .text(key)]))
                lines.append("  \(key) = \(value) (was \(old))")
            case .assume(let e, let c):
                lines.append("  not adopted: the assumption volume \(e >= 0 ? "+" : "")\(Percent(basisPoints: e)) per discount point"
                             + (c.map { " for \($0)" } ?? "") + " (an assumption about clients, not a rule)")
                continue
            }
            changed += 1
        }
        let head = "scenario \"\(name)\" applied: \(changed) change\(changed == 1 ? "" : "s") to the live rules and settings"
        return [.message(([head] + lines).joined(separator: "\n"))]
    }
}
