import Foundation
import ClienteleCore

/// The rows of one sheet of an .xlsx workbook as import records, streamed from the sheet's
/// XML: each cell becomes the text the CSV import would read (shared, inline and rich-text
/// strings as they are; numbers as exact plain digits; date-formatted numbers as ISO dates in
/// the workbook's date system; percent-formatted numbers as `25%`; booleans `true`/`false`).
/// A row's `line` is its row number in the spreadsheet.
///
/// ```swift
/// let book = try XLSXWorkbook(file: ImportFile(path: "sales.xlsx"), limits: XLSXLimits())
/// let rows = try XLSXSheetRecords(book: book, sheet: book.sheet(named: nil), limits: CSVLimits())
/// while let row = try rows.next() { print(row.line, row.fields) }
/// ```
package final class XLSXSheetRecords: RecordReader {
    private let book: XLSXWorkbook
    private let sheet: XLSXWorkbook.Sheet
    private let xml: XMLPullParser
    private let limits: CSVLimits
    private var lastRow = 0
    private var finished = false
    package private(set) var recordsRead = 0
    package var bytesConsumed: Int { xml.position }
    /// Bytes of the sheet's XML.
    package let totalBytes: Int

    package init(book: XLSXWorkbook, sheet: XLSXWorkbook.Sheet, limits: CSVLimits) throws {
        self.book = book
        self.sheet = sheet
        self.limits = limits
        let (reader, size) = try book.sheetReader(sheet)
        xml = XMLPullParser(reader, maxText: limits.maxFieldBytes + 1)
        totalBytes = size
    }

    /// One cell being read.
    private struct Cell {
        var column: Int
        var type = "n"
        var style = 0
        var value = ""
        var inline = ""
        var cut = false
    }

    package func next() throws -> SourceRow? {
        do {
            return try readRow()
        } catch let e as XMLMalformed {
            throw ImportError.badSpreadsheet(path: book.path, reason: "the sheet \"\(sheet.name)\" is not well-formed XML (byte \(e.offset) of its XML: \(e.reason))")
        }
    }

    private func readRow() throws -> SourceRow? {
        guard !finished else { return nil }
        var fields: [String] = []
        var problem: RecordProblem?
        var line = 0
        var inRow = false
        var cell: Cell?
        var inValue = false, inInline = false, inText = false, phonetic = 0
        var rowBytes = 0
        while let event = try xml.next() {
            switch event {
            case .start("row", let a):
                lastRow = a["r"].flatMap { Int($0) } ?? lastRow + 1
                guard lastRow >= 1 && lastRow <= 1_048_576 else { throw bad("row number \(lastRow) is outside a sheet (1 to 1048576)") }
                line = lastRow
                inRow = true
                fields = []
            case .start("c", let a) where inRow:
                var column = fields.count
                if let r = a["r"] { column = try XLSXSheetRecords.columnIndex(r, max: book.limits.maxColumns, path: book.path) }
                cell = Cell(column: column, type: a["t"] ?? "n", style: a["s"].flatMap { Int($0) } ?? 0)
            case .start("v", _): inValue = true
            case .end("v"): inValue = false
            case .start("is", _): inInline = true
            case .end("is"): inInline = false
            case .start("rPh", _): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let s):
                if inValue { cell?.value += s; if xml.textWasCut { cell?.cut = true } }
                else if inInline && inText && phonetic == 0 { cell?.inline += s; if xml.textWasCut { cell?.cut = true } }
            case .end("c"):
                guard let c = cell else { break }
                cell = nil
                let (text, cellProblem) = value(of: c, field: c.column)
                if problem == nil, let cellProblem { problem = cellProblem }
                if c.column >= fields.count {
                    if text.isEmpty { break }
                    fields += Array(repeating: "", count: c.column - fields.count + 1)
                }
                fields[c.column] = text
                rowBytes += text.utf8.count + 1
                if c.cut || text.utf8.count > limits.maxFieldBytes {
                    problem = .fieldTooLong(field: c.column, limit: limits.maxFieldBytes)
                }
                if rowBytes > limits.maxRecordBytes, problem?.recordIsComplete != false {
                    problem = .recordTooLong(limit: limits.maxRecordBytes)
                }
            case .end("row"):
                guard inRow else { break }
                recordsRead += 1
                if fields.allSatisfy(\.isEmpty) { fields = [""] }
                return SourceRow(line: line, fields: fields, problem: problem)
            case .end("sheetData"):
                finished = true
                return nil
            default: break
            }
        }
        finished = true
        return nil
    }

    private func bad(_ reason: String) -> ImportError {
        .badSpreadsheet(path: book.path, reason: "the sheet \"\(sheet.name)\": \(reason)")
    }

    /// The cell's text for the import, and a problem when it holds none that can be used.
    private func value(of c: Cell, field: Int) -> (String, RecordProblem?) {
        switch c.type {
        case "s":
            guard let i = Int(ValueParser.trim(c.value)), i >= 0, i < book.sharedStrings.count else {
                return ("", .badCell(field: field, reason: "the cell refers to shared string \(c.value), which the workbook does not have"))
            }
            return checked(book.sharedStrings[i], field: field)
        case "inlineStr":
            return checked(XLSXWorkbook.unescape(c.inline), field: field)
        case "str":
            return checked(XLSXWorkbook.unescape(c.value), field: field)
        case "b":
            return (c.value == "1" ? "true" : c.value == "0" ? "false" : c.value, nil)
        case "e":
            return ("", .badCell(field: field, reason: "the cell holds the spreadsheet error \(c.value)"))
        case "d":
            return (String(c.value.prefix(10)), nil)
        default:
            let v = ValueParser.trim(c.value)
            if v.isEmpty { return ("", nil) }
            let kind = c.style < book.styleKinds.count ? book.styleKinds[c.style] : .number
            switch kind {
            case .date:
                switch SpreadsheetNumbers.date(serial: v, system1904: book.system1904) {
                case .success(let d): return (ValueParser.iso(d), nil)
                case .failure(.fakeLeapDay):
                    return ("", .badCell(field: field, reason: "the cell holds 1900-02-29 (serial number 60), a day that does not exist: Excel counts it by an old mistake"))
                case .failure:
                    return ("", .badCell(field: field, reason: "the cell's number \(v) is formatted as a date but is no date"))
                }
            case .percent:
                return (SpreadsheetNumbers.percent(v) ?? v, nil)
            case .number, .time:
                return (SpreadsheetNumbers.plain(v) ?? v, nil)
            }
        }
    }

    /// Text with a control character other than tab and line breaks is refused, as in CSV.
    private func checked(_ text: String, field: Int) -> (String, RecordProblem?) {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F {
                return (text, .controlCharacter(field: field, byte: UInt8(v), character: position))
            }
        }
        return (text, nil)
    }

    /// `A` is 0, `Z` 25, `AA` 26; the row digits after the letters are ignored.
    package static func columnIndex(_ reference: String, max: Int, path: String) throws -> Int {
        var n = 0
        var letters = 0
        for b in reference.utf8 {
            let u = b & 0xDF
            guard u >= 0x41 && u <= 0x5A else { break }
            n = n * 26 + Int(u - 0x40)
            letters += 1
            if letters > 3 || n > max {
                throw ImportError.badSpreadsheet(path: path, reason: "cell \(reference) is beyond column \(max), the last a sheet has")
            }
        }
        guard letters > 0 else { throw ImportError.badSpreadsheet(path: path, reason: "a cell reference \"\(reference)\" without a column") }
        return n - 1
    }
}
