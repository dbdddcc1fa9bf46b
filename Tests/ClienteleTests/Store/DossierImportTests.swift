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
}
