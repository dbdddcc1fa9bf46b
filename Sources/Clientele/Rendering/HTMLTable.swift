import ClienteleCore

/// A result table in an HTML report: a header row, a row per result row (numbers, money
/// and percents right-aligned in `class="num"` cells, written as in the terminal table:
/// `12,345.00`), a `total` row in bold, and a footer with the row count and the store's
/// currency when the table has money. Every value is escaped.
enum HTMLTable {
    static func render(_ table: Table, currency: String, rowsLeftOut: Int = 0) -> String {
        var out = "<div class=\"table-wrap\"><table>\n<thead><tr>"
        let numeric = table.columns.map { $0.type.isNumeric }
        for (i, c) in table.columns.enumerated() {
            out += numeric[i] ? "<th class=\"num\">" : "<th>"
            out += HTMLText.escaped(c.name) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let isTotal = row.first.map { $0 == .text("total") } ?? false
            out += isTotal ? "<tr class=\"total\">" : "<tr>"
            for (i, value) in row.enumerated() {
                let number = i < numeric.count ? numeric[i] || value.type.isNumeric : value.type.isNumeric
                out += number ? "<td class=\"num\">" : "<td>"
                let column = i < table.columns.count ? table.columns[i] : nil
                if column?.display == .sparkline, case .text(let s) = value {
                    out += SVGCharts.sparkline(s) + "</td>"
                } else {
                    out += HTMLText.escaped(ValueFormatting.shown(value, column, nullText: "")) + "</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        let shown = table.rows.count + rowsLeftOut
        var footer = "\(shown) row\(shown == 1 ? "" : "s")"
        if rowsLeftOut > 0 { footer += " (the first \(table.rows.count) shown; export the query to CSV or xlsx for all)" }
        if !currency.isEmpty, table.columns.contains(where: { $0.type == .money }) { footer += " · money in \(currency)" }
        out += "<p class=\"table-footer\">\(HTMLText.escaped(footer))</p>\n"
        return out
    }
}
