import Foundation
import ClienteleCore

/// How the bytes of the file are decoded. `.auto`: UTF-8 (with or without a BOM) when the
/// bytes are valid UTF-8, otherwise Windows-1251 (what 1C and Russian Excel write).
package enum TextEncodingChoice: String, CaseIterable, Sendable, CustomStringConvertible {
    case auto, utf8, windows1251
    package var description: String {
        switch self {
        case .auto: return "auto"
        case .utf8: return "UTF-8"
        case .windows1251: return "Windows-1251"
        }
    }
}

/// How dates in the file are written. `.auto` detects from the values of the date columns.
/// ISO dates (`2025-01-31`) are accepted whatever the choice.
package enum DateFormatChoice: String, CaseIterable, Sendable, CustomStringConvertible {
    case auto
    /// `2025-01-31`
    case iso
    /// `31.01.2025` (1C, Russian Excel)
    case dayMonthYearDots
    /// `31/01/2025` (European Excel)
    case dayMonthYearSlashes
    /// `01/31/2025` (US Excel); only detected when a value proves it (a second part above 12).
    case monthDayYearSlashes

    package var description: String {
        switch self {
        case .auto: return "auto"
        case .iso: return "yyyy-mm-dd"
        case .dayMonthYearDots: return "dd.mm.yyyy"
        case .dayMonthYearSlashes: return "dd/mm/yyyy"
        case .monthDayYearSlashes: return "mm/dd/yyyy"
        }
    }

    /// An example value, for error messages.
    package var example: String {
        switch self {
        case .auto, .iso: return "2025-01-31"
        case .dayMonthYearDots: return "31.01.2025"
        case .dayMonthYearSlashes: return "31/01/2025"
        case .monthDayYearSlashes: return "01/31/2025"
        }
    }
}

/// Whether an import updates existing records or always adds new ones.
package enum ImportMode: String, Sendable {
    /// Update the record with the same key (clients: tax id, else name; orders: number + client;
    /// payments: number + order; contacts: client + name; categories: name), insert otherwise.
    case upsert
    /// Always insert. Keys that must be unique in the store (client tax id, category name)
    /// and already exist are row errors.
    case append
}

/// Progress of a running import, reported about every 50,000 rows.
package struct ImportProgress: Sendable, Equatable {
    package var rowsDone: Int
    /// Estimated rows in the whole file, from its size and the average row length so far.
    package var totalEstimate: Int
    package var rowsPerSecond: Double
    package var elapsedSeconds: Double

    package init(rowsDone: Int, totalEstimate: Int, rowsPerSecond: Double, elapsedSeconds: Double) {
        self.rowsDone = rowsDone; self.totalEstimate = totalEstimate
        self.rowsPerSecond = rowsPerSecond; self.elapsedSeconds = elapsedSeconds
    }
}

/// Options of `import "file.csv" into <target> [map "Column" to field, ...] [append] [dry run] [keep going]`.
///
/// ```swift
/// var options = ImportOptions()
/// options.mapping = ["Сумма": "gross"]
/// options.keepGoing = true
/// let report = try Importer.run(file: "orders.csv", into: .orders, options: options, store: store)
/// print(report.summary())
/// ```
package struct ImportOptions {
    /// `;`, `,` or tab; nil detects it from the header line.
    package var separator: Character? = nil
    package var encoding: TextEncodingChoice = .auto
    /// nil detects it from the values of the money columns.
    package var decimalComma: Bool? = nil
    package var dateFormat: DateFormatChoice = .auto
    /// Column header in the file → field name (`"Сумма": "gross"`); the field `ignore` skips a column.
    package var mapping: [String: String] = [:]
    package var mode: ImportMode = .upsert
    /// Check every row and count what would change; write nothing.
    package var dryRun = false
    /// Import the valid rows and write the rejected ones to `rejectsPath`.
    package var keepGoing = false
    /// `create categories`: an order line's category that the store does not have is created.
    package var createCategories = false
    /// Where rejected rows go with `keepGoing`; default `<file>.rejected.csv`.
    package var rejectsPath: String? = nil
    /// Called about every `progressInterval` rows.
    package var progress: ((ImportProgress) -> Void)? = nil
    package var progressInterval = 50_000
    /// How much one field and one row may hold (64 KiB and 1 MiB): a longer quoted field is
    /// taken for a quote that was never closed.
    package var limits = CSVLimits()
    /// The sheet of an .xlsx workbook to read (nil: the first).
    package var sheet: String? = nil
    /// The header's row (1 = the first row of the file or sheet); nil finds it: the first
    /// row of a CSV file; in a spreadsheet, the first of the first 30 rows that has the
    /// target's required columns (title rows above it are skipped and reported).
    package var headerRow: Int? = nil
    /// What an .xlsx file may unpack to.
    package var xlsxLimits = XLSXLimits()

    package init() {}
}
