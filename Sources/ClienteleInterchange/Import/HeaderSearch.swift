import Foundation
import ClienteleCore

/// Finds the header row of an import file. A CSV file's header is its first record that is
/// not blank. A report from 1C or Excel often has title rows above its header («Анализ
/// продаж за март», the period, the company): in a spreadsheet the header is the first of
/// the first `searchRows` rows that has the target's required columns, and the rows above
/// it are skipped and reported. `header row N` (`ImportOptions.headerRow`) names it in
/// either kind of file.
///
/// ```swift
/// let (header, map, skipped) = try HeaderSearch.find(in: source, file: "sales.xlsx", target: .orders, options: options)
/// ```
package enum HeaderSearch {
    package static let searchRows = 30

    package static func find(in source: RecordSource, file: String, target: ImportTarget,
                             options: ImportOptions) throws -> (SourceRow, HeaderMap, [Int]) {
        let records = source.records
        var skipped: [Int] = []
        if let wanted = options.headerRow {
            while let row = try records.next() {
                if row.line < wanted { if !row.isBlank { skipped.append(row.line) }; continue }
                guard row.line == wanted, !row.isBlank else { break }
                try refuseUnreadable(row, file: file)
                return (row, try HeaderMap(header: row.fields, target: target, mapping: options.mapping), skipped)
            }
            throw ImportError.badHeaderRow(path: file, row: wanted)
        }
        var first: Error?
        var seen = 0
        while let row = try records.next() {
            if row.isBlank { continue }
            seen += 1
            try refuseUnreadable(row, file: file)
            do {
                return (row, try HeaderMap(header: row.fields, target: target, mapping: options.mapping), skipped)
            } catch let e as ImportError {
                // A row without the required columns (or without a mapped column) may be a
                // title row; any other problem is the header's own.
                switch e {
                case .missingColumn, .mappedColumnNotFound: break
                default: throw e
                }
                if first == nil { first = e }
                guard source.isSpreadsheet, seen < searchRows else { break }
                skipped.append(row.line)
            }
        }
        guard let first else { throw ImportError.emptyFile(path: file) }
        if seen <= 1 || !source.isSpreadsheet { throw first }
        throw ImportError.noHeaderRow(path: file, rows: seen, first: String(describing: first))
    }

    private static func refuseUnreadable(_ row: SourceRow, file: String) throws {
        if let problem = row.problem {
            throw ImportError.unreadableHeader(path: file, line: row.line,
                                               reason: problem.reason + (problem.field.map { " (column \($0 + 1))" } ?? ""))
        }
    }

    /// The words that start a total row, after case and a trailing `:` or `.` are dropped.
    package static let totalWords: Set<String> = ["итого", "итог", "всего", "общий итог", "total", "totals", "grand total", "sum"]
    private static let totalInitials: Set<Unicode.Scalar> = ["и", "И", "в", "В", "о", "О", "t", "T", "g", "G", "s", "S"]

    /// A row whose first non-empty cell is «Итого», «Всего», «Итого по …», Total…: a total
    /// row of a report, not data.
    package static func isTotalRow(_ row: SourceRow) -> Bool {
        guard let cell = row.fields.first(where: { !ValueParser.trim($0).isEmpty }) else { return false }
        // Every total word starts with one of these letters once spaces, `_` and BOMs are
        // dropped, as `normalize` drops them: other rows (almost all) skip its Foundation calls.
        guard let first = cell.unicodeScalars.first(where: { !($0.properties.isWhitespace || $0 == "_" || $0 == "\u{FEFF}") }),
              totalInitials.contains(first) else { return false }
        var s = HeaderMap.normalize(cell)
        while let last = s.last, last == ":" || last == "." { s.removeLast() }
        return totalWords.contains(s) || s.hasPrefix("итого по ") || s.hasPrefix("всего по ") || s.hasPrefix("total for ")
    }
}
