/// The one rule for an order's money, on every write path (add, update, import) and in the
/// store's CHECK constraints (`OrderAmountsMigration`): gross ≥ 0, 0 ≤ discount ≤ gross,
/// net = gross − discount. A return is an order with status `returned`, not negative money.
package enum OrderAmounts {
    /// Why these amounts cannot be an order's, or nil when they can.
    package static func problem(gross: Int64, discount: Int64, net: Int64) -> String? {
        if gross < 0 {
            return "gross cannot be negative (\(Money(minorUnits: gross).plain)): a return is an order with status returned"
        }
        if discount < 0 { return "discount cannot be negative (\(Money(minorUnits: discount).plain))" }
        if discount > gross {
            return "discount (\(Money(minorUnits: discount).plain)) cannot be more than gross (\(Money(minorUnits: gross).plain))"
        }
        if net != gross - discount {
            return "net (\(Money(minorUnits: net).plain)) must equal gross - discount (\(Money(minorUnits: gross - discount).plain))"
        }
        return nil
    }

    /// The same rule as SQL over an order's three columns (or expressions), for CHECK
    /// constraints and for finding the rows an update would break.
    package static func sqlCondition(gross g: String, discount d: String, net n: String) -> String {
        "(\(g)) >= 0 AND (\(d)) >= 0 AND (\(d)) <= (\(g)) AND (\(n)) = (\(g)) - (\(d))"
    }
}
