import Foundation
import ClienteleCore

/// CSV with a header row, by the shared `CSVTableWriter`: fields holding the separator, a
/// quote or a line break are quoted, quotes doubled; fields with edge spaces are quoted too,
/// so that reading them back keeps the spaces; formulas guarded unless told otherwise.
package enum CSVExport {
    package static func render(_ table: Table, options: ExportOptions) throws -> Data {
        guard CSVTableWriter.isValidSeparator(options.separator) else {
            throw ExportError.invalidSeparator(options.separator)
        }
        let writer = CSVTableWriter(separator: options.separator, quoting: [.edgeSpaces], guardFormulas: options.guardFormulas)
        let header = table.columns.map(\.name)
        let records = [header] + table.rows.map { row in
            row.map { writer.cell($0, text: ValueText.plain($0, nullText: "", decimalComma: options.decimalComma)) }
        }
        var data = Data(options.byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        data.append(try writer.data(records))
        data.append(0x0A)
        return data
    }
}
