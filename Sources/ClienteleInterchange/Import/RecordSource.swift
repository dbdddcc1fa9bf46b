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
    /// The sheet read, for an .xlsx workbook (nil for CSV).
    package var sheet: String? = nil
    /// The workbook counts dates from 1904 (old Mac Excel) instead of 1900.
    package var system1904 = false

    package var isSpreadsheet: Bool { sheet != nil }

    /// An .xlsx workbook: the name says so, or the bytes are a zip archive.
    package static func isSpreadsheet(_ file: ImportFile) throws -> Bool {
        let ext = (file.path as NSString).pathExtension.lowercased()
        if ["xlsx", "xlsm"].contains(ext) { return true }
        return try magic(file) == [0x50, 0x4B, 0x03, 0x04]
    }

    private static func magic(_ file: ImportFile) throws -> [UInt8] {
        var head: [UInt8] = [0, 0, 0, 0]
        let n = try head.withUnsafeMutableBufferPointer { try file.read(into: $0.baseAddress!, count: 4, at: 0) }
        return Array(head.prefix(n))
    }

    private static func openSpreadsheet(_ file: ImportFile, options: ImportOptions) throws -> RecordSource {
        if try magic(file) == [0xD0, 0xCF, 0x11, 0xE0] {
            throw ImportError.badSpreadsheet(path: file.path, reason: "it is an .xls workbook (Excel 97–2003), which import does not read; save it as .xlsx or CSV")
        }
        let book = try XLSXWorkbook(file: file, limits: options.xlsxLimits)
        let sheet = try book.sheet(named: options.sheet)
        let records = try XLSXSheetRecords(book: book, sheet: sheet, limits: options.limits)
        // Only this sheet is read: its reader alone holds the shared strings (freed at its end).
        book.releaseSharedStrings()
        return RecordSource(records: records, encoding: .utf8, byteOrderMark: false, separator: ";",
                            totalBytes: records.totalBytes, sheet: sheet.name, system1904: book.system1904)
    }

    package static func open(file path: String, options: ImportOptions) throws -> RecordSource {
        try open(ImportFile(path: path), options: options)
    }

    /// Detection and the reader over an open file (on disk, or bytes in memory).
    package static func open(_ file: ImportFile, options: ImportOptions) throws -> RecordSource {
        if try isSpreadsheet(file) { return try openSpreadsheet(file, options: options) }
        if options.sheet != nil {
            throw ImportError.badSpreadsheet(path: file.path, reason: "it is not an .xlsx workbook, so it has no sheets; drop the sheet clause")
        }
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
        // With `header row N`, from the header's line: title lines above it have no separators.
        let linesAbove = max((options.headerRow ?? 1) - 1, 0)
        var newlines = 0
        let fromHeader = file.bytes(from: skip).drop { b in
            if newlines >= linesAbove { return false }
            if b == 0x0A { newlines += 1 }
            return true
        }
        let separator = options.separator
            ?? FormatDetection.separator(utf8: fromHeader.prefix(options.limits.maxRecordBytes))
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
