import ClienteleCore

/// GitHub-flavoured Markdown pipe tables, padded so the source lines up too:
///
/// ```
/// | id | name           |  turnover |
/// |---:|----------------|----------:|
/// |  1 | ООО «Фармация» | 12,345.00 |
/// ```
///
/// Numbers right-aligned (`---:`), values formatted as in the terminal table, never cut;
/// `|` escaped as `\|`, a line break written `<br>` so a row stays one line.
struct MarkdownRenderer {
    let options: RenderOptions

    func render(_ table: Table) -> [String] {
        guard !table.columns.isEmpty else { return [] }
        let columns = table.columns
        let headers = columns.map { Self.escaped($0.name) }
        let cells = table.rows.map { row in
            columns.indices.map { i in
                Self.escaped(ValueFormatting.human(i < row.count ? row[i] : .null, nullText: options.nullText))
            }
        }
        let widths = columns.indices.map { i in
            cells.reduce(max(1, DisplayWidth.of(headers[i]))) { max($0, DisplayWidth.of($1[i])) }
        }
        let right = columns.map { ValueFormatting.isRightAligned($0.type) }

        func line(_ cells: [String]) -> String {
            "| " + cells.indices.map { i in
                CellText.padded(cells[i], to: widths[i], right[i] ? .right : .left)
            }.joined(separator: " | ") + " |"
        }
        let delimiter = "|" + widths.indices.map { i in
            right[i] ? String(repeating: "-", count: widths[i] + 1) + ":" : String(repeating: "-", count: widths[i] + 2)
        }.joined(separator: "|") + "|"
        return [line(headers), delimiter] + cells.map(line)
    }

    static func escaped(_ text: String) -> String {
        var text = text
        if text.contains(where: { $0 == "|" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            text = text.replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\r\n", with: "<br>")
                .replacingOccurrences(of: "\n", with: "<br>")
                .replacingOccurrences(of: "\r", with: "<br>")
        }
        return CellText.escaped(text)
    }
}
