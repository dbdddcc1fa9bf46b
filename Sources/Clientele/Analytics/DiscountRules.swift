import Foundation
import GRDB

/// One step of a tier table: from this amount (minor units) of the basis, this discount.
struct DiscountTier: Codable, Equatable, Sendable {
    var fromMinor: Int64
    var bp: Int64
}

/// How a rule combines with the others that apply to the same order line.
enum Combination: String, Codable, Sendable, CaseIterable {
    /// The only discount when it applies (the lowest priority number among exclusive rules wins).
    case exclusive
    /// Competes with the other best-of rules: the largest wins.
    case best
    /// Added on top of the best-of discount, up to the cap.
    case stack
}

/// A discount rule as stored in the `rules` table. Its condition is source text in the
/// query language, checked when defined and compiled to SQL when evaluated.
struct DiscountRule: Codable, Equatable, Sendable {
    var name: String
    /// A condition over client fields and segments; "true" applies to every client.
    var condition: String = "true"
    /// Limits the rule to order lines of this product category.
    var category: String?
    /// A flat discount; nil when the rule is tiered.
    var percentBP: Int64?
    /// Tiers by `tierBasis`, ascending by `fromMinor`.
    var tiers: [DiscountTier]?
    /// avg_order or turnover, over the same window as the condition.
    var tierBasis: String?
    var validFrom: CalendarDate?
    var validTo: CalendarDate?
    /// Months of the year (1-12) the rule is in force; nil means all year.
    var seasonMonths: [Int]?
    /// The order's gross amount must be at least this.
    var minOrderMinor: Int64 = 0
    var priority: Int64 = 100
    var combine: Combination = .best
    /// For stacking rules: the total discount may not exceed this.
    var stackCapBP: Int64?
    var enabled: Bool = true

    /// "5%", or "tiers by avg_order: 0 → 0%, 100.00 → 2%".
    var discountText: String {
        if let bp = percentBP { return Percent(basisPoints: bp).description }
        let steps = (tiers ?? []).map { "\(Money(minorUnits: $0.fromMinor).plain): \(Percent(basisPoints: $0.bp))" }
        return "tiers by \(tierBasis ?? "avg_order") [\(steps.joined(separator: ", "))]"
    }

    /// The rule written back in the language (for `rules` and scenario sources).
    var sourceText: String {
        var s = "rule \"\(name)\": discount \(discountText)"
        if condition != "true" { s += " when \(condition)" }
        if let category { s += " category \"\(category)\"" }
        if validFrom != nil || validTo != nil {
            if let f = validFrom { s += " from \(f.iso)" }
            if let t = validTo { s += (validFrom == nil ? " until " : " to ") + t.iso }
        }
        if let m = seasonMonths { s += " in months " + m.map(String.init).joined(separator: ", ") }
        if minOrderMinor > 0 { s += " min order \(Money(minorUnits: minOrderMinor).plain)" }
        s += " priority \(priority) combine \(combine.rawValue)"
        if let cap = stackCapBP { s += " cap \(Percent(basisPoints: cap))" }
        return s
    }
}

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

/// Names the checker needs from the store to refuse references to unknown things
/// when a rule or scenario is defined, not when it runs.
struct PolicyNames: Sendable {
    var rules: [String] = []
    var categories: [String] = []
    var scenarios: [String] = []

    static func load(_ db: Database) throws -> PolicyNames {
        PolicyNames(rules: try String.fetchAll(db, sql: "SELECT name FROM rules ORDER BY name"),
                    categories: try String.fetchAll(db, sql: "SELECT name FROM categories ORDER BY name"),
                    scenarios: try String.fetchAll(db, sql: "SELECT name FROM scenarios ORDER BY name"))
    }
}

/// Dates in scenario payloads are ISO text, as everywhere in the store.
extension CalendarDate: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDate(iso: text) else { throw ValueError.invalidDate(text) }
        self = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
