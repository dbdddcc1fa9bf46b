import Foundation
import ClienteleCore

/// How a value is written in each family of output.
///
/// | value   | human (table, markdown, chart) | plain (CSV)        | JSON         |
/// |---------|--------------------------------|--------------------|--------------|
/// | integer | `1234567` (ids, years: no grouping) | `1234567`     | `1234567`    |
/// | decimal | `1,234.57` (2 places)          | `1234.57`/`1234,57`| `1234.57`    |
/// | money   | `1,234,567.89`, no currency    | `1234567.89`/`…,89`| `1234567.89` |
/// | percent | `2.5%`                         | `2.5%` / `2,5%`    | `2.5` (number of percent; `"2.5%"` in an exported file) |
/// | date    | `2025-03-01`                   | `2025-03-01`       | `"2025-03-01"` |
/// | boolean | `true`                         | `true`             | `true`       |
/// | null    | `nullText` (default empty)     | `nullText`         | `null`       |
enum ValueFormatting {
    /// For people: grouped money and decimals. Control characters are not escaped here;
    /// each renderer does that for its medium.
    static func human(_ value: Value, nullText: String) -> String {
        switch value {
        case .null: return nullText
        case .decimal(let d):
            guard !d.isNaN else { return nullText }
            return grouped(DecimalFormatting.plain(d))
        case .money(let m): return m.formatted()
        default: return value.plain
        }
    }

    /// Inserts `,` every three digits in the integer part of a plain number ("-1234.5").
    static func grouped(_ plainNumber: String) -> String {
        var digits = Substring(plainNumber)
        var sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
        let integerPart = digits.prefix { $0 != "." }
        let rest = digits.dropFirst(integerPart.count)
        guard integerPart.count > 3, integerPart.allSatisfy(\.isASCII) else { return plainNumber }
        var groups: [Substring] = []
        var end = integerPart.endIndex
        while end > integerPart.startIndex {
            let start = integerPart.index(end, offsetBy: -3, limitedBy: integerPart.startIndex) ?? integerPart.startIndex
            groups.insert(integerPart[start..<end], at: 0)
            end = start
        }
        return sign + groups.joined(separator: ",") + rest
    }

    /// Right-aligned in tables and charts.
    static func isRightAligned(_ type: ValueType) -> Bool { type.isNumeric }
}
