import Foundation
import ClienteleCore

/// Reading and writing rules in the store.
enum RuleStore {
    /// The columns `rule(from:)` reads, in its order.
    static let columns = ["name", "condition", "category", "percent_bp", "tiers", "tier_basis", "valid_from", "valid_to",
                          "season_months", "min_order_minor", "priority", "combine", "stack_cap_bp", "enabled",
                          "amount_minor", "tier_mode"]

    static func loadAll(_ tx: any StoreTransaction) throws -> [DiscountRule] {
        try tx.fetchAll("SELECT \(columns.joined(separator: ", ")) FROM rules ORDER BY priority, name").map(rule(from:))
    }

    static func rule(from cells: [SQLValue]) throws -> DiscountRule {
        func text(_ i: Int) -> String? { ResultReader.text(cells[i]) }
        func integer(_ i: Int) -> Int64? { ResultReader.integer(cells[i]) }
        var r = DiscountRule(name: text(0) ?? "")
        r.condition = text(1) ?? "true"
        r.category = text(2)
        r.percentBP = integer(3)
        if let json = text(4), let data = json.data(using: .utf8) {
            r.tiers = try JSONDecoder().decode([TierJSON].self, from: data).map { DiscountTier(fromMinor: $0.from, bp: $0.bp) }
        }
        r.tierBasis = text(5)
        r.validFrom = text(6).flatMap(CalendarDate.init(iso:))
        r.validTo = text(7).flatMap(CalendarDate.init(iso:))
        if let months = text(8), !months.isEmpty {
            r.seasonMonths = months.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        r.minOrderMinor = integer(9) ?? 0
        r.priority = integer(10) ?? 100
        r.combine = Combination(rawValue: text(11) ?? "best") ?? .best
        r.stackCapBP = integer(12)
        r.enabled = (integer(13) ?? 1) != 0
        r.amountMinor = integer(14)
        r.tierMode = text(15).flatMap(TierMode.init(rawValue:)).flatMap { $0 == .step ? nil : $0 }
        return r
    }

    /// The stored JSON shape of a tier: {"from": minor units, "bp": basis points}.
    struct TierJSON: Codable { var from: Int64; var bp: Int64 }

    /// Adds the rule, or replaces the one with the same name. Returns whether it replaced.
    @discardableResult
    static func save(_ r: DiscountRule, _ tx: any StoreTransaction) throws -> Bool {
        let existed = try (tx.fetchOne("SELECT count(*) FROM rules WHERE name = ?", .positional([.text(r.name)]))?.first?.int64 ?? 0) > 0
        let tiers = try r.tiers.map { String(decoding: try JSONEncoder().encode($0.map { TierJSON(from: $0.fromMinor, bp: $0.bp) }), as: UTF8.self) }
        func text(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
        func integer(_ i: Int64?) -> SQLValue { i.map { .integer($0) } ?? .null }
        let values: [SQLValue] = [
            .text(r.condition), text(r.category), integer(r.percentBP), text(tiers), text(r.tierBasis), text(r.validFrom?.iso), text(r.validTo?.iso),
            text(r.seasonMonths.map { $0.map(String.init).joined(separator: ",") }), .integer(r.minOrderMinor), .integer(Int64(r.priority)),
            .text(r.combine.rawValue), integer(r.stackCapBP), .integer(r.enabled ? 1 : 0),
            integer(r.amountMinor), .text((r.tierMode ?? .step).rawValue), .text(r.name),
        ]
        if existed {
            try tx.execute("""
                UPDATE rules SET condition = ?, category = ?, percent_bp = ?, tiers = ?, tier_basis = ?, valid_from = ?,
                valid_to = ?, season_months = ?, min_order_minor = ?, priority = ?, combine = ?, stack_cap_bp = ?,
                enabled = ?, amount_minor = ?, tier_mode = ? WHERE name = ?
                """, .positional(values))
        } else {
            try tx.execute("""
                INSERT INTO rules (condition, category, percent_bp, tiers, tier_basis, valid_from, valid_to, season_months,
                min_order_minor, priority, combine, stack_cap_bp, enabled, amount_minor, tier_mode, name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, .positional(values))
        }
        return existed
    }
}


extension PolicyNames {
    static func load(_ tx: any StoreTransaction) throws -> PolicyNames {
        func names(_ table: String) throws -> [String] {
            try tx.fetchAll("SELECT name FROM \(table) ORDER BY name").compactMap { $0.first?.string }
        }
        return PolicyNames(rules: try names("rules"), categories: try names("categories"), scenarios: try names("scenarios"))
    }
}
