import Foundation
import ClienteleCore

/// One row being checked: reads its values by column and collects its errors.
package struct RowCheck {
    package let row: SourceRow
    package let map: HeaderMap
    package private(set) var errors: [ImportRowError] = []
    /// The column whose cell could not be read (`reject`): it gets no second error.
    private var unreadableColumn: Int?

    package init(row: SourceRow, map: HeaderMap) { self.row = row; self.map = map }

    /// What the checks of a row found so far, without the row and the map: carried from the
    /// thread that began the checks to the one that ends them (`RowPipeline`).
    package struct Findings {
        var errors: [ImportRowError] = []
        var unreadableColumn: Int?
    }

    package var findings: Findings { Findings(errors: errors, unreadableColumn: unreadableColumn) }

    /// Goes on with the checks of `row` where `findings` left them.
    package init(row: SourceRow, map: HeaderMap, findings: Findings) {
        self.row = row
        self.map = map
        errors = findings.errors
        unreadableColumn = findings.unreadableColumn
    }

    package var line: Int { row.line }
    package var isValid: Bool { errors.isEmpty }

    /// The trimmed value of a column; nil when the file has no such column or the cell is empty.
    /// A value guarded against formulas, `'` then `=`, `+`, `-` or `@` (as a CSV export and
    /// spreadsheets write `'+7 495 …`), is read without the `'`: exports round-trip.
    package func raw(_ column: Int?) -> String? {
        guard let c = column, c < row.fields.count else { return nil }
        let v = ValueParser.trim(row.fields[c])
        if v.utf8.first == UInt8(ascii: "'"), let second = v.unicodeScalars.dropFirst().first, "=+-@".unicodeScalars.contains(second) {
            return String(v.dropFirst())
        }
        return v.isEmpty ? nil : v
    }

    /// Records a problem with a column's value (nil column: with the whole row).
    package mutating func fail(_ column: Int?, _ reason: String) {
        if let column, column == unreadableColumn { return }
        let value: String? = column.flatMap { c in
            let v = c < row.fields.count ? row.fields[c] : ""
            return ValueParser.trim(v).isEmpty ? nil : v
        }
        errors.append(ImportRowError(line: row.line, column: column.map { map.headers[$0] }, value: value, reason: reason))
    }

    /// Records why the record could not be read whole (or holds a forbidden character),
    /// naming its column when the header has one.
    package mutating func reject(_ problem: RecordProblem) {
        var reason = problem.reason
        var column: String?
        if let f = problem.field {
            if case .badCell = problem { unreadableColumn = f }
            if f < map.headers.count, !map.headers[f].isEmpty { column = map.headers[f] } else { reason += " (field \(f + 1))" }
        }
        errors.append(ImportRowError(line: row.line, column: column, value: nil, reason: reason))
    }

    /// Parses a column's value; a parse failure becomes a row error and nil.
    package mutating func value<T>(_ column: Int?, required: Bool = false, _ parse: (String) throws -> T) -> T? {
        guard let s = raw(column) else {
            if required { fail(column, "required, but empty") }
            return nil
        }
        do {
            return try parse(s)
        } catch let p as FieldProblem {
            fail(column, p.reason)
        } catch {
            fail(column, String(describing: error))
        }
        return nil
    }

    package mutating func text(_ column: Int?, required: Bool = false) -> String? {
        value(column, required: required) { $0 }
    }

    /// Checks a value against a closed list; `synonyms` maps other spellings (lowercased).
    package mutating func label(_ column: Int?, allowed: [String], synonyms: [String: String] = [:]) -> String? {
        value(column) { s in
            // The values of every list differ in lower case, so an exact match is the answer.
            if allowed.contains(s) { return s }
            let key = s.lowercased()
            if let hit = allowed.first(where: { $0.lowercased() == key }) { return hit }
            if let hit = synonyms[key] { return hit }
            throw FieldProblem("must be one of " + allowed.joined(separator: ", "))
        }
    }

    /// The fields of the row beyond the header must be empty (a trailing separator is fine).
    package mutating func checkWidth() {
        let width = map.headers.count
        if row.fields.count > width, row.fields[width...].contains(where: { !ValueParser.trim($0).isEmpty }) {
            fail(nil, "the row has \(row.fields.count) fields, the header has \(width)")
        }
    }
}
