import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange

/// Issue 18 part 2: an orders file with a category column is a file of order lines. Rows
/// with the same number and client are one order whose amounts are its lines' sums; a line
/// without an amount is price × quantity; unknown categories are created only when asked.
final class OrderLinesImportTests: XCTestCase {
    let header = "Номер;Дата;Контрагент;Номенклатурная группа;Количество;Цена;Скидка\n"

    func sandbox() throws -> ImportSandbox {
        let box = try ImportSandbox()
        let clients = try box.write("clients.csv", utf8: "Наименование;ИНН\nАльфа;1001\nБета;1002\n")
        XCTAssertEqual(try box.run(clients, into: .clients).inserted, 2)
        return box
    }

    func testLinesMakeOrdersWhoseAmountsAreTheirSums() throws {
        let box = try sandbox()
        // L-1: 10 × 12.50 = 125.00 and 2 × 100.00 = 200.00 less 10.00: gross 325.00, net 315.00.
        // L-2: 1 × 99.99 and 2.5 × 0.33 = 0.825 → 0.83 (half away from zero): 100.82.
        let file = try box.write("lines.csv", utf8: header + """
            L-1;15.03.2025;Альфа;Stationery;10;12,50;0
            L-1;15.03.2025;альфа;WATCHES;2;100,00;10,00
            L-2;16.03.2025;Бета;photo;1;99,99;0
            L-2;16.03.2025;Бета;Photo;2,5;0,33;0
            """)
        let report = try box.run(file, into: .orders)
        XCTAssertEqual(report.summary().components(separatedBy: "\n").prefix(2), [
            "orders from lines.csv: 4 rows read, 4 inserted, 0 updated",
            "order lines: 4 lines written to 2 orders (each order's amounts are its lines' sums)",
        ])
        XCTAssertEqual(try box.rows("SELECT number, gross_minor, discount_minor, net_minor FROM orders ORDER BY number"),
                       [["L-1", "32500", "1000", "31500"], ["L-2", "10082", "0", "10082"]])
        XCTAssertEqual(try box.rows("""
            SELECT o.number, c.name, l.gross_minor FROM order_lines l JOIN orders o ON o.id = l.order_id
            JOIN categories c ON c.id = l.category_id ORDER BY l.id
            """), [["L-1", "stationery", "12500"], ["L-1", "watches", "20000"], ["L-2", "photo", "9999"], ["L-2", "photo", "83"]])
        // Imported again: the orders are updated and their lines replaced, not doubled.
        let again = try box.run(file, into: .orders)
        XCTAssertEqual(again.summary().components(separatedBy: "\n")[0], "orders from lines.csv: 4 rows read, 0 inserted, 4 updated")
        XCTAssertEqual(try box.count("order_lines"), 4)
        XCTAssertEqual(try box.rows("SELECT gross_minor FROM orders ORDER BY number"), [["32500"], ["10082"]])
    }

    func testUnknownCategoriesAreCreatedOnlyWhenAsked() throws {
        let box = try sandbox()
        let file = try box.write("new.csv", utf8: header + "N-1;01.04.2025;Альфа;Сувениры;1;50;0\n")
        let refused = try box.run(file, into: .orders)
        XCTAssertFalse(refused.written)
        XCTAssertEqual(refused.errors.map(\.description), [
            "line 2, column \"Номенклатурная группа\", value \"Сувениры\": unknown category \"Сувениры\": add create categories to the import to create it, or import the categories first",
        ])
        XCTAssertEqual(try box.count("orders"), 0)
        let dry = try box.run(file, into: .orders) { $0.createCategories = true; $0.dryRun = true }
        XCTAssertTrue(dry.summary().contains("categories to create: Сувениры (margin 0%"), dry.summary())
        XCTAssertEqual(try box.rows("SELECT count(*) FROM categories WHERE name = 'Сувениры'"), [["0"]])
        let created = try box.run(file, into: .orders) { $0.createCategories = true }
        XCTAssertTrue(created.summary().contains("categories created: Сувениры (margin 0%: set their margins with import … into categories or update categories)"),
                      created.summary())
        XCTAssertEqual(try box.rows("SELECT margin_bp, goods_class FROM categories WHERE name = 'Сувениры'"), [["0", "B"]])
        XCTAssertEqual(try box.count("order_lines"), 1)
    }

    func testALineThatDisagreesWithItsOrderIsAnErrorOfItsOwnAndOfTheLinesAfterABadFirst() throws {
        let box = try sandbox()
        let file = try box.write("bad.csv", utf8: header + """
            B-1;01.05.2025;Альфа;photo;1;10;0
            B-1;02.05.2025;Альфа;photo;1;10;0
            B-2;01.05.2025;Бета;photo;0;10;0
            B-2;01.05.2025;Бета;photo;1;10;0
            B-3;01.05.2025;Бета;;1;10;0
            """)
        let report = try box.run(file, into: .orders)
        XCTAssertFalse(report.written)
        XCTAssertEqual(report.errors.map(\.description), [
            "line 3, column \"Дата\", value \"02.05.2025\": order B-1 is dated 2025-05-01 on its first line (line 2); each line of an order has the order's date",
            "line 4, column \"Количество\", value \"0\": a quantity is more than 0 (a return is an order with status returned)",
            "line 5, column \"Номер\", value \"B-2\": order B-2 is refused: its first line (line 4) has errors",
            "line 6, column \"Номенклатурная группа\": required, but empty: each line of an order needs its category",
        ])
        XCTAssertEqual(try box.count("orders"), 0)
        XCTAssertEqual(try box.count("order_lines"), 0)
    }
}
