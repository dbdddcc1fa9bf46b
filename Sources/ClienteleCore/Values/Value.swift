import Foundation

/// The types of the language. Every field in the catalog and every expression has one.
public enum ValueType: String, Sendable, Equatable, CustomStringConvertible {
    case text, integer, decimal, money, percent, date, boolean, null
    /// A text value restricted to a closed list of labels (abc: A/B/C, status...).
    case label
    public var description: String { rawValue }
    public var isNumeric: Bool { [.integer, .decimal, .money, .percent].contains(self) }
}

/// A typed value as results carry it to renderers and to host programs.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    /// Exact decimal (averages, ratios), never binary floating point.
    case decimal(Decimal)
    case money(Money)
    case percent(Percent)
    case date(CalendarDate)
    case text(String)
    case boolean(Bool)

    @inlinable
    public var type: ValueType {
        switch self {
        case .null: return .null
        case .integer: return .integer
        case .decimal: return .decimal
        case .money: return .money
        case .percent: return .percent
        case .date: return .date
        case .text: return .text
        case .boolean: return .boolean
        }
    }

    @inlinable
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Plain machine text: no grouping, ISO dates, "true"/"false", "" for null.
    /// What CSV and JSON renderers write.
    public var plain: String {
        switch self {
        case .null: return ""
        case .integer(let i): return String(i)
        case .decimal(let d): return DecimalFormatting.plain(d)
        case .money(let m): return m.plain
        case .percent(let p): return p.description
        case .date(let d): return d.iso
        case .text(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        }
    }

    public var description: String { plain }
}

public enum DecimalFormatting {
    /// Rounds to `places` decimals (half away from zero) and prints without grouping.
    public static func plain(_ d: Decimal, places: Int = 2) -> String {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        var s = NSDecimalNumber(decimal: rounded).stringValue
        if s.contains(".") {
            let parts = s.split(separator: ".")
            var frac = String(parts[1])
            while frac.count < places { frac += "0" }
            s = parts[0] + "." + frac
        } else if places > 0 {
            s += "." + String(repeating: "0", count: places)
        }
        return s
    }
}

/// One column of a result: its name as the user sees it and its type.
public struct Column: Hashable, Sendable {
    public var name: String
    public var type: ValueType
    @inlinable
    public init(name: String, type: ValueType) { self.name = name; self.type = type }
}

/// A table of typed rows, the result of a pipeline.
public struct Table: Sendable, Equatable {
    public var columns: [Column]
    public var rows: [[Value]]
    @inlinable
    public init(columns: [Column], rows: [[Value]]) { self.columns = columns; self.rows = rows }
}

/// What running one statement produces.
public enum Output: Sendable, Equatable {
    case table(Table)
    /// A single value, e.g. from `| count`.
    case scalar(name: String, value: Value)
    /// A sentence for the user: "3 clients updated.", "period = last 12 months".
    case message(String)
    /// A bar chart: labels and exact values of one numeric column.
    case chart(title: String, labels: [String], values: [Value])
}
