import Foundation
import ClienteleCore

/// The records of an import file with what was found about it: the encoding (a first pass
/// checks the whole file is UTF-8), the BOM, the separator. The one place that chooses a
/// reader: a second format (xlsx, issue #18) opens its own `RecordReader` here.
///
/// ```swift
/// let source = try RecordSource.open(file: "clients.csv", options: ImportOptions())
/// while let row = try source.records.next() { print(row.line, row.fields) }
/// ```
package struct RecordSource {
    package var records: any RecordReader
    package var encoding: TextEncodingChoice
    package var byteOrderMark: Bool
    package var separator: Character
    /// Bytes of text to read, for progress estimates.
    package var totalBytes: Int

    package static func open(file path: String, options: ImportOptions) throws -> RecordSource {
        try open(ImportFile(path: path), options: options)
    }

    /// Detection and the reader over an open file (on disk, or bytes in memory).
    package static func open(_ file: ImportFile, options: ImportOptions) throws -> RecordSource {
        let path = file.path
        let bom = try file.hasByteOrderMark()
        let skip = bom ? 3 : 0
        let encoding: TextEncodingChoice
        switch options.encoding {
        case .windows1251:
            encoding = .windows1251
        case .utf8:
            if let offset = try file.firstInvalidUTF8(from: skip) {
                throw ImportError.notUTF8(path: path, offset: offset)
            }
            encoding = .utf8
        case .auto:
            encoding = try file.firstInvalidUTF8(from: skip) == nil ? .utf8 : .windows1251
        }
        // Structural characters are ASCII, the same bytes in both encodings: detection
        // reads the file's bytes (the header record, at most as much as one record may hold).
        let separator = options.separator
            ?? FormatDetection.separator(utf8: file.bytes(from: skip).prefix(options.limits.maxRecordBytes))
        let byteOrderMark = bom && encoding == .utf8
        guard let ascii = separator.asciiValue, separator.unicodeScalars.count == 1,
              separator != "\"", separator != "\n", separator != "\r" else {
            throw ImportError.invalidSeparator(separator)
        }
        return RecordSource(
            records: CSVFileRecords(file: file, skip: skip, windows1251: encoding == .windows1251, separator: ascii,
                                    limits: options.limits),
            encoding: encoding, byteOrderMark: byteOrderMark, separator: separator, totalBytes: file.size - skip)
    }
}
