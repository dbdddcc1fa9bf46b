import Foundation
import CSV
import ClienteleCore

/// The one CSV writer, for results on screen (`mode csv`) and for `export ... to "f.csv"`:
/// RFC 4180 through CSV.swift's `CSVWriter`. A field holding the separator, a quote or a line
/// break is quoted, quotes doubled; line breaks inside a field are kept. Records end in `\n`
/// (which every spreadsheet reads) rather than RFC 4180's CRLF.
///
/// What differs between a screen and a file is an explicit option, never a second writer:
/// a file guards formulas and quotes edge spaces (see `ExportOptions`); the screen quotes a
/// lone empty field.
///
/// ```swift
/// let writer = CSVTableWriter(separator: ";", quoting: [.edgeSpaces], guardFormulas: true)
/// let text = try writer.text([["name", "n"], ["=cmd", "1"]])   // "name;n\n'=cmd;1"
/// ```
package struct CSVTableWriter: Sendable {
    package struct Quoting: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        /// A field starting or ending with white space is quoted, so that reading it back
        /// keeps the spaces (files).
        package static let edgeSpaces = Quoting(rawValue: 1)
        /// A record of one empty field is quoted: as a blank line, readers would skip it (screen).
        package static let loneEmptyField = Quoting(rawValue: 2)
    }

    package var separator: Character
    package var quoting: Quoting
    /// A text cell a spreadsheet would run as a formula gets a leading `'` (files; see
    /// `ExportOptions.guardFormulas`).
    package var guardFormulas: Bool

    package init(separator: Character = ",", quoting: Quoting = [], guardFormulas: Bool = false) {
        self.separator = separator
        self.quoting = quoting
        self.guardFormulas = guardFormulas
    }

    /// Whether `separator` can separate CSV fields: one character, not a quote or a line break.
    package static func isValidSeparator(_ separator: Character) -> Bool {
        separator.unicodeScalars.count == 1 && separator != "\"" && separator != "\n" && separator != "\r"
            && separator != "\r\n"
    }

    /// A value's text as a cell: `text` with the formula guard applied to text values.
    package func cell(_ value: Value, text: String) -> String {
        if guardFormulas, case .text = value, Self.looksLikeFormula(text) { return "'" + text }
        return text
    }

    /// A cell a spreadsheet would run as a formula (OWASP: `=`, `+`, `-`, `@`, tab, CR).
    package static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }

    /// The records as UTF-8 CSV, separated by newlines (the last one has none).
    package func data(_ records: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: String(separator), newline: .lf)
        for record in records {
            let loneEmpty = quoting.contains(.loneEmptyField) && record.count == 1 && record[0].isEmpty
            let edgeSpaces = quoting.contains(.edgeSpaces)
            try writer.write(row: record, quotedAtIndex: { i in
                loneEmpty || (edgeSpaces && Self.hasEdgeSpace(record[i]))
            })
        }
        stream.close()
        return withExtendedLifetime(writer) {
            stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        }
    }

    package func text(_ records: [[String]]) throws -> String {
        String(decoding: try data(records), as: UTF8.self)
    }

    private static func hasEdgeSpace(_ text: String) -> Bool {
        text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
    }
}
