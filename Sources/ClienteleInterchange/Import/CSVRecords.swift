import Foundation
import CSV
import ClienteleCore

/// One record of the file: its fields and the physical line where it starts.
package struct SourceRow {
    package var line: Int
    package var fields: [String]
    /// Why the record could not be read whole, or a character no field may hold
    /// (`CSVFileRecords`); such a row is rejected.
    package var problem: RecordProblem? = nil

    /// A record that is one empty field: a blank line.
    package var isBlank: Bool { problem == nil && fields.count == 1 && fields[0].isEmpty }
}

/// Reads records with CSV.swift and tells the physical line each one starts on.
///
/// `CSVReader` does not report positions, so lines are counted here: a record takes one
/// line plus the line breaks inside its quoted fields (CSV.swift keeps them in the field
/// value verbatim, `\r\n` as two characters, so `\r\n`, `\n` and a lone `\r` count once).
package struct CSVRecords {
    private let reader: CSVReader
    private var nextLine = 1
    /// UTF-8 bytes of the fields read so far (plus separators and line ends): how far into
    /// the text the reader is, for progress estimates.
    package private(set) var bytesConsumed = 0
    package private(set) var recordsRead = 0

    package init(text: String, separator: Character) throws {
        guard let scalar = separator.unicodeScalars.first, separator.unicodeScalars.count == 1,
              separator != "\"", separator != "\n", separator != "\r" else {
            throw ImportError.invalidSeparator(separator)
        }
        // trimFields off: CSV.swift trims through NSString for every field (a fifth of the
        // import time on large files); values are trimmed where they are read (RowCheck.raw).
        reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: scalar)
    }

    package mutating func next() -> SourceRow? {
        guard let fields = reader.next() else { return nil }
        let line = nextLine
        var breaks = 0
        var bytes = fields.count
        for f in fields {
            let u = f.utf8
            bytes += u.count
            guard u.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { continue }
            var previousCR = false
            for b in u {
                if b == 0x0A { if !previousCR { breaks += 1 }; previousCR = false }
                else if b == 0x0D { breaks += 1; previousCR = true }
                else { previousCR = false }
            }
        }
        bytesConsumed += bytes
        recordsRead += 1
        nextLine += 1 + breaks
        return SourceRow(line: line, fields: fields)
    }
}
