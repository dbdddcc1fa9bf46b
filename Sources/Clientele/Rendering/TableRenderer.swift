import ClienteleCore

/// Box-drawn tables for the terminal, as DuckDB's shell draws them:
///
/// ```
/// ┌────┬────────────────┬───────────┐
/// │ id │ name           │  turnover │
/// ├────┼────────────────┼───────────┤
/// │  1 │ ООО «Фармация» │ 12,345.00 │
/// └────┴────────────────┴───────────┘
/// 1 row
/// ```
///
/// Numbers right-aligned, everything else left-aligned; headers are the column names
/// unchanged (money carries no currency: the store has one). Below the box, in order:
/// "… N more rows" when `maxRows` cut the result, the row count, and a note naming the
/// columns cut or left out to fit `width`.
struct TableRenderer {
    let options: RenderOptions

    /// `totalRows`: how many rows the result had when `table` holds only the first ones
    /// (a streamed result keeps no more rows than it shows).
    func render(_ table: Table, totalRows: Int? = nil) -> [String] {
        let total = totalRows ?? table.rows.count
        let shownRows = options.maxRows.map { Array(table.rows.prefix(max(0, $0))) } ?? table.rows
        var footer: [String] = []
        if shownRows.count < total {
            let more = total - shownRows.count
            footer.append("… \(Self.count(more, "more row")) (.last shows them; .maxrows 0 shows every row)")
        }
        var countLine = Self.count(total, "row")
        if !options.currency.isEmpty, table.columns.contains(where: { $0.type == .money }) {
            countLine += " · money in \(options.currency)"
        }
        footer.append(countLine)
        guard !table.columns.isEmpty else { return footer }

        let columns = table.columns
        let headers = columns.map { CellText.escaped($0.name) }
        let cells: [[String]] = shownRows.map { row in
            columns.indices.map { i in
                CellText.escaped(ValueFormatting.shown(i < row.count ? row[i] : .null, columns[i], nullText: options.nullText))
            }
        }
        let natural = columns.indices.map { i in
            cells.reduce(DisplayWidth.of(headers[i])) { max($0, DisplayWidth.of($1[i])) }
        }
        let layout = ColumnFitting.fit(natural: natural,
                                       shrinkable: columns.map { Self.isShrinkable($0.type) },
                                       into: options.width)
        let alignments: [CellText.Alignment] = columns.map { ValueFormatting.isRightAligned($0.type) ? .right : .left }

        func line(_ cells: [String], bold: Bool = false) -> String {
            let bar = dim("│")
            let drawn = layout.widths.indices.map { i -> String in
                let text = CellText.padded(CellText.truncated(cells[i], to: layout.widths[i]), to: layout.widths[i], alignments[i])
                return " " + (bold ? self.bold(text) : text) + " "
            }
            return bar + drawn.joined(separator: bar) + bar
        }
        func border(_ left: String, _ middle: String, _ right: String) -> String {
            dim(left + layout.widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right)
        }

        var lines = [border("┌", "┬", "┐"), line(headers, bold: true), border("├", "┼", "┤")]
        lines += cells.map { line($0) }
        lines.append(border("└", "┴", "┘"))
        lines += footer
        if let note = fitNote(layout, columns) { lines.append(note) }
        return lines
    }

    /// "(columns truncated to fit 80: name, address; not shown: email, phone)"
    private func fitNote(_ layout: ColumnLayout, _ columns: [Column]) -> String? {
        guard let width = options.width else { return nil }
        let cut = layout.truncated.map { CellText.escaped(columns[$0].name) }.joined(separator: ", ")
        let hidden = layout.hidden.map { CellText.escaped(columns[$0].name) }.joined(separator: ", ")
        switch (cut.isEmpty, hidden.isEmpty) {
        case (true, true): return nil
        case (false, true): return "(columns truncated to fit \(width): \(cut))"
        case (true, false): return "(columns not shown to fit \(width): \(hidden))"
        case (false, false): return "(columns truncated to fit \(width): \(cut); not shown: \(hidden))"
        }
    }

    /// Text can lose its tail; a number, a date or a flag cut short would mislead.
    static func isShrinkable(_ type: ValueType) -> Bool {
        switch type {
        case .text, .label, .null: return true
        case .integer, .decimal, .money, .percent, .date, .boolean: return false
        }
    }

    /// "1 row", "0 rows", "1,000 rows".
    static func count(_ n: Int, _ noun: String) -> String {
        ValueFormatting.grouped(String(n)) + " " + noun + (n == 1 ? "" : "s")
    }

    private func dim(_ text: String) -> String { options.color ? ANSI.dim + text + ANSI.reset : text }
    private func bold(_ text: String) -> String { options.color ? ANSI.bold + text + ANSI.reset : text }
}
