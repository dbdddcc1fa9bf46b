import Foundation
@testable import ClienteleInterchange

/// Builds .xlsx files for the tests, cell by cell, the way spreadsheet programs write them:
/// shared strings (some rich text, some with phonetic runs), inline strings, numbers,
/// booleans, date styles (built-in and custom formats), the 1904 date system, title rows
/// above the header and total rows. Only the parts a reader needs; zipped by the
/// project's own `XLSXWriter.zip`.
///
/// ```swift
/// var book = XLSXFixture()
/// book.row(1, [.shared("Дата"), .shared("Сумма")])
/// book.row(2, [.date(45658), .number("100.5")])
/// let data = try book.data()
/// ```
struct XLSXFixture {
    enum Cell {
        case shared(String)
        /// A shared string written as rich-text runs.
        case rich([String])
        case inline(String)
        case number(String)
        /// A serial number with a date style (style 1: built-in 14; style 2: custom `dd.mm.yyyy`).
        case date(Int, style: Int = 1)
        case percent(String)
        case boolean(Bool)
        case error(String)
        case empty
        /// Raw cell XML, for hostile cases.
        case raw(String)
    }

    var sheetName = "Лист1"
    var extraSheets: [(String, String)] = []
    var system1904 = false
    private var rows: [(Int, [Cell])] = []
    private var strings: [String] = []
    private var richStrings: [Int: [String]] = [:]
    /// Replaces the sheet's XML (hostile cases).
    var rawSheet: String?
    /// Replaces the shared strings part's XML.
    var rawSharedStrings: String?

    mutating func row(_ number: Int, _ cells: [Cell]) { rows.append((number, cells)) }

    private mutating func sharedIndex(_ s: String) -> Int {
        if let i = strings.firstIndex(of: s), richStrings[i] == nil { return i }
        strings.append(s)
        return strings.count - 1
    }

    mutating func sheetXML() -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:XFD1048576\"/><sheetData>"
        for (n, cells) in rows {
            xml += "<row r=\"\(n)\">"
            for (c, cell) in cells.enumerated() {
                let ref = XLSXWriter.columnName(c) + "\(n)"
                switch cell {
                case .shared(let s): xml += "<c r=\"\(ref)\" t=\"s\"><v>\(sharedIndex(s))</v></c>"
                case .rich(let runs):
                    strings.append(runs.joined())
                    richStrings[strings.count - 1] = runs
                    xml += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.count - 1)</v></c>"
                case .inline(let s): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(XLSXWriter.escape(s))</t></is></c>"
                case .number(let v): xml += "<c r=\"\(ref)\"><v>\(v)</v></c>"
                case .date(let serial, let style): xml += "<c r=\"\(ref)\" s=\"\(style)\"><v>\(serial)</v></c>"
                case .percent(let v): xml += "<c r=\"\(ref)\" s=\"3\"><v>\(v)</v></c>"
                case .boolean(let b): xml += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                case .error(let e): xml += "<c r=\"\(ref)\" t=\"e\"><v>\(e)</v></c>"
                case .empty: break
                case .raw(let x): xml += x
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>"
    }

    mutating func data() throws -> Data {
        let sheet = rawSheet ?? sheetXML()
        var sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\">"
        for (i, s) in strings.enumerated() {
            if let runs = richStrings[i] {
                sst += "<si>" + runs.map { "<r><rPr><b/></rPr><t xml:space=\"preserve\">\(XLSXWriter.escape($0))</t></r>" }.joined()
                    + "<rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
            } else {
                sst += "<si><t>\(XLSXWriter.escape(s))</t></si>"
            }
        }
        sst += "</sst>"
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="1"><numFmt numFmtId="170" formatCode="[$-419]dd\\.mm\\.yyyy;@"/></numFmts>\
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>\
            <xf numFmtId="170" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>
            """
        var sheets = "<sheet name=\"\(XLSXWriter.escape(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/>"
        var rels = "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        var parts: [(String, Data)] = []
        for (i, (name, xml)) in extraSheets.enumerated() {
            let n = i + 2
            sheets += "<sheet name=\"\(XLSXWriter.escape(name))\" sheetId=\"\(n)\" r:id=\"rId\(n)\"/>"
            rels += "<Relationship Id=\"rId\(n)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet\(n).xml\"/>"
            parts.append(("xl/worksheets/sheet\(n).xml", Data(xml.utf8)))
        }
        rels += "<Relationship Id=\"rId90\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        rels += "<Relationship Id=\"rId91\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <workbookPr\(system1904 ? " date1904=\"1\"" : "")/><sheets>\(sheets)</sheets></workbook>
            """
        parts += [
            ("[Content_Types].xml", Data("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("_rels/.rels", Data("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
            ("xl/workbook.xml", Data(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Data("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>".utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/sharedStrings.xml", Data((rawSharedStrings ?? sst).utf8)),
            ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
        ]
        return try XLSXWriter.zip(parts)
    }
}
