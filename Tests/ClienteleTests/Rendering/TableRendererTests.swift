import XCTest
@testable import Clientele

final class TableRendererTests: XCTestCase {
    let width80 = RenderOptions(width: 80)

    func testCyrillicTableAlignsAtWidth80() {
        assertRenders(.table(Sample.clients), width80, """
        ┌────┬─────────────────────────┬──────────────┬──────────┬────────────┐
        │ id │ name                    │     turnover │ discount │ last_order │
        ├────┼─────────────────────────┼──────────────┼──────────┼────────────┤
        │  1 │ ООО «Фармация»          │    12,345.00 │       5% │ 2025-03-01 │
        │  2 │ ИП Ёлкин Пётр Сергеевич │ 1,234,567.89 │     2.5% │ 2024-12-31 │
        │ 10 │ АО «Север»              │        -0.05 │          │            │
        └────┴─────────────────────────┴──────────────┴──────────┴────────────┘
        3 rows
        """)
    }

    func testWideTableCutsTextColumnsThenDropsColumnsAndSaysSo() {
        let wide = Table(
            columns: [Column(name: "id", type: .integer), Column(name: "name", type: .text),
                      Column(name: "address", type: .text), Column(name: "turnover", type: .money),
                      Column(name: "debt", type: .money), Column(name: "email", type: .text),
                      Column(name: "phone", type: .text), Column(name: "manager", type: .text),
                      Column(name: "comment", type: .text)],
            rows: [
                [.integer(1), .text("ООО «Фармация» — аптечная сеть"), .text("г. Москва, ул. Большая Садовая, д. 10"),
                 Sample.money("1234567.89"), Sample.money("0"), .text("zakaz@farmacia.ru"), .text("+7 495 123-45-67"),
                 .text("Иванова"), .text("VIP")],
                [.integer(2), .text("ИП Ёлкин"), .text("Тверь"), Sample.money("99.90"), Sample.money("15000"),
                 .text("elkin@mail.ru"), .text("+7 4822 11-22-33"), .text("Петров"), .null],
            ])
        // Numbers keep every digit; the text columns share what is left, 6 or 7 columns each.
        assertRenders(.table(wide), width80, """
        ┌────┬─────────┬─────────┬──────────────┬───────────┬────────┬────────┬────────┐
        │ id │ name    │ address │     turnover │      debt │ email  │ phone  │ manag… │
        ├────┼─────────┼─────────┼──────────────┼───────────┼────────┼────────┼────────┤
        │  1 │ ООО «Ф… │ г. Мос… │ 1,234,567.89 │      0.00 │ zakaz… │ +7 49… │ Ивано… │
        │  2 │ ИП Ёлк… │ Тверь   │        99.90 │ 15,000.00 │ elkin… │ +7 48… │ Петров │
        └────┴─────────┴─────────┴──────────────┴───────────┴────────┴────────┴────────┘
        2 rows
        (columns truncated to fit 80: name, address, email, phone, manager; not shown: comment)
        """)
    }

    func testTextIsCutBeforeColumnsAreDropped() {
        var options = width80
        options.width = 40
        assertRenders(.table(Sample.clients), options, """
        ┌────┬──────────────────┬──────────────┐
        │ id │ name             │     turnover │
        ├────┼──────────────────┼──────────────┤
        │  1 │ ООО «Фармация»   │    12,345.00 │
        │  2 │ ИП Ёлкин Пётр С… │ 1,234,567.89 │
        │ 10 │ АО «Север»       │        -0.05 │
        └────┴──────────────────┴──────────────┘
        3 rows
        (columns truncated to fit 40: name; not shown: discount, last_order)
        """)
    }

    func testWideCharactersAndCombiningAccentsAlign() {
        let table = Table(
            columns: [Column(name: "name", type: .text), Column(name: "n", type: .integer)],
            rows: [[.text("東京商事"), .integer(1)],                       // 4 wide ideographs
                   [.text("Cafe\u{301} Zoe\u{308}"), .integer(22)],       // decomposed accents
                   [.text("ｶﾀｶﾅ ＡＢＣ"), .integer(333)],                 // halfwidth kana, fullwidth Latin
                   [.text("한국 👍🏽"), .integer(4)]])                     // Hangul, emoji with skin tone
        assertRenders(.table(table), width80, """
        ┌─────────────┬─────┐
        │ name        │   n │
        ├─────────────┼─────┤
        │ 東京商事    │   1 │
        │ Café Zoë    │  22 │
        │ ｶﾀｶﾅ ＡＢＣ │ 333 │
        │ 한국 👍🏽     │   4 │
        └─────────────┴─────┘
        4 rows
        """)
    }

    func testWideCharacterNeverStraddlesTheCut() {
        let table = Table(columns: [Column(name: "name", type: .text), Column(name: "total", type: .money)],
                          rows: [[.text("株式会社東京商事"), Sample.money("1000")]])
        var options = width80
        options.width = 23
        // 8 columns for the name: after three ideographs (6) and "…" (1) one column is
        // left, too narrow for the fourth, so it is padded.
        assertRenders(.table(table), options, """
        ┌──────────┬──────────┐
        │ name     │    total │
        ├──────────┼──────────┤
        │ 株式会…  │ 1,000.00 │
        └──────────┴──────────┘
        1 row
        (columns truncated to fit 23: name)
        """)
    }

    func testRowLimitSaysHowManyMoreRows() {
        let table = Table(columns: [Column(name: "n", type: .integer)],
                          rows: (1...1003).map { [.integer(Int64($0))] })
        var options = width80
        options.maxRows = 3
        assertRenders(.table(table), options, """
        ┌───┐
        │ n │
        ├───┤
        │ 1 │
        │ 2 │
        │ 3 │
        └───┘
        … 1,000 more rows (.last shows them; .maxrows 0 shows every row)
        1,003 rows
        """)
        // Column widths come from the rows shown only.
        options.maxRows = 1002
        XCTAssertTrue(Renderer(options: options).render(.table(table)).hasSuffix("""
        │ 1002 │
        └──────┘
        … 1 more row (.last shows them; .maxrows 0 shows every row)
        1,003 rows

        """))
        options.maxRows = nil
        XCTAssertTrue(Renderer(options: options).render(.table(table)).hasSuffix("│ 1003 │\n└──────┘\n1,003 rows\n"))
    }

    func testEmptyResultShowsTheHeader() {
        let empty = Table(columns: Sample.clients.columns, rows: [])
        assertRenders(.table(empty), width80, """
        ┌────┬──────┬──────────┬──────────┬────────────┐
        │ id │ name │ turnover │ discount │ last_order │
        ├────┼──────┼──────────┼──────────┼────────────┤
        └────┴──────┴──────────┴──────────┴────────────┘
        0 rows
        """)
    }

    func testControlCharactersInCellsAreShownNotObeyed() {
        let table = Table(columns: [Column(name: "note", type: .text)],
                          rows: [[.text("line 1\nline 2\r\nend")], [.text("a\tb")], [.text("\u{1B}[31mred")]])
        assertRenders(.table(table), width80, """
        ┌───────────────────┐
        │ note              │
        ├───────────────────┤
        │ line 1↵line 2↵end │
        │ a⇥b               │
        │ ␛[31mred          │
        └───────────────────┘
        3 rows
        """)
    }

    func testNullTextAndBooleans() {
        let table = Table(columns: [Column(name: "active", type: .boolean), Column(name: "debt", type: .money)],
                          rows: [[.boolean(true), .null], [.boolean(false), Sample.money("1")]])
        var options = width80
        options.nullText = "NULL"
        assertRenders(.table(table), options, """
        ┌────────┬──────┐
        │ active │ debt │
        ├────────┼──────┤
        │ true   │ NULL │
        │ false  │ 1.00 │
        └────────┴──────┘
        2 rows
        """)
    }

    func testColourDimsBordersAndBoldsHeaders() {
        let table = Table(columns: [Column(name: "n", type: .integer)], rows: [[.integer(7)]])
        let dim = "\u{1B}[2m", bold = "\u{1B}[1m", reset = "\u{1B}[0m"
        assertRenders(.table(table), RenderOptions(color: true), """
        \(dim)┌───┐\(reset)
        \(dim)│\(reset) \(bold)n\(reset) \(dim)│\(reset)
        \(dim)├───┤\(reset)
        \(dim)│\(reset) 7 \(dim)│\(reset)
        \(dim)└───┘\(reset)
        1 row
        """)
    }

    func testNoEscapeSequencesWithoutColour() {
        let hostile = Table(columns: [Column(name: "name\u{1B}[1m", type: .text), Column(name: "total", type: .money)],
                            rows: [[.text("\u{1B}]0;pwned\u{07}\u{1B}[2J"), Sample.money("1")]])
        let outputs: [Output] = [
            .table(hostile), .table(Sample.clients), .scalar(name: "n", value: .text("\u{1B}[31m")),
            .chart(title: "t\u{1B}[1m", labels: ["\u{1B}[31mA"], values: [.integer(3)]),
        ]
        for format in [OutputFormat.table, .markdown] {
            for output in outputs {
                let text = Renderer(options: RenderOptions(format: format, width: 80)).render(output)
                XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"), "\(format): \(text)")
                XCTAssertFalse(text.unicodeScalars.contains("\u{07}"), "\(format): \(text)")
            }
        }
        let json = Renderer(options: RenderOptions(format: .json)).render(.table(hostile))
        XCTAssertFalse(json.unicodeScalars.contains("\u{1B}"))
        XCTAssertTrue(json.contains(#"\u001b]0;pwned\u0007\u001b[2J"#))
    }

    func testScalarIsJustTheFormattedValue() {
        let r = Renderer(options: width80)
        XCTAssertEqual(r.render(.scalar(name: "count", value: .integer(42))), "42\n")
        XCTAssertEqual(r.render(.scalar(name: "turnover", value: Sample.money("12345"))), "12,345.00\n")
        XCTAssertEqual(r.render(.scalar(name: "share", value: Sample.percent("2.5%"))), "2.5%\n")
        XCTAssertEqual(r.render(.scalar(name: "note", value: .text("two\nlines"))), "two\nlines\n")
        XCTAssertEqual(r.render(.message("3 clients updated.")), "3 clients updated.\n")
    }

    func testTableWithoutColumnsOnlyCountsRows() {
        XCTAssertEqual(Renderer(options: width80).render(.table(Table(columns: [], rows: []))), "0 rows\n")
    }
}
