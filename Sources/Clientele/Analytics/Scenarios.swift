import Foundation
import GRDB
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

    static func baseline(_ db: Database) throws -> Policy {
        Policy(name: "baseline", rules: try RuleStore.loadAll(db), settings: try StoreSettings.load(db))
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
    static func save(name: String, source: String, changes: [ScenarioChange], _ db: Database) throws -> Bool {
        let existing = try Int64.fetchOne(db, sql: "SELECT id FROM scenarios WHERE name = ?", arguments: [name])
        if let id = existing {
            try db.execute(sql: "DELETE FROM scenario_changes WHERE scenario_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE scenarios SET source = ?, created_at = datetime('now') WHERE id = ?", arguments: [source, id])
        } else {
            try db.execute(sql: "INSERT INTO scenarios (name, source) VALUES (?, ?)", arguments: [name, source])
        }
        let id = try existing ?? Int64.fetchOne(db, sql: "SELECT id FROM scenarios WHERE name = ?", arguments: [name])!
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (i, c) in changes.enumerated() {
            let payload = String(decoding: try encoder.encode(c), as: UTF8.self)
            try db.execute(sql: "INSERT INTO scenario_changes (scenario_id, position, kind, payload) VALUES (?, ?, ?, ?)",
                           arguments: [id, i + 1, c.kind, payload])
        }
        return existing != nil
    }

    static func load(name: String, _ db: Database) throws -> [ScenarioChange] {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM scenarios WHERE name = ?", arguments: [name]) else {
            throw RuntimeError.message("there is no scenario \"\(name)\"")
        }
        let payloads = try String.fetchAll(db, sql: "SELECT payload FROM scenario_changes WHERE scenario_id = ? ORDER BY position",
                                           arguments: [id])
        return try payloads.map { try JSONDecoder().decode(ScenarioChange.self, from: Data($0.utf8)) }
    }

    static func policy(named name: String?, baseline: Policy, _ db: Database) throws -> Policy {
        guard let name else { return baseline }
        return try baseline.applying(try load(name: name, db), name: name)
    }
}
