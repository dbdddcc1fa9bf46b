import Foundation
import CSV
import ClienteleCore

/// CSV with a header row, written by CSV.swift's `CSVWriter`: fields holding the separator,
/// a quote or a line break are quoted, quotes doubled. Fields with edge spaces are quoted
/// too, so that reading them back keeps the spaces.
enum CSVExport {
    static func render(_ table: Table, options: ExportOptions) throws -> Data {
        let sep = options.separator
        guard sep.unicodeScalars.count == 1, sep != "\"", sep != "\n", sep != "\r", sep != "\r\n" else {
            throw ExportError.invalidSeparator(sep)
        }
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: String(sep))
        try writer.write(row: table.columns.map(\.name))
        for row in table.rows {
            writer.beginNewRow()
            for value in row {
                var text = Exporter.text(value, decimalComma: options.decimalComma)
                if options.guardFormulas, case .text = value, CSVExport.looksLikeFormula(text) { text = "'" + text }
                let edgeSpace = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
                try writer.write(field: text, quoted: edgeSpace)
            }
        }
        stream.close()
        var data = Data(options.byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        data.append(stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
        data.append(0x0A)
        return data
    }

    /// A cell a spreadsheet would run as a formula (OWASP: `=`, `+`, `-`, `@`, tab, CR).
    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }
}
