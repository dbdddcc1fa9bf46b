import Foundation
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Issue 20 items 3 and 4: the dossier's history imported and exported through the language,
/// and an import of orders reporting the first-deal terms its first shipments broke.
final class DossierImportTests: XCTestCase {
    func testHistoryImportsAndExportsAndOrdersReportTheFirstDealTerms() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder("dossier").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func write(_ name: String, _ text: String) throws -> String {
            let p = dir + "/" + name
            try text.write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
        let interactions = try write("contacts-log.csv", """
            Контрагент;ИНН;Дата;Канал;Результат
            ООО Фармация;;01.12.2025;звонок;прайс отправлен
            ;7701000006;05.10.2025;встреча;
            """)
        XCTAssertEqual(engine.transcript("import \"\(interactions)\" into interactions", origin: "test").components(separatedBy: "\n")[0],
                       "interactions from contacts-log.csv: 2 rows read, 2 inserted, 0 updated")
        let work = try write("collections.csv", """
            Заказ;Дата;Действие;Результат;Обещанная дата оплаты;Обещанная сумма
            A-011;15.12.2025;звонок;обещал;05.01.2026;100,00
            A-006;01.11.2025;претензия;;;
            """)
        XCTAssertEqual(engine.transcript("import \"\(work)\" into collections", origin: "test").components(separatedBy: "\n")[0],
                       "collections from collections.csv: 2 rows read, 2 inserted, 0 updated")
        let bad = try write("bad.csv", "Заказ;Дата;Действие\nZ-404;15.12.2025;звонок\n")
        XCTAssertTrue(engine.transcript("import \"\(bad)\" into collections", origin: "test").contains("unknown order: no order has number Z-404"))
        XCTAssertEqual(engine.transcript("clients | where id in [1, 4, 6] | sort id | select id, last_contact, next_promised_payment", origin: "test"), """
            ┌────┬──────────────┬───────────────────────┐
            │ id │ last_contact │ next_promised_payment │
            ├────┼──────────────┼───────────────────────┤
            │  1 │ 2025-12-01   │                       │
            │  4 │ 2025-11-01   │                       │
            │  6 │ 2025-12-15   │ 2026-01-05            │
            └────┴──────────────┴───────────────────────┘
            3 rows

            """)
        let out = dir + "/work.csv"
        _ = engine.transcript("export collections | sort date | select client = client.name, order = order.number, date, action, promised_amount to \"\(out)\"", origin: "test")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n"), """
            client,order,date,action,promised_amount
            Bright Paper Ltd,A-006,2025-11-01,претензия,
            Елена Трейд,A-011,2025-12-15,звонок,100.00

            """)

        // Orders: history, so added, and the first shipments' broken terms reported. New
        // clients: Новый (1 outlet, no contract): N-1 30 days deferral, 250 > 200; Договор
        // (contract 2025-01-01): D-1 within every term.
        try engine.run("""
            add clients name: "Новый", outlets: 1
            add clients name: "Договор", outlets: 1, contract_signed: 2025-01-01
            """)
        let orders = try write("orders.csv", """
            Дата;Номер;Контрагент;Сумма;Срок оплаты
            01.12.2025;N-1;Новый;250,00;31.12.2025
            02.12.2025;N-2;Новый;10,00;12.12.2025
            01.12.2025;D-1;Договор;100,00;11.12.2025
            """)
        let report = engine.transcript("import \"\(orders)\" into orders", origin: "test")
        XCTAssertTrue(report.hasSuffix("""
            first shipments that broke the first-deal terms (imported as history, not refused): 1
              - N-1 (Новый, 2025-12-01): deferral 30 days > 10; no supply contract; 250.00 above the first-deal limit 200.00

            """), report)
    }

    /// Which imported orders are first shipments (each client's earliest shipped order, by
    /// date then by id, whether stored or new): a stored earlier shipment makes none of a
    /// client's new orders first; a new order dated before the stored one is; a return or a
    /// cancellation is never one; of two on the same day, the one imported first.
    func testTheFirstShipmentIsEachClientsEarliestShippedOrder() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder("first").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try engine.run("""
            add clients name: "Старый", outlets: 1
            add clients name: "Ранний", outlets: 1
            add clients name: "Возврат", outlets: 1
            add clients name: "Двое", outlets: 1
            """)
        let stored = dir + "/stored.csv"
        try """
            Дата;Номер;Контрагент;Сумма;Срок оплаты
            01.06.2025;S-1;Старый;10,00;05.06.2025
            01.06.2025;R-0;Ранний;10,00;05.06.2025
            """.write(toFile: stored, atomically: true, encoding: .utf8)
        _ = engine.transcript("import \"\(stored)\" into orders", origin: "test")
        let orders = dir + "/orders.csv"
        try """
            Дата;Номер;Контрагент;Сумма;Срок оплаты;Статус
            01.01.2025;S-2;Старый;500,00;05.06.2025;shipped
            01.01.2025;R-1;Ранний;500,00;05.01.2025;returned
            01.03.2025;R-2;Ранний;500,00;05.03.2025;shipped
            01.02.2025;V-1;Возврат;500,00;05.02.2025;cancelled
            01.04.2025;V-2;Возврат;500,00;05.04.2025;shipped
            01.05.2025;D-1;Двое;500,00;05.05.2025;shipped
            01.05.2025;D-2;Двое;500,00;05.05.2025;shipped
            """.write(toFile: orders, atomically: true, encoding: .utf8)
        let report = engine.transcript("import \"\(orders)\" into orders", origin: "test")
        let named = report.components(separatedBy: "\n").filter { $0.hasPrefix("  - ") }.map { $0.dropFirst(4).prefix(3) }
        // S-2 is dated before the stored S-1, so it is Старый's first shipment.
        XCTAssertEqual(named, ["S-2", "R-2", "V-2", "D-1"], report)
    }
}
