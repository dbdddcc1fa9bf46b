import Foundation

/// The types of the language. Every field in the catalog and every expression has one.
///
/// ```swift
/// if column.type == .money { alignRight() }
/// ```
public enum ValueType: String, Sendable, Equatable, CustomStringConvertible {
    case text, integer, decimal, money, percent, date, boolean, null
    /// A text value restricted to a closed list of labels (abc: A/B/C, status...).
    case label
    /// The type's name in the language: "money", "date"...
    public var description: String { rawValue }
    package var isNumeric: Bool { [.integer, .decimal, .money, .percent].contains(self) }
}

/// A typed value as results carry it to renderers and to host programs.
///
/// ```swift
/// switch row["turnover"] {
/// case .money(let m)?: total = total + m
/// case .null?, nil: break
/// default: throw MyError.unexpected
/// }
/// ```
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

    /// The value's type: `.money` for `.money(...)`, `.null` for `.null`.
    ///
    /// ```swift
    /// Value.money(Money(minorUnits: 5)).type   // .money
    /// ```
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

    /// True for `.null` (an empty field, a measure with no orders).
    ///
    /// ```swift
    /// let shown = row.values.filter { !$0.isNull }
    /// ```
    @inlinable
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Plain machine text: no grouping, ISO dates, "true"/"false", "" for null.
    /// What CSV and JSON renderers write.
    ///
    /// ```swift
    /// Value.date(CalendarDate(iso: "2025-03-01")!).plain   // "2025-03-01"
    /// Value.money(Money(minorUnits: 123456)).plain        // "1234.56"
    /// ```
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

    /// The same as `plain`.
    public var description: String { plain }
}

package enum DecimalFormatting {
    /// Rounds to `places` decimals (half away from zero) and prints without grouping.
    package static func plain(_ d: Decimal, places: Int = 2) -> String {
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
///
/// ```swift
/// let names = table.columns.map(\.name)   // ["name", "turnover"]
/// ```
public struct Column: Hashable, Sendable {
    /// The column's name, as a query named it: `turnover`, `revenue`.
    public var name: String
    /// The type of every value in the column (or `.null`).
    public var type: ValueType
    /// How people see the values (month names, a sparkline); data formats write the values.
    public var display: ColumnDisplay = .plain
    /// A column, for a table a host builds itself (to render it).
    ///
    /// ```swift
    /// Column(name: "vat", type: .money)
    /// ```
    @inlinable
    public init(name: String, type: ValueType, display: ColumnDisplay = .plain) {
        self.name = name; self.type = type; self.display = display
    }
}

/// A table of typed rows, the result of a pipeline.
///
/// ```swift
/// if case .table(let t) = outputs.last { print(t.rows.count, "rows") }
/// ```
public struct Table: Sendable, Equatable {
    /// The columns, in order.
    public var columns: [Column]
    /// The rows, each a value per column (see `ResultRows` for reading them by name).
    public var rows: [[Value]]
    /// A table, for a host that builds one to render it.
    ///
    /// ```swift
    /// Table(columns: [Column(name: "n", type: .integer)], rows: [[.integer(1)]])
    /// ```
    @inlinable
    public init(columns: [Column], rows: [[Value]]) { self.columns = columns; self.rows = rows }
}

/// What running one statement produces.
///
/// ```swift
/// for output in try engine.run(script) {
///     if case .message(let text) = output { log(text) }
/// }
/// ```
public enum Output: Sendable, Equatable {
    case table(Table)
    /// A single value, e.g. from `| count`.
    case scalar(name: String, value: Value)
    /// A sentence for the user: "3 clients updated.", "period = last 12 months".
    case message(String)
    /// A bar chart: labels and exact values of one numeric column.
    case chart(title: String, labels: [String], values: [Value])
    /// A series in the rows' order (`chart line`): labels and exact values of one numeric
    /// column, drawn as a line (a text plot in the terminal, an SVG line in a report).
    case lineChart(title: String, labels: [String], values: [Value])
}
