import CSV
import Foundation
import ClienteleCore

/// RFC 4180 CSV through CSV.swift's `CSVWriter`: a header row of column names, then every
/// row with exact plain values (no grouping, no truncation, no colour). A field holding the
/// separator, a quote or a line break is quoted, quotes doubled; line breaks inside a field
/// are kept. Records end in `\n` (which every spreadsheet reads) rather than RFC 4180's CRLF.
///
/// For a Russian-locale spreadsheet: `csvSeparator: ";"` and `decimalComma: true` write
/// `ООО «Ромашка»;1234,56`.
struct DelimitedRenderer {
    let options: RenderOptions

    func render(_ table: Table) -> [String] {
        [records([table.columns.map(\.name)] + table.rows.map { record($0, columns: table.columns.count) })]
    }

    func record(_ row: [Value], columns: Int) -> [String] {
        (0..<columns).map { i in
            ValueFormatting.plain(i < row.count ? row[i] : .null, nullText: options.nullText, decimalComma: options.decimalComma)
        }
    }

    /// CSV text of records, separated by newlines (the last one has none).
    func records(_ records: [[String]]) -> String {
        do {
            return try write(records)
        } catch {
            // An in-memory stream does not fail; say so plainly if it ever does.
            return "csv: \(error)"
        }
    }

    private func write(_ records: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: String(options.csvSeparator), newline: .lf)
        for record in records {
            // A lone empty field would make a blank line, which readers skip: quote it.
            let loneEmpty = record.count == 1 && record[0].isEmpty
            try writer.write(row: record, quotedAtIndex: { _ in loneEmpty })
        }
        let data = withExtendedLifetime(writer) {
            stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        }
        return String(decoding: data, as: UTF8.self)
    }
}
