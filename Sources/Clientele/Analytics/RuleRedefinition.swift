import ClienteleCore

/// A rule defined again under its name replaces the stored one whole: the clauses the new
/// definition leaves out take their defaults. What that reset is said, field by field, so
/// that `rule "X": discount 1%` on a rule of priority 10 does not silently make it 100.
///
/// ```swift
/// RuleRedefinition.resets(old: stored, new: rule)   // ["priority 10 → 100", "cap 8% → none"]
/// ```
enum RuleRedefinition {
    static func resets(old: DiscountRule, new: DiscountRule) -> [String] {
        let defaults = DiscountRule(name: new.name)
        var notes: [String] = []
        func check(_ label: String, _ old: String?, _ new: String?, _ fallback: String?) {
            if new == fallback && old != new { notes.append("\(label) \(old ?? "none") → \(new ?? "none")") }
        }
        check("when", old.condition, new.condition, defaults.condition)
        check("category", old.category.map { "\"\($0)\"" }, new.category.map { "\"\($0)\"" }, nil)
        check("from", old.validFrom?.iso, new.validFrom?.iso, nil)
        check("to", old.validTo?.iso, new.validTo?.iso, nil)
        func months(_ r: DiscountRule) -> String? { r.seasonMonths.map { $0.map(String.init).joined(separator: ", ") } }
        check("months", months(old), months(new), nil)
        check("min order", Money(minorUnits: old.minOrderMinor).plain, Money(minorUnits: new.minOrderMinor).plain,
              Money(minorUnits: defaults.minOrderMinor).plain)
        check("priority", String(old.priority), String(new.priority), String(defaults.priority))
        check("combine", old.combine.rawValue, new.combine.rawValue, defaults.combine.rawValue)
        check("cap", old.stackCapBP.map { "\(Percent(basisPoints: $0))" }, new.stackCapBP.map { "\(Percent(basisPoints: $0))" }, nil)
        if !old.enabled && new.enabled { notes.append("disabled → enabled") }
        return notes
    }
}
