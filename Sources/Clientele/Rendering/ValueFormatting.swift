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

    /// For people, as the column shows it: a month bucket by name when the session chose
    /// names (`мар 2025`), a series as a sparkline (`▂▁█`); otherwise `human`.
    static func shown(_ value: Value, _ column: Column?, nullText: String) -> String {
        switch (column?.display, value) {
        case (.monthNames(let names)?, .text(let s)): return names.name(of: s) ?? s
        case (.sparkline?, .text(let s)): return sparkline(SparklineText.numbers(s))
        default: return human(value, nullText: nullText)
        }
    }

    /// Numbers as one line of eighths, `▁` the smallest to `█` the largest (a missing one a
    /// space), as `chart line` draws its sparkline.
    static func sparkline(_ numbers: [Double?]) -> String {
        let present = numbers.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else { return "" }
        return String(numbers.map { n -> Character in
            guard let n else { return " " }
            let level = high == low ? LineChart.levels / 2 : Int(((n - low) / (high - low) * Double(LineChart.levels - 1)).rounded())
            return LineChart.sparks[level]
        })
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
