import ClienteleCore

/// Bar charts from results: a label column and a number column become `Output.chart`.
///
/// ```swift
/// // turnover by abc: two columns, abc (label) and turnover (money)
/// let chart = try Chart.from(table: result)   // Output.chart(title: "turnover by abc", ...)
/// ```
package enum Chart {
    /// Makes a chart of a two-column table: the first column labels the bars (any type,
    /// written as in a table cell), the second gives their lengths and must be numeric.
    /// The title defaults to "<number column> by <label column>".
    package static func from(table: ClienteleCore.Table, title: String? = nil) throws -> Output {
        guard table.columns.count == 2 else {
            throw ChartError.wrongColumnCount(table.columns.count)
        }
        let label = table.columns[0], number = table.columns[1]
        guard number.type.isNumeric || number.type == .null else {
            throw ChartError.notNumeric(column: number.name, type: number.type)
        }
        let labels = table.rows.map { ValueFormatting.human($0.first ?? .null, nullText: "") }
        let values = table.rows.map { $0.count > 1 ? $0[1] : .null }
        return .chart(title: title ?? "\(number.name) by \(label.name)", labels: labels, values: values)
    }

    /// The chart's data as a table with columns `label` and `value`, for CSV, JSON, Markdown.
    static func table(labels: [String], values: [Value]) -> Table {
        let type = values.first(where: { !$0.isNull })?.type ?? .null
        let rows = zip(labels, values).map { [Value.text($0), $1] }
        return Table(columns: [Column(name: "label", type: .text), Column(name: "value", type: type)], rows: rows)
    }
}

package enum ChartError: Error, Equatable, CustomStringConvertible {
    case wrongColumnCount(Int)
    case notNumeric(column: String, type: ValueType)

    package var description: String {
        switch self {
        case .wrongColumnCount(let n):
            return "chart needs two columns: a label and a number; got \(n) column\(n == 1 ? "" : "s")"
        case .notNumeric(let column, let type):
            return "chart needs two columns: a label and a number; the second column '\(column)' is \(type)"
        }
    }
}
