import ClienteleCore

/// `mode line`, the record view for wide rows (sqlite3's `.mode line`, psql's `\x`): each
/// row a block of `name = value` lines, names right-aligned, a blank line between rows.
/// Values as in the terminal table (grouped, never cut); a table cut by `maxRows` ends with
/// "… N more rows" as the table does.
///
/// ```
///     name = ООО «Фармация»
/// turnover = 12,345.00
/// ```
struct LineRenderer {
    let options: RenderOptions

    func record(_ row: [Value], columns: [Column]) -> [String] {
        let names = columns.map { CellText.escaped($0.name) }
        let width = names.map(DisplayWidth.of).max() ?? 0
        return columns.indices.map { i in
            let value = ValueFormatting.shown(i < row.count ? row[i] : .null, columns[i], nullText: options.nullText)
            return CellText.padded(names[i], to: width, .right) + " = " + CellText.escaped(value)
        }
    }

    /// Records of `rows` (the first ones shown), a blank line before each after the first.
    func render(_ table: Table, totalRows: Int? = nil, first: Bool = true) -> [String] {
        var lines: [String] = []
        let shown = options.maxRows.map { Array(table.rows.prefix(max(0, $0))) } ?? table.rows
        for (n, row) in shown.enumerated() {
            if n > 0 || !first { lines.append("") }
            lines += record(row, columns: table.columns)
        }
        let total = totalRows ?? table.rows.count
        if shown.count < total {
            lines.append("… \(TableRenderer.count(total - shown.count, "more row")) (.last shows them; .maxrows 0 shows every row)")
        }
        return lines
    }
}

/// `mode list` (values separated by `|`, as sqlite3's default) and `mode tabs` (by tabs):
/// plain values as in CSV, never quoted; a separator or line break inside a value is shown
/// as in the terminal table (`⇥`, `↵`) and `|` as `\|`, so that a row stays one line.
/// The header line is left out with `.headers off`.
struct SeparatedRenderer {
    let options: RenderOptions

    var separator: String { options.format == .tabs ? "\t" : "|" }

    func line(_ fields: [String]) -> String {
        fields.map { field in
            let cell = CellText.escaped(field)
            guard separator == "|", cell.contains("|") else { return cell }
            return cell.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
        }.joined(separator: separator)
    }

    func header(_ columns: [Column]) -> [String] { options.headers ? [line(columns.map(\.name))] : [] }

    func row(_ values: [Value], columns: Int) -> String {
        line((0..<columns).map { i in
            ValueText.plain(i < values.count ? values[i] : .null, nullText: options.nullText, decimalComma: options.decimalComma)
        })
    }

    func render(_ table: Table) -> [String] {
        header(table.columns) + table.rows.map { row($0, columns: table.columns.count) }
    }
}

/// `mode html`: an HTML `<table>` (as sqlite3's `.mode html`), a `<tr>` per row, the
/// header row in `<th>` unless `.headers off`; text escaped (`&`, `<`, `>`, `"`), numbers
/// in `class="num"` cells. A fragment to paste into a page or an e-mail, not a document.
struct HTMLRenderer {
    let options: RenderOptions

    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    func begin(_ columns: [Column]) -> [String] {
        var lines = ["<table>"]
        if options.headers {
            lines.append("<tr>" + columns.map { "<th>\(Self.escaped($0.name))</th>" }.joined() + "</tr>")
        }
        return lines
    }

    func row(_ values: [Value], columns: [Column]) -> String {
        "<tr>" + columns.indices.map { i in
            if columns[i].display == .sparkline, i < values.count, case .text(let s) = values[i] {
                return "<td>" + SVGCharts.sparkline(s) + "</td>"
            }
            let text = Self.escaped(ValueFormatting.shown(i < values.count ? values[i] : .null, columns[i], nullText: options.nullText))
            return ValueFormatting.isRightAligned(columns[i].type) ? "<td class=\"num\">\(text)</td>" : "<td>\(text)</td>"
        }.joined() + "</tr>"
    }

    func render(_ table: Table) -> [String] {
        begin(table.columns) + table.rows.map { row($0, columns: table.columns) } + ["</table>"]
    }
}
