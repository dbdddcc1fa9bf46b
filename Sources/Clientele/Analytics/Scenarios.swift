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

    static func baseline(_ tx: any StoreTransaction) throws -> Policy {
        Policy(name: "baseline", rules: try RuleStore.loadAll(tx), settings: try tx.loadSettings())
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
