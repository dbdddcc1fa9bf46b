import Foundation
import ClienteleCore

/// JSON (an array of objects, one per row, keys in column order) and JSON Lines (one
/// object per line). Integers, decimals and money are JSON numbers written from their
/// exact text (`1234.56`, never through a binary float); dates are ISO strings; percents
/// strings like `"12.5%"`; null is null.
enum JSONExport {
    static func document(_ table: Table) -> String {
        if table.rows.isEmpty { return "[]\n" }
        return "[\n" + table.rows.map { "  " + object($0, columns: table.columns) }.joined(separator: ",\n") + "\n]\n"
    }

    static func lines(_ table: Table) -> String {
        table.rows.map { object($0, columns: table.columns) + "\n" }.joined()
    }

    static func object(_ row: [Value], columns: [Column]) -> String {
        let members = zip(columns, row).map { column, value in quote(column.name) + ": " + literal(value) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .integer, .decimal, .money: return value.plain
        case .boolean(let b): return b ? "true" : "false"
        case .percent, .date, .text: return quote(value.plain)
        }
    }

    static func quote(_ s: String) -> String { JSONRenderer.string(s) }
}
