import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange

/// Issue 18 part 1: clients carry an external code (1C «Код», a CRM's customer id), unique
/// when set; imports of clients match it first, and orders, payments and contacts name
/// their client by it before the tax id and the name.
final class ClientCodeImportTests: XCTestCase {
    func testClientsAreMatchedByCodeAndOrdersNameTheirClientByIt() throws {
        let box = try ImportSandbox()
        let clients = try box.write("clients.csv", utf8: """
            Код;Наименование;ИНН;Регион
            00-000101;ООО Ромашка;7701234567;Москва
            00-000102;ИП Петров;;Тула
            00-000103;Вектор;;Казань
            """)
        XCTAssertEqual(try box.run(clients, into: .clients).summary().components(separatedBy: "\n")[0],
                       "clients from clients.csv: 3 rows read, 3 inserted, 0 updated")
        // Renamed in the accounting system: the code finds the client, the name follows.
        let renamed = try box.write("renamed.csv", utf8: """
            Code,Name,Region
            00-000102,ИП Петров А. В.,Тула
            00-000104,Новый,Омск
            """)
        XCTAssertEqual(try box.run(renamed, into: .clients).summary().components(separatedBy: "\n")[0],
                       "clients from renamed.csv: 2 rows read, 1 inserted, 1 updated")
        XCTAssertEqual(try box.rows("SELECT code, name, region FROM clients ORDER BY code"), [
            ["00-000101", "ООО Ромашка", "Москва"], ["00-000102", "ИП Петров А. В.", "Тула"],
            ["00-000103", "Вектор", "Казань"], ["00-000104", "Новый", "Омск"],
        ])
        // A transaction panel keyed by customer id, with no name column at all.
        let orders = try box.write("orders.csv", utf8: """
            CustomerID,Order date,Number,Gross
            00-000103,2025-03-01,A-1,100.00
            00-000102,2025-03-02,A-2,250.50
            """)
        XCTAssertEqual(try box.run(orders, into: .orders).inserted, 2)
        XCTAssertEqual(try box.rows("SELECT o.number, c.name FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.number"),
                       [["A-1", "Вектор"], ["A-2", "ИП Петров А. В."]])
        // The code wins over a name column that says otherwise.
        let contacts = try box.write("contacts.csv", utf8: """
            Код контрагента;Контрагент;ФИО
            00-000101;Вектор;Анна Смирнова
            """)
        XCTAssertEqual(try box.run(contacts, into: .contacts).inserted, 1)
        XCTAssertEqual(try box.rows("SELECT c.name FROM contacts k JOIN clients c ON c.id = k.client_id"), [["ООО Ромашка"]])
        let payments = try box.write("payments.csv", utf8: """
            Date,Client code,Order,Amount
            2025-03-10,00-000103,A-1,100.00
            """)
        XCTAssertEqual(try box.run(payments, into: .payments).inserted, 1)
    }

    func testCodeErrorsNameTheLineAndChangeNothing() throws {
        let box = try ImportSandbox()
        let seed = try box.write("seed.csv", utf8: """
            Код;Наименование;ИНН
            K1;Альфа;1001
            K2;Бета;1002
            """)
        XCTAssertEqual(try box.run(seed, into: .clients).inserted, 2)
        let before = try box.store.contentChecksum()
        let bad = try box.write("bad.csv", utf8: """
            Код;Наименование;ИНН
            K3;Гамма;
            K3;Гамма-2;
            K1;Альфа;1002
            K9;Бета;
            """)
        let r = try box.run(bad, into: .clients)
        XCTAssertEqual(r.errors.map(\.description), [
            "line 3, column \"Код\", value \"K3\": duplicate: the same code is on line 2",
            "line 4, column \"ИНН\", value \"1002\": this tax id belongs to another client (Бета), not to the one with this code",
            "line 5, column \"Код\", value \"K9\": this client (Бета) already has the code K2; change it with update clients, not by import",
        ])
        XCTAssertEqual(try box.store.contentChecksum(), before)
        let appended = try box.run(seed, into: .clients) { $0.mode = .append }
        XCTAssertEqual(appended.errors.first?.description,
                       "line 2, column \"Код\", value \"K1\": a client with this code already exists (Альфа); import without append to update it")
        let orders = try box.write("orders.csv", utf8: """
            Код клиента;Дата;Сумма
            K7;2025-03-01;10
            """)
        XCTAssertEqual(try box.run(orders, into: .orders).errors.map(\.description),
                       ["line 2, column \"Код клиента\", value \"K7\": unknown client: no client has this code"])
        XCTAssertEqual(try box.store.contentChecksum(), before)
    }

    func testTheLanguageSeesCodesAndTheStoreKeepsThemUnique() throws {
        let box = try ImportSandbox()
        let engine = Engine(store: box.store)
        _ = try engine.run("add clients name: \"Альфа\", code: \"K1\"")
        XCTAssertEqual(try engine.run("clients | where code == \"K1\" | select name"), try engine.run("clients | where name == \"Альфа\" | select name"))
        XCTAssertThrowsError(try engine.run("add clients name: \"Бета\", code: \"K1\"")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "another row already has this code; code must be unique")
        }
        // Many clients without a code are fine.
        _ = try engine.run("add clients name: \"Бета\"\nadd clients name: \"Гамма\"")
        XCTAssertEqual(try box.rows("SELECT count(*) FROM clients WHERE code IS NULL"), [["2"]])
    }
}
