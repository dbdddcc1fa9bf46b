import XCTest
@testable import Clientele

final class DelimitedRendererTests: XCTestCase {
    let csv = RenderOptions(format: .csv)

    func testHeaderAndExactPlainValues() {
        // No grouping, no truncation even with a narrow width, nulls empty.
        var options = csv
        options.width = 10
        options.maxRows = 1
        assertRenders(.table(Sample.clients), options, """
        id,name,turnover,discount,last_order
        1,ООО «Фармация»,12345.00,5%,2025-03-01
        2,ИП Ёлкин Пётр Сергеевич,1234567.89,2.5%,2024-12-31
        10,АО «Север»,-0.05,,
        """)
    }

    func testQuotesSeparatorsAndLineBreaksInsideValues() {
        let table = Table(
            columns: [Column(name: "name", type: .text), Column(name: "note, short", type: .text)],
            rows: [[.text(#"ООО "Ромашка""#), .text("first line\nsecond line")],
                   [.text("Smith, Jones & Co"), .text("semi;colon")],
                   [.text(" padded "), .null]])
        // (`\"` below is a plain quote: the literal cannot hold three quotes in a row.)
        assertRenders(.table(table), csv, """
        name,"note, short"
        "ООО ""Ромашка""\",\"first line
        second line"
        "Smith, Jones & Co",semi;colon
         padded ,
        """)
    }

    func testSemicolonAndDecimalCommaForRussianSpreadsheets() {
        let table = Table(
            columns: [Column(name: "client", type: .text), Column(name: "turnover", type: .money),
                      Column(name: "discount", type: .percent), Column(name: "average", type: .decimal),
                      Column(name: "orders", type: .integer)],
            rows: [[.text("ООО «Фармация»"), Sample.money("1234567.89"), Sample.percent("2.5%"),
                    .decimal(Decimal(string: "1234.5")!), .integer(12)],
                   [.text("Иванов; Петров"), Sample.money("-0.05"), Sample.percent("5%"), .null, .integer(0)]])
        assertRenders(.table(table), RenderOptions(format: .csv, csvSeparator: ";", decimalComma: true), """
        client;turnover;discount;average;orders
        ООО «Фармация»;1234567,89;2,5%;1234,50;12
        "Иванов; Петров";-0,05;5%;;0
        """)
        // With a comma separator a decimal comma must be quoted.
        assertRenders(.table(Table(columns: [table.columns[1]], rows: [[Sample.money("1.5")]])),
                      RenderOptions(format: .csv, decimalComma: true), """
        turnover
        "1,50"
        """)
    }

    func testLoneEmptyFieldIsQuotedSoTheRowSurvives() {
        let table = Table(columns: [Column(name: "email", type: .text)], rows: [[.text("a@b.ru")], [.null], [.text("")]])
        assertRenders(.table(table), csv, """
        email
        a@b.ru
        ""
        ""
        """)
    }

    func testNullTextAppliesToCSV() {
        var options = csv
        options.nullText = "NULL"
        let table = Table(columns: [Column(name: "a", type: .text), Column(name: "b", type: .money)], rows: [[.null, .null]])
        assertRenders(.table(table), options, """
        a,b
        NULL,NULL
        """)
    }

    func testScalarChartAndMessage() {
        assertRenders(.scalar(name: "count", value: .integer(42)), csv, """
        count
        42
        """)
        assertRenders(.chart(title: "turnover by abc", labels: ["A", "B"], values: [Sample.money("1000"), Sample.money("250.5")]), csv, """
        label,value
        A,1000.00
        B,250.50
        """)
        assertRenders(.message("3 clients updated."), csv, "3 clients updated.")
    }

    func testEmptyTableIsTheHeaderRow() {
        assertRenders(.table(Table(columns: Sample.clients.columns, rows: [])), csv, "id,name,turnover,discount,last_order")
    }
}
