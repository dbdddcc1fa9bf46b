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
    /// The workbook's shared strings, let go at the end of the sheet (for a workbook of two
    /// million, 33 MB freed before the import's index builds and audit).
    private var sharedStrings: XLSXSharedStrings
    /// Shared strings still held (0 once the sheet is read to its end).
    package var sharedStringsHeld: Int { sharedStrings.count }
    private var lastRow = 0
    private var finished = false {
        didSet { if finished { sharedStrings = XLSXSharedStrings() } }
    }
    package private(set) var recordsRead = 0
    package var bytesConsumed: Int { xml.position }
    /// Bytes of the sheet's XML.
    package let totalBytes: Int

    package init(book: XLSXWorkbook, sheet: XLSXWorkbook.Sheet, limits: CSVLimits) throws {
        self.book = book
        self.sheet = sheet
        self.limits = limits
        sharedStrings = book.sharedStrings
        let (reader, size) = try book.sheetReader(sheet)
        xml = XMLPullParser(reader, maxText: limits.maxFieldBytes + 1)
        totalBytes = size
    }

    /// A cell's type (`t`): `n` (the default), `s`, `inlineStr`, `str`, `b`, `e`, `d`.
    private enum CellType {
        case number, shared, inline, formula, boolean, error, date

        private static let names: [([UInt8], CellType)] = [
            (Array("s".utf8), .shared), (Array("inlineStr".utf8), .inline), (Array("str".utf8), .formula),
            (Array("b".utf8), .boolean), (Array("e".utf8), .error), (Array("d".utf8), .date),
        ]

        /// Any other type is read as a number, as before.
        init(_ t: ArraySlice<UInt8>?) {
            self = .number
            guard let t else { return }
            for (name, type) in CellType.names where t.elementsEqual(name) { self = type; return }
        }
    }

    /// One cell being read.
    private struct Cell {
        var column: Int
        var type = CellType.number
        var style = 0
        var value = ""
        var inline = ""
        var cut = false
    }

    private static let rowName = Array("row".utf8), cellName = Array("c".utf8), valueName = Array("v".utf8)
    private static let inlineName = Array("is".utf8), textName = Array("t".utf8), phoneticName = Array("rPh".utf8)
    private static let sheetDataName = Array("sheetData".utf8)
    private static let r = Array("r".utf8), t = Array("t".utf8), s = Array("s".utf8)

    package func next() throws -> SourceRow? {
        var row = SourceRow(line: 0, fields: [])
        return try next(into: &row) ? row : nil
    }

    /// The next row into `row`, its field array reused.
    package func next(into row: inout SourceRow) throws -> Bool {
        do {
            return try readRow(&row)
        } catch let e as XMLMalformed {
            throw ImportError.badSpreadsheet(path: book.path, reason: "the sheet \"\(sheet.name)\" is not well-formed XML (byte \(e.offset) of its XML: \(e.reason))")
        }
    }

    /// `Int(String)` on ASCII bytes: a sign, then digits only; nil on anything else or overflow.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        var negative = false
        if i < bytes.endIndex, bytes[i] == 0x2B || bytes[i] == 0x2D { negative = bytes[i] == 0x2D; i += 1 }
        guard i < bytes.endIndex else { return nil }
        var n = 0
        while i < bytes.endIndex {
            let d = bytes[i]
            guard d >= 0x30 && d <= 0x39 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int(d - 0x30)) : m.addingReportingOverflow(Int(d - 0x30))
            guard !o1 && !o2 else { return nil }
            n = a
            i += 1
        }
        return n
    }

    private func readRow(_ row: inout SourceRow) throws -> Bool {
        guard !finished else { return false }
        let xml = self.xml
        row.fields.removeAll(keepingCapacity: true)
        var problem: RecordProblem?
        var line = 0
        var inRow = false
        var cell: Cell?
        var inValue = false, inInline = false, inText = false, phonetic = 0
        var rowBytes = 0
        while let event = try xml.nextRaw() {
            switch event {
            case .start:
                if xml.nameIs(XLSXSheetRecords.cellName) {
                    guard inRow else { break }
                    var column = row.fields.count
                    if let r = xml.attribute(XLSXSheetRecords.r) {
                        column = try XLSXSheetRecords.columnIndex(r, max: book.limits.maxColumns, path: book.path)
                    }
                    // A style that is no number (or a negative one) is style 0.
                    let style = xml.attribute(XLSXSheetRecords.s).flatMap(XLSXSheetRecords.integer) ?? 0
                    cell = Cell(column: column, type: CellType(xml.attribute(XLSXSheetRecords.t)), style: max(style, 0))
                } else if xml.nameIs(XLSXSheetRecords.valueName) {
                    inValue = true
                } else if xml.nameIs(XLSXSheetRecords.rowName) {
                    lastRow = xml.attribute(XLSXSheetRecords.r).flatMap(XLSXSheetRecords.integer) ?? lastRow + 1
                    guard lastRow >= 1 && lastRow <= 1_048_576 else { throw bad("row number \(lastRow) is outside a sheet (1 to 1048576)") }
                    line = lastRow
                    inRow = true
                    row.fields.removeAll(keepingCapacity: true)
                } else if xml.nameIs(XLSXSheetRecords.inlineName) {
                    inInline = true
                } else if xml.nameIs(XLSXSheetRecords.textName) {
                    inText = true
                } else if xml.nameIs(XLSXSheetRecords.phoneticName) {
                    phonetic += 1
                }
            case .text:
                if inValue { cell?.value += xml.text; if xml.textWasCut { cell?.cut = true } }
                else if inInline && inText && phonetic == 0 { cell?.inline += xml.text; if xml.textWasCut { cell?.cut = true } }
            case .end:
                if xml.nameIs(XLSXSheetRecords.valueName) {
                    inValue = false
                } else if xml.nameIs(XLSXSheetRecords.cellName) {
                    guard let c = cell else { break }
                    cell = nil
                    let (text, cellProblem) = value(of: c, field: c.column)
                    if problem == nil, let cellProblem { problem = cellProblem }
                    if c.column >= row.fields.count {
                        if text.isEmpty { break }
                        row.fields += repeatElement("", count: c.column - row.fields.count + 1)
                    }
                    row.fields[c.column] = text
                    rowBytes += text.utf8.count + 1
                    if c.cut || text.utf8.count > limits.maxFieldBytes {
                        problem = .fieldTooLong(field: c.column, limit: limits.maxFieldBytes)
                    }
                    if rowBytes > limits.maxRecordBytes, problem?.recordIsComplete != false {
                        problem = .recordTooLong(limit: limits.maxRecordBytes)
                    }
                } else if xml.nameIs(XLSXSheetRecords.rowName) {
                    guard inRow else { break }
                    recordsRead += 1
                    if row.fields.allSatisfy(\.isEmpty) { row.fields.removeAll(keepingCapacity: true); row.fields.append("") }
                    row.line = line
                    row.problem = problem
                    return true
                } else if xml.nameIs(XLSXSheetRecords.inlineName) {
                    inInline = false
                } else if xml.nameIs(XLSXSheetRecords.textName) {
                    inText = false
                } else if xml.nameIs(XLSXSheetRecords.phoneticName) {
                    phonetic -= 1
                } else if xml.nameIs(XLSXSheetRecords.sheetDataName) {
                    finished = true
                    return false
                }
            }
        }
        finished = true
        return false
    }

    private func bad(_ reason: String) -> ImportError {
        .badSpreadsheet(path: book.path, reason: "the sheet \"\(sheet.name)\": \(reason)")
    }

    /// The cell's text for the import, and a problem when it holds none that can be used.
    private func value(of c: Cell, field: Int) -> (String, RecordProblem?) {
        switch c.type {
        case .shared:
            guard let i = Int(ValueParser.trim(c.value)), i >= 0, i < sharedStrings.count else {
                return ("", .badCell(field: field, reason: "the cell refers to shared string \(c.value), which the workbook does not have"))
            }
            return checked(sharedStrings[i], field: field)
        case .inline:
            return checked(XLSXWorkbook.unescape(c.inline), field: field)
        case .formula:
            return checked(XLSXWorkbook.unescape(c.value), field: field)
        case .boolean:
            return (c.value == "1" ? "true" : c.value == "0" ? "false" : c.value, nil)
        case .error:
            return ("", .badCell(field: field, reason: "the cell holds the spreadsheet error \(c.value)"))
        case .date:
            return (String(c.value.prefix(10)), nil)
        case .number:
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
        try columnIndex(ArraySlice(reference.utf8), max: max, path: path)
    }

    static func columnIndex(_ reference: ArraySlice<UInt8>, max: Int, path: String) throws -> Int {
        var n = 0
        var letters = 0
        for b in reference {
            let u = b & 0xDF
            guard u >= 0x41 && u <= 0x5A else { break }
            n = n * 26 + Int(u - 0x40)
            letters += 1
            if letters > 3 || n > max {
                throw ImportError.badSpreadsheet(path: path, reason: "cell \(String(decoding: reference, as: UTF8.self)) is beyond column \(max), the last a sheet has")
            }
        }
        guard letters > 0 else { throw ImportError.badSpreadsheet(path: path, reason: "a cell reference \"\(String(decoding: reference, as: UTF8.self))\" without a column") }
        return n - 1
    }
}
