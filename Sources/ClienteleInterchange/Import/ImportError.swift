import Foundation
import ClienteleCore

/// Problems with the file as a whole, found before any row is read. Nothing is written.
package enum ImportError: Error, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case emptyFile(path: String)
    case notUTF8(path: String, offset: Int)
    case invalidSeparator(Character)
    /// `what` is "a date", `candidates` the headers that would have matched.
    case missingColumn(target: ImportTarget, what: String, candidates: [String], field: String)
    case mappedColumnNotFound(column: String, columns: [String])
    case unknownField(target: ImportTarget, column: String, field: String, fields: [String])
    case fieldMappedTwice(field: String, columns: [String])
    case cannotWriteRejects(path: String, reason: String)
    /// The header record cannot be read (an unclosed quote, a control character...).
    case unreadableHeader(path: String, line: Int, reason: String)
    /// An .xlsx file that cannot be read: not a zip, a missing or malformed part, too big.
    case badSpreadsheet(path: String, reason: String)
    case noSuchSheet(path: String, sheet: String, sheets: [String])
    /// No row of the first ones has the required columns.
    case noHeaderRow(path: String, rows: Int, first: String)
    /// `header row N` names a row that is empty or past the end.
    case badHeaderRow(path: String, row: Int)

    package var description: String {
        switch self {
        case .cannotRead(let p, let r):
            return "cannot read '\(p)': \(r)"
        case .emptyFile(let p):
            return "'\(p)' is empty: expected a header row"
        case .notUTF8(let p, let o):
            return "'\(p)' is not valid UTF-8 (byte \(o)); it may be Windows-1251: leave the encoding to auto or choose windows-1251"
        case .invalidSeparator(let c):
            return "'\(c)' cannot be a separator: use one ASCII character other than a quote or a line break, e.g. ';'"
        case .missingColumn(let t, let what, let cands, let field):
            return "\(t.rawValue) need \(what) column: none of \(cands.joined(separator: ", ")) found; map one with map \"Column\" to \(field)"
        case .mappedColumnNotFound(let c, let cols):
            return "map \"\(c)\": the file has no column \"\(c)\" (its columns: \(cols.joined(separator: ", ")))"
        case .unknownField(let t, let c, let f, let fields):
            return "map \"\(c)\" to \(f): \(t.rawValue) have no field \(f) (fields: \(fields.joined(separator: ", ")), or ignore)"
        case .fieldMappedTwice(let f, let cols):
            return "columns " + cols.map { "\"\($0)\"" }.joined(separator: " and ")
                + " both map to \(f); map the one to skip with map \"Column\" to ignore"
        case .cannotWriteRejects(let p, let r):
            return "cannot write rejected rows to '\(p)': \(r)"
        case .unreadableHeader(let p, let line, let r):
            return "cannot read the header row of '\(p)': line \(line): \(r)"
        case .badSpreadsheet(let p, let r):
            return "cannot read '\(p)': \(r)"
        case .noSuchSheet(let p, let s, let sheets):
            return "'\(p)' has no sheet \"\(s)\" (its sheets: \(sheets.map { "\"\($0)\"" }.joined(separator: ", ")))"
        case .badHeaderRow(let p, let row):
            return "'\(p)' has no header on row \(row): the row is empty or past the end of the file"
        case .noHeaderRow(let p, let rows, let first):
            return "no header row found in the first \(rows) rows of '\(p)': \(first); name the row with header row N"
        }
    }
}
