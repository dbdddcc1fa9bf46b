import ClienteleCore
import ClienteleInterchange

/// `mode csv`: a header row of column names, then every row with exact plain values (no
/// grouping, no truncation, no colour), by the shared `CSVTableWriter` that `export` uses too.
/// On screen a lone empty field is quoted (a blank line would be skipped by readers); formulas
/// are not guarded and edge spaces not quoted (those are the file's options).
///
/// For a Russian-locale spreadsheet: `csvSeparator: ";"` and `decimalComma: true` write
/// `ООО «Ромашка»;1234,56`.
struct DelimitedRenderer {
    let options: RenderOptions

    func render(_ table: Table) -> [String] {
        [records((options.headers ? [table.columns.map(\.name)] : []) + table.rows.map { record($0, columns: table.columns.count) })]
    }

    func record(_ row: [Value], columns: Int) -> [String] {
        (0..<columns).map { i in
            ValueText.plain(i < row.count ? row[i] : .null, nullText: options.nullText, decimalComma: options.decimalComma)
        }
    }

    /// CSV text of records, separated by newlines (the last one has none).
    func records(_ records: [[String]]) -> String {
        do {
            return try CSVTableWriter(separator: options.csvSeparator, quoting: [.loneEmptyField]).text(records)
        } catch {
            // An in-memory stream does not fail; say so plainly if it ever does.
            return "csv: \(error)"
        }
    }
}
