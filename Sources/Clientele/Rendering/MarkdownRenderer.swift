import ClienteleCore
import ClienteleInterchange

/// `mode markdown`: GitHub-flavoured pipe tables by the shared `MarkdownTableWriter` that
/// `export` uses too, padded so the source lines up:
///
/// ```
/// | id | name           |  turnover |
/// |---:|----------------|----------:|
/// |  1 | ООО «Фармация» | 12,345.00 |
/// ```
///
/// Numbers right-aligned (`---:`), values formatted as in the terminal table, never cut;
/// `\` and `|` escaped, a line break written `<br>` so a row stays one line, other control
/// characters shown as in the terminal table (`CellText.escaped`).
struct MarkdownRenderer {
    let options: RenderOptions

    func render(_ table: Table) -> [String] {
        guard !table.columns.isEmpty else { return [] }
        let columns = table.columns
        let headers = columns.map { Self.escaped($0.name) }
        let cells = table.rows.map { row in
            columns.indices.map { i in
                Self.escaped(ValueFormatting.shown(i < row.count ? row[i] : .null, columns[i], nullText: options.nullText))
            }
        }
        return MarkdownTableWriter(cellWidth: { DisplayWidth.of($0) })
            .lines(headers: headers, rows: cells, rightAligned: columns.map { ValueFormatting.isRightAligned($0.type) })
    }

    static func escaped(_ text: String) -> String {
        CellText.escaped(MarkdownTableWriter.escaped(text))
    }
}
