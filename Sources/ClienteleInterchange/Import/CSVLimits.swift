import ClienteleCore

/// How much one record of an imported file may hold. A quoted field longer than
/// `maxFieldBytes` is almost always a quote that was never closed; the bounds also keep the
/// memory of an import flat whatever the file holds (a line of a gigabyte, a run of NULs).
package struct CSVLimits: Sendable, Equatable {
    /// Bytes of text (UTF-8) in one field: 64 KiB.
    package var maxFieldBytes = 64 * 1024
    /// Bytes of text in one record, separators included: 1 MiB.
    package var maxRecordBytes = 1 << 20

    package init() {}

    /// `64 KiB`, `1 MiB`, `100 bytes`.
    package static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// Why a record could not be read, or holds a character no field may hold. `field` counts
/// from 0.
package enum RecordProblem: Equatable {
    /// The quote that opens the field is never closed: it runs to the end of the file.
    case unclosedQuote(field: Int)
    /// A quoted field runs past the field limit: a closing quote is probably missing.
    case quotedFieldTooLong(field: Int, limit: Int)
    case fieldTooLong(field: Int, limit: Int)
    case recordTooLong(limit: Int)
    /// A control character other than tab (or a line break inside quotes); `character`
    /// counts from 1 within the field.
    case controlCharacter(field: Int, byte: UInt8, character: Int)
    /// A spreadsheet cell that holds no usable value (an error such as `#N/A`, a date that
    /// does not exist); the rest of the row was read.
    case badCell(field: Int, reason: String)

    package var field: Int? {
        switch self {
        case .unclosedQuote(let f), .quotedFieldTooLong(let f, _), .fieldTooLong(let f, _),
             .controlCharacter(let f, _, _), .badCell(let f, _): return f
        case .recordTooLong: return nil
        }
    }

    /// Whether the record's fields were read to its end (only a bad character was found).
    package var recordIsComplete: Bool {
        switch self {
        case .controlCharacter, .badCell: return true
        default: return false
        }
    }

    /// The reason, for a message that names the line (and the column) before it.
    package var reason: String {
        switch self {
        case .unclosedQuote:
            return "the quote that opens this field is never closed (the field runs to the end of the file); close it or remove it"
        case .quotedFieldTooLong(_, let limit):
            return "the quote that opens this field is not closed within \(CSVLimits.size(limit)), the most a field may hold; a closing quote is probably missing"
        case .fieldTooLong(_, let limit):
            return "the field is longer than \(CSVLimits.size(limit)), the most a field may hold"
        case .recordTooLong(let limit):
            return "the row is longer than \(CSVLimits.size(limit)), the most a row may hold"
        case .badCell(_, let reason):
            return reason
        case .controlCharacter(_, let byte, let character):
            let names: [UInt8: String] = [0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x08: "backspace", 0x0C: "form feed",
                                          0x0B: "vertical tab", 0x07: "bell"]
            let name = names[byte].map { ", \($0)" } ?? ""
            let hex = String(byte, radix: 16, uppercase: true)
            return "the value holds a control character (0x\(hex.count == 1 ? "0" + hex : hex)\(name)) at character \(character); remove it"
        }
    }
}
