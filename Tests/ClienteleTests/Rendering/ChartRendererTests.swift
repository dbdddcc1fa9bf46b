import XCTest
@testable import Clientele

final class ChartRendererTests: XCTestCase {
    func testBarsInEighthsScaledToTheLargestValue() {
        // Bars get 17 - 1 (label) - 2 (value) - 4 (gaps) = 10 columns = 80 eighths, so each
        // value is its own number of eighths: 45 = 5 full blocks and ▋ (5/8).
        let chart = Output.chart(title: "orders by abc", labels: ["A", "B", "C", "D", "E", "F"],
                                 values: [80, 45, 3, 1, 0, -5].map { .integer($0) })
        assertRenders(chart, RenderOptions(width: 17), """
        orders by abc
        A  ██████████  80
        B  █████▋      45
        C  ▍            3
        D  ▏            1
        E               0
        F              -5
        """)
    }

    func testMoneyLabelsByDisplayWidthAndDefaultWidth80() {
        let chart = Output.chart(title: "turnover by client",
                                 labels: ["ООО «Фармация»", "東京商事", "ИП Ёлкин"],
                                 values: [Sample.money("1234567"), Sample.money("456789"), Sample.money("45678")])
        // 80 - 14 - 12 - 4 = 50 columns of bar: 456,789 / 1,234,567 × 400 eighths = 148 = 18 + ▌.
        assertRenders(chart, RenderOptions(), """
        turnover by client
        ООО «Фармация»  ██████████████████████████████████████████████████  1,234,567.00
        東京商事        ██████████████████▌                                   456,789.00
        ИП Ёлкин        █▉                                                     45,678.00
        """)
    }

    func testAllZeroAndNullValuesDrawNoBars() {
        let chart = Output.chart(title: "", labels: ["A", "B"], values: [.integer(0), .null])
        // 20 - 1 - 1 - 4 = 14 columns of empty bar.
        assertRenders(chart, RenderOptions(width: 20, nullText: "–"), """
        A                  0
        B                  –
        """)
        assertRenders(.chart(title: "empty", labels: [], values: []), RenderOptions(), """
        empty
        (no data)
        """)
    }

    func testChartFromTwoColumnTable() throws {
        let table = Table(columns: [Column(name: "abc", type: .label), Column(name: "turnover", type: .money)],
                          rows: [[.text("A"), Sample.money("10")], [.null, Sample.money("5")]])
        XCTAssertEqual(try Chart.from(table: table),
                       .chart(title: "turnover by abc", labels: ["A", ""], values: [Sample.money("10"), Sample.money("5")]))
        XCTAssertEqual(try Chart.from(table: table, title: "ABC"),
                       .chart(title: "ABC", labels: ["A", ""], values: [Sample.money("10"), Sample.money("5")]))
    }

    func testChartFromWrongShapedTableSaysWhatItNeeds() {
        XCTAssertThrowsError(try Chart.from(table: Sample.clients)) { error in
            XCTAssertEqual("\(error)", "chart needs two columns: a label and a number; got 5 columns")
        }
        let one = Table(columns: [Column(name: "name", type: .text)], rows: [])
        XCTAssertThrowsError(try Chart.from(table: one)) { error in
            XCTAssertEqual("\(error)", "chart needs two columns: a label and a number; got 1 column")
        }
        let textual = Table(columns: [Column(name: "id", type: .integer), Column(name: "name", type: .text)], rows: [])
        XCTAssertThrowsError(try Chart.from(table: textual)) { error in
            XCTAssertEqual("\(error)", "chart needs two columns: a label and a number; the second column 'name' is text")
        }
    }
}
