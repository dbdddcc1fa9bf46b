import ClienteleCore

/// The one place that knows how a SQL engine spells things. A PostgreSQL backend would
/// be a second conformance, not a rewrite of the planner.
protocol SQLDialect: Sendable {
    func quote(_ identifier: String) -> String
    func placeholder(_ name: String) -> String
    /// Case-insensitive Unicode containment (the `~` operator).
    func containsIgnoringCase(_ haystack: String, _ needle: String) -> String
    func foldCase(_ x: String) -> String
    func upperCase(_ x: String) -> String
    /// Ordering for text that follows the alphabet and ignores case.
    func textOrdering(_ x: String) -> String
    func daysBetween(from: String, to: String) -> String
    func addDays(_ date: String, _ days: String) -> String
    /// A date the user's expression computes (`order_date + 30 days`): an error, not a NULL
    /// or a year 0, when it falls outside 0001-01-01...9999-12-31.
    func addDaysChecked(_ date: String, _ days: String) -> String
    func datePart(_ part: String, _ date: String) -> String
    /// Integer division rounding half away from zero; fails on division by zero.
    func roundedDivide(_ a: String, _ b: String) -> String
    /// The same, by a positive constant: for expressions evaluated once per row over many
    /// rows, where the engine can do it in its own arithmetic rather than call a function.
    func roundedDivide(_ a: String, byPositive b: Int64) -> String
    /// Days from today to the next anniversary of a date (29 Feb counts as 28 Feb in common years).
    func daysToAnniversary(_ date: String, today: String) -> String
    func greatest(_ a: String, _ b: String) -> String
}

struct SQLiteDialect: SQLDialect {
    func quote(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    func placeholder(_ name: String) -> String { ":" + name }
    func containsIgnoringCase(_ h: String, _ n: String) -> String { "CLIENTELE_CONTAINS(\(h), \(n))" }
    func foldCase(_ x: String) -> String { "CLIENTELE_FOLD(\(x))" }
    func upperCase(_ x: String) -> String { "CLIENTELE_UPPER(\(x))" }
    func textOrdering(_ x: String) -> String { "\(x) COLLATE \(UnicodeText.collationName)" }
    func daysBetween(from a: String, to b: String) -> String { "CAST(julianday(\(b)) - julianday(\(a)) AS INTEGER)" }
    func addDays(_ date: String, _ days: String) -> String { "date(\(date), printf('%+d days', \(days)))" }
    func addDaysChecked(_ date: String, _ days: String) -> String { "CLIENTELE_ADD_DAYS(\(date), \(days))" }
    func datePart(_ part: String, _ date: String) -> String {
        let f = part == "year" ? "%Y" : (part == "month" ? "%m" : "%d")
        return "CAST(strftime('\(f)', \(date)) AS INTEGER)"
    }
    func roundedDivide(_ a: String, _ b: String) -> String { "CLIENTELE_RDIV(\(a), \(b))" }
    /// Integer division truncates toward zero, so adding half the divisor (rounded down) to
    /// the magnitude first rounds half away from zero, exactly as CLIENTELE_RDIV does.
    func roundedDivide(_ a: String, byPositive b: Int64) -> String {
        precondition(b > 0)
        return "(CASE WHEN (\(a)) >= 0 THEN ((\(a)) + \(b / 2)) / \(b) ELSE -((\(b / 2) - (\(a))) / \(b)) END)"
    }
    func daysToAnniversary(_ date: String, today: String) -> String { "CLIENTELE_ANNIVERSARY_DAYS(\(date), \(today))" }
    func greatest(_ a: String, _ b: String) -> String { "MAX(\(a), \(b))" }
}
