/// How month buckets (`month_of(d)`, text `2025-03`) are shown to people: the session
/// setting `months`. The values stay `2025-03`: they group, sort and filter as months, and
/// the data formats (CSV, JSON, xlsx) write them so; only what people read changes.
///
/// ```swift
/// MonthNames.ru.name(of: "2025-03")   // "мар 2025"
/// MonthNames.en.name(of: "2025-03")   // "Mar 2025"
/// ```
public enum MonthNames: String, Sendable, CaseIterable, Hashable {
    /// `2025-03`, as stored (the default).
    case iso
    /// `мар 2025`.
    case ru
    /// `Mar 2025`.
    case en

    static let russian = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
    static let english = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The month's name and year; nil for text that is not a month `YYYY-MM`.
    public func name(of month: String) -> String? {
        let parts = month.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        switch self {
        case .iso: return month
        case .ru: return MonthNames.russian[m - 1] + " " + parts[0]
        case .en: return MonthNames.english[m - 1] + " " + parts[0]
        }
    }
}

/// How a column's values are shown to people (terminal, Markdown, line mode, HTML); the data
/// formats (CSV, JSON, xlsx) write the values themselves.
///
/// ```swift
/// Column(name: "month", type: .text, display: .monthNames(.ru))
/// ```
public enum ColumnDisplay: Hashable, Sendable {
    /// As the value is.
    case plain
    /// Month buckets (`2025-03`) by name: `мар 2025`.
    case monthNames(MonthNames)
    /// Each value is a series of numbers written plainly and separated by `;` (`12.50;0.00;30.00`,
    /// nothing between two `;` for a missing one), drawn as a sparkline (`▂▁█`, an SVG line in
    /// HTML); JSON writes the array.
    case sparkline
}

/// The numbers of a sparkline cell (`ColumnDisplay.sparkline`).
public enum SparklineText {
    /// The cell's text for a series: plain numbers (a percent as its number) separated by `;`,
    /// nothing for a missing one: `0.00;100.00;;60.00`.
    public static func text(_ values: [Value]) -> String {
        values.map { $0.isNull ? "" : $0.plain.replacingOccurrences(of: "%", with: "") }.joined(separator: ";")
    }

    /// The numbers as text, one per value ("" for a missing one).
    public static func parts(_ text: String) -> [Substring] {
        text.split(separator: ";", omittingEmptySubsequences: false)
    }

    /// The numbers of a cell's text (nil for a missing one).
    public static func numbers(_ text: String) -> [Double?] {
        parts(text).map { Double($0) }
    }
}
