import Foundation
import XCTest
import Clientele

/// Not a test: measures importing 2,000,000 orders. Runs only with CLIENTELE_BIG_IMPORT=1:
///
///     CLIENTELE_BIG_IMPORT=1 swift test -c release -Xswiftc -enable-testing --filter BigImportMeasurement
///
/// Leaves the CSV in $CLIENTELE_BIG_IMPORT_DIR (default /tmp/clientele-big-import) for a
/// comparison with `sqlite3 x.sqlite '.import --csv orders.csv plain'`.
final class BigImportMeasurement: XCTestCase {
    func testImportTwoMillionOrders() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["CLIENTELE_BIG_IMPORT"] == "1" else { throw XCTSkip("set CLIENTELE_BIG_IMPORT=1 to measure") }
        let rows = Int(env["CLIENTELE_BIG_IMPORT_ROWS"] ?? "") ?? 2_000_000
        let dir = env["CLIENTELE_BIG_IMPORT_DIR"] ?? "/tmp/clientele-big-import"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = dir + "/orders.csv", db = dir + "/store.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let store = try Store(path: db)
        let clients = 5_000
        try store.write { db in
            let st = try db.makeStatement(sql: "INSERT INTO clients(name, tax_id) VALUES (?, ?)")
            for c in 1...clients { try st.execute(arguments: ["Клиент \(c)", String(7_700_000_000 + c)]) }
        }
        if !FileManager.default.fileExists(atPath: csv) {
            var text = "Дата;Номер;Контрагент;ИНН;Сумма;Скидка;Сумма со скидкой;Срок оплаты\n"
            text.reserveCapacity(rows * 90)
            for i in 1...rows {
                let c = i % clients + 1, d = i % 28 + 1, m = i % 12 + 1
                let gross = 10_000 + (i * 7919) % 9_000_000, discount = gross / 20
                func money(_ v: Int) -> String { "\(v / 100),\(String(format: "%02d", v % 100))" }
                text += "\(String(format: "%02d.%02d", d, m)).2025;\(i);Клиент \(c);\(7_700_000_000 + c);\(money(gross));\(money(discount));\(money(gross - discount));\n"
            }
            try text.write(toFile: csv, atomically: true, encoding: .utf8)
        }
        var options = ImportOptions()
        options.progress = { p in print(String(format: "  %d / ~%d rows, %.0f rows/s", p.rowsDone, p.totalEstimate, p.rowsPerSecond)) }
        options.progressInterval = 500_000
        let report = try Importer.run(file: csv, into: .orders, options: options, store: store)
        XCTAssertEqual(report.inserted, rows, report.summary())
        print(report.summary())
        print(String(format: "BIG IMPORT: %d rows in %.2f s = %.0f rows/s", rows, report.seconds, Double(rows) / report.seconds))
    }
}
