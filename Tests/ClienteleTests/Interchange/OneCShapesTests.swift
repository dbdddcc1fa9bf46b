import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange
import ClienteleTestSupport

/// The headers of 1C УТ / Бухгалтерия exports (issue #18, item 5), and a «Валовая прибыль»
/// report per category filling the categories' margins.
final class OneCShapesTests: XCTestCase {
    func testOneCClientHeadersMapAndTheFullNameIsTheNameOnlyWithoutAShortOne() throws {
        let box = try ImportSandbox()
        let file = try box.write("k.csv", utf8: """
            Полное наименование;ИНН;Бизнес-регион;Основной менеджер
            Общество с ограниченной ответственностью "Альфа";7701000001;Москва;Иванова
            """)
        let report = try box.run(file, into: .clients)
        XCTAssertEqual(report.inserted, 1, report.summary())
        XCTAssertEqual(try box.rows("SELECT name, region, curator FROM clients"),
                       [["Общество с ограниченной ответственностью \"Альфа\"", "Москва", "Иванова"]])
        let both = try box.write("k2.csv", utf8: """
            Наименование;Полное наименование;ИНН
            Бета;ООО "Бета";7701000002
            """)
        let second = try box.run(both, into: .clients)
        XCTAssertEqual(second.ignoredColumns, ["Полное наименование"])
        XCTAssertEqual(try box.rows("SELECT name FROM clients WHERE tax_id = '7701000002'"), [["Бета"]])
    }

    func testAGrossProfitReportPerCategoryFillsTheMargins() throws {
        let box = try ImportSandbox()
        var book = XLSXFixture()
        book.row(1, [.shared("Валовая прибыль за 2025 год")])
        book.row(3, [.shared("Номенклатурная группа"), .shared("Количество"), .shared("Выручка"), .shared("Себестоимость"),
                     .shared("Валовая прибыль")])
        book.row(4, [.shared("Молочная продукция"), .number("1200"), .number("1000000"), .number("750000"), .number("250000")])
        book.row(5, [.shared("Бакалея"), .number("50"), .number("300000"), .number("200000"), .empty])   // cost only
        book.row(6, [.shared("Прочее"), .number("0"), .number("0"), .number("0"), .number("0")])        // no revenue
        book.row(7, [.shared("Итого"), .empty, .number("1300000"), .number("950000"), .number("350000")])
        let file = try box.write("Валовая прибыль.xlsx", bytes: Array(book.data()))
        let report = try box.run(file, into: .categories)
        XCTAssertEqual(report.inserted, 3, report.summary())
        XCTAssertEqual(report.ignoredColumns, ["Количество"])
        XCTAssertEqual(report.totalRows, [7])
        XCTAssertEqual(try box.rows("SELECT name, margin_bp FROM categories WHERE name IN ('Бакалея', 'Молочная продукция', 'Прочее') ORDER BY name"),
                       [["Бакалея", "3333"], ["Молочная продукция", "2500"], ["Прочее", "0"]])

        var bad = XLSXFixture()
        bad.row(1, [.shared("Номенклатурная группа"), .shared("Выручка"), .shared("Валовая прибыль")])
        bad.row(2, [.shared("Убыточное"), .number("100"), .number("-20")])
        let loss = try box.write("loss.xlsx", bytes: Array(bad.data()))
        let refused = try box.run(loss, into: .categories)
        XCTAssertEqual(refused.errors.map(\.description),
                       ["row 2, column \"Валовая прибыль\", value \"-20\": the margin from this report, -20%, is outside 0% to 100%"])
    }
}
