"""W8x's workbook for scripts/bench.py: the orders of W8's CSV written as an .xlsx file the
way a spreadsheet program saves it (no openpyxl needed: the parts are written by hand)."""
import io
import sqlite3


def excel_serial(iso):
    """A date as Excel's serial day number (1900 system, after 1900-03-01)."""
    from datetime import date
    return (date.fromisoformat(iso) - date(1899, 12, 30)).days


def write_orders_xlsx(store, path, shared_numbers=False):
    """The orders of W8's CSV as an .xlsx workbook the way a spreadsheet program saves it
    (its sheets' names returned): sheets of at most 1,048,575 orders, dates as serial numbers with a date format, amounts as numbers, the tax ids
    and statuses as shared strings, the order numbers (unique) as inline strings, or with
    `shared_numbers` as shared strings too (as Excel saves them: one shared string a row)."""
    import zipfile
    from xml.sax.saxutils import escape
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    shared, order = {}, []

    def sst(text):
        if text not in shared:
            shared[text] = len(order)
            order.append(text)
        return shared[text]
    headers = ["Дата", "Номер", "ИНН", "Сумма", "Скидка", "Сумма со скидкой", "Срок оплаты", "Status"]
    cols = "ABCDEFGH"
    sheets = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        q = """SELECT o.order_date, o.number, c.tax_id, o.gross_minor, o.discount_minor, o.net_minor, o.due_date, o.status
               FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.id"""
        rows = con.execute(q)
        more = True
        while more:
            # A sheet holds 1,048,576 rows (the header and 1,048,575 orders); the rest go on
            # to the next sheet, as a spreadsheet program would have to save them.
            sheets.append(f"Заказы {len(sheets) + 1}")
            with z.open(f"xl/worksheets/sheet{len(sheets)}.xml", "w", force_zip64=True) as f:
                out = io.TextIOWrapper(f, encoding="utf-8", newline="")
                out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                out.write('<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{sst(h)}</v></c>' for c, h in zip(cols, headers))
                          + "</row>")
                n = 1
                more = False
                for d, num, inn, g, disc, net, due, st in rows:
                    n += 1
                    out.write(f'<row r="{n}"><c r="A{n}" s="1"><v>{excel_serial(d)}</v></c>'
                              + (f'<c r="B{n}" t="s"><v>{sst(num)}</v></c>' if shared_numbers else
                                 f'<c r="B{n}" t="inlineStr"><is><t>{escape(num)}</t></is></c>') +
                              f'<c r="C{n}" t="s"><v>{sst(inn)}</v></c>'
                              f'<c r="D{n}"><v>{g / 100:.2f}</v></c><c r="E{n}"><v>{disc / 100:.2f}</v></c>'
                              f'<c r="F{n}"><v>{net / 100:.2f}</v></c><c r="G{n}" s="1"><v>{excel_serial(due)}</v></c>'
                              f'<c r="H{n}" t="s"><v>{sst(st)}</v></c></row>')
                    if n == 1_048_576:
                        more = True
                        break
                out.write("</sheetData></worksheet>")
                out.flush()
                out.detach()
        con.close()
        z.writestr("xl/sharedStrings.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(order)}" '
                   f'uniqueCount="{len(order)}">' + "".join(f"<si><t>{escape(t)}</t></si>" for t in order) + "</sst>")
        z.writestr("xl/styles.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets>' + "".join(f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 10}"/>'
                                        for i, name in enumerate(sheets)) + '</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i + 10}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                             for i in range(len(sheets))) +
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   '</Relationships>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(len(sheets))) +
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   '</Types>')
    return sheets
