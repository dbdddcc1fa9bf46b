import Foundation
import ClienteleCore

/// One problem with one row of the file.
package struct ImportRowError: Equatable, Sendable, CustomStringConvertible {
    /// Physical line in the file where the row starts (1 = the header line).
    package var line: Int
    /// The column's header as written in the file; nil for problems with the whole row.
    package var column: String?
    /// The offending value as read; nil for problems with the whole row.
    package var value: String?
    package var reason: String
    /// "line" for a CSV file, "row" for a spreadsheet (whose rows are numbered).
    package var unit = "line"

    package init(line: Int, column: String?, value: String?, reason: String) {
        self.line = line; self.column = column; self.value = value; self.reason = reason
    }

    /// `line 12, column "Дата", value "30.02.2025": no such date (February 2025 has 28 days)`
    package var description: String {
        var s = "\(unit) \(line)"
        if let c = column { s += ", column \"\(c)\"" }
        if let v = value { s += ", value \"\(v)\"" }
        return s + ": " + reason
    }
}

/// What detection found (or what the options forced).
package struct DetectedFormat: Equatable, Sendable {
    package var separator: Character
    package var encoding: TextEncodingChoice
    package var byteOrderMark: Bool
    package var decimalComma: Bool
    package var dateFormat: DateFormatChoice
    /// The sheet read, for an .xlsx workbook.
    package var sheet: String? = nil
    package var system1904 = false
    /// The header's row, when it is not the first.
    package var headerRow: Int? = nil

    package init(separator: Character, encoding: TextEncodingChoice, byteOrderMark: Bool, decimalComma: Bool,
                 dateFormat: DateFormatChoice) {
        self.separator = separator; self.encoding = encoding; self.byteOrderMark = byteOrderMark
        self.decimalComma = decimalComma; self.dateFormat = dateFormat
    }

    /// `UTF-8 with BOM, separator ';', decimal comma, dates dd.mm.yyyy`;
    /// `xlsx, sheet "Лист1", header on row 3, dates in the 1904 system`
    package var description: String {
        if let sheet {
            var s = "xlsx, sheet \"\(sheet)\""
            if let headerRow { s += ", header on row \(headerRow)" }
            if system1904 { s += ", dates in the 1904 system" }
            return s
        }
        if let headerRow {
            return plainDescription + ", header on line \(headerRow)"
        }
        return plainDescription
    }

    private var plainDescription: String {
        let enc = encoding.description + (byteOrderMark ? " with BOM" : "")
        let sep = separator == "\t" ? "tab" : "'\(separator)'"
        return "\(enc), separator \(sep), decimal \(decimalComma ? "comma" : "point"), dates \(dateFormat)"
    }
}

/// The outcome of `Importer.run`. When rows have errors and `keepGoing` is off, nothing was
/// written: `written` is false and `errors` holds the first 20 problems.
package struct ImportReport: Sendable {
    package static let errorListLimit = 20

    package var file: String
    package var target: ImportTarget
    package var rowsRead = 0
    /// Rows inserted (in a dry run or a refused import: rows that would be inserted).
    package var inserted = 0
    /// Rows that updated an existing record (or would).
    package var updated = 0
    /// Rows with at least one error.
    package var rejected = 0
    /// All problems found, counting several in one row.
    package var errorCount = 0
    /// The first `errorListLimit` problems, in file order.
    package var errors: [ImportRowError] = []
    package var detected: DetectedFormat
    /// Headers of the file no field took.
    package var ignoredColumns: [String] = []
    /// Rows above the header that were skipped (a report's title), by line or row number.
    package var titleRows: [Int] = []
    /// Total rows («Итого», «Всего», Total) skipped: their line or row numbers.
    package var totalRows: [Int] = []
    package var dryRun = false
    package var keepGoing = false
    /// True when the store was changed (possibly by zero rows).
    package var written = false
    /// Where rejected rows were written, with `keepGoing`.
    package var rejectsPath: String? = nil
    /// What the target adds to the summary (order lines written, categories created).
    package var notes: [String] = []
    package var seconds: Double = 0

    package init(file: String, target: ImportTarget, detected: DetectedFormat) {
        self.file = file; self.target = target; self.detected = detected
    }

    /// Rows that passed every check.
    package var valid: Int { inserted + updated }

    /// A few lines for the user, e.g.
    /// ```
    /// orders from sales.csv: 1000 rows read, 997 inserted, 0 updated, 3 rejected (see sales.csv.rejected.csv)
    /// ```
    package func summary() -> String {
        let name = PathText.name(of: file)
        var lines: [String] = []
        let head = "\(target.rawValue) from \(name): \(rowsRead) row\(rowsRead == 1 ? "" : "s") read"
        if dryRun {
            var s = "dry run, nothing written — \(head), would insert \(inserted), would update \(updated)"
            if rejected > 0 { s += ", \(rejected) with errors" }
            lines.append(s)
        } else if !written && valid == 0 {
            lines.append("nothing imported — \(head), \(rowsRead == 1 ? "it has" : "all with") errors; fix them and import again")
        } else if !written {
            lines.append("nothing imported — \(head), \(rejected) with errors; fix them, or add keep going to import the \(valid) valid rows")
        } else {
            var s = "\(head), \(inserted) inserted, \(updated) updated"
            if rejected > 0 {
                s += ", \(rejected) rejected"
                if let r = rejectsPath { s += " (see \(r))" }
            }
            lines.append(s)
        }
        lines.append(contentsOf: notes)
        lines.append("detected: \(detected.description)")
        let unit = detected.sheet == nil ? "line" : "row"
        if !titleRows.isEmpty {
            lines.append("skipped title \(unit)s above the header: " + ImportReport.ranges(titleRows))
        }
        if !totalRows.isEmpty {
            lines.append("skipped total \(unit)\(totalRows.count == 1 ? "" : "s"): " + ImportReport.ranges(totalRows))
        }
        if !ignoredColumns.isEmpty {
            lines.append("ignored columns: " + ignoredColumns.joined(separator: ", "))
        }
        if !errors.isEmpty {
            lines.append(contentsOf: errors.map(\.description))
            if errorCount > errors.count {
                lines.append("... and \(errorCount - errors.count) more error\(errorCount - errors.count == 1 ? "" : "s")")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `1–3, 57`: runs of consecutive numbers (at most 20 runs shown).
    package static func ranges(_ numbers: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for n in numbers {
            if let last = runs.last, last.1 + 1 == n { runs[runs.count - 1].1 = n } else { runs.append((n, n)) }
        }
        var parts = runs.prefix(20).map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }
        if runs.count > 20 { parts.append("… (\(numbers.count) in all)") }
        return parts.joined(separator: ", ")
    }
}
