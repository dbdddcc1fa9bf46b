/// What each stored setting may be: a range that makes sense for the domain (checked when
/// the script is checked, so `set` never stores a value that later breaks a computation),
/// and the pairs that must agree (checked when the setting is changed, against the store's
/// other values). docs/segmentation.md lists them.
package enum SettingRules {
    /// Whole-number settings: days and counts.
    package static let integerRanges: [String: ClosedRange<Int64>] = [
        "risk.g1_violations": 0...1_000_000,
        "risk.g2_violations": 0...1_000_000,
        "risk.g1_days": 0...36_500,
        "risk.g2_days": 0...36_500,
        "status.new_days": 1...36_500,
        "status.lost_days": 1...36_500,
        "sales_type.chain_outlets": 1...1_000_000,
        "first_deal.chain_outlets": 1...1_000_000,
        "first_deal.deferral_days": 0...3_650,
        "credit.overdue_grace_days": 0...36_500,
    ]

    /// Money settings that may also be "none" (no limit).
    package static let takesNone: Set<String> = ["credit.default_limit"]

    /// Percent settings, in basis points: shares are parts of a whole; the chain credit
    /// factor multiplies a credit limit.
    package static let percentRanges: [String: ClosedRange<Int64>] = [
        "abc.share_a": 0...10_000,
        "abc.share_b": 0...10_000,
        "importance.key_share": 0...10_000,
        "importance.medium_share": 0...10_000,
        "first_deal.chain_credit_factor": 0...100_000,
        "first_deal.class_a_min_share": 0...10_000,
        // A monthly rate: 0 (no discount) to 100% a month.
        "clv.monthly_discount": 0...10_000,
    ]

    /// Money settings, in minor units: from 0 to a trillion (10^12) in the store's currency,
    /// so that credit per outlet × outlets × factor stays far inside 64 bits.
    package static let moneyRange: ClosedRange<Int64> = 0...100_000_000_000_000

    /// Pairs (lower, higher) where the first may not be above the second.
    package static let ordered: [(lower: String, higher: String)] = [
        ("abc.b_min", "abc.a_min"),
        ("abc.share_a", "abc.share_b"),
        ("importance.key_share", "importance.medium_share"),
        ("risk.g1_violations", "risk.g2_violations"),
        ("risk.g1_days", "risk.g2_days"),
        ("status.new_days", "status.lost_days"),
    ]

    /// Why `value` is out of range for `key`, or nil when it is fine.
    package static func rangeProblem(_ key: String, _ value: Value) -> String? {
        switch value {
        case .integer(let n):
            if let r = integerRanges[key], !r.contains(n) {
                return "\(key) must be from \(r.lowerBound) to \(r.upperBound), not \(n)"
            }
        case .percent(let p):
            if let r = percentRanges[key], !r.contains(p.basisPoints) {
                return "\(key) must be from \(Percent(basisPoints: r.lowerBound)) to \(Percent(basisPoints: r.upperBound)), not \(p)"
            }
        case .money(let m):
            if !moneyRange.contains(m.minorUnits) {
                return m.minorUnits < 0 ? "\(key) cannot be negative"
                    : "\(key) must be at most \(Money(minorUnits: moneyRange.upperBound).plain), not \(m.plain)"
            }
        default: break
        }
        return nil
    }

    /// The first contradiction that involves one of `changed` (the keys just set), naming
    /// both settings and their values, or nil. Pairs not involving them are left alone, so a
    /// store an older version let contradict itself can still be repaired one `set` at a time.
    package static func contradiction(in settings: StoreSettings, changed keys: [String]) -> String? {
        func number(_ key: String) -> (Int64, String)? {
            guard let v = settings.values[key] else { return nil }
            switch v.type {
            case "money": let m = settings.money(key); return (m.minorUnits, m.plain)
            case "percent": let p = settings.percent(key); return (p.basisPoints, p.description)
            case "integer": let n = settings.integer(key); return (n, String(n))
            default: return nil
            }
        }
        for (lower, higher) in ordered where keys.contains(lower) || keys.contains(higher) {
            guard let l = number(lower), let h = number(higher), l.0 > h.0 else { continue }
            if keys.contains(lower) && !keys.contains(higher) {
                return "\(lower) (\(l.1)) cannot be above \(higher) (\(h.1))"
            }
            return "\(higher) (\(h.1)) cannot be below \(lower) (\(l.1))"
        }
        return nil
    }
}
