import Foundation
import ClienteleCore

/// A GitHub-flavoured Markdown table: numeric columns right-aligned, `|` escaped, line
/// breaks inside a value as `<br>`. Every row and every character is kept.
enum MarkdownExport {
    static func render(_ table: Table, decimalComma: Bool) -> String {
        var out = "| " + table.columns.map { cell($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.type.isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in table.rows {
            out += "| " + row.map { cell(Exporter.text($0, decimalComma: decimalComma)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }
}
