import Foundation
import ZIPFoundation
import ClienteleCore

/// Writes result tables as an .xlsx workbook, one sheet per table: typed cells (money as
/// numbers in the store's currency format, percents in percent format, dates as dates,
/// booleans as booleans), a bold header row that is frozen and filtered, column widths fitted
/// to the content. Text is always a string cell, never a formula: a client named
/// `=HYPERLINK(…)` stays text (and gets Excel's "quote prefix", so editing it keeps it text).
///
/// ```swift
/// let data = try XLSXWriter.workbook([("clients", table)], currency: "RUB")
/// try data.write(to: URL(fileURLWithPath: "clients.xlsx"))
/// ```
package enum XLSXWriter {
    /// Cell styles, the order of `cellXfs` in styles.xml.
    private enum Style: Int { case plain = 0, header, money, percent, date, decimal, quotedText }

    package static func workbook(_ sheets: [(name: String, table: Table)], currency: String = "") throws -> Data {
        let names = sheetNames(sheets.map(\.name))
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", contentTypes(count: sheets.count)),
            ("_rels/.rels", Data(packageRels.utf8)),
            ("xl/workbook.xml", workbookXML(names)),
            ("xl/_rels/workbook.xml.rels", workbookRels(count: sheets.count)),
            ("xl/styles.xml", Data(styles(currency: currency).utf8)),
        ]
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", sheetXML(sheet.table)))
        }
        return try zip(parts)
    }

    /// A zip archive (deflated) of the parts, in order.
    package static func zip(_ parts: [(String, Data)]) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, data) in parts {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let bytes = archive.data else { throw ExportError.cannotWrite(path: "workbook", reason: "the zip archive was not made") }
            return bytes
        } catch let e as ExportError {
            throw e
        } catch {
            throw ExportError.cannotWrite(path: "workbook", reason: "the zip archive could not be made (\(error))")
        }
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`, unique ignoring case.
    package static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        return wanted.enumerated().map { i, raw in
            var base = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            base = base.trimmingCharacters(in: CharacterSet(charactersIn: "' "))
            if base.isEmpty { base = "Sheet\(i + 1)" }
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// The number format of money in the store's currency.
    package static func moneyFormat(_ currency: String) -> String {
        switch currency.uppercased() {
        case "": return "#,##0.00"
        case "RUB": return "#,##0.00\\ \"₽\""
        case "USD": return "\"$\"#,##0.00"
        case "EUR": return "#,##0.00\\ \"€\""
        default: return "#,##0.00\\ \"\(currency.filter { $0 != "\"" })\""
        }
    }

    private static func styles(currency: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="\(escape(moneyFormat(currency)))"/>\
        <numFmt numFmtId="165" formatCode="0.00%"/><numFmt numFmtId="166" formatCode="dd.mm.yyyy"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="7">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
    }

    private static func sheetXML(_ table: Table) -> Data {
        let columns = table.columns.count
        let lastColumn = columnName(max(columns - 1, 0))
        let lastRow = table.rows.count + 1
        var widths = table.columns.map { displayWidth($0.name) + 2 }
        var rows = ""
        rows.reserveCapacity(64 * table.rows.count + 256)
        rows += "<row r=\"1\">"
        for (c, column) in table.columns.enumerated() {
            rows += "<c r=\"\(columnName(c))1\" s=\"\(Style.header.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(column.name))</t></is></c>"
        }
        rows += "</row>"
        for (r, row) in table.rows.enumerated() {
            let n = r + 2
            rows += "<row r=\"\(n)\">"
            for (c, value) in row.enumerated() where c < columns {
                let ref = "\(columnName(c))\(n)"
                let (cell, shown) = self.cell(value, ref: ref)
                rows += cell
                widths[c] = max(widths[c], shown + 2)
            }
            rows += "</row>"
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <dimension ref="A1:\(lastColumn)\(lastRow)"/>\
            <sheetViews><sheetView workbookViewId="0" tabSelected="1">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/>
            """
        if columns > 0 {
            xml += "<cols>"
            for (c, w) in widths.enumerated() {
                xml += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(max(w, 6), 80))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>" + rows + "</sheetData>"
        if columns > 0 { xml += "<autoFilter ref=\"A1:\(lastColumn)\(lastRow)\"/>" }
        xml += "</worksheet>"
        return Data(xml.utf8)
    }

    /// The cell's XML and how wide it shows, in characters.
    private static func cell(_ value: Value, ref: String) -> (String, Int) {
        switch value {
        case .null:
            return ("", 0)
        case .decimal(let d) where d.isNaN:
            return ("", 0)
        case .integer(let i):
            return ("<c r=\"\(ref)\"><v>\(i)</v></c>", String(i).count)
        case .decimal:
            let text = value.plain
            return ("<c r=\"\(ref)\" s=\"\(Style.decimal.rawValue)\"><v>\(text)</v></c>", text.count)
        case .money(let m):
            let text = m.plain
            return ("<c r=\"\(ref)\" s=\"\(Style.money.rawValue)\"><v>\(text)</v></c>", text.count + text.count / 3 + 2)
        case .percent(let p):
            let fraction = SpreadsheetNumbers.plain("\(p.basisPoints)E-4") ?? "0"
            return ("<c r=\"\(ref)\" s=\"\(Style.percent.rawValue)\"><v>\(fraction)</v></c>", p.description.count)
        case .date(let d):
            return ("<c r=\"\(ref)\" s=\"\(Style.date.rawValue)\"><v>\(SpreadsheetNumbers.serial1900(d))</v></c>", 10)
        case .boolean(let b):
            return ("<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>", 5)
        case .text(let s):
            let style = s.first.map { "=+-@".contains($0) } == true ? " s=\"\(Style.quotedText.rawValue)\"" : ""
            return ("<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(s))</t></is></c>",
                    s.split(separator: "\n").map { displayWidth(String($0)) }.max() ?? 0)
        }
    }

    private static func displayWidth(_ s: String) -> Int { min(s.count, 80) }

    /// `A`, `Z`, `AA`…
    package static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// XML text: `&`, `<`, `>`, `"` escaped; characters XML 1.0 cannot hold (most control
    /// characters) and a literal `_x` written as ECMA-376 `_xHHHH_` escapes.
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var previousUnderscore = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if previousUnderscore && (scalar == "x" || scalar == "X") {
                out.removeLast()
                out += "_x005F_"
            }
            previousUnderscore = scalar == "_"
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private static func contentTypes(count: Int) -> Data {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for i in 1...max(count, 1) where i <= count {
            s += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return Data((s + "</Types>").utf8)
    }

    private static func workbookXML(_ names: [String]) -> Data {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (i, name) in names.enumerated() {
            s += "<sheet name=\"\(escape(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        s += "</sheets></workbook>"
        return Data(s.utf8)
    }

    private static func workbookRels(count: Int) -> Data {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for i in 0..<count {
            s += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return Data((s + "</Relationships>").utf8)
    }
}
