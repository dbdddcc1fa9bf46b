import ClienteleCore

/// The one Markdown writer: GitHub-flavoured pipe tables, for results on screen
/// (`mode markdown`) and for `export ... to "f.md"`. Numeric columns right-aligned (`---:`),
/// `\` and `|` escaped, a line break written `<br>` so that a row stays one line; every row
/// and every character kept.
///
/// The screen pads the columns so that the source lines up too (`cellWidth`, a display
/// width); a file is written compact (`| a | b |`, delimiter ` --- `), which diffs better.
///
/// ```swift
/// MarkdownTableWriter(cellWidth: nil).lines(headers: ["a|b"], rows: [["1"]], rightAligned: [true])
/// // ["| a\|b |", "| ---: |", "| 1 |"]
/// ```
package struct MarkdownTableWriter {
    /// The display width of a cell's text; nil: no padding.
    package var cellWidth: ((String) -> Int)?

    package init(cellWidth: ((String) -> Int)?) { self.cellWidth = cellWidth }

    /// The table's lines: header, delimiter, rows. The cells are already escaped (`escaped`).
    package func lines(headers: [String], rows: [[String]], rightAligned: [Bool]) -> [String] {
        guard let cellWidth else {
            return ["| " + headers.joined(separator: " | ") + " |",
                    "|" + rightAligned.map { $0 ? " ---: " : " --- " }.joined(separator: "|") + "|"]
                + rows.map { "| " + $0.joined(separator: " | ") + " |" }
        }
        let widths = headers.indices.map { i in
            rows.reduce(max(1, cellWidth(headers[i]))) { max($0, cellWidth($1[i])) }
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.indices.map { i in
                let gap = String(repeating: " ", count: max(0, widths[i] - cellWidth(cells[i])))
                return rightAligned[i] ? gap + cells[i] : cells[i] + gap
            }.joined(separator: " | ") + " |"
        }
        let delimiter = "|" + widths.indices.map { i in
            rightAligned[i] ? String(repeating: "-", count: widths[i] + 1) + ":" : String(repeating: "-", count: widths[i] + 2)
        }.joined(separator: "|") + "|"
        return [line(headers), delimiter] + rows.map(line)
    }

    /// Text made safe inside a cell: `\` and `|` escaped, line breaks as `<br>`.
    package static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "|" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }
}
