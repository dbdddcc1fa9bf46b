import Foundation
import GRDB
import ClienteleCore

/// Reading and writing rules in the store.
enum RuleStore {
    static func loadAll(_ db: Database) throws -> [DiscountRule] {
        try Row.fetchAll(db, sql: "SELECT * FROM rules ORDER BY priority, name").map(rule(from:))
    }

    static func rule(from row: Row) throws -> DiscountRule {
        var r = DiscountRule(name: row["name"])
        r.condition = row["condition"] ?? "true"
        r.category = row["category"]
        r.percentBP = row["percent_bp"]
        if let json: String = row["tiers"], let data = json.data(using: .utf8) {
            r.tiers = try JSONDecoder().decode([TierJSON].self, from: data).map { DiscountTier(fromMinor: $0.from, bp: $0.bp) }
        }
        r.tierBasis = row["tier_basis"]
        r.validFrom = (row["valid_from"] as String?).flatMap(CalendarDate.init(iso:))
        r.validTo = (row["valid_to"] as String?).flatMap(CalendarDate.init(iso:))
        if let months: String = row["season_months"], !months.isEmpty {
            r.seasonMonths = months.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        r.minOrderMinor = row["min_order_minor"] ?? 0
        r.priority = row["priority"] ?? 100
        r.combine = Combination(rawValue: row["combine"] ?? "best") ?? .best
        r.stackCapBP = row["stack_cap_bp"]
        r.enabled = (row["enabled"] as Int64? ?? 1) != 0
        return r
    }

    /// The stored JSON shape of a tier: {"from": minor units, "bp": basis points}.
    struct TierJSON: Codable { var from: Int64; var bp: Int64 }

    /// Adds the rule, or replaces the one with the same name. Returns whether it replaced.
    @discardableResult
    static func save(_ r: DiscountRule, _ db: Database) throws -> Bool {
        let existed = try Int.fetchOne(db, sql: "SELECT count(*) FROM rules WHERE name = ?", arguments: [r.name])! > 0
        let tiers = try r.tiers.map { String(decoding: try JSONEncoder().encode($0.map { TierJSON(from: $0.fromMinor, bp: $0.bp) }), as: UTF8.self) }
        let values: [DatabaseValueConvertible?] = [
            r.condition, r.category, r.percentBP, tiers, r.tierBasis, r.validFrom?.iso, r.validTo?.iso,
            r.seasonMonths.map { $0.map(String.init).joined(separator: ",") }, r.minOrderMinor, r.priority,
            r.combine.rawValue, r.stackCapBP, r.enabled ? 1 : 0, r.name,
        ]
        if existed {
            try db.execute(sql: """
                UPDATE rules SET condition = ?, category = ?, percent_bp = ?, tiers = ?, tier_basis = ?, valid_from = ?,
                valid_to = ?, season_months = ?, min_order_minor = ?, priority = ?, combine = ?, stack_cap_bp = ?,
                enabled = ? WHERE name = ?
                """, arguments: StatementArguments(values))
        } else {
            try db.execute(sql: """
                INSERT INTO rules (condition, category, percent_bp, tiers, tier_basis, valid_from, valid_to, season_months,
                min_order_minor, priority, combine, stack_cap_bp, enabled, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values))
        }
        return existed
    }
}


extension PolicyNames {
    static func load(_ db: Database) throws -> PolicyNames {
        PolicyNames(rules: try String.fetchAll(db, sql: "SELECT name FROM rules ORDER BY name"),
                    categories: try String.fetchAll(db, sql: "SELECT name FROM categories ORDER BY name"),
                    scenarios: try String.fetchAll(db, sql: "SELECT name FROM scenarios ORDER BY name"))
    }
}
