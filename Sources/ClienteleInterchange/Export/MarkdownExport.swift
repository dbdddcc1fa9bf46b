import ClienteleCore

/// A compact GitHub-flavoured Markdown table by the shared `MarkdownTableWriter`: exact
/// plain values (the decimal comma on request), numeric columns right-aligned.
package enum MarkdownExport {
    package static func render(_ table: Table, decimalComma: Bool) -> String {
        let headers = table.columns.map { MarkdownTableWriter.escaped($0.name) }
        let rows = table.rows.map { row in
            row.map { MarkdownTableWriter.escaped(ValueText.plain($0, nullText: "", decimalComma: decimalComma)) }
        }
        let lines = MarkdownTableWriter(cellWidth: nil)
            .lines(headers: headers, rows: rows, rightAligned: table.columns.map(\.type.isNumeric))
        return lines.map { $0 + "\n" }.joined()
    }
}
